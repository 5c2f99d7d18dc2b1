"""The cover and the one-page summary, and the sentences they are made of."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from questionnaire.schema import NA, UNKNOWN
from reports.blocks import Context, bullets, callout, p, table
from reports.chartdata import chart_data
from reports.charts import bars_drawing, radar_drawing
from reports.styles import BODY_HEIGHT, TEXT_WIDTH
from reports.text import (
    DONT_KNOW_ANSWER,
    fmt_date,
    fmt_points,
    fmt_score,
    level_label,
    para_text,
    plural,
    sentence_case,
    shorten,
)
from scoring.result import PillarResult, QuestionResult

TOP = 3  # how many priorities and strengths the summary names


def weakest(pillar: PillarResult, limit: int = 3) -> list[QuestionResult]:
    """The pillar's lowest-scoring answered questions (options only, not "don't know"),
    lowest first, heaviest first among equals, then in model order."""
    chosen = [q for q in pillar.questions if q.answer not in (None, NA, UNKNOWN) and q.weight > 0]
    order = {q.id: i for i, q in enumerate(pillar.questions)}
    chosen.sort(key=lambda q: (q.score or 0.0, -q.weight, order[q.id]))
    return chosen[:limit]


def strongest(pillar: PillarResult, limit: int = 2) -> list[QuestionResult]:
    """The pillar's highest-scoring answered questions, highest first."""
    chosen = [q for q in pillar.questions if q.answer not in (None, NA, UNKNOWN) and q.weight > 0]
    order = {q.id: i for i, q in enumerate(pillar.questions)}
    chosen.sort(key=lambda q: (-(q.score or 0.0), -q.weight, order[q.id]))
    return chosen[:limit]


def question_text(ctx: Context, question_id: str, limit: int | None = None) -> str:
    """A question's text as markup, optionally shortened."""
    question = ctx.result.model.question(question_id)
    text = question.text if question else question_id
    return para_text(shorten(text, limit) if limit else text)


def priority_sentence(ctx: Context, pillar_id: str) -> str:
    """One sentence on why a pillar is a priority (markup)."""
    pr = ctx.pillar(pillar_id)
    model = ctx.result.model
    sentence = (
        f"<b>{ctx.pillar_name(pillar_id)}</b> is at {para_text(level_label(model, pr.level))} "
        f"with {fmt_score(pr.score)}, {fmt_points(pr.gap)} points short of its target, "
        f"{para_text(level_label(model, pr.target_level))}"
    )
    low = weakest(pr, 1)
    if low:
        sentence += f"; its weakest answer is on “{question_text(ctx, low[0].id, 90)}”"
    return sentence + "."


def strength_sentence(ctx: Context, pillar_id: str, relative: bool) -> str:
    """One sentence on a strength (markup)."""
    pr = ctx.pillar(pillar_id)
    model = ctx.result.model
    name = f"<b>{ctx.pillar_name(pillar_id)}</b>"
    level = para_text(level_label(model, pr.level))
    if relative:
        return (
            f"{name} is the strongest pillar, at {level} with {fmt_score(pr.score)}, "
            f"though still below its target of {para_text(level_label(model, pr.target_level))}."
        )
    above = (pr.level or 0) - pr.target_level
    beyond = (
        f", {plural(above, 'level', words=True)} above its target"
        if above > 0
        else ", meeting its target"
    )
    return f"{name} is at {level} with {fmt_score(pr.score)}{beyond}."


def cover(ctx: Context) -> list[Flowable]:
    """The cover: organisation, date, model, respondent, and how to read the report."""
    st, r = ctx.st, ctx.result
    resp = r.responses
    answered = sum(pr.answered for pr in r.pillars)
    total = sum(pr.total for pr in r.pillars)
    rows: list[list[Flowable | str]] = [
        [p("Assessed on", st.cell_head), p(fmt_date(resp.assessed_on) or "Not recorded", st.cell)],
        [
            p("Model", st.cell_head),
            p(f"{para_text(r.model.title)}, version {para_text(r.model.version)}", st.cell),
        ],
        [p(para_text(ctx.respondent_label), st.cell_head), p(respondent_text(ctx), st.cell)],
        [
            p("Answers", st.cell_head),
            p(f"{answered} of {plural(total, 'question')} answered", st.cell),
        ],
    ]
    if ctx.generated_on:
        rows.append([p("Prepared on", st.cell_head), p(fmt_date(ctx.generated_on), st.cell)])
    return [
        Spacer(1, 70),
        p("AI maturity assessment", st.title),
        p(ctx.org_full, _cover_style(ctx)),
        p(para_text(r.model.title), st.subtitle),
        table(rows, [1, 3.6], header=False, zebra=False),
        Spacer(1, 26),
        p("About this report", st.h2),
        p(
            f"This report sets out where {ctx.org} stands on the adoption of artificial "
            "intelligence, pillar by pillar, against the targets set for it. It opens with a "
            "one-page summary, then explains the strengths to build on, the priority areas and "
            "the next steps for each, ranked by how much each would raise the overall score. "
            "Every “don’t know” answer is listed as a question to find out. The appendix "
            "records every question with the answer given and any notes, so the report can "
            "be checked and pasted into an internal paper.",
            st.body,
        ),
        p(
            "Scores run from 0 to 100. Each level of the scale starts at a threshold score; a "
            "pillar’s level is the highest threshold its score reaches.",
            st.body,
        ),
        PageBreak(),
    ]


def _cover_style(ctx: Context) -> ParagraphStyle:
    """A long organisation name is set smaller so the cover stays one page."""
    length = len(ctx.organisation)
    st = ctx.st
    return (
        st.cover_org if length <= 60 else st.cover_org_mid if length <= 160 else st.cover_org_small
    )


def respondent_text(ctx: Context) -> str:
    """Who answered, as markup ("Not recorded" when nobody is named)."""
    if ctx.respondent:
        return para_text(ctx.respondent)
    who = ctx.result.responses.respondent
    parts = [x for x in (who.name, who.role) if x] if who else []
    text = ", ".join(para_text(x) for x in parts)
    if who and who.group:
        text += f" ({para_text(who.group)})" if text else para_text(who.group)
    return text or "Not recorded"


def overall_box(ctx: Context) -> Flowable:
    """The overall level, its score and what it means, in a tinted box."""
    st, r = ctx.st, ctx.result
    o = r.overall
    if o.score is None or o.level is None:
        return callout(
            [
                p("<b>No overall level yet</b>", st.lead),
                p(
                    "No question was answered with a scored option, so nothing could be scored.",
                    st.body,
                ),
            ]
        )
    level = r.model.level(o.level)
    assessed = [pr for pr in r.pillars if pr.assessed]
    lines = [
        p(
            f"<font size=15><b>Level {o.level}: {para_text(o.level_name)}</b></font>",
            st.lead,
        ),
        p(
            f"{ctx.org_start} scores <b>{fmt_score(o.score)}</b> out of 100 overall, across "
            f"{plural(len(assessed), 'assessed pillar', words=True)}.",
            st.body,
        ),
    ]
    if level and level.description:
        lines.append(p(f"<i>At this level:</i> {para_text(level.description)}", st.body))
    if o.capped and o.uncapped_level is not None:
        lines.append(
            p(
                f"The score alone would place {ctx.org} at "
                f"{para_text(level_label(r.model, o.uncapped_level))}; a rule of the model holds "
                "it lower (see “Rule flags and caps”).",
                st.body,
            )
        )
    return callout(lines)


def chart_caption(ctx: Context) -> str:
    """The caption under a pillar chart: what the rings or bands and marks mean (markup)."""
    bands = chart_data(ctx.result).bands
    levels = "; ".join(f"L{b.level} {para_text(b.name)} from {b.min:g}" for b in bands)
    return f"Levels by score: {levels}. The dashed line marks each pillar’s target."


def summary(ctx: Context) -> list[Flowable]:
    """The one-page summary: overall level, the radar, top priorities and strengths."""
    st, r = ctx.st, ctx.result
    data = chart_data(r)
    drawing = radar_drawing(data, TEXT_WIDTH, 330) if len(data) >= 3 else bars_drawing(data)
    out: list[Flowable] = [
        p("Summary", st.h1),
        overall_box(ctx),
        Spacer(1, 6),
        drawing,
        p(chart_caption(ctx), st.caption),
    ]
    if r.priorities:
        out.append(p("Top priorities", st.h2))
        out += bullets(
            [priority_sentence(ctx, x.pillar) for x in r.priorities[:TOP]], ctx, numbered=True
        )
        if len(r.priorities) > TOP:
            out.append(
                p(
                    sentence_case(plural(len(r.priorities) - TOP, "more pillar", words=True))
                    + " below target: see “Priority areas”.",
                    st.small,
                )
            )
    else:
        out.append(p("Priorities", st.h2))
        out.append(p("Every assessed pillar meets its target.", st.body))
    if r.strengths:
        heading = "Strengths" if not r.strengths[0].relative else "Relative strength"
        out.append(p(heading, st.h2))
        out += bullets(
            [strength_sentence(ctx, s.pillar, s.relative) for s in r.strengths[:TOP]], ctx
        )
    notes = []
    missing = [pr for pr in r.pillars if not pr.assessed]
    if missing:
        names = ", ".join(para_text(pr.name) for pr in missing)
        notes.append(f"Not assessed (no scored answers): {names}.")
    if r.knowledge_gaps:
        notes.append(
            sentence_case(plural(len(r.knowledge_gaps), DONT_KNOW_ANSWER, words=True))
            + " counted as 0: see “Knowledge gaps”."
        )
    for note in notes:
        out.append(p(note, st.small))
    # The summary is one page: if a long profile would spill over, it is scaled to fit.
    return [KeepInFrame(TEXT_WIDTH, BODY_HEIGHT - 2, out, mode="shrink"), PageBreak()]
