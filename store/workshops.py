"""Group assessments in the store: create, join, follow, agree, close and reopen.

A group assessment (a live workshop or a survey open for a fortnight: the same data) belongs
to one organisation and keeps the model version it was created with. It has two secrets:

- the facilitator's **private code** (128 random bits), whose link opens the facilitator's
  view; only its SHA-256 is stored;
- the participants' short **join code** (8 letters and digits from an alphabet without
  look-alikes, about 37 bits), typed from a projector. It is meant to be read by a room, and
  a consultant opening the group assessment from their list must be able to show it again,
  so it is stored as it is (with its hash, by which it is looked up). Guessing one is slowed
  like a wrong resume code; a join code only lets someone take part, never read anything.

Each participant's answers are an ordinary draft (``source`` "participant") with its own
resume code, so a participant has exactly the autosave and resume of a single assessment.
Participants' drafts never appear in History on their own. Closing writes one complete
assessment with ``source`` "group": History lists it, and its result is aggregated from the
participants' answers and the agreed answers whenever it is read (``scoring.aggregate``), so
the stored answers are the one source of truth. Reopening removes that assessment until the
group assessment is closed again.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from questionnaire.schema import Model, Respondent, Responses
from store import records
from store.base import WITH_CONTENT, StoreBase, retried, upsert
from store.records import StoreError
from store.tables import (
    AgreedAnswer,
    Answer,
    Assessment,
    Organisation,
    Workshop,
    utcnow,
)

if TYPE_CHECKING:
    from scoring.aggregate import Agreed, GroupResult

#: The groups a group assessment offers unless its facilitator chooses others.
DEFAULT_GROUPS = ("leadership", "frontline", "specialist", "other")
#: The join code's alphabet: capitals and digits without 0/O, 1/I/L, 5/S, 2/Z, 8/B.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_LENGTH = 8


class UnknownWorkshop(StoreError, LookupError):
    """No group assessment has this code (or it is closed to joining)."""


class WorkshopClosed(StoreError):
    """The group assessment is closed, so nobody can join or change it."""


@dataclass(frozen=True)
class WorkshopCodes:
    """The two codes of a new group assessment (shown to its facilitator, never stored)."""

    facilitator: str
    join: str


@dataclass(frozen=True)
class WorkshopInfo:
    """A group assessment as its facilitator (or the join page) sees it."""

    id: int
    organisation: str
    title: str
    model: Model
    model_text: str
    join_code: str
    status: str  # "open" or "closed"
    closes_on: dt.date | None
    groups: tuple[str, ...]
    anonymous: bool
    facilitator: str | None  # who created it (an address in shared mode)
    created_at: dt.datetime
    closed_at: dt.datetime | None
    assessment_id: int | None  # the group assessment History lists, once closed

    @property
    def open(self) -> bool:
        """Whether participants can join and answer (open, and not past its closing date)."""
        return self.status == "open" and not self.past_closing()

    def past_closing(self, today: dt.date | None = None) -> bool:
        """Whether the closing date has passed (a group assessment is open on that day)."""
        return self.closes_on is not None and (today or dt.date.today()) > self.closes_on


@dataclass(frozen=True)
class Participant:
    """One participant's answers so far, as the facilitator's view reads them."""

    assessment_id: int
    name: str | None  # None when the group assessment is anonymous
    group: str | None
    status: str  # "draft", "complete" or "abandoned"
    answered: int
    joined_at: dt.datetime
    updated_at: dt.datetime
    responses: Responses


def new_join_code() -> str:
    """A fresh random join code."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


def normal_join_code(typed: str) -> str:
    """A join code as typed (any case, spaces or dashes) in its stored form."""
    return "".join(c for c in typed.upper() if c.isalnum())


def shown_join_code(code: str) -> str:
    """A join code as shown on a projector: two groups of four (``ACDE-FGHJ``)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == JOIN_LENGTH else code


def _groups(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return DEFAULT_GROUPS
    found = json.loads(raw)
    return tuple(str(g) for g in found) if isinstance(found, list) and found else DEFAULT_GROUPS


class WorkshopStore(StoreBase):
    """The group-assessment side of :class:`store.Store`."""

    @retried
    def create_workshop(
        self,
        model: Model,
        model_text: str,
        organisation: str,
        title: str,
        *,
        closes_on: dt.date | None = None,
        groups: Sequence[str] = DEFAULT_GROUPS,
        anonymous: bool = False,
        facilitator: str | None = None,
    ) -> WorkshopCodes:
        """Create an open group assessment; returns its codes (shown once, stored hashed).

        Raises:
            StoreError: for a blank title, a title or group with a control character, or no
                groups.
        """
        title = (title or "").strip()
        if not title:
            raise StoreError("the group assessment needs a title")
        records.check_text("title", title)
        offered = [g.strip() for g in groups if g and g.strip()]
        if not offered:
            raise StoreError("offer at least one group")
        for g in offered:
            records.check_text("group", g)
        with self.engine.begin() as conn:
            code = secrets.token_urlsafe(16)
            while True:
                joins = new_join_code()
                joining = records.code_hash(joins)
                taken = conn.scalar(select(Workshop.id).where(Workshop.join_hash == joining))
                if taken is None:
                    break
            conn.execute(
                insert(Workshop).values(
                    organisation_id=self.organisation_id(conn, organisation),
                    model_version_id=self.model_version_id(conn, model, model_text),
                    title=title,
                    facilitator=facilitator,
                    join_hash=joining,
                    join_code=joins,
                    facilitator_hash=records.code_hash(code),
                    status="open",
                    closes_on=closes_on,
                    groups=json.dumps(list(dict.fromkeys(offered))),
                    anonymous=anonymous,
                    created_at=utcnow(),
                )
            )
        return WorkshopCodes(code, joins)

    def _info(self, s: Session, row: Workshop) -> WorkshopInfo:
        model, text, _ = self.model_of(s, row.model_version_id)
        group_row = s.scalar(
            select(Assessment.id).where(
                Assessment.workshop_id == row.id, Assessment.source == "group"
            )
        )
        return WorkshopInfo(
            id=row.id,
            organisation=row.organisation.name,
            title=row.title,
            model=model,
            model_text=text,
            join_code=row.join_code or "",
            status=row.status,
            closes_on=row.closes_on,
            groups=_groups(row.groups),
            anonymous=bool(row.anonymous),
            facilitator=row.facilitator,
            created_at=records.as_utc(row.created_at),
            closed_at=records.as_utc(row.closed_at) if row.closed_at else None,
            assessment_id=group_row,
        )

    @retried
    def workshop_by_facilitator(self, code: str) -> WorkshopInfo | None:
        """The group assessment whose facilitator's code this is, or None."""
        with self.session(write=False) as s:
            row = s.scalar(
                select(Workshop).where(Workshop.facilitator_hash == records.code_hash(code))
            )
            return None if row is None else self._info(s, row)

    @retried
    def workshop_by_join(self, typed: str) -> WorkshopInfo | None:
        """The group assessment a join code opens (open or not), or None."""
        code = normal_join_code(typed)
        if len(code) != JOIN_LENGTH:
            return None
        with self.session(write=False) as s:
            row = s.scalar(select(Workshop).where(Workshop.join_hash == records.code_hash(code)))
            return None if row is None else self._info(s, row)

    @retried
    def workshop(self, workshop_id: int) -> WorkshopInfo | None:
        """A group assessment by its id (for someone already allowed its organisation)."""
        with self.session(write=False) as s:
            row = s.get(Workshop, workshop_id)
            return None if row is None else self._info(s, row)

    @retried
    def workshops(self, organisations: Sequence[str] | None = None) -> list[WorkshopInfo]:
        """Group assessments, newest first (of these organisations; None: of every one)."""
        with self.session(write=False) as s:
            query = select(Workshop).join(Workshop.organisation)
            if organisations is not None:
                query = query.where(Organisation.name.in_(list(organisations)))
            rows = s.scalars(query.order_by(Workshop.created_at.desc(), Workshop.id.desc()))
            return [self._info(s, row) for row in rows]

    @retried
    def join_workshop(
        self,
        typed: str,
        name: str | None = None,
        group: str | None = None,
        *,
        today: dt.date | None = None,
    ) -> str:
        """Add a participant to an open group assessment; returns their resume code.

        A name is dropped when the group assessment is anonymous.

        Raises:
            UnknownWorkshop: when no group assessment has this join code.
            WorkshopClosed: when it is closed, or past its closing date.
            StoreError: for a name or group with a control character.
        """
        code = normal_join_code(typed)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(
                    Workshop.id,
                    Workshop.organisation_id,
                    Workshop.model_version_id,
                    Workshop.status,
                    Workshop.closes_on,
                    Workshop.anonymous,
                ).where(Workshop.join_hash == records.code_hash(code))
            ).one_or_none()
            if row is None or len(code) != JOIN_LENGTH:
                raise UnknownWorkshop("no group assessment has this join code")
            today = today or dt.date.today()
            if row.status != "open" or (row.closes_on is not None and today > row.closes_on):
                raise WorkshopClosed("this group assessment is closed")
            respondent = Respondent(
                name=None if row.anonymous else (name or "").strip() or None,
                group=(group or "").strip() or None,
            )
            return self.insert_draft(
                conn,
                row.organisation_id,
                row.model_version_id,
                respondent,
                today,
                source="participant",
                workshop_id=row.id,
            )

    @retried
    def participants(self, workshop_id: int) -> list[Participant]:
        """Everyone who joined (discarded drafts left out), in the order they joined."""
        with self.session(write=False) as s:
            anonymous = bool(s.scalar(select(Workshop.anonymous).where(Workshop.id == workshop_id)))
            rows = self._participant_rows(s, workshop_id)
            found = []
            for row in rows:
                responses, _ = self.responses_of(s, row)
                found.append(
                    Participant(
                        assessment_id=row.id,
                        name=None if anonymous else row.respondent_name,
                        group=row.respondent_group,
                        status=row.status,
                        answered=sum(1 for a in row.answers if a.answer is not None),
                        joined_at=records.as_utc(row.created_at),
                        updated_at=records.as_utc(row.updated_at),
                        responses=responses,
                    )
                )
        return found

    @retried
    def save_agreed(
        self,
        workshop_id: int,
        question_id: str,
        answer: str | None,
        rationale: str | None = None,
        dissent: str | None = None,
    ) -> None:
        """Record (or, with ``answer`` None, clear) the answer the group agreed for a question,
        why, and who disagreed and why, in their words.

        Raises:
            WorkshopClosed: when the group assessment is closed.
            ValueError: when the question or answer is not the model's.
        """
        with self.engine.begin() as conn:
            status, version = conn.execute(
                select(Workshop.status, Workshop.model_version_id).where(Workshop.id == workshop_id)
            ).one()
            if status != "open":
                raise WorkshopClosed("this group assessment is closed; reopen it to change it")
            model = self.model_of(conn, version)[0]
            if answer is None:
                conn.execute(
                    delete(AgreedAnswer).where(
                        AgreedAnswer.workshop_id == workshop_id,
                        AgreedAnswer.question_id == question_id,
                    )
                )
                return
            records.check_answer(model, question_id, answer)
            texts = {"rationale": rationale, "dissent": dissent}
            for what, value in texts.items():
                records.check_text(what, value)
            values = {k: (v or "").strip() or None for k, v in texts.items()}
            upsert(
                conn,
                AgreedAnswer.__table__,
                {"workshop_id": workshop_id, "question_id": question_id},
                {"answer": answer, **values, "updated_at": utcnow()},
            )

    @retried
    def agreed(self, workshop_id: int) -> dict[str, Agreed]:
        """The agreed answers by question id (answer, rationale and dissent)."""
        with self.session(write=False) as s:
            return self._agreed(s, workshop_id)

    @retried
    def close_workshop(self, workshop_id: int, *, on: dt.date | None = None) -> int:
        """Close a group assessment: nobody can join or answer any more, and one complete
        assessment of the organisation (``source`` "group") is stored for History; returns
        its id. Participants' unfinished answers count as given; their drafts are closed.

        Raises:
            StoreError: when nobody has answered anything yet.
        """
        from scoring.aggregate import aggregate

        with self.session() as s:
            workshop = s.get(Workshop, workshop_id)
            if workshop is None:
                raise UnknownWorkshop(f"no group assessment with id {workshop_id}")
            existing = s.scalar(
                select(Assessment.id).where(
                    Assessment.workshop_id == workshop_id, Assessment.source == "group"
                )
            )
            if workshop.status == "closed" and existing is not None:
                return existing
            rows = self._participant_rows(s, workshop_id)
            answering = self._answering(s, workshop_id)
            if not answering:
                raise StoreError("nobody has answered yet, so there is nothing to close")
            model = self.model_of(s, workshop.model_version_id)[0]
            group = aggregate(
                model, [self.responses_of(s, r)[0] for r in answering], self._agreed(s, workshop_id)
            )
            result = group.result
            now = utcnow()
            for r in rows:
                if r.status == "draft":
                    r.status, r.completed_at, r.updated_at = "complete", now, now
            workshop.status, workshop.closed_at = "closed", now
            if existing is not None:
                s.execute(delete(Assessment).where(Assessment.id == existing))
            row = Assessment(
                uid=uuid.uuid4().hex,
                organisation_id=workshop.organisation_id,
                model_version_id=workshop.model_version_id,
                workshop_id=workshop_id,
                assessed_on=on or result.responses.assessed_on or dt.date.today(),
                status="complete",
                source="group",
                created_at=now,
                updated_at=now,
                completed_at=now,
                respondent_name=None,
                respondent_role=None,
                respondent_group=None,
            )
            # The consensus answers are kept with it, so its answers read like any other
            # assessment's (an export, the CSV); its scores come from the aggregation.
            row.answers = [
                Answer(question_id=q, answer=a, note=None, updated_at=now)
                for q, a in sorted(result.responses.answers.items())
            ]
            s.add(row)
            s.flush()
            self.store_scores(s, row, result, group.by_group)
            return row.id

    @retried
    def reopen_workshop(self, workshop_id: int) -> None:
        """Open a closed group assessment again: participants can join and carry on, and its
        assessment leaves History until it is closed again."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(Assessment).where(
                    Assessment.workshop_id == workshop_id, Assessment.source == "group"
                )
            )
            conn.execute(
                update(Assessment)
                .where(
                    Assessment.workshop_id == workshop_id,
                    Assessment.source == "participant",
                    Assessment.status == "complete",
                )
                .values(status="draft", completed_at=None)
            )
            conn.execute(
                update(Workshop)
                .where(Workshop.id == workshop_id)
                .values(status="open", closed_at=None)
            )

    @retried
    def participant_count(self, workshop_id: int) -> int:
        """How many joined (discarded drafts left out)."""
        with self.session(write=False) as s:
            return (
                s.scalar(
                    select(func.count()).where(
                        Assessment.workshop_id == workshop_id,
                        Assessment.source == "participant",
                        Assessment.status != "abandoned",
                    )
                )
                or 0
            )

    @retried
    def group_people(self, assessment_id: int) -> tuple[list[Responses], bool]:
        """For a stored group assessment: the participants' own responses (those who
        answered anything, as aggregated) and whether it is anonymous (names then absent).

        Raises:
            UnknownWorkshop: when the assessment is not a group assessment.
        """
        with self.session(write=False) as s:
            row = s.get(Assessment, assessment_id)
            if row is None or row.source != "group" or row.workshop_id is None:
                raise UnknownWorkshop(f"assessment {assessment_id} is not a group assessment")
            anonymous = bool(
                s.scalar(select(Workshop.anonymous).where(Workshop.id == row.workshop_id))
            )
            people = [self.responses_of(s, r)[0] for r in self._answering(s, row.workshop_id)]
        return people, anonymous

    # --- for the reading side ------------------------------------------------------------
    def _participant_rows(self, s: Session, workshop_id: int) -> list[Assessment]:
        return list(
            s.scalars(
                select(Assessment)
                .options(*WITH_CONTENT)
                .where(
                    Assessment.workshop_id == workshop_id,
                    Assessment.source == "participant",
                    Assessment.status != "abandoned",
                )
                .order_by(Assessment.created_at, Assessment.id)
            )
        )

    def _answering(self, s: Session, workshop_id: int) -> list[Assessment]:
        """The participants who have answered anything: those the aggregate is made of."""
        rows = self._participant_rows(s, workshop_id)
        return [r for r in rows if any(a.answer is not None for a in r.answers)]

    def _agreed(self, s: Session, workshop_id: int) -> dict[str, Agreed]:
        from scoring.aggregate import Agreed

        rows = s.execute(
            select(
                AgreedAnswer.question_id,
                AgreedAnswer.answer,
                AgreedAnswer.rationale,
                AgreedAnswer.dissent,
            ).where(AgreedAnswer.workshop_id == workshop_id)
        ).all()
        return {q: Agreed(a, r, d) for q, a, r, d in rows if a is not None}

    def group_of(self, s: Session, row: Assessment) -> GroupResult:
        """The aggregate (``scoring.aggregate.GroupResult``) of a stored group assessment."""
        from scoring.aggregate import aggregate

        assert row.workshop_id is not None
        model = self.model_of(s, row.model_version_id)[0]
        participants = [self.responses_of(s, r)[0] for r in self._answering(s, row.workshop_id)]
        return aggregate(model, participants, self._agreed(s, row.workshop_id))


__all__ = [
    "DEFAULT_GROUPS",
    "Participant",
    "UnknownWorkshop",
    "WorkshopClosed",
    "WorkshopCodes",
    "WorkshopInfo",
    "new_join_code",
    "normal_join_code",
    "shown_join_code",
]
