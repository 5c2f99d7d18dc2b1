"""“Since last time”: what changed since the previous assessment, and the trend over all."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable

from reports import palette
from reports.blocks import PAGE_SPACE, Context, bullets, p, table
from reports.chartdata import trend_data
from reports.charts import trend_drawing
from reports.styles import TEXT_WIDTH
from reports.text import (
    answer_label,
    cell_text,
    fmt_date,
    fmt_score,
    level_label,
    para_text,
    plural,
)
from scoring.compare import Comparison, Delta
from scoring.present import signed_text
from scoring.result import Result

TREND_FROM = 3  # assessments needed before a trend line says more than the table


def change_markup(delta: Delta) -> str:
    """A change with an arrow that says the direction in shape as well as colour (markup)."""
    change = delta.change
    if change is None:
        return "–"
    text = signed_text(change)
    if change > 0:
        return f"<font color='{palette.UP}'>▲\u00a0{text}</font>"
    if change < 0:
        return f"<font color='{palette.DOWN}'>▼\u00a0{text}</font>"
    return f"<font color='{palette.MUTED}'>►\u00a0{text}</font>"


def _score_or_dash(value: float | None) -> str:
    return fmt_score(value) if value is not None else "–"


def _on(result: Result, lead: str) -> str:
    """`` on 27 November 2026`` (after `lead`), or "" when the assessment has no date."""
    on = result.responses.assessed_on
    return f"{lead}on {fmt_date(on)}" if on else ""


def _pillar_rows(ctx: Context, c: Comparison) -> list[list[Flowable | str]]:
    st = ctx.st
    rows: list[list[Flowable | str]] = [
        [p(h, st.cell_head) for h in ("Pillar", "Then", "Now", "Change", "Level then → now")]
    ]
    for pd in c.pillars:
        if pd.status == "added":
            change = "<i>new in this model version</i>"
        elif pd.status == "removed":
            change = "<i>no longer in the model</i>"
        else:
            change = change_markup(pd.score)
        then_level = f"L{pd.earlier_level}" if pd.earlier_level else "–"
        now_level = f"L{pd.later_level}" if pd.later_level else "–"
        rows.append(
            [
                p(cell_text(pd.name, 160), st.cell_bold),
                p(
                    _score_or_dash(pd.score.earlier),
                    st.cell_right,
                ),
                p(_score_or_dash(pd.score.later), st.cell_right),
                p(change, st.cell),
                p(f"{then_level} → {now_level}", st.cell),
            ]
        )
    return rows


def _model_changes(ctx: Context, c: Comparison) -> list[Flowable]:
    st = ctx.st
    em, lm = c.earlier.model, c.later.model
    out: list[Flowable] = []
    if not c.same_model:
        out.append(
            p(
                f"The earlier assessment answered version {para_text(em.version)} of the model; "
                f"this one answers version {para_text(lm.version)}. Questions are matched by "
                "their ids (and by the ids they replace); those that could not be matched are "
                "named below rather than compared, so a change in the model is not read as a "
                "change in the organisation.",
                st.body,
            )
        )
    groups = [
        (
            "Questions added since last time",
            [para_text(q.text) for qid in c.added if (q := lm.question(qid))],
        ),
        (
            "Questions removed since last time",
            [para_text(q.text) for qid in c.removed if (q := em.question(qid))],
        ),
    ]
    reworded = []
    for qc in c.reworded:
        now, then = lm.question(qc.later_id), em.question(qc.earlier_id)
        if now and then:
            reworded.append(
                f"{para_text(now.text)}<br/><font size=8 color='{palette.MUTED}'>Was: "
                f"{para_text(then.text)}</font>"
            )
    groups.append(("Questions reworded (compared, as they ask the same thing)", reworded))
    for title, items in groups:
        if items:
            out.append(p(title, st.h3))
            out += bullets(items, ctx)
    return out


def _answer_changes(ctx: Context, c: Comparison) -> list[Flowable]:
    st = ctx.st
    changed = c.answer_changes
    if not changed:
        return [p("No answer changed between the two assessments.", st.body)]
    rows: list[list[Flowable | str]] = [
        [p(h, st.cell_head) for h in ("Question", "Then", "Now", "Change")]
    ]
    for qc in changed:
        q = c.later.model.question(qc.later_id)
        rows.append(
            [
                p(cell_text(q.text if q else qc.later_id), st.cell),
                p(
                    cell_text(answer_label(c.earlier.model, qc.earlier_id, qc.earlier_answer), 160),
                    st.cell,
                ),
                p(
                    cell_text(answer_label(c.later.model, qc.later_id, qc.later_answer), 160),
                    st.cell,
                ),
                p(change_markup(qc.score), st.cell),
            ]
        )
    return [p("Answers that changed", st.h3), table(rows, [3.2, 1.6, 1.6, 0.8])]


def since_last_time(ctx: Context) -> list[Flowable]:
    """Per-pillar deltas with arrows, the trend (three or more assessments), model changes and
    changed answers; nothing when there is no earlier assessment."""
    c = ctx.comparison
    if c is None:
        return []
    st, r = ctx.st, ctx.result
    out: list[Flowable] = [CondPageBreak(PAGE_SPACE), p("Since last time", st.h1)]
    count = len(ctx.previous)
    earlier_note = (
        f" ({plural(count, 'earlier assessment', words=True)} in all)" if count > 1 else ""
    )
    overall = (
        f"The overall score moved from {fmt_score(c.overall.earlier)} to "
        f"{fmt_score(c.overall.later)} ({change_markup(c.overall)}), "
        f"{para_text(level_label(c.earlier.model, c.earlier_level))} then, "
        f"{para_text(level_label(r.model, c.later_level))} now."
        if c.overall.change is not None
        else "An overall score is missing from one of the two assessments."
    )
    out += [
        p(
            f"This compares {ctx.org}{_on(c.later, ' ')} with the previous assessment"
            f"{_on(c.earlier, ', ')}{earlier_note}. {overall}",
            st.body,
        ),
        table(_pillar_rows(ctx, c), [3.2, 0.8, 0.8, 1.0, 1.4]),
    ]
    if count + 1 >= TREND_FROM:
        results = [*ctx.previous, r]
        out += [
            p("Trend", st.h2),
            trend_drawing(trend_data(results), TEXT_WIDTH),
            p(
                "Each line is a pillar (the thick dark line is the overall score), named at its "
                "latest point; shaded bands are the levels of the current model.",
                st.caption,
            ),
        ]
    out += _model_changes(ctx, c)
    out += _answer_changes(ctx, c)
    return out
