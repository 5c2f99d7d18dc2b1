"""One scored assessment drawn in the page: level, charts, strengths, priorities, next steps,
knowledge gaps and flags. Used by the Results page and for past reports on the History page.

Everything comes from ``Result`` (scoring) and ``reports.chartdata`` (the same preparation the
PDF charts use); nothing here works out a score. Every chart has a table beside it, so no
figure is explained by colour alone.
"""

from __future__ import annotations

import streamlit as st

from scoring.present import score_text
from scoring.result import NextStep, Result
from ui.text import escaped_rows, md_escape, plural

CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def show_result(result: Result, *, key: str) -> None:
    """Draw a scored assessment; ``key`` keeps chart ids unique when several are drawn."""
    overall(result)
    pillar_charts(result, key=key)
    strengths_and_priorities(result)
    next_steps(result)
    knowledge_gaps(result)
    flags(result)


def overall(result: Result) -> None:
    """The overall level, what it means, and the score behind it."""
    o = result.overall
    if o.level is None or o.score is None:
        st.warning("No question was answered with a scored option, so there is no overall level.")
        return
    level = result.model.level(o.level)
    with st.container(border=True, key="overall-level"):
        st.caption("Overall level")
        st.subheader(f"Level {o.level}: {md_escape(o.level_name)}", anchor=False)
        st.caption(
            f"Score {score_text(o.score)} out of 100, on a scale of "
            f"{plural(len(result.model.scale.levels), 'level')}."
        )
        if level is not None and level.description:
            st.markdown(f"**What level {o.level} means.** {md_escape(level.description)}")
        if o.capped and o.uncapped_level is not None:
            st.markdown(
                f"The scores alone would place the organisation at level {o.uncapped_level}; "
                "a rule of the model holds it at this level (see the flags below)."
            )


def pillar_rows(result: Result) -> list[dict[str, object]]:
    """The table of pillars: score, level, target, gap and coverage, in words and numbers."""
    rows: list[dict[str, object]] = []
    for p in result.pillars:
        rows.append(
            {
                "Pillar": p.name,
                "Score": score_text(p.score),
                "Level": f"{p.level}: {p.level_name}" if p.level is not None else "not assessed",
                "Target": f"{p.target_level}",
                "Gap to target": score_text(p.gap) if p.gap is not None else "",
                "Answered": f"{p.answered} of {p.total}",
                "Don't know": p.unknown,
                "Not applicable": p.na,
            }
        )
    return rows


def pillar_charts(result: Result, *, key: str) -> None:
    """The radar of pillars against targets and the bars with level bands, plus the table."""
    from reports.chartdata import chart_data
    from reports.figures import bars_figure, radar_figure

    data = chart_data(result)
    st.subheader("Pillars")
    radar, bars = st.tabs(["Against targets", "With level bands"])
    with radar:
        st.plotly_chart(radar_figure(data), key=f"{key}-radar", config=CHART_CONFIG)
    with bars:
        st.plotly_chart(bars_figure(data), key=f"{key}-bars", config=CHART_CONFIG)
    st.table(escaped_rows(pillar_rows(result)))


def strengths_and_priorities(result: Result) -> None:
    """Strengths, then priorities with each pillar's advice for its level."""
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Strengths")
        if not result.strengths:
            st.markdown("None yet.")
        else:
            st.markdown(
                "\n".join(
                    f"- {'Relative strength: ' if s.relative else ''}{md_escape(s.reason)}"
                    for s in result.strengths
                )
            )
    with right:
        st.subheader("Priorities")
        if not result.priorities:
            st.markdown("Every assessed pillar has reached its target.")
        for number, p in enumerate(result.priorities, start=1):
            advice = [
                f"- {md_escape(step.text)}"
                for step in result.next_steps
                if step.pillar == p.pillar and step.kind == "pillar"
            ]
            st.markdown(f"**{number}.** {md_escape(p.reason)}\n\n" + "\n".join(advice))


def ranked_steps(result: Result) -> list[NextStep]:
    """The answer-level next steps, the biggest gain in overall score first."""
    steps = [s for s in result.next_steps if s.kind not in ("pillar", "unknown")]
    return sorted(steps, key=lambda s: (s.uplift is None, -(s.uplift or 0.0)))


def next_steps(result: Result) -> None:
    """Next steps ranked by how much each would raise the overall score."""
    st.subheader("Next steps, biggest gain first")
    steps = ranked_steps(result)
    if not steps:
        st.markdown("No further steps: every answered question is at its top option.")
        return
    names = {p.id: p.name for p in result.model.pillars}
    rows: list[dict[str, object]] = [
        {
            "Step": s.text,
            "Pillar": names.get(s.pillar, s.pillar),
            "Gain (overall points)": f"+{score_text(s.uplift)}" if s.uplift else "",
        }
        for s in steps
    ]
    st.table(escaped_rows(rows))


def knowledge_gaps(result: Result) -> None:
    """Questions answered "don't know": each is something to find out."""
    if not result.knowledge_gaps:
        return
    st.subheader("Knowledge gaps")
    st.caption("Answered \u201cDon't know\u201d. Each counts as zero until someone finds out.")
    lines = []
    for qid in result.knowledge_gaps:
        question = result.model.question(qid)
        lines.append(f"- {md_escape(question.text if question else qid)}")
    st.markdown("\n".join(lines))


def flags(result: Result) -> None:
    """Rules of the model that fired (a cap on the overall level, or a warning)."""
    if not result.flags:
        return
    st.subheader("Flags")
    for f in result.flags:
        label = "Level capped" if f.kind == "cap" else "Warning"
        st.warning(f"**{label}.** {md_escape(f.message)}", icon=":material/flag:")
