"""What to do: the issues and actions by pillar, and the knowledge gaps to find out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.content.board import HORIZON, UNNAMED, Issue, answer_kind, is_concern, owner_of
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Group,
    Heading,
    Inline,
    Paragraph,
    Section,
    muted,
    strong,
    text,
)
from reports.text import plural, sentence_case
from scoring import ranking
from scoring.engine import question_steps
from scoring.present import points_text
from scoring.ranking import RankedStep
from scoring.result import NextStep, QuestionResult

KNOWLEDGE_GAPS = "Appendix: knowledge gaps"
_NONE = QuestionResult(id="", pillar="", answer=None, score=None, weight=0)


def sources_span(step: NextStep) -> Inline:
    """`` [S1, S2]``: the sources a step cites, muted ("" when none)."""
    if not step.sources:
        return ()
    return text(" ", muted(f"[{', '.join(step.sources)}]", small=False))


def _reason(reason: str) -> str:
    return reason.rstrip(". ")


def _action(ctx: Context, ranked: RankedStep, raised: dict[str, int]) -> Inline:
    """A step with its question, why it comes where it does, the owner and the horizon."""
    step = ranked.step
    r = ctx.result
    qr = r.question(step.question or "")
    number = ctx.numbers().get(step.question or "", "")
    kind = answer_kind(r.model, qr)
    about = [f"Question {number}"]
    if step.question in raised:
        about.append(f"issue {raised[step.question or '']} on the summary")
    if ranked.effect != "uplift":  # a plain uplift is what every step has: not a reason
        about.append(_reason(ranked.reason))
    owner = owner_of(step)
    if owner != UNNAMED:
        about.append(f"Owner: {owner}")
    about.append(HORIZON[kind])
    return text(step.text, sources_span(step), "\n", muted(" · ".join(about)))


# The body shows about ACTIONS_IN_BODY steps in all, shared between the pillars that need
# action (between 2 and 4 each); the rest go beside their answers in the answers appendix.
ACTIONS_IN_BODY = 12
ACTIONS_PER_PILLAR = (2, 4)


@dataclass(frozen=True)
class PillarPlan:
    """The steps of one pillar of the action plan: those the body shows, and the rest."""

    pillar: str
    shown: tuple[RankedStep, ...]
    more: tuple[RankedStep, ...]


def action_plan(ctx: Context) -> list[PillarPlan]:
    """The pillars that need action, most pressing first (below target, by priority; then any
    other with a cause of concern), each with its steps: causes of concern first, then the
    order of :func:`scoring.ranking.ranked_steps`; the first few (see :data:`ACTIONS_IN_BODY`)
    are shown in "Issues and actions" (all of them when the report has no answers appendix)."""
    r = ctx.result
    priority = [p.pillar for p in r.priorities]
    concern = [
        pr.id
        for pr in r.pillars
        if pr.id not in priority and any(is_concern(r.model, q) for q in pr.questions)
    ]
    ranked = ranking.ranked_steps(r)
    pillars = [*priority, *concern]
    low, high = ACTIONS_PER_PILLAR
    share = max(low, min(high, ACTIONS_IN_BODY // max(1, len(pillars))))
    plan = []
    for pillar_id in pillars:
        if pillar_id in priority:
            steps = [x for x in ranked if x.step.pillar == pillar_id]
        else:  # meets its target: the steps on its answers of concern
            concerns = [
                s
                for s in question_steps(r, pillar_id)
                if is_concern(r.model, r.question(s.question or "") or _NONE)
            ]
            steps = list(ranking.rank_steps(r, concerns))
        steps.sort(
            key=lambda x: not is_concern(r.model, r.question(x.step.question or "") or _NONE)
        )
        # Without the answers appendix there is nowhere else for the rest: show them all.
        room = share if ctx.has("answers") else len(steps)
        plan.append(PillarPlan(pillar_id, tuple(steps[:room]), tuple(steps[room:])))
    return plan


def actions(ctx: Context, raised: Sequence[Issue]) -> Section:
    """Priority areas and their next steps in one list: each pillar below its target (most
    pressing first), then any other pillar with a cause of concern; within a pillar, causes of
    concern first, then the order of :func:`scoring.ranking.ranked_steps`."""
    r = ctx.result
    numbered = {i.question: n for n, i in enumerate(raised, 1) if i.question}
    plan = action_plan(ctx)
    if not plan:
        return Section(
            id="actions",
            title="Issues and actions",
            blocks=(
                Paragraph(
                    text(
                        f"Every assessed pillar of {ctx.org} meets its target and no answer is a "
                        "cause of concern, so the model has no priority steps to suggest. "
                        "Consider raising the targets for the pillars that matter most, and run "
                        "the assessment again."
                    )
                ),
            ),
        )
    named = any(owner_of(s) != UNNAMED for s in r.next_steps)
    blocks: list[Block] = [
        Paragraph(
            text(
                "Pillars short of their targets come first, most pressing first, then any other "
                "pillar with a cause of concern. Within a pillar, a step on a cause of concern "
                "comes first, then the step that changes most; under each step are its question, "
                "what it changes and a suggested horizon. "
                + (
                    ""
                    if named
                    else "The model names no owners: the chief officer group names one for each step."
                )
            )
        )
    ]
    number = 0
    for rank, part in enumerate(plan, 1):
        pr = ctx.pillar(part.pillar)
        steps = part.shown
        advice = [s for s in r.next_steps if s.pillar == pr.id and s.kind == "pillar"]
        group: list[Block] = [Heading(2, text(f"{rank}. {pr.name}"))]
        if advice:
            group.append(
                Paragraph(
                    text(strong("For this pillar: "), advice[0].text, sources_span(advice[0]))
                )
            )
        items = [_action(ctx, x, numbered) for x in steps]
        if items:
            group.append(BulletList(tuple(items[:1]), numbered=True, start=number + 1))
        # The heading stays with the first step; the rest may flow on to the next page.
        blocks.append(Group(tuple(group)))
        if len(items) > 1:
            blocks.append(BulletList(tuple(items[1:]), numbered=True, start=number + 2))
        number += len(items)
        if part.more:
            questions = [ctx.numbers().get(x.step.question or "", "") for x in part.more]
            listed = (
                ", ".join(questions[:-1]) + " and " + questions[-1]
                if len(questions) > 1
                else questions[0]
            )
            blocks.append(
                Paragraph(
                    text(
                        f"{sentence_case(plural(len(part.more), 'more step', words=True))} for this "
                        f"pillar {'is' if len(part.more) == 1 else 'are'} in “Appendix: answers”, "
                        f"under question{'s' if len(questions) > 1 else ''} {listed}."
                    ),
                    "small",
                )
            )
        if not advice and not items:
            blocks.append(
                Paragraph(
                    text("The model offers no specific step for this pillar at its level."),
                    "small",
                )
            )
    return Section(id="actions", title="Issues and actions", blocks=tuple(blocks))


def knowledge_gaps(ctx: Context) -> Section:
    """Every "don't know" answer, as a question to find out, grouped by pillar."""
    r = ctx.result
    if not r.knowledge_gaps:
        return Section(
            id="knowledge-gaps",
            title=KNOWLEDGE_GAPS,
            blocks=(Paragraph(text("There were no “don’t know” answers.")),),
        )
    count = len(r.knowledge_gaps)
    blocks: list[Block] = [
        Paragraph(
            text(
                f"{sentence_case(plural(count, 'question', words=True))} "
                f"{'was' if count == 1 else 'were'} answered “don’t know”. Each counts as 0 "
                "until it is answered, so finding out is often the quickest way to a truer "
                "picture. Ask the people who own each area:"
            )
        )
    ]
    uplift = {s.question: s.uplift for s in r.next_steps if s.kind == "unknown"}
    gaps = set(r.knowledge_gaps)
    for pr in r.pillars:
        items: list[Inline] = []
        for qr in pr.questions:
            if qr.id not in gaps:
                continue
            question = r.model.question(qr.id)
            item = text(strong(ctx.question_text(qr.id)))
            if question and question.help:
                item = text(item, "\n", muted(question.help))
            above = (
                sorted((o for o in question.options if o.score > 0), key=lambda o: o.score)
                if question
                else []
            )
            if above and uplift.get(qr.id):
                item = text(
                    item,
                    "\n",
                    muted(
                        f"If the answer is at least “{above[0].label.rstrip('. ')}”, the overall "
                        f"score rises by {points_text(uplift[qr.id])} points or more."
                    ),
                )
            items.append(item)
        if not items:
            continue
        blocks.append(Group((Heading(3, text(pr.name)), BulletList(tuple(items[:1])))))
        if len(items) > 1:
            blocks.append(BulletList(tuple(items[1:])))
    return Section(id="knowledge-gaps", title=KNOWLEDGE_GAPS, blocks=tuple(blocks))
