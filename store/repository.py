"""`Store`: drafts that survive anything, complete assessments, and their history.

A draft is found by its resume code, an unguessable token shown once; only the code's SHA-256
is stored. Each answer is saved in its own short transaction the moment it is given, so a
refresh, a closed tab or a restarted server loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import Connection, delete, select, update

from questionnaire import limits
from questionnaire.schema import Model, Respondent
from scoring import score
from store import records
from store.base import WITH_CONTENT, retried, upsert
from store.erase import Erasure
from store.model_choice import ModelChoices
from store.queries import AssessmentQueries
from store.records import Draft, DraftClosed, UnknownDraft
from store.scores import stored
from store.tables import Answer, Assessment, Target, utcnow
from store.users import UserAccounts
from store.workshops import WorkshopStore

if TYPE_CHECKING:
    from questionnaire.yamlio import InputError
    from store.exports import Exported
    from store.imports import ImportOutcome
    from store.national import NationalSummary


class _Unset(Enum):
    UNSET = "unset"


UNSET = _Unset.UNSET


class Store(AssessmentQueries, UserAccounts, WorkshopStore, Erasure, ModelChoices):
    """The database of drafts, assessments, model versions and workshops.

    Args:
        url: SQLAlchemy URL; default :func:`store.settings.database_url`.
        engine: an existing engine to use instead (``url`` is then ignored).

    The database is migrated to the newest schema when the store is created.
    """

    @contextmanager
    def _draft(self, code: str) -> Iterator[tuple[Connection, int, Model]]:
        """A write transaction on an open draft: (connection, assessment id, model)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(Assessment.id, Assessment.status, Assessment.model_version_id).where(
                    Assessment.resume_hash == records.code_hash(code)
                )
            ).one_or_none()
            if row is None:
                raise UnknownDraft("no draft has this resume code")
            if row.status != "draft":
                raise DraftClosed(f"this assessment is {row.status} and can no longer change")
            model = self.model_of(conn, row.model_version_id)[0]
            yield conn, row.id, model
            conn.execute(
                update(Assessment).where(Assessment.id == row.id).values(updated_at=utcnow())
            )

    @retried
    def start_draft(
        self,
        model: Model,
        model_text: str,
        organisation: str,
        respondent: Respondent | None = None,
        assessed_on: dt.date | None = None,
    ) -> str:
        """Begin a draft assessment and return its resume code (shown once, stored hashed).

        Raises:
            ValueError: when the organisation is blank or ``model_text`` is not ``model``'s.
        """
        with self.engine.begin() as conn:
            return self.insert_draft(
                conn,
                self.organisation_id(conn, organisation),
                self.model_version_id(conn, model, model_text),
                respondent,
                assessed_on,
            )

    @retried
    def save_answer(self, code: str, question_id: str, answer: str | None) -> None:
        """Save one answer of a draft at once (None clears it; the note is kept).

        Raises:
            ValueError: when the question or option does not exist in the draft's model.
            UnknownDraft: when no draft has this code (also a ValueError).
            DraftClosed: when the assessment was completed or abandoned (also a ValueError).
        """
        with self._draft(code) as (conn, assessment_id, model):
            records.check_answer(model, question_id, answer)
            self._save_answer_row(conn, assessment_id, question_id, {"answer": answer})

    @retried
    def save_note(self, code: str, question_id: str, note: str | None) -> None:
        """Save the note on one question of a draft (None or blank clears it).

        Raises:
            ValueError: when the question does not exist in the draft's model.
            TooLong: when the note is longer than ``questionnaire.limits.NOTE_CHARS``.
            UnsafeText: when the note holds a control character (also a ValueError).
            UnknownDraft: when no draft has this code.
            DraftClosed: when the assessment was completed or abandoned.
        """
        self._save_text(code, question_id, "note", note, limits.NOTE_CHARS)

    @retried
    def save_evidence(self, code: str, question_id: str, text: str | None) -> None:
        """Save what backs one answer of a draft: a document, register or link (None or
        blank clears it; the answer and note are kept).

        Raises:
            ValueError: when the question does not exist in the draft's model.
            TooLong: when the text is longer than ``questionnaire.limits.EVIDENCE_CHARS``.
            UnsafeText: when the text holds a control character (also a ValueError).
            UnknownDraft: when no draft has this code.
            DraftClosed: when the assessment was completed or abandoned.
        """
        self._save_text(code, question_id, "evidence", text, limits.EVIDENCE_CHARS)

    def _save_text(
        self, code: str, question_id: str, column: str, text: str | None, limit: int
    ) -> None:
        """Save a note or evidence (``column``) on one question of a draft, checked as
        :func:`store.records.kept_text` checks free text (blank clears it)."""
        cleaned = records.kept_text(column, text, limit)
        with self._draft(code) as (conn, assessment_id, model):
            records.check_answer(model, question_id, None)
            self._save_answer_row(conn, assessment_id, question_id, {column: cleaned})

    @staticmethod
    def _save_answer_row(
        conn: Connection, assessment_id: int, question_id: str, values: dict[str, Any]
    ) -> None:
        keys = {"assessment_id": assessment_id, "question_id": question_id}
        upsert(conn, Answer.__table__, keys, values | {"updated_at": utcnow()})
        if None in values.values():
            conn.execute(
                delete(Answer).where(
                    Answer.assessment_id == assessment_id,
                    Answer.question_id == question_id,
                    Answer.answer.is_(None),
                    Answer.note.is_(None),
                    Answer.evidence.is_(None),
                )
            )

    @retried
    def save_target(self, code: str, pillar_id: str, level: int | None) -> None:
        """Set a pillar's target level for a draft (None returns to the model's default).

        Raises:
            ValueError: when the pillar does not exist or the level is not on the scale.
            UnknownDraft: when no draft has this code.
            DraftClosed: when the assessment was completed or abandoned.
        """
        with self._draft(code) as (conn, assessment_id, model):
            records.check_target(model, pillar_id, level)
            if level is None:
                conn.execute(
                    delete(Target).where(
                        Target.assessment_id == assessment_id, Target.pillar_id == pillar_id
                    )
                )
            else:
                keys = {"assessment_id": assessment_id, "pillar_id": pillar_id}
                upsert(conn, Target.__table__, keys, {"level": level})

    @retried
    def update_details(
        self,
        code: str,
        *,
        organisation: str | _Unset = UNSET,
        respondent: Respondent | _Unset | None = UNSET,
        assessed_on: dt.date | _Unset | None = UNSET,
    ) -> None:
        """Change the organisation, who answered, or the date; arguments left out stay.

        Raises:
            ValueError: when the organisation is blank.
            UnknownDraft: when no draft has this code.
            DraftClosed: when the assessment was completed or abandoned.
        """
        with self._draft(code) as (conn, assessment_id, _):
            values: dict[str, Any] = {}
            if not isinstance(organisation, _Unset):
                values["organisation_id"] = self.organisation_id(conn, organisation)
            if not isinstance(respondent, _Unset):
                values |= records.respondent_columns(respondent)
            if not isinstance(assessed_on, _Unset):
                values["assessed_on"] = assessed_on
            if values:
                conn.execute(
                    update(Assessment).where(Assessment.id == assessment_id).values(**values)
                )

    @retried
    def load_draft(self, code: str) -> Draft | None:
        """The assessment with this resume code, whatever its status, or None."""
        with self.session(write=False) as s:
            row = s.scalar(
                select(Assessment)
                .options(*WITH_CONTENT)
                .where(Assessment.resume_hash == records.code_hash(code))
            )
            if row is None:
                return None
            responses, _ = self.responses_of(s, row)
            model, text, _ = self.model_of(s, row.model_version_id)
            return Draft(
                assessment_id=row.id,
                status=row.status,
                model=model,
                model_text=text,
                organisation=row.organisation.name,
                respondent=responses.respondent,
                assessed_on=row.assessed_on,
                answers=dict(responses.answers),
                notes=dict(responses.notes),
                evidence=dict(responses.evidence),
                targets=dict(responses.targets),
                workshop_id=row.workshop_id if row.source == "participant" else None,
                workshop_title=row.workshop.title
                if row.source == "participant" and row.workshop is not None
                else None,
            )

    @retried
    def complete(self, code: str) -> int:
        """Mark a draft complete (dated today if it has no date); returns the assessment id.

        Completing an already complete assessment returns its id again.

        Raises:
            UnknownDraft: when no draft has this code.
            DraftClosed: when the draft was abandoned.
        """
        with self.session() as s:
            row = s.scalar(
                select(Assessment)
                .options(*WITH_CONTENT)
                .where(Assessment.resume_hash == records.code_hash(code))
            )
            if row is None:
                raise UnknownDraft("no draft has this resume code")
            if row.status == "complete":
                return row.id
            if row.status != "draft":
                raise DraftClosed(f"this assessment is {row.status} and cannot be completed")
            if row.assessed_on is None:
                row.assessed_on = dt.date.today()
            responses, _ = self.responses_of(s, row)
            row.status = "complete"
            row.completed_at = row.updated_at = utcnow()
            row.content_hash = records.content_hash(responses)
            if stored(row.source):
                model = self.model_of(s, row.model_version_id)[0]
                self.store_scores(s, row, score(model, responses))
            return row.id

    @retried
    def abandon(self, code: str) -> None:
        """Mark a draft abandoned; its answers are kept but it no longer changes.

        Raises:
            UnknownDraft: when no draft has this code.
            DraftClosed: when the assessment was already completed or abandoned.
        """
        with self._draft(code) as (conn, assessment_id, _):
            conn.execute(
                update(Assessment).where(Assessment.id == assessment_id).values(status="abandoned")
            )

    # --- files -----------------------------------------------------------------------------
    @retried
    def import_file(
        self,
        path: str | Path,
        models: Sequence[tuple[Model, str]] = (),
        organisation: str | None = None,
    ) -> ImportOutcome:
        """Store a responses file, or an export, as complete assessments.

        See :func:`store.imports.import_file`.
        """
        from store.imports import import_file

        return import_file(self, path, models, organisation)

    @retried
    def national_summary(self, model_id: str, organisation: str | None = None) -> NationalSummary:
        """The national summary of a model id from the stored scores.

        See :func:`store.national.national_summary`.
        """
        from store.national import national_summary

        with self._reader.connect() as conn:
            return national_summary(conn, model_id, organisation)

    def import_files(
        self,
        paths: Sequence[str | Path],
        models: Sequence[tuple[Model, str]] = (),
        organisation: str | None = None,
    ) -> Iterator[tuple[str, ImportOutcome | InputError]]:
        """Store many files, many to a transaction; (path, outcome) in order as each batch
        is committed. See :func:`store.import_batch.import_files`."""
        from store.import_batch import import_files

        return import_files(self, paths, models, organisation)

    @retried
    def summary_models(self) -> list[str]:
        """The model ids a national summary can be drawn for (they have stored scores)."""
        from store.national import summary_models

        with self._reader.connect() as conn:
            return summary_models(conn)

    @retried
    def summary_organisations(self, model_id: str) -> list[str]:
        """The organisations counted in the national summary of a model id."""
        from store.national import summary_organisations

        with self._reader.connect() as conn:
            return summary_organisations(conn, model_id)

    def export(
        self, out: TextIO, *, format: str = "json", organisation: str | None = None
    ) -> Exported:
        """Write complete assessments and their model versions as JSON or CSV.

        See :func:`store.exports.export`; returns how many assessments were written and
        which of them could not be scored (they are written with their raw answers).
        """
        from store.exports import export

        return export(self, out, format=format, organisation=organisation)
