"""The plumbing under `Store`: engine and migrations, transactions, model versions, rows.

Every unit of work is one short transaction. On SQLite writes begin with ``BEGIN IMMEDIATE``
and reads with a deferred ``BEGIN`` (see :mod:`store.db`).
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Self, TypeVar

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.pool import StaticPool

from questionnaire.schema import Model, Respondent, Responses
from scoring import score
from store import faults, records
from store.db import make_engine, migrate
from store.faults import is_fault
from store.records import StoredAssessment, UnscoredAssessment
from store.scores import score_rows, shown_date, stored, write_scores

if TYPE_CHECKING:
    from scoring.aggregate import GroupResult
    from scoring.result import Result
    from store.scores import GroupScores
from store.tables import Answer, Assessment, ModelVersion, Organisation, Target, utcnow

Executor = Connection | Session
P = ParamSpec("P")
T = TypeVar("T")
S = TypeVar("S", bound="StoreBase")


def retried(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """Run a store method under :func:`store.faults.retrying`: a fault that may pass is tried
    again briefly, and every database error leaves as a :class:`store.faults.DatabaseFault`.

    Only methods whose work is one transaction (or several, each safe to repeat) wear this.
    """

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> T:
        return faults.retrying(lambda: method(self, *args, **kwargs), self.reconnect)

    return wrapper


def insert_ignore(conn: Executor, table: Any, values: dict[str, Any]) -> None:
    """INSERT a row unless one with the same unique key exists (race-free on both backends)."""
    dialect = postgresql if _dialect(conn) == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())


def upsert(conn: Executor, table: Any, keys: dict[str, Any], values: dict[str, Any]) -> None:
    """INSERT a row, or UPDATE ``values`` of the row with the same primary ``keys``."""
    dialect = postgresql if _dialect(conn) == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**keys, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=values))


def _dialect(conn: Executor) -> str:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind.dialect.name


#: The assessments History, exports and comparisons list: every complete one except one
#: participant's answers in a group assessment (the group's own assessment stands for them).
LISTED = Assessment.source != "participant"

# Loads an assessment with everything needed to rebuild its Responses, in a fixed number of
# queries however many assessments there are.
WITH_CONTENT = (
    selectinload(Assessment.organisation),
    selectinload(Assessment.answers),
    selectinload(Assessment.targets),
)


class StoreBase:
    """Engine, transactions and the shared row helpers of :class:`store.Store`.

    Raises:
        store.faults.DatabaseFault: from the constructor and every public method, when the
            database cannot do the work (after a brief retry of a fault that may pass).
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None) -> None:
        self._owns_engine = engine is None
        self.engine = engine if engine is not None else make_engine(url)
        self._reader = self.engine.execution_options(read_only=True)
        self._models: dict[str, tuple[Model, str, str]] = {}
        try:
            faults.retrying(lambda: migrate(self.engine), self.reconnect)
        except BaseException:
            self.close()
            raise

    def reconnect(self) -> None:
        """Drop pooled connections so the next unit of work opens a fresh one (after a
        dropped connection or an I/O error). An in-memory SQLite database lives in its one
        connection, so it is kept."""
        if not isinstance(self.engine.pool, StaticPool):
            self.engine.dispose()

    def close(self) -> None:
        """Release the engine's connections (when the store created the engine)."""
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A session in one transaction, committed on success (``write=False``: read only)."""
        with Session(self.engine if write else self._reader) as s, s.begin():
            yield s

    def model_of(self, conn: Executor, model_version_id: int) -> tuple[Model, str, str]:
        """(Model, text, hash) of a stored model version, parsed once per store.

        The cache is keyed by the version's content hash, read by its id each time: a row id
        can be used again after an erasure (SQLite reuses the highest), and a cache keyed by
        id would then serve the erased model for the new one.
        """
        # Within one session (one transaction: a row id cannot change its model inside it)
        # each id is looked up once; a group assessment reads thirty participants' rows.
        known = conn.info.setdefault("model_ids", {}) if isinstance(conn, Session) else {}
        if model_version_id in known:
            return known[model_version_id]  # type: ignore[no-any-return]
        digest = conn.execute(
            select(ModelVersion.content_hash).where(ModelVersion.id == model_version_id)
        ).scalar_one()
        found = self._models.get(digest)
        if found is None:
            text = conn.execute(
                select(ModelVersion.text).where(ModelVersion.id == model_version_id)
            ).scalar_one()
            found = (records.stored_model(text, digest), text, digest)
            self._models[digest] = found
        known[model_version_id] = found
        return found

    def model_version_id(self, conn: Executor, model: Model, text: str) -> int:
        """The row id of a model version, stored first if new (keyed by its text's hash).

        Raises:
            ValueError: when ``text`` does not load as ``model``.
        """
        # Within one session (one transaction) a model text's row is looked up once: a batch
        # of imported files all name the same model.
        cache = conn.info.setdefault("model_versions", {}) if isinstance(conn, Session) else {}
        if text in cache:
            return int(cache[text])
        digest = records.sha256(text)
        found = conn.scalar(select(ModelVersion.id).where(ModelVersion.content_hash == digest))
        if found is not None:
            cache[text] = found
            return found
        if records.stored_model(text, digest) != model:
            raise ValueError(f"the text given for model {model.id} {model.version} is not its file")
        for what, value in (("id", model.id), ("version", model.version), ("title", model.title)):
            records.check_text(f"model {what}", value)
        values: dict[str, Any] = {"model_id": model.id, "version": model.version}
        values["title"] = model.title
        values |= {"content_hash": digest, "text": text, "created_at": utcnow()}
        insert_ignore(conn, ModelVersion.__table__, values)
        return conn.execute(
            select(ModelVersion.id).where(ModelVersion.content_hash == digest)
        ).scalar_one()

    def organisation_id(self, conn: Executor, name: str) -> int:
        """The row id of an organisation, stored first if new.

        Raises:
            ValueError: when the name is blank.
        """
        name = records.clean_organisation(name)
        cache = conn.info.setdefault("organisations", {}) if isinstance(conn, Session) else {}
        if name not in cache:
            insert_ignore(conn, Organisation.__table__, {"name": name, "created_at": utcnow()})
            cache[name] = conn.execute(
                select(Organisation.id).where(Organisation.name == name)
            ).scalar_one()
        return int(cache[name])

    def insert_draft(
        self,
        conn: Executor,
        organisation_id: int,
        model_version_id: int,
        respondent: Respondent | None,
        assessed_on: dt.date | None,
        *,
        source: str = "app",
        workshop_id: int | None = None,
    ) -> str:
        """Insert a new draft and return its resume code (128 random bits, shown once; only
        its SHA-256 is stored). One person's draft and a participant's are made here alike."""
        code = secrets.token_urlsafe(16)
        now = utcnow()
        conn.execute(
            insert(Assessment).values(
                uid=uuid.uuid4().hex,
                organisation_id=organisation_id,
                model_version_id=model_version_id,
                workshop_id=workshop_id,
                assessed_on=assessed_on,
                status="draft",
                source=source,
                resume_hash=records.code_hash(code),
                created_at=now,
                updated_at=now,
                **records.respondent_columns(respondent),
            )
        )
        return code

    @retried
    def register_model(self, model: Model, text: str) -> int:
        """Store a model version (keyed by the SHA-256 of its text) and return its row id.

        Idempotent: the same text always gives the same id.

        Raises:
            ValueError: when ``text`` does not load as ``model``.
        """
        with self.engine.begin() as conn:
            return self.model_version_id(conn, model, text)

    def responses_of(self, s: Session, row: Assessment) -> tuple[Responses, str]:
        """The Responses an assessment row holds, and its model's hash."""
        model, _, digest = self.model_of(s, row.model_version_id)
        responses = records.build_responses(
            model,
            row.organisation.name,
            records.respondent_of(row.respondent_name, row.respondent_role, row.respondent_group),
            row.assessed_on,
            {a.question_id: (a.answer, a.note, a.evidence) for a in row.answers},
            {t.pillar_id: t.level for t in row.targets},
        )
        return responses, digest

    def stored_or_unscored(
        self, s: Session, row: Assessment
    ) -> StoredAssessment | UnscoredAssessment:
        """A complete assessment from its row, scored; or, when its model cannot be loaded or
        cannot score it, the record set aside with the reason.

        Any failure of that one record's model or scoring is contained here, so one bad
        record never stops the others being read; a fault of the database is not a fault of
        the record and is raised.
        """
        try:
            return self.stored(s, row)
        except Exception as exc:
            if is_fault(exc):
                raise
            mv = row.model_version
            return UnscoredAssessment(
                id=row.id,
                uid=row.uid,
                organisation=row.organisation.name,
                assessed_on=row.assessed_on,
                model_id=mv.model_id,
                model_version=mv.version,
                model_hash=mv.content_hash,
                respondent=records.respondent_of(
                    row.respondent_name, row.respondent_role, row.respondent_group
                ),
                source=row.source,
                created_at=records.as_utc(row.created_at),
                completed_at=records.as_utc(row.completed_at) if row.completed_at else None,
                answers={a.question_id: a.answer for a in row.answers if a.answer is not None},
                notes={a.question_id: a.note for a in row.answers if a.note is not None},
                targets={t.pillar_id: t.level for t in row.targets},
                reason=records.unscorable_reason(exc),
                evidence={a.question_id: a.evidence for a in row.answers if a.evidence is not None},
            )

    def stored(self, s: Session, row: Assessment) -> StoredAssessment:
        """A StoredAssessment from its row, scored against its own model version."""
        responses, digest = self.responses_of(s, row)
        model = self.model_of(s, row.model_version_id)[0]
        group = None
        if row.source == "group":
            group = self.group_of(s, row)
            result = group.result
        else:
            result = score(model, responses)
        return StoredAssessment(
            id=row.id,
            uid=row.uid,
            organisation=row.organisation.name,
            assessed_on=row.assessed_on,
            model_id=model.id,
            model_version=model.version,
            model_hash=digest,
            respondent=responses.respondent,
            source=row.source,
            created_at=records.as_utc(row.created_at),
            completed_at=records.as_utc(row.completed_at) if row.completed_at else None,
            result=result,
            group=group,
        )

    def store_scores(
        self, s: Session, row: Assessment, result: Result, by_group: GroupScores | None = None
    ) -> None:
        """Write a just-finished assessment's scores (:mod:`store.scores`) in its transaction."""
        s.flush()
        write_scores(
            s,
            score_rows(
                row.id,
                organisation_id=row.organisation_id,
                source=row.source,
                assessed_on=shown_date(row.assessed_on, row.completed_at, row.created_at),
                result=result,
                by_group=by_group,
            ),
        )

    def group_of(self, s: Session, row: Assessment) -> GroupResult:
        """The aggregate of a stored group assessment (``store.workshops`` provides it)."""
        raise NotImplementedError("group assessments are read by store.workshops")

    def add_assessment(
        self, s: Session, responses: Responses, model_version_id: int, **columns: Any
    ) -> int:
        """Insert an assessment with its answers, notes, evidence and targets; returns its id.

        A complete one (``status="complete"``) gets its stored scores in the same transaction.

        Raises:
            UnsafeText: when the organisation, respondent, a note or evidence holds a control
                character.
        """
        return self.add_assessments(s, [(responses, model_version_id, columns)])[0]

    def add_assessments(
        self, s: Session, items: Sequence[tuple[Responses, int, dict[str, Any]]]
    ) -> list[int]:
        """Insert assessments (each: responses, model version id, its columns) with their
        answers, notes, targets and, for a complete one, its stored scores; returns their ids
        in order. Every table gets one executemany for all of them: an import of a thousand
        files spent most of its time building statements and ORM objects.

        Raises:
            UnsafeText: when an organisation, respondent, note or evidence holds a control
                character (checked for every item before anything is written).
        """
        for responses, _, _ in items:
            for question, note in responses.notes.items():
                records.check_text(f"notes.{question}", note)
            for question, evidence in responses.evidence.items():
                records.check_text(f"evidence.{question}", evidence)
        conn = s.connection()
        now = utcnow()
        rows = [
            {
                "organisation_id": self.organisation_id(s, responses.organisation or ""),
                "model_version_id": version_id,
                "assessed_on": responses.assessed_on,
                "created_at": now,
                "updated_at": now,
                **records.respondent_columns(responses.respondent),
                **columns,
            }
            for responses, version_id, columns in items
        ]
        if not rows:
            return []
        if len({tuple(sorted(r)) for r in rows}) == 1:
            ids = list(
                conn.execute(
                    insert(Assessment).returning(Assessment.id, sort_by_parameter_order=True), rows
                ).scalars()
            )
        else:  # different columns given: one statement each
            ids = [
                conn.execute(insert(Assessment).returning(Assessment.id), r).scalar_one()
                for r in rows
            ]
        answers, targets, scores = [], [], []
        models: dict[int, Model] = {}
        for new_id, row, (responses, version_id, columns) in zip(ids, rows, items, strict=True):
            when = columns.get("updated_at") or now
            answers += [
                {
                    "assessment_id": new_id,
                    "question_id": q,
                    "answer": responses.answers.get(q),
                    "note": responses.notes.get(q),
                    "evidence": responses.evidence.get(q),
                    "updated_at": when,
                }
                for q in sorted(
                    set(responses.answers) | set(responses.notes) | set(responses.evidence)
                )
            ]
            targets += [
                {"assessment_id": new_id, "pillar_id": p, "level": lv}
                for p, lv in sorted(responses.targets.items())
            ]
            if row.get("status") == "complete" and stored(row.get("source", "app")):
                scores += score_rows(
                    new_id,
                    organisation_id=row["organisation_id"],
                    source=row.get("source", "app"),
                    assessed_on=shown_date(
                        responses.assessed_on, row.get("completed_at"), row["created_at"]
                    ),
                    result=score(
                        models.get(version_id)
                        or models.setdefault(version_id, self.model_of(conn, version_id)[0]),
                        responses,
                    ),
                )
        if answers:
            conn.execute(insert(Answer), answers)
        if targets:
            conn.execute(insert(Target), targets)
        write_scores(conn, scores)
        return ids
