"""Answer again from a finished assessment: a new draft that carries its answers.

A year after an assessment, the organisation answers again; most answers have not changed,
so nobody should type them in again. :func:`copy_as_draft` makes a new draft from a finished
assessment, in one transaction, through :meth:`store.base.StoreBase.insert_draft` (the one
way a draft is made):

- the same organisation and the same model version as the finished one (the model it was
  answered against, not whatever is the default today), so every answer still fits;
- who answered, every answer, every note, all evidence and every target copied;
- dated today (``on``), since it is a new assessment, and with a new resume code;
- the finished assessment untouched: it stays complete, in History, with its date.

Only a finished assessment of one person (``source`` "app" or "import") is copied. A draft
or a discarded assessment is refused (a draft can simply be carried on; a discarded one was
given up on purpose). A group assessment (``source`` "group") and a participant's answers in
one (``source`` "participant") are refused too: the group's answers are a consensus of many
people, and one participant's answers belong to their group assessment; copying either into
one person's draft would file them in History as something they are not. A new group
assessment is the way to answer again as a group.

Who may copy is not decided here: the app offers it only to someone who may start an
assessment of that organisation (``Principal.may_for(Ability.START, organisation)``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, insert, select

from store import faults, records
from store.records import StoreError, UnknownAssessment, UnknownDraft
from store.tables import Answer, Assessment, Target, utcnow

if TYPE_CHECKING:
    from store.base import StoreBase

#: The sources of an assessment that one person answered, which may be answered again.
COPYABLE = ("app", "import")


class NotCopyable(StoreError):
    """The assessment cannot be answered again as a new draft (see :data:`COPYABLE`)."""


def copy_as_draft(store: StoreBase, code: str, *, on: dt.date | None = None) -> str:
    """A new draft carrying the answers of the finished assessment with this resume code.

    Args:
        store: the store both assessments live in.
        code: the finished assessment's resume code.
        on: the new draft's date (default today).

    Returns:
        The new draft's resume code (shown once, stored hashed).

    Raises:
        UnknownDraft: when no assessment has this code.
        NotCopyable: when it is not finished, or is a group or participant's assessment.
    """
    where = Assessment.resume_hash == records.code_hash(code)
    missing = UnknownDraft("no assessment has this resume code")
    return faults.retrying(lambda: _copy(store, where, on, missing), store.reconnect)


def copy_assessment_as_draft(
    store: StoreBase, assessment_id: int, *, on: dt.date | None = None
) -> str:
    """As :func:`copy_as_draft`, for a finished assessment found by its id (as History lists
    them, without their resume codes).

    Raises:
        UnknownAssessment: when no assessment has this id.
        NotCopyable: as :func:`copy_as_draft`.
    """
    where = Assessment.id == assessment_id
    missing = UnknownAssessment(f"no assessment with id {assessment_id}")
    return faults.retrying(lambda: _copy(store, where, on, missing), store.reconnect)


def _copy(
    store: StoreBase, where: ColumnElement[bool], on: dt.date | None, missing: StoreError
) -> str:
    """The one transaction: read the finished row, insert the draft, copy its rows."""
    with store.engine.begin() as conn:
        row = conn.execute(
            select(
                Assessment.id,
                Assessment.status,
                Assessment.source,
                Assessment.organisation_id,
                Assessment.model_version_id,
                Assessment.respondent_name,
                Assessment.respondent_role,
                Assessment.respondent_group,
            ).where(where)
        ).one_or_none()
        if row is None:
            raise missing
        refusal = refused(row.status, row.source)
        if refusal:
            raise NotCopyable(refusal)
        code = store.insert_draft(
            conn,
            row.organisation_id,
            row.model_version_id,
            records.respondent_of(row.respondent_name, row.respondent_role, row.respondent_group),
            on or dt.date.today(),
        )
        new_id = conn.execute(
            select(Assessment.id).where(Assessment.resume_hash == records.code_hash(code))
        ).scalar_one()
        _copy_rows(conn, row.id, new_id)
        return code


def refused(status: str, source: str) -> str | None:
    """Why an assessment of this status and source cannot be answered again, or None."""
    if source not in COPYABLE:
        return (
            "a group assessment, or one person's answers in one, cannot be answered again as "
            "one person's draft; start a new group assessment instead"
        )
    if status != "complete":
        return "only a finished assessment can be answered again"
    return None


def _copy_rows(conn: Connection, source_id: int, new_id: int) -> None:
    """Copy every answer (with its note and evidence) and every target of one assessment to
    another."""
    now = utcnow()
    answers = conn.execute(
        select(Answer.question_id, Answer.answer, Answer.note, Answer.evidence).where(
            Answer.assessment_id == source_id
        )
    ).all()
    if answers:
        conn.execute(
            insert(Answer),
            [
                {
                    "assessment_id": new_id,
                    "question_id": a.question_id,
                    "answer": a.answer,
                    "note": a.note,
                    "evidence": a.evidence,
                    "updated_at": now,
                }
                for a in answers
            ],
        )
    targets = conn.execute(
        select(Target.pillar_id, Target.level).where(Target.assessment_id == source_id)
    ).all()
    if targets:
        conn.execute(
            insert(Target),
            [
                {"assessment_id": new_id, "pillar_id": t.pillar_id, "level": t.level}
                for t in targets
            ],
        )
