"""What every section builder reads: the assessment, earlier ones and the report's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reports.content.model import Options
from scoring.compare import Comparison
from scoring.present import question_numbers
from scoring.result import PillarResult, Result

# Longest organisation name repeated in running text (it is on the cover in full).
ORG_IN_TEXT = 100


@dataclass(frozen=True)
class Context:
    """The scored assessment, the earlier ones (oldest first) and how the report is made."""

    result: Result
    previous: tuple[Result, ...] = ()
    comparison: Comparison | None = None
    options: Options = field(default_factory=Options)

    @property
    def organisation(self) -> str:
        """The organisation's name ("Your organisation" when not given)."""
        return self.result.responses.organisation or "Your organisation"

    @property
    def org(self) -> str:
        """The organisation's name for running text; a name too long to repeat in a sentence
        becomes "the organisation"."""
        name = self.result.responses.organisation
        if not name:
            return "your organisation"
        if len(name) > ORG_IN_TEXT:
            return "the organisation"
        return name

    @property
    def org_start(self) -> str:
        """:attr:`org` at the start of a sentence (a real name is never recased)."""
        org = self.org
        return org[0].upper() + org[1:] if org in ("your organisation", "the organisation") else org

    def pillar(self, pillar_id: str) -> PillarResult:
        """The result of a pillar of this assessment's model."""
        found = self.result.pillar(pillar_id)
        if found is None:  # scoring only ever names pillars of the model
            raise KeyError(pillar_id)
        return found

    def question_text(self, question_id: str) -> str:
        """A question's text (its id only if the model has no such question)."""
        question = self.result.model.question(question_id)
        return question.text if question else question_id

    def has(self, section_id: str) -> bool:
        """Whether the report includes a section (so text may point to it)."""
        chosen = self.options.sections
        return chosen is None or section_id in chosen

    def numbers(self) -> dict[str, str]:
        """Question numbers (``2.3``) by id."""
        return self._numbers

    # Worked out once per report, not once per question that shows its number (a frozen
    # dataclass still has a __dict__, where cached_property keeps it).
    @cached_property
    def _numbers(self) -> dict[str, str]:
        return question_numbers(self.result.model)
