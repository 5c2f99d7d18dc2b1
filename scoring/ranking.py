"""Start here: the question next steps ranked by what one move would really change.

Each "question" or "unknown" step of a Result is tried out: its answer is moved up one option
(a "don't know" to the lowest option worth any points, as the engine's uplift assumes) and
the changed pillar, the overall score and the rules are worked out again with the engine's
own functions. What changes decides the step's place, in this order:

1. **A rule stops holding the overall level down**: a cap (`lifts-cap`, or `loosens-cap`
   when another cap still holds it below its uncapped level), or a critical control is put
   right (`clears-critical`, ranked here even when another rule keeps the level where it is).
   More levels gained first. The rules that can hold the level down are listed in `_HOLDS`.
2. **A priority pillar reaches its target** (`reaches-target`) **or crosses into a higher
   level** (`crosses-level`). Fewest steps left to the target first (see
   :func:`steps_to_target`; reaching the target leaves 0; a target that moving answers up
   cannot reach comes last).
3. **Everything else** (`uplift`).

Ties, in every group, go to the larger uplift as shown (one decimal place, so the order never
depends on a difference the reader cannot see), then to the pillar that comes first in
``result.priorities`` (other pillars after), then to the weaker current answer ("don't know"
counts as 0, as it scores), then to model order, which makes the order total.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property
from math import lcm
from typing import Literal, NamedTuple

from questionnaire.schema import UNKNOWN, Model, Option, Question
from scoring.engine import apply_rules, exact, exact_mean, moved_pillar
from scoring.present import level_label, points_text, shown
from scoring.result import Flag, NextStep, Overall, PillarResult, QuestionResult, Result

Effect = Literal[
    "lifts-cap", "loosens-cap", "clears-critical", "reaches-target", "crosses-level", "uplift"
]

# The group each effect ranks in: lower first.
_GROUP: dict[Effect, int] = {
    "lifts-cap": 0,
    "loosens-cap": 0,
    "clears-critical": 0,
    "reaches-target": 1,
    "crosses-level": 1,
    "uplift": 2,
}

_RANKED_KINDS = ("question", "unknown")


class RankKey(NamedTuple):
    """What a step is sorted on, compared field by field (smaller first)."""

    group: int  # 0: a rule stops holding the level down; 1: a priority pillar moves up; 2: other
    within: float  # group 0: minus the levels gained; group 1: steps left to target (inf: none)
    uplift: float  # minus the uplift as shown
    priority: int  # place of the pillar in result.priorities; the number of priorities if none
    answer: float  # the current answer's score ("don't know" is 0)
    order: int  # place of the question in the model


@dataclass(frozen=True)
class RankedStep:
    """One next step with why it is where it is.

    `reason` is one plain sentence; `steps_to_target` is set for `reaches-target` (0) and
    `crosses-level` (None when moving answers up cannot reach the target).
    """

    step: NextStep
    effect: Effect
    reason: str
    key: RankKey
    steps_to_target: int | None = None


@dataclass(frozen=True)
class _Move:
    """A step tried out: its question moved to `option`, and what that changes."""

    step: NextStep
    option: Option
    lead: str  # how the reason names the move: "Moving this answer up one option"
    before: PillarResult
    after: PillarResult
    overall: Overall
    flags: tuple[Flag, ...]


class _Lift(NamedTuple):
    effect: Effect
    levels: int
    reason: str


def _next_option(question: Question, current: float) -> Option | None:
    """The lowest-scoring option above `current` (the first of equals), or None."""
    higher = [o for o in question.options if o.score > current]
    return min(higher, key=lambda o: o.score) if higher else None


class _Context:
    """What every step of one Result shares, worked out once.

    A move changes one answer of one pillar, so each pillar's exact totals (in the whole
    units of :class:`_Units`) are kept here and a move adjusts one term: trying a step costs
    the same however many questions its pillar has.
    """

    def __init__(self, result: Result) -> None:
        self.result = result
        self.questions = {q.id: q for _, q in result.model.questions()}
        self.order = {q_id: i for i, q_id in enumerate(self.questions)}
        self.answered = {q.id: q for p in result.pillars for q in p.questions}
        # Where each question sits in its pillar's results (the model's order).
        self.position = {q.id: i for p in result.pillars for i, q in enumerate(p.questions)}
        self.pillars = {p.id: p for p in result.pillars}
        self.priorities = [p.pillar for p in result.priorities]
        self.priority = {pillar: i for i, pillar in reversed(list(enumerate(self.priorities)))}
        # Each pillar's exact mean, as the engine's overall score takes it; a move changes one.
        self.means = {p.id: _pillar_mean(p) for p in result.pillars}

    @cached_property
    def units(self) -> _Units:
        return _Units(self.result.model)

    @cached_property
    def totals(self) -> dict[str, tuple[int, int]]:
        """Per pillar: (sum of weight times score, sum of weight) over its scored questions,
        in whole units."""
        units = self.units
        totals = {}
        for p in self.result.pillars:
            scored = [q for q in p.questions if q.score is not None and q.weight > 0]
            weighted = sum(units.weight[q.id] * units.score(q.score or 0.0) for q in scored)
            totals[p.id] = (weighted, sum(units.weight[q.id] for q in scored))
        return totals

    def moved_mean(self, before: QuestionResult, score: float) -> Fraction | None:
        """The exact mean of `before`'s pillar with `before` scoring `score` instead."""
        weighted, weight = self.totals[before.pillar]
        if weight == 0:
            return None
        if before.score is not None and before.weight > 0:
            units = self.units
            weighted += units.weight[before.id] * (units.score(score) - units.score(before.score))
        return Fraction(weighted, weight * self.units.score_unit)

    def overall_score(self, changed: PillarResult, mean: Fraction | None) -> float | None:
        """The overall score with `changed` (of exact mean `mean`) in place of its pillar, as
        `score` works it out."""
        means = {**self.means, changed.id: mean}
        pairs = [(p.weight, m) for p in self.result.pillars if (m := means[p.id]) is not None]
        overall = exact_mean(pairs)
        return None if overall is None else float(overall)


# The context of the last Result ranked, by identity: a report ranks the steps of one Result
# many times (once per pillar, for the answers of concern), and building a context goes over
# every question and option of the model. Held weakly, so no Result is kept alive by it; a
# tuple is swapped in whole, so threads that rank at once at worst build one twice.
_last: tuple[weakref.ref[Result], _Context] | None = None


def _context(result: Result) -> _Context:
    global _last
    last = _last
    if last is not None and last[0]() is result:
        return last[1]
    context = _Context(result)
    _last = (weakref.ref(result), context)
    return context


def _pillar_mean(pillar: PillarResult) -> Fraction | None:
    return exact_mean((q.weight, q.score) for q in pillar.questions if q.score is not None)


def _move(context: _Context, step: NextStep, question: Question, current: float) -> _Move | None:
    option = _next_option(question, current)
    if option is None:
        return None
    result = context.result
    model = result.model
    before = context.pillars[step.pillar]
    was = context.answered[question.id]
    moved = replace(was, answer=option.id, score=float(option.score))
    mean = context.moved_mean(was, moved.score or 0.0)
    # Only this pillar changes; the overall and the rules are then worked out as `score` does
    # (a property test checks every effect against a full `score` of the moved answers).
    after = moved_pillar(model, before, context.position[question.id], moved, mean)
    pillars = tuple(after if p.id == after.id else p for p in result.pillars)
    overall, flags = apply_rules(model, pillars, context.overall_score(after, mean))
    lead = (
        "If this answer is found to be the lowest option worth any points, that"
        if step.kind == "unknown"
        else "Moving this answer up one option"
    )
    return _Move(step, option, lead, before, after, overall, flags)


def _cap_lift(result: Result, move: _Move) -> _Lift | None:
    """The overall level rises because a cap on the moved pillar's level holds it no longer."""
    model, was, now = result.model, result.overall, move.overall
    if was.level is None or now.level is None or now.level <= was.level:
        return None
    if not any(f.kind == "cap" and move.step.pillar in f.pillars for f in result.flags):
        return None
    # Only the moved pillar changed, so the overall level can rise only because its cap, the
    # one that held it, now allows more.
    rise = (
        f"{move.after.name} would reach {level_label(model, move.after.level)}, so the overall "
        f"level would rise from {level_label(model, was.level)} to {level_label(model, now.level)}"
    )
    if now.capped:
        held = level_label(model, now.uncapped_level)
        reason = f"{move.lead} loosens the cap: {rise}, though a cap still holds it below {held}."
        return _Lift("loosens-cap", now.level - was.level, reason)
    return _Lift("lifts-cap", now.level - was.level, f"{move.lead} lifts the cap: {rise}.")


def _critical_lift(result: Result, move: _Move) -> _Lift | None:
    """The moved answer no longer breaks a critical control that it broke before."""
    question = move.step.question

    def broken(flags: Iterable[Flag]) -> set[int | None]:
        return {f.rule for f in flags if f.kind == "critical" and question in f.questions}

    cleared = broken(result.flags) - broken(move.flags)
    if not cleared:
        return None
    model, was, now = result.model, result.overall, move.overall
    gained = (now.level or 0) - (was.level or 0)
    if gained > 0:
        then = (
            f"the overall level would rise from {level_label(model, was.level)} to "
            f"{level_label(model, now.level)}"
        )
    else:
        then = "another rule or the scores still hold the overall level where it is"
    reason = f"{move.lead} puts right a critical control: {then}."
    return _Lift("clears-critical", max(0, gained), reason)


# Every rule that can hold the overall level down, tried in this order.
_HOLDS: tuple[Callable[[Result, _Move], _Lift | None], ...] = (_cap_lift, _critical_lift)


class _Units:
    """A model's option scores and question weights as whole numbers, for quick exact sums.

    A score of s counts ``s * score_unit`` and a weight w counts ``w * weight_unit``, with
    each unit the least that makes every number the model wrote a whole one (as written:
    0.1 is 1/10, the engine's reading). The score unit is twice that, because a group
    assessment's consensus is a median, which may be half the sum of two option scores.
    """

    def __init__(self, model: Model) -> None:
        questions = [q for _, q in model.questions()]
        scores = {exact(o.score) for q in questions for o in q.options}
        weights = {exact(q.weight) for q in questions}
        self.score_unit = 2 * lcm(1, *(f.denominator for f in scores))
        weight_unit = lcm(1, *(f.denominator for f in weights))
        self.weight = {q.id: _whole(exact(q.weight), weight_unit) for q in questions}
        self.ladder = {q.id: sorted({self.score(o.score) for o in q.options}) for q in questions}

    def score(self, value: float) -> int:
        return _whole(exact(value), self.score_unit)


def _whole(value: Fraction, unit: int) -> int:
    """``value * unit`` for a unit that is a multiple of the value's denominator."""
    return value.numerator * (unit // value.denominator)


def steps_to_target(result: Result, pillar: PillarResult) -> int | None:
    """The fewest one-option moves within `pillar` that bring it to its target score.

    A move raises one of the pillar's scored answers (weight above 0) to the next higher
    option; a "don't know" counts as 0, so its first move is to the lowest option worth any
    points. Unanswered and "not applicable" questions stay out, as they do in the score.

    Exact, not greedy: taking the largest next gain first can miss a small move that opens a
    large one (0 -> 5 -> 100 beats 0 -> 40 -> 60), so a small dynamic programme works out the
    largest gain for each number of moves, question by question. Pillars have a handful of
    questions with a few options each, so this stays cheap.

    Args:
        result: the Result the pillar belongs to (for its model).
        pillar: a pillar as scored, or as it would be after a move.

    Returns:
        0 when the pillar already meets its target; None when it is not assessed or moving
        its answers up cannot reach the target.
    """
    return _steps_to_target(_Units(result.model), pillar)


def _steps_to_target(units: _Units, pillar: PillarResult) -> int | None:
    if pillar.score is None:
        return None
    if pillar.gap == 0:
        return 0
    scored = [q for q in pillar.questions if q.score is not None and q.weight > 0]
    total_weight = sum(units.weight[q.id] for q in scored)
    ladders = []  # per question: the weighted gain of 0, 1, 2, ... moves up it
    base = 0
    for q in scored:
        weight, current = units.weight[q.id], units.score(q.score or 0.0)
        base += weight * current
        ups = [weight * (higher - current) for higher in units.ladder[q.id] if higher > current]
        ladders.append([0, *ups])
    possible = sum(len(reach) - 1 for reach in ladders)

    def reaches(gain: int) -> bool:
        # Compared as the engine compares: the float of the exact mean against the target.
        return float(Fraction(base + gain, total_weight * units.score_unit)) >= pillar.target_score

    # The answer is usually a few moves, so the programme first looks no further than a few
    # moves and looks further only if it must: the work grows with the answer, not with
    # every move the pillar allows (which is quadratic in its questions).
    most = 8
    while True:
        best = _largest_gains(ladders, most)
        for moves, gain in enumerate(best):
            if reaches(gain):
                return moves
        if most >= possible:
            return None
        most *= 4


def _largest_gains(ladders: list[list[int]], most: int) -> list[int]:
    """best[m]: the largest weighted gain of exactly m moves, for m up to `most` (or fewer
    when fewer moves are possible), question by question."""
    best = [0]
    for reach in ladders:
        merged = [-1] * min(most + 1, len(best) + len(reach) - 1)
        for m, so_far in enumerate(best):
            for k, extra in enumerate(reach[: len(merged) - m]):
                if so_far + extra > merged[m + k]:
                    merged[m + k] = so_far + extra
        best = merged
    return best


def _pillar_effect(context: _Context, move: _Move) -> tuple[Effect, int | None, str] | None:
    """A priority pillar reaching its target or a higher level, with steps left and reason."""
    if move.step.pillar not in context.priority:
        return None
    model, was, now = context.result.model, move.before, move.after
    target = level_label(model, now.target_level)
    if now.gap == 0:
        return "reaches-target", 0, f"{move.lead} brings {now.name} up to its target, {target}."
    if now.level is None or was.level is None or now.level <= was.level:
        return None
    left = _steps_to_target(context.units, now)
    crossing = f"{move.lead} takes {now.name} from {level_label(model, was.level)} to {level_label(model, now.level)}"
    if left is None:
        reason = f"{crossing}, though moving its answers up cannot reach its target, {target}."
    else:
        steps = "1 step" if left == 1 else f"{left} steps"
        reason = f"{crossing}, leaving it {steps} from its target, {target}."
    return "crosses-level", left, reason


def _rank(context: _Context, step: NextStep) -> RankedStep:
    result = context.result
    assert step.question is not None
    question = context.questions[step.question]
    answered = context.answered[step.question]
    current = 0.0 if answered.answer == UNKNOWN else answered.score or 0.0
    uplift = shown(step.uplift) or 0.0
    priorities = context.priorities
    priority = context.priority.get(step.pillar, len(priorities))
    order = context.order[step.question]

    def ranked(effect: Effect, within: float, reason: str, left: int | None = None) -> RankedStep:
        key = RankKey(_GROUP[effect], within, -uplift, priority, current, order)
        return RankedStep(step, effect, reason, key, left)

    move = _move(context, step, question, current)
    if move is None:
        if step.kind == "unknown":
            return ranked("uplift", 0, "No option is worth any points, so finding out adds none.")
        return ranked("uplift", 0, "No option scores higher than this answer, so it adds nothing.")
    for hold in _HOLDS:
        lift = hold(result, move)
        if lift is not None:
            return ranked(lift.effect, -lift.levels, lift.reason)
    moved_up = _pillar_effect(context, move)
    if moved_up is not None:
        effect, left, reason = moved_up
        return ranked(effect, float("inf") if left is None else left, reason, left)
    return ranked("uplift", 0, f"{move.lead} adds {points_text(step.uplift)} points overall.")


def ranked_steps(result: Result) -> tuple[RankedStep, ...]:
    """Every "question" and "unknown" next step of `result`, best first (see the module doc).

    Args:
        result: a Result from :func:`scoring.engine.score`.

    Returns:
        One RankedStep per such step in ``result.next_steps``, sorted by its key; pillar
        advice steps are left out.
    """
    context = _context(result)
    ranked = [_rank(context, s) for s in result.next_steps if s.kind in _RANKED_KINDS]
    return tuple(sorted(ranked, key=lambda r: r.key))


def start_here(result: Result, limit: int = 3) -> tuple[RankedStep, ...]:
    """The first `limit` of :func:`ranked_steps`: where to start."""
    return ranked_steps(result)[: max(0, limit)]


def rank_steps(result: Result, steps: Iterable[NextStep]) -> tuple[RankedStep, ...]:
    """`steps` ("question" or "unknown" steps of `result`'s questions, from wherever they
    came) ranked as :func:`ranked_steps` ranks the result's own."""
    context = _context(result)
    ranked = [_rank(context, s) for s in steps if s.kind in _RANKED_KINDS and s.question]
    return tuple(sorted(ranked, key=lambda r: r.key))
