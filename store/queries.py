"""Reading complete assessments back: by organisation, by id, with their exact model."""

from __future__ import annotations

from sqlalchemy import func, select

from scoring.result import Result
from store.base import LISTED, WITH_CONTENT, StoreBase, retried
from store.records import (
    Catalogue,
    StoredAssessment,
    UnknownAssessment,
    UnscorableAssessment,
    UnscoredAssessment,
)
from store.tables import Assessment, Organisation


class AssessmentQueries(StoreBase):
    """The read side of :class:`store.Store`: complete assessments and their models."""

    @retried
    def organisations(self) -> list[str]:
        """Every organisation with at least one complete assessment, by name."""
        with self.session(write=False) as s:
            names = s.scalars(
                select(Organisation.name)
                .join(Assessment, Assessment.organisation_id == Organisation.id)
                .where(Assessment.status == "complete", LISTED)
                .distinct()
            ).all()
        return sorted(names, key=lambda n: (n.casefold(), n))

    def assessments(self, organisation: str | None = None) -> list[StoredAssessment]:
        """Complete assessments (of one organisation, or all) that can be scored, oldest first.

        Each is scored against the model version it answered. The order is by organisation,
        then date (the assessment date, or the completion date when none was recorded). A
        record that cannot be scored is left out: :meth:`catalogue` names those.
        """
        return self.catalogue(organisation).scored

    @retried
    def catalogue(self, organisation: str | None = None, *, groups: bool = True) -> Catalogue:
        """Complete assessments (of one organisation, or all), oldest first: those that
        score, and those whose model can no longer be loaded or cannot score them.

        ``groups=False`` leaves group assessments out (their aggregation is most of the
        cost of reading them, wasted on a reader that does not use them)."""
        query = (
            select(Assessment).options(*WITH_CONTENT).where(Assessment.status == "complete", LISTED)
        )
        if not groups:
            query = query.where(Assessment.source != "group")
        if organisation is not None:
            query = query.join(Assessment.organisation).where(Organisation.name == organisation)
        with self.session(write=False) as s:
            found = [self.stored_or_unscored(s, row) for row in s.scalars(query)]
        found.sort(key=lambda a: (a.organisation, a.date, a.created_at, a.id))
        return Catalogue(
            scored=[a for a in found if isinstance(a, StoredAssessment)],
            unscored=[a for a in found if isinstance(a, UnscoredAssessment)],
        )

    @retried
    def assessment(self, assessment_id: int) -> StoredAssessment:
        """One complete assessment.

        Raises:
            UnknownAssessment: when there is no complete assessment with this id.
            UnscorableAssessment: when its model can no longer be loaded or cannot score it.
        """
        with self.session(write=False) as s:
            row = s.get(Assessment, assessment_id, options=WITH_CONTENT)
            if row is None or row.status != "complete" or row.source == "participant":
                raise UnknownAssessment(f"no complete assessment with id {assessment_id}")
            found = self.stored_or_unscored(s, row)
        if isinstance(found, UnscoredAssessment):
            raise UnscorableAssessment(found.describe())
        return found

    def result(self, assessment_id: int) -> Result:
        """The Result of a complete assessment, scored against its own model version.

        Raises:
            UnknownAssessment: when there is no complete assessment with this id.
            UnscorableAssessment: when its model can no longer be loaded or cannot score it.
        """
        return self.assessment(assessment_id).result

    @retried
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

    @retried
    def group_count(self, organisation: str | None = None) -> int:
        """How many complete group assessments (of one organisation, or all) are stored."""
        query = select(func.count()).where(
            Assessment.status == "complete", Assessment.source == "group"
        )
        if organisation is not None:
            query = query.join(Assessment.organisation).where(Organisation.name == organisation)
        with self.session(write=False) as s:
            return s.scalar(query) or 0

    @retried
    def count(self, status: str = "complete") -> int:
        """How many assessments have this status (participants' answers in a group
        assessment not counted: their group's assessment is)."""
        with self.session(write=False) as s:
            query = select(func.count()).where(Assessment.status == status, LISTED)
            return s.scalar(query) or 0
