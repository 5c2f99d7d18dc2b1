"""How every number and label is shown: the one rule, for JSON, terminal, PDF, HTML, app and CSV.

A score, a gap or an uplift is shown with one decimal place, halves rounded up (31.25 is
``31.3``), as a person rounds by hand. A change between two assessments is the difference of
the two *shown* scores (10.04 -> 10.16 is ``10.0`` -> ``10.2``, a change of ``+0.2``), so the
numbers on a page add up. Levels are worked out from the exact score before any rounding
(that is :mod:`scoring.engine`'s job); this module only decides what a reader sees.

Nothing else in the code base rounds or formats these values: the JSON takes
:func:`shown`, text takes :func:`score_text`, :func:`points_text` and :func:`change_text`.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from questionnaire.schema import NA, UNKNOWN, Model
from scoring.result import Flag, PillarResult, QuestionResult, Result, evidence_counts

_TENTH = Decimal("0.1")
MINUS = "\u2212"  # the minus sign, not a hyphen, wherever a change is written out

NOT_ASSESSED = "not assessed"
DONT_KNOW = "Don’t know"
NOT_APPLICABLE = "Not applicable"
NOT_ANSWERED = "Not answered"


def _decimal(value: float) -> Decimal:
    # repr gives the shortest string that reads back as the same float: 31.25 stays 31.25,
    # and 0.1 + 0.2 (0.30000000000000004) is not mistaken for a half.
    return Decimal(repr(float(value))).quantize(_TENTH, rounding=ROUND_HALF_UP)


def shown(value: float | None) -> float | None:
    """The value a reader sees, as a number (for JSON and CSV): one decimal place, half up.

    Args:
        value: a score, gap, uplift or other 0-100 quantity; None when there is none.

    Returns:
        The rounded float (``31.25`` -> ``31.3``; ``-0.0`` becomes ``0.0``), or None.
    """
    if value is None:
        return None
    return float(_decimal(value)) + 0.0


def score_text(value: float | None, missing: str = NOT_ASSESSED) -> str:
    """A score as text: ``31.3``; `missing` (``not assessed``) for None."""
    if value is None:
        return missing
    return f"{_decimal(value) + 0:.1f}"


def points_text(value: float | None) -> str:
    """A number of points (a gap or an uplift) as text: ``20.0``; ``0.0`` for None."""
    return score_text(value if value is not None else 0.0)


def change(earlier: float | None, later: float | None) -> float | None:
    """The change a reader sees: the later shown score minus the earlier shown score.

    Args:
        earlier: the earlier score, unrounded (None when it was not assessed).
        later: the later score, unrounded.

    Returns:
        The difference of the two shown values (exact to one decimal place), or None when
        either is missing.
    """
    if earlier is None or later is None:
        return None
    return float(_decimal(later) - _decimal(earlier)) + 0.0


def change_text(earlier: float | None, later: float | None, missing: str = "–") -> str:
    """A change as text: ``+0.2``, ``−1.5`` (a true minus sign) or ``0.0``; `missing` when
    either score is missing."""
    difference = change(earlier, later)
    if difference is None:
        return missing
    return signed_text(difference)


def signed_text(difference: float) -> str:
    """An already-shown change (see :func:`change`) with its sign: ``+0.2``, ``−1.5``, ``0.0``."""
    amount = _decimal(difference)
    if amount > 0:
        return f"+{amount:.1f}"
    if amount < 0:
        return f"{MINUS}{-amount:.1f}"
    return "0.0"


def threshold_text(value: float) -> str:
    """A level's threshold as the model wrote it: ``40``, ``37.5``."""
    return f"{Decimal(repr(float(value))).normalize():f}"


def level_label(model: Model, level: int | None) -> str:
    """``level 2 (Developing)`` for a level number of the model's scale."""
    if level is None:
        return NOT_ASSESSED
    found = model.level(level)
    return f"level {level} ({found.name})" if found else f"level {level}"


def answer_label(model: Model, question_id: str, answer: str | None) -> str:
    """The words of an answer: the option's label, "Don’t know", "Not applicable" or
    "Not answered" (plain text)."""
    if answer is None:
        return NOT_ANSWERED
    if answer == UNKNOWN:
        return DONT_KNOW
    if answer == NA:
        return NOT_APPLICABLE
    question = model.question(question_id)
    option = question.option(answer) if question else None
    return option.label if option else answer


def _chosen(pillar: PillarResult) -> list[QuestionResult]:
    """The pillar's questions answered with an option (not "don't know" or n/a) that count."""
    return [q for q in pillar.questions if q.answer not in (None, NA, UNKNOWN) and q.weight > 0]


def weakest(pillar: PillarResult, limit: int = 3) -> list[QuestionResult]:
    """A pillar's lowest-scoring answers (options only, not "don't know"): lowest first, the
    heavier question first among equals, then model order."""
    order = {q.id: i for i, q in enumerate(pillar.questions)}
    chosen = _chosen(pillar)
    chosen.sort(key=lambda q: (q.score or 0.0, -q.weight, order[q.id]))
    return chosen[:limit]


def strongest(pillar: PillarResult, limit: int = 2) -> list[QuestionResult]:
    """A pillar's highest-scoring answers, highest first (heavier first among equals)."""
    order = {q.id: i for i, q in enumerate(pillar.questions)}
    chosen = _chosen(pillar)
    chosen.sort(key=lambda q: (-(q.score or 0.0), -q.weight, order[q.id]))
    return chosen[:limit]


def question_numbers(model: Model) -> dict[str, str]:
    """Each question's number as readers see it: ``2.3`` is the third question of the second
    pillar (internal ids such as ``gov-dpia`` never appear in a report)."""
    return {
        question.id: f"{n}.{m}"
        for n, pillar in enumerate(model.pillars, 1)
        for m, question in enumerate(pillar.questions, 1)
    }


def held_down(result: Result) -> str | None:
    """Why the overall level is lower than its score alone would give, or None when it is not.

    One sentence fragment for every place that shows an overall level after a cap (results,
    history, comparison, report, terminal): ``held at level 3 (Defined) by the cap on
    Governance (at level 2 (Developing)); the score alone gives level 4 (Managed)``.
    """
    o = result.overall
    if not o.capped or o.uncapped_level is None or o.level is None:
        return None
    model = result.model
    numbers = question_numbers(model)
    holders = []
    for flag in result.flags:
        if flag.kind == "critical":
            holders += [
                f"the critical control on question {numbers.get(q, q)}" for q in flag.questions
            ]
        if flag.kind != "cap":
            continue
        for pillar_id in flag.pillars:
            pr = result.pillar(pillar_id)
            if pr is not None:
                holders.append(f"the cap on {pr.name}, which is at {level_label(model, pr.level)}")
    by = " and by ".join(holders) if holders else "a rule of the model"
    return (
        f"held at {level_label(model, o.level)} by {by}; the score alone gives "
        f"{level_label(model, o.uncapped_level)}"
    )


def warnings_naming(result: Result, pillar_id: str) -> list[str]:
    """The messages of the warnings that name a pillar (a flag's ahead or behind pillar, a
    conflict's or a critical control's question in it), in rule order: shown beside that
    pillar wherever it is called a strength."""
    kinds = ("flag", "conflict", "critical")
    return [f.message for f in result.flags if f.kind in kinds and pillar_id in f.pillars]


def critical_flags(result: Result) -> list[Flag]:
    """The critical controls the answers break, in rule order (the report's "stop and put
    right" box)."""
    return [f for f in result.flags if f.kind == "critical"]


# --- evidence ------------------------------------------------------------------------------
def evidence_text(questions: Iterable[QuestionResult]) -> str | None:
    """``Evidence named for 2 of 5 scored answers``, or None when nothing is scored."""
    given, scored = evidence_counts(questions)
    if not scored:
        return None
    return f"Evidence named for {given} of {scored} scored answer{'' if scored == 1 else 's'}"


def any_evidence(result: Result) -> bool:
    """Whether any scored answer of the assessment names its evidence."""
    return any(q.scored and q.evidence for p in result.pillars for q in p.questions)


def rests_on_no_evidence(pillar: PillarResult) -> bool:
    """Whether a pillar meets its target on answers none of which names its evidence: the
    report says so plainly, because an inspector would ask to see it."""
    return pillar.assessed and not pillar.gap and pillar.evidenced == 0


NO_EVIDENCE = (
    "This score rests on no evidence: none of its answers names a document, register or "
    "record that backs it, and an inspector would ask to see one."
)


def dont_know_counted(questions: Iterable[QuestionResult]) -> bool:
    """Whether the "don't know" answers among ``questions`` count as 0 (one person's
    assessment) rather than being left out (a group's consensus, where a question nobody
    could score has no score): the reports word the effect of "don't know" from this."""
    return any(q.answer == UNKNOWN and q.score is not None for q in questions)
