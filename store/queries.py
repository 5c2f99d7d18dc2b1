"""Reading complete assessments back: by organisation, by id, with their exact model."""

from __future__ import annotations

from sqlalchemy import func, select

from scoring.result import Result
from store.base import WITH_CONTENT, StoreBase
from store.records import StoredAssessment, UnknownAssessment
from store.tables import Assessment, Organisation


class AssessmentQueries(StoreBase):
    """The read side of :class:`store.Store`: complete assessments and their models."""

    def organisations(self) -> list[str]:
        """Every organisation with at least one complete assessment, by name."""
        with self.session(write=False) as s:
            names = s.scalars(
                select(Organisation.name)
                .join(Assessment, Assessment.organisation_id == Organisation.id)
                .where(Assessment.status == "complete")
                .distinct()
            ).all()
        return sorted(names, key=lambda n: (n.casefold(), n))

    def assessments(self, organisation: str | None = None) -> list[StoredAssessment]:
        """Complete assessments (of one organisation, or all), oldest first.

        Each is scored against the model version it answered. The order is by organisation,
        then date (the assessment date, or the completion date when none was recorded).
        """
        query = select(Assessment).options(*WITH_CONTENT).where(Assessment.status == "complete")
        if organisation is not None:
            query = query.join(Assessment.organisation).where(Organisation.name == organisation)
        with self.session(write=False) as s:
            found = [self.stored(s, row) for row in s.scalars(query)]
        return sorted(found, key=lambda a: (a.organisation, a.date, a.created_at, a.id))

    def assessment(self, assessment_id: int) -> StoredAssessment:
        """One complete assessment.

        Raises:
            UnknownAssessment: when there is no complete assessment with this id.
        """
        with self.session(write=False) as s:
            row = s.get(Assessment, assessment_id, options=WITH_CONTENT)
            if row is None or row.status != "complete":
                raise UnknownAssessment(f"no complete assessment with id {assessment_id}")
            return self.stored(s, row)

    def result(self, assessment_id: int) -> Result:
        """The Result of a complete assessment, scored against its own model version.

        Raises:
            UnknownAssessment: when there is no complete assessment with this id.
        """
        return self.assessment(assessment_id).result

    def model_text(self, assessment_id: int) -> str:
        """The exact text of the model file an assessment answered.

        Raises:
            UnknownAssessment: when there is no assessment with this id.
        """
        with self.session(write=False) as s:
            mv = s.scalar(select(Assessment.model_version_id).where(Assessment.id == assessment_id))
            if mv is None:
                raise UnknownAssessment(f"no assessment with id {assessment_id}")
            return self.model_of(s, mv)[1]

    def count(self, status: str = "complete") -> int:
        """How many assessments have this status."""
        with self.session(write=False) as s:
            return s.scalar(select(func.count()).where(Assessment.status == status)) or 0
