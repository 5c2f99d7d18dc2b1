"""`compare(earlier, later)`: what changed between two assessments, and what changed in the model.

Questions are matched by id, or through the later question's `replaces:`; questions with no
match are listed as added or removed, and matched questions whose wording changed are listed
as reworded, so a change in the model is never reported as a change in the force.
"""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire.schema import NA, UNKNOWN
from scoring.present import change
from scoring.result import Result


@dataclass(frozen=True)
class Delta:
    """An earlier and a later value and the change (None when either is missing)."""

    earlier: float | None
    later: float | None

    @property
    def change(self) -> float | None:
        """The change a reader sees: the later shown score minus the earlier shown score
        (:func:`scoring.present.change`), or None when either is missing."""
        return change(self.earlier, self.later)


@dataclass(frozen=True)
class PillarDelta:
    """One pillar's score and level, before and after."""

    id: str
    name: str
    score: Delta
    earlier_level: int | None
    later_level: int | None
    status: str  # "both", "added" (only in the later model) or "removed"


@dataclass(frozen=True)
class QuestionChange:
    """A question matched between the two models, with both answers."""

    earlier_id: str
    later_id: str
    earlier_answer: str | None
    later_answer: str | None
    score: Delta
    reworded: bool
    renamed: bool


@dataclass(frozen=True)
class Comparison:
    """The result of `compare`."""

    earlier: Result
    later: Result
    overall: Delta
    earlier_level: int | None
    later_level: int | None
    pillars: tuple[PillarDelta, ...]
    matched: tuple[QuestionChange, ...]
    added: tuple[str, ...]  # later question ids with no earlier counterpart
    removed: tuple[str, ...]  # earlier question ids with no later counterpart
    same_model: bool  # same model id and version

    @property
    def reworded(self) -> tuple[QuestionChange, ...]:
        """Matched questions whose text changed between the two model versions."""
        return tuple(q for q in self.matched if q.reworded)

    @property
    def renamed(self) -> tuple[QuestionChange, ...]:
        """Matched questions whose id changed (joined through `replaces:`)."""
        return tuple(q for q in self.matched if q.renamed)

    @property
    def answer_changes(self) -> tuple[QuestionChange, ...]:
        """Matched questions whose answer changed."""
        return tuple(q for q in self.matched if q.earlier_answer != q.later_answer)

    @property
    def knowledge_gained(self) -> tuple[QuestionChange, ...]:
        """Questions answered "don't know" before and with an option now: a change in what
        the organisation knows, not (only) in what it does."""
        return tuple(
            q
            for q in self.answer_changes
            if q.earlier_answer == UNKNOWN and _an_option(q.later_answer)
        )

    @property
    def knowledge_lost(self) -> tuple[QuestionChange, ...]:
        """Questions answered with an option before and "don't know" now."""
        return tuple(
            q
            for q in self.answer_changes
            if q.later_answer == UNKNOWN and _an_option(q.earlier_answer)
        )

    @property
    def same_organisation(self) -> bool | None:
        """Whether both assessments name the same organisation (None when either names none)."""
        return same_organisation(self.earlier, self.later)


def _an_option(answer: str | None) -> bool:
    return answer not in (None, NA, UNKNOWN)


def organisation_key(name: str | None) -> str | None:
    """An organisation's name as compared: spacing and case do not matter; None when blank."""
    folded = " ".join((name or "").split()).casefold()
    return folded or None


def same_organisation(earlier: Result, later: Result) -> bool | None:
    """Whether two assessments are of the same organisation, by name; None when either has
    no name (then nobody can tell)."""
    a = organisation_key(earlier.responses.organisation)
    b = organisation_key(later.responses.organisation)
    return None if a is None or b is None else a == b


def _match(earlier: Result, later: Result) -> dict[str, str]:
    """later question id -> earlier question id."""
    earlier_ids = {q.id for _, q in earlier.model.questions()}
    matches: dict[str, str] = {}
    taken: set[str] = set()
    for _, q in later.model.questions():
        if q.id in earlier_ids:
            matches[q.id] = q.id
            taken.add(q.id)
    for _, q in later.model.questions():
        if q.id in matches:
            continue
        for old in q.replaced_ids:
            if old in earlier_ids and old not in taken:
                matches[q.id] = old
                taken.add(old)
                break
    return matches


def compare(earlier: Result, later: Result) -> Comparison:
    """Compare two scored assessments (usually of one organisation, at two dates).

    Args:
        earlier: the older assessment's Result.
        later: the newer assessment's Result; its model decides the pillar order.

    Returns:
        Per-pillar and overall deltas, matched questions with both answers, and the questions
        added, removed, renamed or reworded between the two models.
    """
    matches = _match(earlier, later)
    # Looked up by id from one pass over each model, not searched for each question.
    earlier_questions = {q.id: q for _, q in earlier.model.questions()}
    matched = []
    for _, question in later.model.questions():
        if question.id not in matches:
            continue
        later_id, earlier_id = question.id, matches[question.id]
        lq, eq = question, earlier_questions.get(earlier_id)
        lr, er = later.question(later_id), earlier.question(earlier_id)
        assert lq and eq and lr and er
        matched.append(
            QuestionChange(
                earlier_id,
                later_id,
                er.answer,
                lr.answer,
                Delta(er.score, lr.score),
                reworded=" ".join(lq.text.split()) != " ".join(eq.text.split()),
                renamed=later_id != earlier_id,
            )
        )
    matched_earlier = set(matches.values())
    pillars = []
    earlier_pillars = {p.id: p for p in earlier.pillars}
    for lp in later.pillars:
        ep = earlier_pillars.get(lp.id)
        pillars.append(
            PillarDelta(
                lp.id,
                lp.name,
                Delta(ep.score if ep else None, lp.score),
                ep.level if ep else None,
                lp.level,
                "both" if ep else "added",
            )
        )
    later_ids = {p.id for p in later.pillars}
    for ep in earlier.pillars:
        if ep.id not in later_ids:
            pillars.append(
                PillarDelta(ep.id, ep.name, Delta(ep.score, None), ep.level, None, "removed")
            )
    return Comparison(
        earlier=earlier,
        later=later,
        overall=Delta(earlier.overall.score, later.overall.score),
        earlier_level=earlier.overall.level,
        later_level=later.overall.level,
        pillars=tuple(pillars),
        matched=tuple(matched),
        added=tuple(q.id for _, q in later.model.questions() if q.id not in matches),
        removed=tuple(q.id for _, q in earlier.model.questions() if q.id not in matched_earlier),
        same_model=(earlier.model.id, earlier.model.version)
        == (later.model.id, later.model.version),
    )
