"""“Since last time”: what changed since the previous assessment, and the trend over all."""

from __future__ import annotations

from questionnaire.schema import NA, UNKNOWN
from reports.chartdata import TrendData, trend_data
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Chart,
    Heading,
    Inline,
    Paragraph,
    Section,
    Span,
    Table,
    em,
    muted,
    strong,
    text,
)
from reports.content.summary import who_answered
from reports.text import fmt_date, plural, sentence_case
from scoring.compare import Comparison, Delta, QuestionChange
from scoring.present import dont_know_counted, level_label, score_text, signed_text
from scoring.result import Result

TREND_FROM = 3  # assessments needed before a trend line says more than the table
# Pillar lines on one trend chart: more cannot be told apart, nor their names set beside
# their ends; a model with more pillars gets several charts, each with the overall line.
TREND_LINES = 8


def change_span(delta: Delta) -> Inline:
    """A change with an arrow that says the direction in shape as well as colour."""
    change = delta.change
    if change is None:
        return text("–")
    shown = signed_text(change)
    if change > 0:
        return (Span(f"▲\u00a0{shown}", tone="up"),)
    if change < 0:
        return (Span(f"▼\u00a0{shown}", tone="down"),)
    return (Span(f"►\u00a0{shown}", tone="muted"),)


def _on(result: Result, lead: str) -> str:
    """`` on 27 November 2026`` (after `lead`), or "" when the assessment has no date."""
    on = result.responses.assessed_on
    return f"{lead}on {fmt_date(on)}" if on else ""


def _pillar_table(c: Comparison) -> Table:
    rows = []
    for pd in c.pillars:
        if pd.status == "added":
            change = text(em("new in this model version"))
        elif pd.status == "removed":
            change = text(em("no longer in the model"))
        else:
            change = change_span(pd.score)
        then_level = f"L{pd.earlier_level}" if pd.earlier_level else "–"
        now_level = f"L{pd.later_level}" if pd.later_level else "–"
        rows.append(
            (
                text(pd.name),
                text(score_text(pd.score.earlier, "–")),
                text(score_text(pd.score.later, "–")),
                change,
                text(f"{then_level} → {now_level}"),
            )
        )
    return Table(
        header=tuple(text(h) for h in ("Pillar", "Then", "Now", "Change", "Level then → now")),
        rows=tuple(rows),
        widths=(3.2, 0.8, 0.8, 1.0, 1.4),
        align=("left", "right", "right", "left", "left"),
        caption="Pillar scores then and now",
    )


def _model_changes(c: Comparison) -> list[Block]:
    em_, lm = c.earlier.model, c.later.model
    out: list[Block] = []
    if not c.same_model:
        out.append(
            Paragraph(
                text(
                    f"The earlier assessment answered version {em_.version} of the model; this "
                    f"one answers version {lm.version}. Questions are matched by their ids (and "
                    "by the ids they replace); those that could not be matched are named below "
                    "rather than compared, so a change in the model is not read as a change in "
                    "the organisation."
                )
            )
        )
    groups: list[tuple[str, list[Inline]]] = [
        (
            "Questions added since last time",
            [text(q.text) for qid in c.added if (q := lm.question(qid))],
        ),
        (
            "Questions removed since last time",
            [text(q.text) for qid in c.removed if (q := em_.question(qid))],
        ),
    ]
    # A renamed question replaces an earlier one (the model says so with `replaces:`); a
    # reworded one kept its id. Both are compared; each is named as what it is.
    renamed: list[Inline] = []
    reworded: list[Inline] = []
    for qc in c.matched:
        if not (qc.renamed or qc.reworded):
            continue
        now, then = lm.question(qc.later_id), em_.question(qc.earlier_id)
        if now and then:
            item = text(now.text, "\n", muted(f"Was: {then.text}"))
            (renamed if qc.renamed else reworded).append(item)
    groups.append(
        ("Questions that replace earlier ones (compared with the question replaced)", renamed)
    )
    groups.append(("Questions reworded (compared, as they ask the same thing)", reworded))
    for title, items in groups:
        if items:
            out.append(Heading(3, text(title)))
            out.append(BulletList(tuple(items)))
    return out


def _person(result: Result) -> tuple[str | None, str | None] | None:
    who = result.responses.respondent
    return (who.name, who.role) if who and (who.name or who.role) else None


def _knowledge(c: Comparison, appendix: bool) -> list[Block]:
    """Moves between "don't know" and an answer, told apart from changes in practice."""
    gained, lost = len(c.knowledge_gained), len(c.knowledge_lost)
    if not gained and not lost:
        return []
    questions = [q for r in (c.earlier, c.later) for p in r.pillars for q in p.questions]
    counted = dont_know_counted(questions) or not any(q.answer == UNKNOWN for q in questions)
    parts = []
    if gained:
        parts.append(
            f"{plural(gained, 'question', words=True)} answered “don’t know” last time "
            f"{'has' if gained == 1 else 'have'} an answer now (knowledge gained)"
        )
    if lost:
        parts.append(
            f"{plural(lost, 'question', words=True)} answered last time "
            f"{'is' if lost == 1 else 'are'} “don’t know” now (knowledge lost)"
        )
    return [
        Paragraph(
            text(
                sentence_case("; ".join(parts))
                + (
                    ". A “don’t know” counts as 0, so part of the "
                    if counted
                    else ". A “don’t know” is left out of a group's score, so part of the "
                )
                + "change in score comes from what is known about the organisation, not from "
                "what it does"
                + ("; “Appendix: answers” marks these answers as such." if appendix else ".")
            )
        )
    ]


def answer_change_cell(qc: QuestionChange) -> Inline:
    if qc.earlier_answer == UNKNOWN and qc.later_answer not in (None, NA, UNKNOWN):
        return text(em("knowledge gained"))
    if qc.later_answer == UNKNOWN and qc.earlier_answer not in (None, NA, UNKNOWN):
        return text(em("knowledge lost"))
    return change_span(qc.score)


def trend_alt(trend: TrendData) -> str:
    """The text alternative of the trend chart: every series' values, oldest first."""
    dates = ", ".join(trend.labels)
    parts = [f"Overall {', '.join(score_text(v, 'not assessed') for v in trend.overall)}"]
    for s in trend.series:
        parts.append(f"{s.name} {', '.join(score_text(v, 'not assessed') for v in s.values)}")
    return f"Scores at each assessment ({dates}): " + "; ".join(parts) + "."


def trend_table(trend: TrendData) -> Table:
    """The trend chart's figures: a row per pillar (and overall), a column per assessment."""
    rows = [(text("Overall"), *(text(score_text(v, "–")) for v in trend.overall))]
    rows += [(text(s.name), *(text(score_text(v, "–")) for v in s.values)) for s in trend.series]
    columns = len(trend.labels)
    return Table(
        header=(text("Pillar"), *(text(label) for label in trend.labels)),
        rows=tuple(rows),
        widths=(3.0, *([1.0] * columns)),
        align=("left", *(["right"] * columns)),  # type: ignore[arg-type]
        caption="Scores at each assessment",
    )


def trend_parts(trend: TrendData) -> list[tuple[TrendData, str]]:
    """The trend shared out over as few charts as hold at most :data:`TREND_LINES` pillar
    lines each (in model order, sizes as even as they can be), each with its title."""
    n = len(trend.series)
    charts = max(1, -(-n // TREND_LINES))
    size = -(-n // charts) if n else 0
    if charts == 1:
        return [(trend, "Scores over time")]
    return [
        (
            trend.part(start, start + size),
            f"Scores over time (pillars {start + 1}–{min(n, start + size)} of {n})",
        )
        for start in range(0, n, size)
    ]


def _trend_charts(trend: TrendData) -> list[Block]:
    return [
        Chart(
            kind="trend",
            data=part,
            title=title,
            alt=trend_alt(part),
            caption=text(
                "Each line is a pillar (the thick dark line is the overall score), named at "
                "its latest point; shaded bands are the levels of the current model."
            ),
            table=trend_table(part),
        )
        for part, title in trend_parts(trend)
    ]


def since_last_time(ctx: Context) -> Section | None:
    """Per-pillar deltas with arrows, the trend (three or more assessments), model changes and
    changed answers; None when there is no earlier assessment."""
    c = ctx.comparison
    if c is None:
        return None
    r = ctx.result
    count = len(ctx.previous)
    earlier_note = (
        f" ({plural(count, 'earlier assessment', words=True)} in all)" if count > 1 else ""
    )
    overall: Inline = (
        text(
            f"The overall score moved from {score_text(c.overall.earlier)} to "
            f"{score_text(c.overall.later)} (",
            change_span(c.overall),
            f"), {level_label(c.earlier.model, c.earlier_level)} then, "
            f"{level_label(r.model, c.later_level)} now.",
        )
        if c.overall.change is not None
        else text("An overall score is missing from one of the two assessments.")
    )
    if c.same_organisation is False:
        other = c.earlier.responses.organisation or ""
        against = text(
            f"This compares {ctx.org}{_on(c.later, ' ')} with an assessment of ",
            strong(other),
            f"{_on(c.earlier, ', ')}: ",
            strong("another organisation"),
            f", compared as the report was asked to{earlier_note}. ",
        )
    else:
        against = text(
            f"This compares {ctx.org}{_on(c.later, ' ')} with the previous assessment"
            f"{_on(c.earlier, ', ')}{earlier_note}. "
        )
    then_who = who_answered(c.earlier.responses)
    now_who = ctx.options.respondent or who_answered(c.later.responses)
    answered = (
        f"Both were answered by {now_who}."
        if ctx.options.respondent is None and _person(c.earlier) == _person(c.later)
        else f"The earlier one was answered by {then_who}; this one by {now_who}."
    )
    blocks: list[Block] = [
        Paragraph(text(against, overall, " ", answered)),
        *_knowledge(c, ctx.has("answers")),
        _pillar_table(c),
    ]
    if count + 1 >= TREND_FROM:
        blocks += [Heading(2, text("Trend")), *_trend_charts(trend_data([*ctx.previous, r]))]
    blocks += _model_changes(c)
    changed = len(c.answer_changes)
    blocks.append(
        Paragraph(
            text(
                f"{sentence_case(plural(changed, 'answer', words=True))} changed"
                + (
                    "; “Appendix: answers” gives each with the earlier answer."
                    if ctx.has("answers")
                    else "."
                )
                if changed
                else "No answer changed between the two assessments."
            ),
            "small",
        )
    )
    return Section(id="change", title="Since last time", blocks=tuple(blocks))
