"""What to do: next steps by priority pillar, the knowledge gaps, and the rule flags."""

from __future__ import annotations

from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Group,
    Heading,
    Inline,
    Paragraph,
    Section,
    Span,
    em,
    muted,
    strong,
    text,
)
from reports.text import end_sentence, plural, sentence_case, shorten
from scoring.present import answer_label, held_down, level_label, points_text
from scoring.result import NextStep


def sources_span(step: NextStep) -> Inline:
    """`` [S1, S2]``: the sources a step cites, muted ("" when none)."""
    if not step.sources:
        return ()
    return text(" ", muted(f"[{', '.join(step.sources)}]", small=False))


def _question_step(ctx: Context, step: NextStep) -> Inline:
    model = ctx.result.model
    qr = ctx.result.question(step.question or "")
    now = answer_label(model, qr.id, qr.answer) if qr else ""
    question = shorten(ctx.question_text(step.question or ""), 110)
    gain: Inline = (
        text(
            muted("adds about "),
            Span(f"+{points_text(step.uplift)} points", strong=True, tone="muted", small=True),
            muted(" overall"),
        )
        if step.uplift
        else text(muted("strengthens the pillar"))
    )
    return text(
        step.text,
        sources_span(step),
        "\n",
        muted(f"Now: “{question}”, answered "),
        Span(end_sentence(now), emphasis=True, tone="muted", small=True),
        muted(" Moving up one answer "),
        gain,
        muted("."),
    )


def next_steps(ctx: Context) -> Section:
    """Next steps grouped by priority pillar (most pressing first), ranked by uplift."""
    r = ctx.result
    if not r.priorities:
        return Section(
            id="next-steps",
            title="Next steps",
            break_before="space",
            blocks=(
                Paragraph(
                    text(
                        f"Every assessed pillar of {ctx.org} meets its target, so the model has "
                        "no priority steps to suggest. Consider raising the targets for the "
                        "pillars that matter most, and run the assessment again."
                    )
                ),
            ),
        )
    blocks: list[Block] = [
        Paragraph(
            text(
                "Steps are grouped by priority area, most pressing first. Each group opens with "
                "the advice for the pillar’s current level, then lists actions on specific "
                "answers, ranked by how many points each would add to the overall score if that "
                "answer moved up one option."
            )
        )
    ]
    for rank, priority in enumerate(r.priorities, 1):
        pr = ctx.pillar(priority.pillar)
        steps = [s for s in r.next_steps if s.pillar == pr.id]
        advice = [s for s in steps if s.kind == "pillar"]
        actions = sorted(
            (s for s in steps if s.kind == "question"), key=lambda s: -(s.uplift or 0.0)
        )
        unknown = [s for s in steps if s.kind == "unknown"]
        group: list[Block] = [
            Heading(2, text(f"{rank}. {pr.name}")),
            Paragraph(
                text(
                    f"Now at {level_label(r.model, pr.level)}; target "
                    f"{level_label(r.model, pr.target_level)}."
                ),
                "small",
            ),
        ]
        if advice:
            group.append(Paragraph(text(strong("For this pillar"))))
            group.append(BulletList(tuple(text(s.text, sources_span(s)) for s in advice)))
        items = tuple(_question_step(ctx, s) for s in actions)
        if items:
            group.append(Paragraph(text(strong("Actions, highest impact first"))))
            group.append(BulletList(items[:1], numbered=True))
        # The heading stays with the first step; the rest may flow on to the next page.
        blocks.append(Group(tuple(group)))
        if len(items) > 1:
            blocks.append(BulletList(items[1:], numbered=True, start=2))
        if unknown:
            blocks.append(
                Paragraph(
                    text(
                        f"And find out the {plural(len(unknown), 'answer', words=True)} marked "
                        "“don’t know” in this pillar (see “Knowledge gaps”)."
                    ),
                    "small",
                )
            )
        if not advice and not actions and not unknown:
            blocks.append(
                Paragraph(
                    text("The model offers no specific step for this pillar at its level."),
                    "small",
                )
            )
    return Section(id="next-steps", title="Next steps", break_before="space", blocks=tuple(blocks))


def knowledge_gaps(ctx: Context) -> Section:
    """Every "don't know" answer, as a question to find out, grouped by pillar."""
    r = ctx.result
    if not r.knowledge_gaps:
        return Section(
            id="knowledge-gaps",
            title="Knowledge gaps",
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
    return Section(id="knowledge-gaps", title="Knowledge gaps", blocks=tuple(blocks))


def flags(ctx: Context) -> Section:
    """The rules that fired (caps and warnings), each explained."""
    r = ctx.result
    section = "flags"
    title = "Rule flags and caps"
    if not r.model.rules:
        return Section(
            section, title, (Paragraph(text("The model has no rules, so none applies.")),)
        )
    intro = Paragraph(
        text(
            "The model’s rules stop a profile looking better than it is. A ",
            em("cap"),
            " keeps the overall level within reach of a foundation pillar; a ",
            em("warning"),
            " marks one pillar running ahead of another it depends on.",
        )
    )
    if not r.flags:
        return Section(
            section, title, (intro, Paragraph(text("No rule was triggered by these answers.")))
        )
    items = []
    for flag in r.flags:
        if flag.kind == "cap":
            item = text(strong("Cap."), f" {end_sentence(flag.message)}")
            held = held_down(r)
            if held:
                item = text(item, f" The overall level is {held}.")
        else:
            item = text(strong("Warning."), f" {end_sentence(flag.message)}")
            levels = [
                f"{pr.name} is at {level_label(r.model, pr.level)}"
                for pid in flag.pillars
                if (pr := r.pillar(pid))
            ]
            if levels:
                item = text(item, " (" + "; ".join(levels) + ".) This does not change any score.")
        items.append(item)
    return Section(section, title, (intro, BulletList(tuple(items))))
