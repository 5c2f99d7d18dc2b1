"""The values scoring produces. All frozen; nothing here does I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from questionnaire.schema import Model, Responses

_T = TypeVar("_T", "PillarResult", "QuestionResult")


@dataclass(frozen=True)
class QuestionResult:
    """How one question was answered and what it scored."""

    id: str
    pillar: str
    answer: str | None  # an option id, "na", "unknown", or None when not answered
    score: float | None  # None for na and unanswered; 0 for unknown
    weight: float
    note: str | None = None
    evidence: str | None = None  # what backs the answer (text or a link), as given

    @property
    def scored(self) -> bool:
        """Whether the question counts towards its pillar's score."""
        return self.score is not None and self.weight > 0


def evidence_counts(questions: Iterable[QuestionResult]) -> tuple[int, int]:
    """(scored answers that name evidence, scored answers): the figure behind `evidenced`."""
    scored = [q for q in questions if q.scored]
    return sum(1 for q in scored if q.evidence), len(scored)


@dataclass(frozen=True)
class PillarResult:
    """One pillar's score, level and distance from its target."""

    id: str
    name: str
    weight: float
    score: float | None  # None when no question of the pillar was scored
    level: int | None
    level_name: str | None
    target_level: int
    target_score: float
    gap: float | None  # max(0, target_score - score); None when not assessed
    coverage: float  # answered (including na and unknown) / questions
    answered: int
    total: int
    unknown: int
    na: int
    questions: tuple[QuestionResult, ...] = ()

    @property
    def assessed(self) -> bool:
        """Whether the pillar has a score."""
        return self.score is not None

    @property
    def evidenced(self) -> float | None:
        """The share (0 to 1) of the pillar's scored answers that carry evidence; None when
        none of its answers is scored. A "don't know" is a scored answer (it scores 0)."""
        given, scored = evidence_counts(self.questions)
        return given / scored if scored else None


@dataclass(frozen=True)
class Overall:
    """The organisation's overall score and level (after any cap)."""

    score: float | None
    level: int | None
    level_name: str | None
    capped: bool = False
    uncapped_level: int | None = None


@dataclass(frozen=True)
class Strength:
    """A pillar at or above its target (or, failing any, the best one: `relative`)."""

    pillar: str
    reason: str
    relative: bool = False


@dataclass(frozen=True)
class Priority:
    """A pillar below its target."""

    pillar: str
    gap: float
    reason: str


@dataclass(frozen=True)
class NextStep:
    """One piece of advice.

    `kind` is "pillar" (the pillar's advice for its level), "question" (the chosen option's
    next step) or "unknown" (find out the answer to a "don't know"). `uplift` is, for a
    question step, how many overall points moving that question up one option would add.
    """

    pillar: str
    question: str | None
    text: str
    kind: str
    uplift: float | None = None
    sources: tuple[str, ...] = ()
    owner: str | None = None  # the role the model says carries the step out


@dataclass(frozen=True)
class Flag:
    """A rule that fired.

    `kind` is the rule's kind: "cap" (a pillar held the overall level down), "flag" (one
    pillar runs ahead of another), "critical" (an answer below a critical control; the
    overall level is held at the rule's `max_level` at most) or "conflict" (answers that
    cannot all be true). `rule` is the rule's index in the model's `rules`."""

    kind: str
    message: str
    pillars: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    rule: int | None = None


@dataclass(frozen=True)
class Result:
    """Everything `score` works out for one set of responses."""

    model: Model
    responses: Responses
    overall: Overall
    pillars: tuple[PillarResult, ...]
    strengths: tuple[Strength, ...]
    priorities: tuple[Priority, ...]
    next_steps: tuple[NextStep, ...]
    flags: tuple[Flag, ...]
    knowledge_gaps: tuple[str, ...] = field(default=())  # question ids answered "unknown"

    def pillar(self, pillar_id: str) -> PillarResult | None:
        """The result of the pillar with this id, or None."""
        return self._pillar_index.get(pillar_id)

    def question(self, question_id: str) -> QuestionResult | None:
        """The result of the question with this id, or None."""
        return self._question_index.get(question_id)

    # Indexes made on first use, so a lookup in a loop over the questions (the comparison,
    # every report section) costs the same however many questions there are. A frozen
    # dataclass still has a __dict__, where cached_property keeps them; they are not fields,
    # so equality, repr and dataclasses.replace ignore them.
    @cached_property
    def _pillar_index(self) -> dict[str, PillarResult]:
        return _first_by_id(self.pillars)

    @cached_property
    def _question_index(self) -> dict[str, QuestionResult]:
        return _first_by_id(q for p in self.pillars for q in p.questions)


def _first_by_id(items: Iterable[_T]) -> dict[str, _T]:
    """Items by id; the first wins, as a scan from the start would find it."""
    index: dict[str, _T] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index
