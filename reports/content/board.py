"""What the chief officer group is asked to decide: the findings that matter, chosen from the
answers themselves, whatever their pillar's average.

A pillar average can hide a serious answer: a 25 on fairness testing inside a governance score
of 45. So the issues are picked from what an inspector would pick, in this order:

1. **Critical controls**: an answer breaks a critical control of the model (always raised,
   whatever the pillar: the level is held down until it is put right).
2. **Caps**: a rule holds the overall level down (the board cannot claim the higher level).
3. **Warnings**: a rule of the model says one pillar is running ahead of another it needs.
4. **Conflicts**: answers a rule of the model says cannot all be true.
5. **Causes of concern**: an answer at the question's lowest option (see :func:`concerns`).
6. **Unknowns that matter**: a "don't know" on a question of a pillar a rule names.
7. **Weak answers**: an answer in the lowest quarter of its question's range of scores.

Within each kind the order is the one of :func:`scoring.ranking.ranked_steps` (what moving
the answer up would change), then model order. At most :data:`ISSUES` are raised, one per
pillar while other pillars have issues left.

Each issue is a finding (one sentence), the decision asked for, an owner and a suggested
horizon. The horizon and the owner are worded here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from questionnaire.schema import NA, UNKNOWN, Model
from reports.content.context import Context
from scoring import ranking
from scoring.engine import question_steps
from scoring.present import critical_flags, held_down, level_label
from scoring.result import NextStep, QuestionResult, Result

ISSUES = 3  # how many issues the summary puts to the chief officer group

IssueKind = Literal["critical", "cap", "warning", "conflict", "concern", "unknown", "weak", "step"]

# A suggested horizon for each kind of issue: what a board would expect, said once.
HORIZON: dict[IssueKind, str] = {
    "critical": "Now, and before any further AI tool goes live",
    "conflict": "Before this report is relied on",
    "cap": "Within 12 months",
    "warning": "Before the next AI tool goes live",
    "concern": "Within 3 months",
    "unknown": "Within 1 month",
    "weak": "Within 6 months",
    "step": "Within 12 months",
}

# Who owns a decision the model gives no owner for.
BOARD = "The chief officer group"
UNNAMED = "To be named by the chief officer group"


@dataclass(frozen=True)
class Issue:
    """One issue for the chief officer group.

    Attributes:
        kind: what raised it (see the module doc).
        finding: the finding, one sentence.
        decision: the decision or action asked for.
        owner: a role.
        horizon: a suggested time to act.
        pillar: the pillar it is about, if one.
        question: the question it is about, if one.
        note: the respondent's note on that question, if any.
    """

    kind: IssueKind
    finding: str
    decision: str
    owner: str
    horizon: str
    pillar: str | None = None
    question: str | None = None
    note: str | None = None


def owner_of(step: NextStep | None) -> str:
    """The owner of a next step: the role the model names for it, else one the board names."""
    return step.owner if step is not None and step.owner else UNNAMED


def lowest_score(model: Model, question_id: str) -> float | None:
    """The lowest score an option of the question carries (None for an unknown question)."""
    question = model.question(question_id)
    return min(o.score for o in question.options) if question and question.options else None


def is_concern(model: Model, qr: QuestionResult) -> bool:
    """Whether an answer is a cause of concern: a chosen option at its question's lowest score,
    on a question that counts (weight above 0). "Don't know", not applicable and unanswered
    are not: they are knowledge gaps or out of scope."""
    if qr.answer in (None, NA, UNKNOWN) or qr.score is None or qr.weight <= 0:
        return False
    return qr.score == lowest_score(model, qr.id)


def is_weak(model: Model, qr: QuestionResult) -> bool:
    """Whether an answer is in the lowest quarter of its question's range of scores (and is not
    already a cause of concern)."""
    question = model.question(qr.id)
    if question is None or qr.score is None or qr.answer in (None, NA, UNKNOWN) or qr.weight <= 0:
        return False
    low = min(o.score for o in question.options)
    high = max(o.score for o in question.options)
    return high > low and qr.score > low and (qr.score - low) * 4 <= high - low


def concerns(result: Result) -> list[QuestionResult]:
    """Every cause of concern, in model order."""
    return [qr for pr in result.pillars for qr in pr.questions if is_concern(result.model, qr)]


def _rule_pillars(result: Result) -> set[str]:
    """The pillars the model's rules name (a cap's pillar, a warning's two pillars)."""
    named: set[str] = set()
    for rule in result.model.rules:
        for attr in ("pillar", "ahead", "behind"):
            value = getattr(rule, attr, None)
            if isinstance(value, str):
                named.add(value)
    return named


def _step_for(result: Result, question_id: str) -> NextStep | None:
    """The step on a question's answer: the result's own, or (for a pillar that meets its
    target, whose steps `score` does not list) the one its chosen option gives."""
    own = next((s for s in result.next_steps if s.question == question_id), None)
    if own is not None:
        return own
    qr = result.question(question_id)
    pillar = qr.pillar if qr else ""
    return next((s for s in question_steps(result, pillar) if s.question == question_id), None)


def _answer_issue(ctx: Context, qr: QuestionResult, kind: IssueKind) -> Issue:
    r = ctx.result
    number = ctx.numbers().get(qr.id, "")
    pillar = ctx.pillar(qr.pillar).name
    step = _step_for(r, qr.id)
    if kind == "unknown":
        finding = (
            f"Nobody who answered could say “{ctx.question_text(qr.id).strip()}” "
            f"(question {number}, {pillar})."
        )
        decision = f"Find out, from the people who own this area, and answer question {number}."
    else:
        label = ctx.result.model.question(qr.id)
        chosen = next((o.label for o in label.options if o.id == qr.answer), "") if label else ""
        finding = f"{pillar}, question {number}: “{_end(chosen)}”"
        decision = step.text if step else "Agree what must change, who will change it and by when."
    return Issue(
        kind=kind,
        finding=finding,
        decision=decision,
        owner=owner_of(step),
        horizon=HORIZON[kind],
        pillar=qr.pillar,
        question=qr.id,
        note=(qr.note or "").strip() or None,
    )


def _end(label: str) -> str:
    label = label.strip()
    return label if label.endswith((".", "!", "?")) else label + "."


def issues(ctx: Context, limit: int = ISSUES) -> list[Issue]:
    """Up to `limit` issues for the chief officer group, most pressing first (module doc)."""
    r = ctx.result
    found: list[Issue] = []
    for flag in critical_flags(r):
        for question_id in flag.questions:
            qr = r.question(question_id)
            if qr is not None:
                issue = _answer_issue(ctx, qr, "critical")
                found.append(replace(issue, finding=f"{issue.finding} {flag.message}"))
    held = held_down(r)
    if held:
        for flag in r.flags:
            if flag.kind == "cap" and flag.pillars:
                pr = ctx.pillar(flag.pillars[0])
                found.append(
                    Issue(
                        kind="cap",
                        finding=(
                            f"The overall level cannot rise above "
                            f"{level_label(r.model, r.overall.level)} while {pr.name} is at "
                            f"{level_label(r.model, pr.level)}."
                        ),
                        decision=(
                            f"Make {pr.name} the first priority, with a date by which it reaches "
                            "the next level."
                        ),
                        owner=BOARD,
                        horizon=HORIZON["cap"],
                        pillar=pr.id,
                    )
                )
    for flag in r.flags:
        if flag.kind == "flag" and len(flag.pillars) == 2:
            ahead, behind = (ctx.pillar(p) for p in flag.pillars)
            found.append(
                Issue(
                    kind="warning",
                    finding=(
                        f"{ahead.name} is at {level_label(r.model, ahead.level)} while "
                        f"{behind.name} is at {level_label(r.model, behind.level)}, which the "
                        "model warns against (see the warning above)."
                    ),
                    decision=(
                        f"Decide whether to hold back {ahead.name} until {behind.name} catches up."
                    ),
                    owner=BOARD,
                    horizon=HORIZON["warning"],
                    pillar=behind.id,
                )
            )
    for flag in r.flags:
        if flag.kind == "conflict":
            numbers = ", ".join(ctx.numbers().get(q, q) for q in flag.questions)
            found.append(
                Issue(
                    kind="conflict",
                    finding=f"Questions {numbers}: {flag.message}",
                    decision=(
                        "Check these answers against the evidence and correct whichever is "
                        "wrong before the scores are relied on."
                    ),
                    owner=BOARD,
                    horizon=HORIZON["conflict"],
                    pillar=flag.pillars[0] if flag.pillars else None,
                )
            )
    order = _answer_order(r)
    answers = [qr for pr in r.pillars for qr in pr.questions]
    answers.sort(key=lambda qr: order.get(qr.id, (len(order), 0)))
    named = _rule_pillars(r)
    for qr in answers:
        if is_concern(r.model, qr):
            found.append(_answer_issue(ctx, qr, "concern"))
    for qr in answers:
        if qr.answer == UNKNOWN and qr.pillar in named and qr.weight > 0:
            found.append(_answer_issue(ctx, qr, "unknown"))
    for qr in answers:
        if is_weak(r.model, qr):
            found.append(_answer_issue(ctx, qr, "weak"))
    return _spread(_distinct(found), max(0, limit))


def _answer_order(result: Result) -> dict[str, tuple[int, int]]:
    """Questions in the order :func:`scoring.ranking.ranked_steps` puts their steps, then the
    rest in model order."""
    order: dict[str, tuple[int, int]] = {}
    for i, ranked in enumerate(ranking.ranked_steps(result)):
        if ranked.step.question and ranked.step.question not in order:
            order[ranked.step.question] = (0, i)
    n = 0
    for pr in result.pillars:
        for qr in pr.questions:
            n += 1
            order.setdefault(qr.id, (1, n))
    return order


def _spread(found: Sequence[Issue], limit: int) -> list[Issue]:
    """The first `limit` issues, taking at most one per pillar while others are left (a board
    is better served by three areas than by three answers of one), in their order."""
    chosen = [issue for issue in found if issue.kind == "critical"][:limit]
    pillars: set[str | None] = {issue.pillar for issue in chosen}
    for issue in found:
        if issue in chosen:
            continue
        if len(chosen) < limit and (issue.pillar is None or issue.pillar not in pillars):
            chosen.append(issue)
            pillars.add(issue.pillar)
    for issue in found:
        if len(chosen) < limit and issue not in chosen:
            chosen.append(issue)
    return sorted(chosen, key=found.index)


def _distinct(found: Sequence[Issue]) -> list[Issue]:
    """One issue per question and per cap or warning message."""
    seen: set[str] = set()
    out = []
    for issue in found:
        key = issue.question or f"{issue.kind}:{issue.finding}"
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def answer_kind(model: Model, qr: QuestionResult | None) -> IssueKind:
    """What an answer is, for the horizon of the step on it: a cause of concern, a "don't know",
    a weak answer, or any other answer (``step``)."""
    if qr is None:
        return "step"
    if qr.answer == UNKNOWN:
        return "unknown"
    if is_concern(model, qr):
        return "concern"
    if is_weak(model, qr):
        return "weak"
    return "step"
