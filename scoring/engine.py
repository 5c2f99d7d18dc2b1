"""`score(model, responses) -> Result`: the scoring semantics of the contract, pure.

The rules, in plain words (the README says the same for model authors):

* a question scores its chosen option's score; "don't know" (`unknown`) scores 0 and is
  counted as a knowledge gap; "not applicable" (`na`) and unanswered questions are left out;
* a pillar's score is the weighted mean of its scored questions (weight > 0); with none, the
  pillar is not assessed;
* the overall score is the weighted mean of the assessed pillars, with pillar weights;
* a level is the highest level whose `min_score` is at most the score, unrounded;
* `cap` rules limit the overall level; `flag` rules add a warning;
* a `critical` rule fires when its question is answered below `below` or "don't know" (not
  when it is "not applicable" or unanswered): it adds a flag and holds the overall level at
  `max_level` at most; a `conflict` rule adds a flag when every one of its conditions holds
  ("don't know" counts as 0; "not applicable" or unanswered makes a condition false).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import Any, Literal

from questionnaire.schema import (
    NA,
    UNKNOWN,
    CapRule,
    Condition,
    ConflictRule,
    CriticalRule,
    FlagRule,
    Model,
    Pillar,
    Responses,
    Rule,
)
from scoring.present import points_text, score_text, threshold_text
from scoring.result import (
    Flag,
    NextStep,
    Overall,
    PillarResult,
    Priority,
    QuestionResult,
    Result,
    Strength,
)


def exact(number: float | Fraction) -> Fraction:
    """A number as the decimal its author wrote (0.1 is 1/10, not the nearest binary float)."""
    if type(number) is float:
        return _decimal_fraction(number)
    return number if isinstance(number, Fraction) else _decimal_fraction(float(number))


@lru_cache(maxsize=4096)
def _decimal_fraction(number: float) -> Fraction:
    return Fraction(repr(number))


@lru_cache(maxsize=4096)
def _ratio(number: float) -> tuple[int, int]:
    """(numerator, denominator) of :func:`exact` of a float, in lowest terms."""
    value = _decimal_fraction(number)
    return value.numerator, value.denominator


def _ratio_of(number: float | Fraction) -> tuple[int, int]:
    if type(number) is float:  # the usual case, tested first: isinstance on Fraction is slow
        return _ratio(number)
    if isinstance(number, Fraction):
        return number.numerator, number.denominator
    return _ratio(float(number))


def exact_mean(pairs: Iterable[tuple[float, float | Fraction]]) -> Fraction | None:
    """Exact mean of (weight, value) pairs with weight > 0; None when there are none.

    Exact arithmetic keeps a score that is on a level's `min_score` by hand on it: with
    floats, weights 0.1 and 0.2 on two answers of 45 give 44.99999999999999, one level down.
    The sums are of whole numbers over the least common denominators of the weights and of
    the values, so one Fraction is made per mean rather than one per term (the same exact
    value, several times quicker: see bench/bench_scoring.py).
    """
    terms = [(_ratio_of(w), _ratio_of(v)) for w, v in pairs if w > 0]
    if not terms:
        return None
    weight_den = lcm(*(w[1] for w, _ in terms))
    value_den = lcm(*(v[1] for _, v in terms))
    total_weight = 0
    total = 0
    for (wn, wd), (vn, vd) in terms:
        whole = wn * (weight_den // wd)
        total_weight += whole
        total += whole * vn * (value_den // vd)
    if total_weight == 0:
        return None
    return min(_HUNDRED, max(_ZERO, Fraction(total, total_weight * value_den)))


_ZERO, _HUNDRED = Fraction(0), Fraction(100)


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of (weight, value) pairs with weight > 0; None when there are none."""
    mean = exact_mean(pairs)
    return None if mean is None else float(mean)


def _question_results(pillar: Pillar, responses: Responses) -> tuple[QuestionResult, ...]:
    results = []
    for q in pillar.questions:
        answer = responses.answers.get(q.id)
        if answer is None or answer == NA:
            value = None
        elif answer == UNKNOWN:
            value = 0.0
        else:
            option = q.option(answer)
            if option is None:
                raise ValueError(f"question {q.id!r} has no option {answer!r}")
            value = float(option.score)
        results.append(
            QuestionResult(
                q.id,
                pillar.id,
                answer,
                value,
                q.weight,
                responses.notes.get(q.id),
                responses.evidence.get(q.id),
            )
        )
    return tuple(results)


def pillar_mean(questions: Iterable[QuestionResult]) -> Fraction | None:
    """The exact mean of a pillar's scored questions (weight above 0), or None."""
    return exact_mean((q.weight, q.score) for q in questions if q.score is not None)


def pillar_result(model: Model, pillar: Pillar, responses: Responses) -> PillarResult:
    """One pillar's questions, score, level, target and coverage (used by `score`)."""
    return pillar_of(model, pillar, _question_results(pillar, responses), responses.targets)


def pillar_of(
    model: Model,
    pillar: Pillar,
    questions: tuple[QuestionResult, ...],
    targets: Mapping[str, int],
    mean: Fraction | Literal["work it out"] | None = "work it out",
) -> PillarResult:
    """A pillar's score, level, target and coverage from its question results, however they
    were worked out: from one person's answers (:func:`pillar_result`) or from a group's
    (:mod:`scoring.aggregate`). `questions` holds the pillar's questions in model order;
    `mean`, when the caller has it, is their exact mean (:func:`pillar_mean`)."""
    exact_value = pillar_mean(questions) if mean == "work it out" else mean
    value = None if exact_value is None else float(exact_value)
    target_level = targets.get(pillar.id, model.scale.target_level)
    target = model.level(target_level)
    if target is None:
        raise ValueError(f"target level {target_level} of pillar {pillar.id!r} is not on the scale")
    answered = sum(1 for q in questions if q.answer is not None)
    return PillarResult(
        id=pillar.id,
        name=pillar.name,
        weight=pillar.weight,
        score=value,
        **_standing(model, value, target.min_score),
        target_level=target_level,
        target_score=target.min_score,
        coverage=answered / len(questions) if questions else 0.0,
        answered=answered,
        total=len(questions),
        unknown=sum(1 for q in questions if q.answer == UNKNOWN),
        na=sum(1 for q in questions if q.answer == NA),
        questions=questions,
    )


def _standing(model: Model, value: float | None, target_score: float) -> dict[str, Any]:
    """A pillar's level, level name and gap for its score."""
    level = model.level_for(value) if value is not None else None
    return {
        "level": level.level if level else None,
        "level_name": level.name if level else None,
        "gap": max(0.0, target_score - value) if value is not None else None,
    }


def moved_pillar(
    model: Model, before: PillarResult, index: int, moved: QuestionResult, mean: Fraction | None
) -> PillarResult:
    """`before` with its question at `index` answered as `moved`, given the pillar's new exact
    mean: what :func:`pillar_result` gives for the changed answers, without going over the
    pillar's other questions again (:mod:`scoring.ranking` tries every step so; a property
    test checks it against a full `score`)."""
    old = before.questions[index]
    questions = (*before.questions[:index], moved, *before.questions[index + 1 :])
    value = None if mean is None else float(mean)

    def count(test: Callable[[QuestionResult], bool]) -> int:
        return int(test(moved)) - int(test(old))

    answered = before.answered + count(lambda q: q.answer is not None)
    return replace(
        before,
        score=value,
        **_standing(model, value, before.target_score),
        coverage=answered / len(questions) if questions else 0.0,
        answered=answered,
        unknown=before.unknown + count(lambda q: q.answer == UNKNOWN),
        na=before.na + count(lambda q: q.answer == NA),
        questions=questions,
    )


def _overall_score(
    pillars: Sequence[PillarResult], means: Sequence[Fraction | None] | None = None
) -> float | None:
    # From the pillars' exact means, not their float scores, so no rounding compounds.
    if means is None:
        means = [pillar_mean(p.questions) for p in pillars]
    pairs = [(p.weight, m) for p, m in zip(pillars, means, strict=True) if m is not None]
    mean = exact_mean(pairs)
    return None if mean is None else float(mean)


def apply_rules(
    model: Model, pillars: tuple[PillarResult, ...], score: float | None
) -> tuple[Overall, tuple[Flag, ...]]:
    """The overall level after the model's caps and critical controls, and the flags its
    rules raise: first those that hold the level down (caps and critical controls), then the
    warnings (flags and conflicts), each in the order of the model's rules."""
    by_id = {p.id: p for p in pillars}
    answers = {q.id: q for p in pillars for q in p.questions}
    uncapped = None if score is None else model.level_for(score).level
    level = uncapped
    flags: list[Flag] = []
    holding = (CapRule, CriticalRule)
    ordered: list[tuple[int, Rule]] = [
        (i, r) for i, r in enumerate(model.rules) if isinstance(r, holding)
    ]
    ordered += [(i, r) for i, r in enumerate(model.rules) if not isinstance(r, holding)]
    for index, rule in ordered:
        if isinstance(rule, CapRule):
            held = by_id[rule.pillar]
            if uncapped is None or level is None or held.level is None:
                continue
            limit = held.level + rule.max_above
            if uncapped > limit:
                level = min(level, limit)
                message = rule.message or _cap_message(model, held, limit)
                flags.append(Flag("cap", message, (held.id,), rule=index))
        elif isinstance(rule, FlagRule):
            ahead, behind = by_id[rule.ahead], by_id[rule.behind]
            if ahead.level is None or behind.level is None:
                continue
            if ahead.level - behind.level >= rule.by:
                message = rule.message or _flag_message(ahead, behind)
                flags.append(Flag("flag", message, (ahead.id, behind.id), rule=index))
        elif isinstance(rule, CriticalRule):
            answer = answers[rule.question]
            if not critical_fires(rule, answer):
                continue
            if level is not None:
                level = min(level, rule.max_level)
            message = rule.message or _critical_message(model, rule)
            flags.append(Flag("critical", message, (answer.pillar,), (answer.id,), rule=index))
        elif isinstance(rule, ConflictRule):
            held_answers = [answers[c.question] for c in rule.when]
            if all(_condition_holds(c, a) for c, a in zip(rule.when, held_answers, strict=True)):
                message = rule.message or _conflict_message(model, rule)
                pillar_ids = tuple(dict.fromkeys(a.pillar for a in held_answers))
                question_ids = tuple(dict.fromkeys(a.id for a in held_answers))
                flags.append(Flag("conflict", message, pillar_ids, question_ids, rule=index))
    if score is None or level is None or uncapped is None:
        return Overall(None, None, None), tuple(flags)
    name = model.level(level)
    overall = Overall(score, level, name.name if name else None, level < uncapped, uncapped)
    return overall, tuple(flags)


def critical_fires(rule: CriticalRule, answer: QuestionResult) -> bool:
    """Whether `answer` breaks the critical control: "don't know", or an option scoring below
    the rule's `below`. "Not applicable" and unanswered never fire it."""
    if answer.answer is None or answer.answer == NA:
        return False
    if answer.answer == UNKNOWN:
        return True
    return answer.score is not None and answer.score < rule.below


def _condition_holds(condition: Condition, answer: QuestionResult) -> bool:
    """One condition of a conflict rule: "don't know" counts as 0; "not applicable" and
    unanswered make it false."""
    if answer.answer is None or answer.answer == NA or answer.score is None:
        return False
    value = 0.0 if answer.answer == UNKNOWN else answer.score
    if condition.at_least is not None:
        return value >= condition.at_least
    if condition.at_most is not None:
        return value <= condition.at_most
    return False


def _cap_message(model: Model, held: PillarResult, limit: int) -> str:
    level = model.level(limit)
    name = f" ({level.name})" if level else ""
    return (
        f"The overall level is limited to level {limit}{name} because {held.name} "
        f"is at level {held.level}."
    )


def _critical_message(model: Model, rule: CriticalRule) -> str:
    question = model.question(rule.question)
    level = model.level(rule.max_level)
    name = f" ({level.name})" if level else ""
    asked = question.text if question else rule.question
    return (
        f"A critical control is not in place ({asked}): the overall level is held at level "
        f"{rule.max_level}{name} at most until it is put right."
    )


def _conflict_message(model: Model, rule: ConflictRule) -> str:
    asked = []
    for condition in rule.when:
        question = model.question(condition.question)
        asked.append(question.text if question else condition.question)
    return "These answers do not sit together; check them: " + "; ".join(asked)


def _flag_message(ahead: PillarResult, behind: PillarResult) -> str:
    return (
        f"{ahead.name} (level {ahead.level}) is running ahead of {behind.name} "
        f"(level {behind.level})."
    )


def _priorities(model: Model, pillars: tuple[PillarResult, ...]) -> tuple[Priority, ...]:
    order = {p.id: i for i, p in enumerate(model.pillars)}
    behind = [p for p in pillars if p.gap is not None and p.gap > 0]
    behind.sort(key=lambda p: (-(p.gap or 0) * p.weight, p.score, order[p.id]))
    return tuple(
        Priority(
            p.id,
            p.gap or 0.0,
            f"{p.name} scores {score_text(p.score)}, {points_text(p.gap)} points below its "
            f"target of level {p.target_level} ({threshold_text(p.target_score)}).",
        )
        for p in behind
    )


def _strengths(model: Model, pillars: tuple[PillarResult, ...]) -> tuple[Strength, ...]:
    order = {p.id: i for i, p in enumerate(model.pillars)}
    met = sorted(
        (p for p in pillars if p.gap is not None and p.gap == 0),
        key=lambda p: (-(p.score or 0), order[p.id]),
    )
    if met:
        return tuple(
            Strength(
                p.id,
                f"{p.name} scores {score_text(p.score)}, at level {p.level} ({p.level_name}), "
                f"meeting its target of level {p.target_level}.",
            )
            for p in met
        )
    assessed = [p for p in pillars if p.score is not None]
    if not assessed:
        return ()
    best = min(assessed, key=lambda p: (-(p.score or 0), order[p.id]))
    return (
        Strength(
            best.id,
            f"{best.name} is the strongest pillar at {score_text(best.score)} (level {best.level}, "
            f"{best.level_name}), though still below its target of level {best.target_level}.",
            relative=True,
        ),
    )


class _Uplift:
    """Overall points gained by moving one answer, all else equal: one pass over the answers.

    Each pillar's exact totals (the sum of weights and of weight times score, over its scored
    questions, as whole numbers over common denominators) are added up once, the first time a
    step of that pillar asks; a move then changes one term of one pillar, so each uplift
    costs the same however many questions the model has. (Trying every answer on a copy of
    its pillar made `score` quadratic in the questions of a pillar.) Exact, so an uplift that
    is a half to one decimal place by hand is shown rounded up, as :mod:`scoring.present`
    rounds.
    """

    def __init__(self, pillars: tuple[PillarResult, ...]) -> None:
        self._pillars = {p.id: p for p in pillars}
        self._totals: dict[str, tuple[int, int]] = {}
        assessed = [p for p in pillars if p.score is not None]
        weight = sum((exact(p.weight) for p in assessed), Fraction(0))
        self._weight = weight.numerator, weight.denominator

    def _pillar_weight(self, pillar_id: str) -> tuple[int, int]:
        """(sum of the scored questions' weights over `den`, `den`): the pillar's weight."""
        found = self._totals.get(pillar_id)
        if found is None:
            ratios = [
                _ratio(q.weight)
                for q in self._pillars[pillar_id].questions
                if q.score is not None and q.weight > 0
            ]
            den = lcm(1, *(d for _, d in ratios))
            found = self._totals[pillar_id] = (sum(n * (den // d) for n, d in ratios), den)
        return found

    def of(self, question: QuestionResult, new_score: float) -> float:
        """How many overall points `question` would add if it scored `new_score`."""
        pillar = self._pillars[question.pillar]
        if question.score is None or question.weight <= 0 or pillar.score is None:
            return 0.0
        if new_score <= question.score:
            return 0.0
        weight, den = self._pillar_weight(question.pillar)
        # The pillar's mean moves by w * (new - old) / W; the overall by the pillar's share
        # p / T. In whole numbers: each term is a (numerator, denominator) pair.
        (wn, wd), (pn, pd) = _ratio(question.weight), _ratio(pillar.weight)
        (nn, nd), (on, od) = _ratio_of(new_score), _ratio_of(question.score)
        tn, td = self._weight
        top = pn * wn * (nn * od - on * nd) * den * td
        bottom = pd * wd * nd * od * weight * tn
        return max(0.0, top / bottom)  # int / int is correctly rounded, as float(Fraction)


def _question_steps(model: Model, uplift: _Uplift, pr: PillarResult) -> list[NextStep]:
    pillar = model.pillar(pr.id)
    assert pillar is not None
    order = {q.id: i for i, q in enumerate(pillar.questions)}
    scored = [q for q in pr.questions if q.answer not in (None, NA, UNKNOWN)]
    scored.sort(key=lambda q: (q.score, -q.weight, order[q.id]))
    steps = []
    for qr in scored:
        question = pillar.questions[order[qr.id]]
        option = question.option(qr.answer or "")
        step = option.step if option is not None else None
        if option is None or step is None:
            continue
        higher = [o.score for o in question.options if o.score > option.score]
        gain = uplift.of(qr, min(higher)) if higher else 0.0
        steps.append(
            NextStep(pr.id, qr.id, step.text, "question", gain, tuple(option.sources), step.owner)
        )
    return steps


def _unknown_steps(pillar: Pillar, uplift: _Uplift, pr: PillarResult) -> list[NextStep]:
    steps = []
    # pr.questions holds the pillar's questions in the same order (see _question_results).
    for question, qr in zip(pillar.questions, pr.questions, strict=True):
        if qr.answer != UNKNOWN:
            continue
        lowest_above = [o.score for o in question.options if o.score > 0]
        gain = uplift.of(qr, min(lowest_above)) if lowest_above else 0.0
        steps.append(NextStep(pr.id, qr.id, f"Find out: {question.text}", "unknown", gain))
    return steps


def _next_steps(
    model: Model, pillars: tuple[PillarResult, ...], priorities: tuple[Priority, ...]
) -> tuple[NextStep, ...]:
    by_id = {p.id: p for p in pillars}
    model_pillars = {p.id: p for p in model.pillars}
    uplift = _Uplift(pillars)
    steps: list[NextStep] = []
    for priority in priorities:
        pr = by_id[priority.pillar]
        pillar = model_pillars[pr.id]
        for advice in pillar.next_steps:
            if pr.level in advice.levels:
                steps.append(
                    NextStep(
                        pr.id,
                        None,
                        advice.text,
                        "pillar",
                        None,
                        tuple(advice.sources),
                        advice.owner,
                    )
                )
        steps += _question_steps(model, uplift, pr)
        steps += _unknown_steps(pillar, uplift, pr)
    prioritised = {p.pillar for p in priorities}
    for pr in pillars:
        if pr.id not in prioritised:
            steps += _unknown_steps(model_pillars[pr.id], uplift, pr)
    return tuple(steps)


def score(model: Model, responses: Responses) -> Result:
    """Score one set of responses against a model, as the contract's semantics say.

    Args:
        model: a validated model.
        responses: answers already checked against that model (see
            ``questionnaire.loader.load_responses``).

    Returns:
        The frozen Result: overall and per-pillar scores and levels, strengths, priorities,
        next steps (question steps carry their uplift), rule flags and knowledge gaps.

    Raises:
        ValueError: if an answer names an option the question does not have (responses that
            went through the loader never do).
    """
    questions = [_question_results(p, responses) for p in model.pillars]
    return result_of(model, responses, questions)


def result_of(
    model: Model, responses: Responses, questions: Sequence[tuple[QuestionResult, ...]]
) -> Result:
    """The Result of ready-made question results: pillars, overall, rules, strengths,
    priorities, next steps and knowledge gaps follow from them exactly as :func:`score`
    works them out from answers (it calls this).

    Args:
        model: a validated model.
        responses: what the Result says was answered (organisation, date, targets, the
            answers a report lists); only its ``targets`` take part in the scoring here.
        questions: one tuple per pillar of `model`, in model order, each holding that
            pillar's questions in model order.
    """
    means = [pillar_mean(qs) for qs in questions]
    pillars = tuple(
        pillar_of(model, p, qs, responses.targets, mean)
        for p, qs, mean in zip(model.pillars, questions, means, strict=True)
    )
    overall, flags = apply_rules(model, pillars, _overall_score(pillars, means))
    priorities = _priorities(model, pillars)
    return Result(
        model=model,
        responses=responses,
        overall=overall,
        pillars=pillars,
        strengths=_strengths(model, pillars),
        priorities=priorities,
        next_steps=_next_steps(model, pillars, priorities),
        flags=flags,
        knowledge_gaps=tuple(q.id for p in pillars for q in p.questions if q.answer == UNKNOWN),
    )


def question_steps(result: Result, pillar_id: str) -> list[NextStep]:
    """The "question" next steps of one pillar of `result`, weakest answer first, as `score`
    gives them for a priority pillar (for a report that acts on a pillar that meets its
    target but has an answer of concern)."""
    pr = result.pillar(pillar_id)
    return [] if pr is None else _question_steps(result.model, _Uplift(result.pillars), pr)
