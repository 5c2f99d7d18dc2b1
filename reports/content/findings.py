"""Where the organisation stands: the pillar scores, the strengths and the priority areas."""

from __future__ import annotations

from reports.chartdata import chart_data
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Section,
    Table,
    em,
    strong,
    text,
)
from reports.content.summary import chart_caption, pillar_alt, warned
from reports.text import DONT_KNOW_ANSWER, plural, sentence_case
from scoring.present import (
    answer_label,
    level_label,
    points_text,
    score_text,
    strongest,
    threshold_text,
    weakest,
)
from scoring.result import PillarResult


def scores_table(ctx: Context) -> Table:
    """Score, level, target, gap and answers of every pillar."""
    r = ctx.result
    rows = []
    for pr in r.pillars:
        target = r.model.level(pr.target_level)
        rows.append(
            (
                text(pr.name),
                text(score_text(pr.score, "–")),
                text(f"{pr.level} {pr.level_name}" if pr.level else "not assessed"),
                text(f"{pr.target_level} {target.name if target else ''}"),
                text(points_text(pr.gap) if pr.gap is not None else "–"),
                text(f"{pr.answered} of {pr.total}"),
            )
        )
    return Table(
        header=tuple(text(h) for h in ("Pillar", "Score", "Level", "Target", "Gap", "Answered")),
        rows=tuple(rows),
        widths=(3.3, 0.8, 1.5, 1.5, 0.7, 1.0),
        align=("left", "right", "left", "left", "right", "right"),
        caption="Scores, levels, targets and gaps by pillar",
    )


def scores(ctx: Context) -> Section:
    """The pillar bars over the level bands, and a table of scores, targets and gaps."""
    data = chart_data(ctx.result)
    return Section(
        id="scores",
        title="Scores by pillar",
        blocks=(
            Paragraph(
                text(
                    "Each bar is a pillar’s score out of 100; the shaded bands are the levels of "
                    "the scale and the upright mark is the pillar’s target. “Answered” counts "
                    "“don’t know” and “not applicable” answers too."
                )
            ),
            Chart(
                kind="bars",
                data=data,
                title="Pillar scores over the level bands",
                alt=pillar_alt(ctx),
                caption=chart_caption(data, "upright mark"),
                table=scores_table(ctx),
                print_table=True,
            ),
        ),
    )


def answer_line(ctx: Context, question_id: str, answer: str | None, score: float | None) -> Inline:
    """“Question text”: *the answer* (scores 50.0)."""
    label = answer_label(ctx.result.model, question_id, answer)
    shown = f" (scores {score_text(score)})" if score is not None else ""
    return text(f"“{ctx.question_text(question_id)}”: ", em(label), shown)


def _standing(ctx: Context, pr: PillarResult) -> str:
    """``Level 3 (Embedded) with 75.0, one level above its target.``"""
    model = ctx.result.model
    words = f"{sentence_case(level_label(model, pr.level))} with {score_text(pr.score)}"
    above = (pr.level or 0) - pr.target_level
    if above > 0:
        return f"{words}, {plural(above, 'level', words=True)} above its target."
    if above == 0 and not pr.gap:
        return f"{words}, meeting its target."
    return f"{words}, below its target of {level_label(model, pr.target_level)}."


def strengths(ctx: Context) -> Section:
    """Each strength with the answers that underpin it."""
    r = ctx.result
    if not r.strengths:
        return Section(
            id="strengths",
            title="Strengths",
            blocks=(
                Paragraph(text("No pillar could be assessed, so there is no strength to report.")),
            ),
        )
    count = len(r.strengths)
    if r.strengths[0].relative:
        intro = (
            "No pillar has reached its target yet. The pillar below is the strongest, and the "
            "natural place to look for practice that other areas can copy."
        )
    else:
        verb = (
            "meets or exceeds the target set for it"
            if count == 1
            else "meet or exceed the targets set for them"
        )
        intro = (
            f"{sentence_case(plural(count, 'pillar', words=True))} of {ctx.org} {verb}. These "
            "are the foundations to build on, and the practice to share."
        )
    groups: list[Block] = []
    for i, s in enumerate(r.strengths):
        pr = ctx.pillar(s.pillar)
        block: list[Block] = [Paragraph(text(intro))] if i == 0 else []
        block += [
            Heading(3, text(pr.name)),
            Paragraph(text(_standing(ctx, pr), warned(ctx, pr.id))),
        ]
        best = strongest(pr)
        if best:
            block.append(Paragraph(text("What underpins it:"), "small"))
            block.append(BulletList(tuple(answer_line(ctx, q.id, q.answer, q.score) for q in best)))
        groups.append(Group(tuple(block)))
    return Section(id="strengths", title="Strengths", blocks=tuple(groups))


def _why(ctx: Context, pr: PillarResult) -> Inline:
    model = ctx.result.model
    target = model.level(pr.target_level)
    target_name = f" ({target.name})" if target else ""
    why = text(
        "Score ",
        strong(score_text(pr.score)),
        f", {pr.level_name or ''} (level {pr.level}). Target: level {pr.target_level}"
        f"{target_name}, which starts at {threshold_text(pr.target_score)}. Gap: ",
        strong(f"{points_text(pr.gap)} points"),
        ".",
    )
    if pr.weight != 1:
        why = text(why, f" The pillar carries weight {pr.weight:g} in the overall score.")
    return why


def priorities(ctx: Context) -> Section:
    """Every pillar below its target: why (score, target, gap) and its weakest answers."""
    r = ctx.result
    if not r.priorities:
        return Section(
            id="priorities",
            title="Priority areas",
            blocks=(
                Paragraph(
                    text("Every assessed pillar meets its target, so no area is a priority.")
                ),
            ),
        )
    intro = Paragraph(
        text(
            "These pillars fall short of their targets. They are ordered by the size of the gap, "
            "weighted by each pillar’s weight in the overall score, so the first is the most "
            "pressing."
        )
    )
    groups: list[Block] = []
    for rank, priority in enumerate(r.priorities, 1):
        pr = ctx.pillar(priority.pillar)
        block: list[Block] = [intro] if rank == 1 else []
        block += [Heading(3, text(f"{rank}. {pr.name}")), Paragraph(_why(ctx, pr))]
        low = weakest(pr)
        if low:
            block.append(Paragraph(text("Weakest answers:"), "small"))
            block.append(BulletList(tuple(answer_line(ctx, q.id, q.answer, q.score) for q in low)))
        extra = []
        if pr.unknown:
            verb = "counts" if pr.unknown == 1 else "count"
            extra.append(f"{plural(pr.unknown, DONT_KNOW_ANSWER, words=True)} here {verb} as 0")
        if pr.answered < pr.total:
            extra.append(f"only {pr.answered} of {plural(pr.total, 'question')} were answered")
        if extra:
            block.append(Paragraph(text("Note: " + "; ".join(extra) + "."), "small"))
        groups.append(Group(tuple(block)))
    return Section(id="priorities", title="Priority areas", blocks=tuple(groups))
