"""Erasure and retention: an organisation, or everything older than the retention period,
removed for good, with no byte of it left in the database files.

Decisions:

- **What goes with an organisation**: its assessments (drafts, finished, discarded) with their
  answers, notes, evidence and targets; its group assessments (workshops) with their agreed
  answers and dissent; the accounts' access to it (``memberships``: the accounts themselves stay, they
  belong to people); the organisation's row; and the model versions that only the erased
  records used (an uploaded model may name the force), with their upload records. A model
  version nothing used is left alone: it was not about this organisation. Nor is the model
  chosen as the default for new assessments (``model_default``): the whole server uses it,
  so the default never points at nothing (see :mod:`store.model_choice`). An assessment of another organisation filed under
  one of the erased workshops is kept and detached from it.
- **What a purge takes**: every assessment, whatever its status, last changed more than N days
  ago; every group assessment closed more than N days ago (an open one stays, however old:
  it is still in use); then every organisation left with no assessment, no group assessment
  and no account given it. An organisation someone was given stays even when empty: a
  consultant was given it to work on. An assessment younger than N days is never erased: one
  in a purged workshop is detached from it.
- **One transaction**: the rows go in one transaction (``BEGIN IMMEDIATE`` on SQLite), and the
  plan a caller was shown is counted again inside it, so what is reported is what went.
  On PostgreSQL the organisations' rows are locked first (``FOR UPDATE``) so a concurrent
  draft cannot be filed under an organisation that is going.
- **No bytes left (SQLite)**: the deleting connection has ``secure_delete`` on, so freed
  space in each page is zeroed as the rows go; then ``VACUUM`` rebuilds the file (freed pages
  written before secure_delete was on disappear too; ``temp_store=MEMORY`` keeps the rebuilt
  copy out of temporary files); then ``wal_checkpoint(TRUNCATE)`` copies the clean pages into
  the file and empties the write-ahead log, which holds older versions of every page. That
  checkpoint must wait for other connections (the running app) to finish reading; it is tried
  for :data:`CHECKPOINT_SECONDS`, and if a reader still holds the log the result says so in
  :attr:`Erased.residue` instead of claiming success.
- **PostgreSQL**: the rows go, then ``VACUUM FULL`` rewrites each affected table and its
  indexes into new files (plain ``VACUUM`` only marks dead rows reusable; their bytes stay in
  the pages). ``VACUUM FULL`` locks each table for the moment of the rewrite; if the lock is not
  had within :data:`PG_LOCK_TIMEOUT`, a plain ``VACUUM`` is run and :attr:`Erased.residue` says
  so. PostgreSQL's own write-ahead log, its archive and any backup keep old pages until they
  roll over: that is said in SECURITY.md, not claimed away here.
- **After the transaction**: the overwrite runs after the rows are committed; a fault during
  it (a full disk: ``VACUUM`` needs room for a copy) does not undo the erasure, it is
  reported in :attr:`Erased.residue`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, Select, delete, exists, func, select, update
from sqlalchemy.exc import DBAPIError

from store.base import StoreBase, retried
from store.faults import classify, is_fault
from store.records import StoreError
from store.tables import (
    AgreedAnswer,
    Answer,
    Assessment,
    Membership,
    ModelDefault,
    ModelUpload,
    ModelVersion,
    Organisation,
    Target,
    Workshop,
    utcnow,
)

#: How long the write-ahead log is tried for emptying while other connections read it.
CHECKPOINT_SECONDS = 3.0
#: How long VACUUM FULL waits for each table's lock on PostgreSQL before falling back.
PG_LOCK_TIMEOUT = "5s"
#: The tables an erasure writes to (rewritten afterwards on PostgreSQL).
ERASED_TABLES = (
    Answer.__tablename__,
    Target.__tablename__,
    Assessment.__tablename__,
    AgreedAnswer.__tablename__,
    Workshop.__tablename__,
    Membership.__tablename__,
    Organisation.__tablename__,
    ModelUpload.__tablename__,
    ModelVersion.__tablename__,
)


class UnknownOrganisation(StoreError, LookupError):
    """No organisation has this name (the message quotes only the name given)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no organisation is called {name!r}")
        self.name = name


class BadRetention(StoreError):
    """A retention period that is not a whole number of days reaching back into the calendar."""


@dataclass(frozen=True, kw_only=True)
class Erased:
    """How much an erasure takes (a plan) or took (once done).

    Attributes:
        drafts, finished, discarded: assessments by status (draft, complete, abandoned).
        answers: answer rows of those assessments; ``notes``: how many of them hold a note;
            ``evidence``: how many hold evidence.
        targets: target levels chosen in those assessments.
        workshops: group assessments; ``agreed_answers``: their agreed answers and dissent.
        memberships: accounts' access to the erased organisations (the accounts stay).
        model_versions: model versions that nothing else uses.
        done: False for a plan, True once the rows are gone.
        residue: None when nothing erased is left in the database files (or, for a plan,
            nothing was done yet); otherwise what may remain, why, and what to do.
    """

    drafts: int = 0
    finished: int = 0
    discarded: int = 0
    answers: int = 0
    notes: int = 0
    evidence: int = 0
    targets: int = 0
    workshops: int = 0
    agreed_answers: int = 0
    memberships: int = 0
    model_versions: int = 0
    done: bool = False
    residue: str | None = None

    @property
    def assessments(self) -> int:
        """Assessments of every status."""
        return self.drafts + self.finished + self.discarded

    def counts(self) -> dict[str, int]:
        """The counts by field name (everything but ``done`` and ``residue``)."""
        return {name: getattr(self, name) for name in COUNTS}


#: The count fields of :class:`Erased`, in the order a person reads them.
COUNTS = tuple(f.name for f in fields(Erased) if f.name not in ("done", "residue"))


@dataclass(frozen=True, kw_only=True)
class ErasurePlan(Erased):
    """What erasing one organisation takes (see :class:`Erased`)."""

    organisation: str


@dataclass(frozen=True, kw_only=True)
class PurgePlan(Erased):
    """What a purge takes: records untouched since ``cutoff`` (UTC), and the organisations
    left with nothing (by name)."""

    days: int
    cutoff: dt.datetime
    organisations: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing to erase."""
        return not self.organisations and not any(self.counts().values())


@dataclass(frozen=True)
class _Scope:
    """The rows to erase: ids of assessments and workshops (as subqueries, evaluated by the
    database), and the organisations (their ids, read first)."""

    assessments: Select[Any]
    workshops: Select[Any]
    organisations: tuple[int, ...]


def cutoff(days: int, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``days`` days before ``now`` (default: the store's clock).

    Raises:
        BadRetention: when ``days`` is outside 1 to ``limits.RETENTION_DAYS``.
    """
    from questionnaire.limits import RETENTION_DAYS

    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= RETENTION_DAYS:
        raise BadRetention(
            f"the retention period must be from 1 to {RETENTION_DAYS:,} days, not {days!r}"
        )
    try:
        return (now or utcnow()) - dt.timedelta(days=days)
    except OverflowError:
        raise BadRetention(f"a retention period of {days:,} days reaches back too far") from None


class Erasure(StoreBase):
    """Erasure and retention for :class:`store.Store` (see the module's decisions)."""

    @retried
    def organisation_names(self) -> list[str]:
        """Every stored organisation's name, whatever it holds, by name."""
        with self.session(write=False) as s:
            names = s.scalars(select(Organisation.name)).all()
        return sorted(names, key=lambda n: (n.casefold(), n))

    # --- one organisation --------------------------------------------------------------
    @retried
    def erasure_plan(self, organisation: str) -> ErasurePlan:
        """What :meth:`erase_organisation` would erase; nothing is changed.

        Raises:
            UnknownOrganisation: when no organisation has exactly this name.
        """
        with self.engine.connect().execution_options(read_only=True) as conn, conn.begin():
            scope = self._organisation_scope(conn, organisation)
            return ErasurePlan(organisation=organisation, **_count(conn, scope))

    def erase_organisation(self, organisation: str) -> ErasurePlan:
        """Erase an organisation and everything stored under it, in one transaction, then
        overwrite the freed space (see the module's decisions).

        Returns:
            What was erased (``done`` True), with ``residue`` saying what may remain.

        Raises:
            UnknownOrganisation: when no organisation has exactly this name.
        """
        counts = self._erase_organisation_rows(organisation)
        return ErasurePlan(organisation=organisation, done=True, residue=self.compact(), **counts)

    @retried
    def _erase_organisation_rows(self, organisation: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            _secure_delete(conn)
            with conn.begin():
                scope = self._organisation_scope(conn, organisation, lock=True)
                return _erase(conn, scope)

    @staticmethod
    def _organisation_scope(conn: Connection, name: str, *, lock: bool = False) -> _Scope:
        query = select(Organisation.id).where(Organisation.name == name)
        found = conn.scalar(query.with_for_update() if lock else query)
        if found is None:
            raise UnknownOrganisation(name)
        return _Scope(
            assessments=select(Assessment.id).where(Assessment.organisation_id == found),
            workshops=select(Workshop.id).where(Workshop.organisation_id == found),
            organisations=(found,),
        )

    # --- retention ---------------------------------------------------------------------
    @retried
    def purge_plan(self, days: int, now: dt.datetime | None = None) -> PurgePlan:
        """What :meth:`purge` would erase for a retention period of ``days``; nothing is
        changed.

        Raises:
            BadRetention: when ``days`` is not a usable number of days.
        """
        when = cutoff(days, now)
        with self.engine.connect().execution_options(read_only=True) as conn, conn.begin():
            scope = _purge_scope(conn, when)
            return PurgePlan(
                days=days, cutoff=when, organisations=_names(conn, scope), **_count(conn, scope)
            )

    def purge(self, days: int, now: dt.datetime | None = None) -> PurgePlan:
        """Erase every assessment untouched for more than ``days`` days, every group
        assessment closed that long ago, and every organisation then left with nothing
        (see the module's decisions), in one transaction; then overwrite the freed space.

        Raises:
            BadRetention: when ``days`` is not a usable number of days.
        """
        when = cutoff(days, now)
        names, counts = self._purge_rows(when)
        residue = self.compact() if names or any(counts.values()) else None
        return PurgePlan(
            days=days, cutoff=when, organisations=names, done=True, residue=residue, **counts
        )

    @retried
    def _purge_rows(self, when: dt.datetime) -> tuple[tuple[str, ...], dict[str, Any]]:
        with self.engine.connect() as conn:
            _secure_delete(conn)
            with conn.begin():
                scope = _purge_scope(conn, when, lock=True)
                names = _names(conn, scope)
                return names, _erase(conn, scope)

    # --- overwriting -------------------------------------------------------------------
    def compact(self) -> str | None:
        """Overwrite the space deleted rows have freed (run after every erasure, and again
        by hand when an erasure reported a residue).

        Returns:
            None when nothing deleted is left in the database files; otherwise a sentence
            saying what may remain, why, and what to do.
        """
        try:
            if self.engine.dialect.name == "postgresql":
                return self._scrub_postgresql()
            return self._scrub_sqlite()
        except (DBAPIError, sqlite3.Error) as exc:
            # VACUUM and the checkpoint run on the driver's connection, so SQLite's own
            # errors arrive unwrapped; either way only a fault of the database is reported
            # here, a bug is raised.
            if isinstance(exc, sqlite3.ProgrammingError | sqlite3.IntegrityError) or (
                isinstance(exc, DBAPIError) and not is_fault(exc)
            ):
                raise
            self.reconnect()
            return (
                "the records are erased, but the database could not then be compacted "
                f"({classify(exc).reason}), so their bytes may remain in its free space until it is "
                "reused; once the fault is cleared, compact it (VACUUM, with the app "
                "stopped)"
            )

    def _scrub_sqlite(self) -> str | None:
        with self.engine.connect() as conn:
            raw: Any = conn.connection.driver_connection
            raw.execute("PRAGMA secure_delete=ON")
            raw.execute("PRAGMA temp_store=MEMORY")
            raw.execute("VACUUM")
            timeout = raw.execute("PRAGMA busy_timeout").fetchone()[0]
            raw.execute("PRAGMA busy_timeout=100")
            try:
                deadline = time.monotonic() + CHECKPOINT_SECONDS
                while True:
                    busy, log, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if not busy or log == -1:  # emptied, or not in WAL mode (no log)
                        return None
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
            finally:
                raw.execute(f"PRAGMA busy_timeout={int(timeout)}")
        return (
            "the records are erased, but another program (most likely the running app) was "
            "reading the database, so its write-ahead log (the file ending in -wal) could not "
            "be emptied and may still hold them; stop the app (SQLite empties and removes "
            "that file when the last connection closes)"
        )

    def _scrub_postgresql(self) -> str | None:
        tables = ", ".join(f'"{t}"' for t in ERASED_TABLES)
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f"SET lock_timeout = '{PG_LOCK_TIMEOUT}'")
            try:
                conn.exec_driver_sql(f"VACUUM FULL {tables}")
                return None
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
                    raise
                conn.exec_driver_sql(f"VACUUM {tables}")
            finally:
                # The connection goes back to the pool: the app's work keeps its own timeout.
                conn.exec_driver_sql("RESET lock_timeout")
        return (
            "the records are erased and their rows pruned, but the tables could not be "
            "rewritten (another connection held them), so the erased bytes may stay in the "
            "tables' free space until it is reused; run VACUUM FULL on them when the app is "
            "stopped"
        )


def _secure_delete(conn: Connection) -> None:
    """Zero freed space as rows are deleted on this connection (SQLite; a no-op elsewhere)."""
    if conn.dialect.name == "sqlite":
        raw: Any = conn.connection.driver_connection
        raw.execute("PRAGMA secure_delete=ON")


def _purge_scope(conn: Connection, when: dt.datetime, *, lock: bool = False) -> _Scope:
    assessments = select(Assessment.id).where(Assessment.updated_at < when)
    workshops = select(Workshop.id).where(Workshop.status == "closed", Workshop.closed_at < when)
    # An organisation goes when nothing stays under it: no assessment or workshop outside
    # the erased ones, and no account given it. Written against what survives, this reads
    # the same before and after the rows go.
    empty = (
        select(Organisation.id)
        .where(
            ~exists().where(
                Assessment.organisation_id == Organisation.id, Assessment.id.not_in(assessments)
            ),
            ~exists().where(
                Workshop.organisation_id == Organisation.id, Workshop.id.not_in(workshops)
            ),
            ~exists().where(Membership.organisation_id == Organisation.id),
        )
        .order_by(Organisation.id)
    )
    found = conn.scalars(empty.with_for_update() if lock else empty).all()
    return _Scope(assessments, workshops, tuple(found))


def _names(conn: Connection, scope: _Scope) -> tuple[str, ...]:
    if not scope.organisations:
        return ()
    names = conn.scalars(
        select(Organisation.name).where(Organisation.id.in_(scope.organisations))
    ).all()
    return tuple(sorted(names, key=lambda n: (n.casefold(), n)))


def _orphaned_models(conn: Connection, scope: _Scope) -> list[int]:
    """Model versions the scope's records use, no record outside it uses, and that are not
    the default for new assessments."""
    used = select(Assessment.model_version_id).where(Assessment.id.in_(scope.assessments))
    used_by_workshops = select(Workshop.model_version_id).where(Workshop.id.in_(scope.workshops))
    query = select(ModelVersion.id).where(
        ModelVersion.id.in_(used.union(used_by_workshops)),
        ~exists().where(
            Assessment.model_version_id == ModelVersion.id,
            Assessment.id.not_in(scope.assessments),
        ),
        ~exists().where(
            Workshop.model_version_id == ModelVersion.id, Workshop.id.not_in(scope.workshops)
        ),
        ~exists().where(ModelDefault.model_version_id == ModelVersion.id),
    )
    return list(conn.scalars(query).all())


def _count(conn: Connection, scope: _Scope) -> dict[str, Any]:
    """The counts of :class:`Erased` for a scope (read, nothing changed)."""

    def counted(query: Select[Any]) -> int:
        return int(conn.scalar(select(func.count()).select_from(query.subquery())) or 0)

    by_status = dict(
        conn.execute(
            select(Assessment.status, func.count())
            .where(Assessment.id.in_(scope.assessments))
            .group_by(Assessment.status)
        ).all()
    )
    answers = select(Answer.assessment_id).where(Answer.assessment_id.in_(scope.assessments))
    return {
        "drafts": int(by_status.get("draft", 0)),
        "finished": int(by_status.get("complete", 0)),
        "discarded": int(by_status.get("abandoned", 0)),
        "answers": counted(answers),
        "notes": counted(answers.where(Answer.note.is_not(None))),
        "evidence": counted(answers.where(Answer.evidence.is_not(None))),
        "targets": counted(
            select(Target.assessment_id).where(Target.assessment_id.in_(scope.assessments))
        ),
        "workshops": counted(scope.workshops),
        "agreed_answers": counted(
            select(AgreedAnswer.workshop_id).where(AgreedAnswer.workshop_id.in_(scope.workshops))
        ),
        "memberships": counted(
            select(Membership.user_id).where(Membership.organisation_id.in_(scope.organisations))
        ),
        "model_versions": len(_orphaned_models(conn, scope)),
    }


def _erase(conn: Connection, scope: _Scope) -> dict[str, Any]:
    """Delete a scope's rows inside the caller's transaction; returns what went.

    Children go before parents, explicitly (not through ON DELETE CASCADE), so the order
    does not depend on SQLite's foreign-key switch.
    """
    counts = _count(conn, scope)
    models = _orphaned_models(conn, scope)
    orgs: Sequence[int] = scope.organisations
    conn.execute(delete(Answer).where(Answer.assessment_id.in_(scope.assessments)))
    conn.execute(delete(Target).where(Target.assessment_id.in_(scope.assessments)))
    conn.execute(
        update(Assessment)
        .where(Assessment.workshop_id.in_(scope.workshops), Assessment.id.not_in(scope.assessments))
        .values(workshop_id=None)
    )
    # The workshops' ids are read before any assessment goes, so the agreed answers and
    # the workshops deleted are exactly the ones counted.
    workshops = list(conn.scalars(scope.workshops).all())
    conn.execute(delete(Assessment).where(Assessment.id.in_(scope.assessments)))
    if workshops:
        conn.execute(delete(AgreedAnswer).where(AgreedAnswer.workshop_id.in_(workshops)))
        conn.execute(delete(Workshop).where(Workshop.id.in_(workshops)))
    if orgs:
        conn.execute(delete(Membership).where(Membership.organisation_id.in_(orgs)))
        conn.execute(delete(Organisation).where(Organisation.id.in_(orgs)))
    if models:
        conn.execute(delete(ModelUpload).where(ModelUpload.model_version_id.in_(models)))
        conn.execute(delete(ModelVersion).where(ModelVersion.id.in_(models)))
    return counts
