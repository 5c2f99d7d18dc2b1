"""Where the organisation stands: the pillar scores, the strengths and the priority areas."""

from __future__ import annotations

from reportlab.platypus import Flowable

from reports.blocks import Context, bullets, keep, p, table
from reports.chartdata import chart_data
from reports.charts import bars_drawing
from reports.styles import TEXT_WIDTH
from reports.summary import chart_caption, question_text, strongest, weakest
from reports.text import (
    DONT_KNOW_ANSWER,
    answer_label,
    cell_text,
    fmt_points,
    fmt_score,
    level_label,
    para_text,
    plural,
    sentence_case,
)
from scoring.result import PillarResult


def scores(ctx: Context) -> list[Flowable]:
    """The pillar bars over the level bands, and a table of scores, targets and gaps."""
    st, r = ctx.st, ctx.result
    head = ["Pillar", "Score", "Level", "Target", "Gap", "Answered"]
    rows: list[list[Flowable | str]] = [[p(h, st.cell_head) for h in head]]
    for pr in r.pillars:
        level = para_text(pr.level_name) if pr.level_name else "–"
        target = r.model.level(pr.target_level)
        rows.append(
            [
                p(cell_text(pr.name, 160), st.cell_bold),
                p(fmt_score(pr.score) if pr.assessed else "–", st.cell_right),
                p(f"{pr.level} {level}" if pr.level else "not assessed", st.cell),
                p(f"{pr.target_level} {para_text(target.name) if target else ''}", st.cell),
                p(fmt_points(pr.gap) if pr.gap is not None else "–", st.cell_right),
                p(f"{pr.answered} of {pr.total}", st.cell_right),
            ]
        )
    out: list[Flowable] = [
        p("Scores by pillar", st.h1),
        p(
            "Each bar is a pillar’s score out of 100; the shaded bands are the levels of the "
            "scale and the upright mark is the pillar’s target. “Answered” counts "
            "“don’t know” and “not applicable” answers too.",
            st.body,
        ),
        bars_drawing(chart_data(r), TEXT_WIDTH),
        p(chart_caption(ctx).replace("dashed line", "upright mark"), st.caption),
        table(rows, [3.3, 0.8, 1.5, 1.5, 0.7, 1.0]),
    ]
    return out


def _answer_line(ctx: Context, q_id: str, answer: str | None, score: float | None) -> str:
    label = para_text(answer_label(ctx.result.model, q_id, answer))
    shown = f" (scores {fmt_score(score)})" if score is not None else ""
    return f"“{question_text(ctx, q_id)}”: <i>{label}</i>{shown}"


def _standing(ctx: Context, pr: PillarResult) -> str:
    """``Level 3 (Embedded) with 75.0, one level above its target.`` (markup)."""
    model = ctx.result.model
    text = f"{sentence_case(para_text(level_label(model, pr.level)))} with {fmt_score(pr.score)}"
    above = (pr.level or 0) - pr.target_level
    if above > 0:
        return f"{text}, {plural(above, 'level', words=True)} above its target."
    if above == 0 and not pr.gap:
        return f"{text}, meeting its target."
    return f"{text}, below its target of {para_text(level_label(model, pr.target_level))}."


def strengths(ctx: Context) -> list[Flowable]:
    """Each strength with the answers that underpin it."""
    st, r = ctx.st, ctx.result
    heading = p("Strengths", st.h1)
    if not r.strengths:
        return [
            heading,
            p("No pillar could be assessed, so there is no strength to report.", st.body),
        ]
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
    out: list[Flowable] = []
    for i, s in enumerate(r.strengths):
        pr = ctx.pillar(s.pillar)
        block: list[Flowable] = [heading, p(intro, st.body)] if i == 0 else []
        block += [p(ctx.pillar_name(s.pillar), st.h3), p(_standing(ctx, pr), st.body)]
        best = strongest(pr)
        if best:
            block.append(p("What underpins it:", st.small))
            block += bullets([_answer_line(ctx, q.id, q.answer, q.score) for q in best], ctx)
        out.append(keep(block))
    return out


def _why(ctx: Context, pr: PillarResult) -> str:
    model = ctx.result.model
    target = model.level(pr.target_level)
    target_name = f" ({para_text(target.name)})" if target else ""
    text = (
        f"Score <b>{fmt_score(pr.score)}</b>, {para_text(pr.level_name or '')} "
        f"(level {pr.level}). Target: level {pr.target_level}{target_name}, which starts at "
        f"{pr.target_score:g}. Gap: <b>{fmt_points(pr.gap)} points</b>."
    )
    if pr.weight != 1:
        text += f" The pillar carries weight {pr.weight:g} in the overall score."
    return text


def priorities(ctx: Context) -> list[Flowable]:
    """Every pillar below its target: why (score, target, gap) and its weakest answers."""
    st, r = ctx.st, ctx.result
    heading = p("Priority areas", st.h1)
    if not r.priorities:
        return [
            heading,
            p("Every assessed pillar meets its target, so no area is a priority.", st.body),
        ]
    intro = p(
        "These pillars fall short of their targets. They are ordered by the size of the gap, "
        "weighted by each pillar’s weight in the overall score, so the first is the most "
        "pressing.",
        st.body,
    )
    out: list[Flowable] = []
    for rank, priority in enumerate(r.priorities, 1):
        pr = ctx.pillar(priority.pillar)
        block: list[Flowable] = [heading, intro] if rank == 1 else []
        block += [p(f"{rank}. {ctx.pillar_name(pr.id)}", st.h3), p(_why(ctx, pr), st.body)]
        low = weakest(pr)
        if low:
            block.append(p("Weakest answers:", st.small))
            block += bullets([_answer_line(ctx, q.id, q.answer, q.score) for q in low], ctx)
        extra = []
        if pr.unknown:
            verb = "counts" if pr.unknown == 1 else "count"
            extra.append(f"{plural(pr.unknown, DONT_KNOW_ANSWER, words=True)} here {verb} as 0")
        if pr.answered < pr.total:
            extra.append(f"only {pr.answered} of {plural(pr.total, 'question')} were answered")
        if extra:
            block.append(p("Note: " + "; ".join(extra) + ".", st.small))
        out.append(keep(block))
    return out
