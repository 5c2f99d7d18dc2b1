"""The History page: an organisation's assessments over time, past reports, and comparisons."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import streamlit as st

from scoring.present import change_text, held_down, score_text
from scoring.result import Result
from store.access import Ability
from ui import access, state
from ui.compare_view import show_comparison
from ui.downloads import (
    HTML,
    PDF,
    file_stem,
    group_report,
    json_button,
    report_button,
    report_content,
    show_failures,
)
from ui.report_view import CHART_CONFIG, show_report
from ui.resources import get_store
from ui.text import escaped_rows, md_escape, plural

if TYPE_CHECKING:
    from store.records import StoredAssessment


def render() -> None:
    """Draw the History page."""
    st.title("History", anchor=False)
    store = get_store()
    who = access.principal()
    organisations = who.visible(store.organisations())
    if not organisations:
        if who.organisations is None:
            st.info("No assessment has been finished yet. Finished assessments appear here.")
        else:
            st.info(
                "None of your organisations has a finished assessment yet. Finished "
                "assessments of the organisations you are given appear here."
            )
        return
    cur = state.current()
    index = (
        organisations.index(cur.organisation) if cur and cur.organisation in organisations else 0
    )
    organisation = st.selectbox(
        "Organisation", organisations, index=index, key="history-organisation"
    )
    if organisation is None or not who.may_for(Ability.HISTORY, organisation):
        return
    stored = store.assessments(organisation)
    if not stored:
        st.info("This organisation has no finished assessment.")
        return
    labels = assessment_labels(stored)
    st.caption(f"{plural(len(stored), 'finished assessment')}, oldest first.")
    trend(stored)
    st.divider()
    past_report(stored, labels, organisation)
    st.divider()
    st.header("Compare two assessments", anchor=False)
    if len(stored) < 2:
        st.caption("A comparison needs two finished assessments of this organisation.")
        return
    show_comparison(
        [a.result for a in stored],
        labels,
        earlier_key=organisation_key("compare-earlier", organisation),
        later_key=organisation_key("compare-later", organisation),
    )


def organisation_key(name: str, organisation: str) -> str:
    """The key of a History widget that chooses among one organisation's assessments.

    The key names the organisation (by a digest, so any name makes a plain key), so switching
    organisation gives fresh widgets: a selection made for one organisation never carries
    over to another's list, in the server's state or in the browser's (D8: the selector kept
    the other organisation's label while the download was this one's report).
    """
    digest = hashlib.sha256(organisation.encode("utf-8")).hexdigest()[:16]
    return f"{name}-{digest}"


def assessment_labels(stored: list[StoredAssessment]) -> list[str]:
    """One distinct, readable label per assessment: date, respondent, model version."""
    labels: list[str] = []
    for a in stored:
        parts = [a.date.strftime("%-d %b %Y")]
        if a.participants is not None:
            parts.append(f"group assessment of {plural(a.participants, 'participant')}")
        if a.respondent and a.respondent.name:
            parts.append(a.respondent.name)
        if a.respondent and a.respondent.group:
            parts.append(a.respondent.group)
        parts.append(f"{a.model_id} {a.model_version}")
        label = " · ".join(parts)
        while label in labels:
            label += " (again)"
        labels.append(label)
    return labels


def trend(stored: list[StoredAssessment]) -> None:
    """The trend chart per pillar, then the table of scores with the latest change."""
    from reports.chartdata import trend_data
    from reports.figures import trend_figure

    results = [a.result for a in stored]
    data = trend_data(results)
    st.header("Trend", anchor=False)
    st.plotly_chart(trend_figure(data), key="history-trend", config=CHART_CONFIG)
    st.table(escaped_rows(change_rows(data.labels, results)))
    held_notes(data.labels, results)


def held_notes(labels: tuple[str, ...], results: list[Result]) -> None:
    """Say, for each assessment whose overall level a rule held down, by what."""
    for label, result in zip(labels, results, strict=True):
        held = held_down(result)
        if held:
            st.caption(md_escape(f"{label}: the overall level is {held}."))


def change_rows(labels: tuple[str, ...], results: list[Result]) -> list[dict[str, object]]:
    """Overall and per-pillar scores (with levels) in each assessment, and the latest change."""
    columns: list[str] = []
    for label in labels:
        unique, n = label, 2
        while unique in columns:  # two assessments on one day keep a column each
            unique, n = f"{label} ({n})", n + 1
        columns.append(unique)
    rows: list[dict[str, object]] = []

    def row(name: str, values: list[tuple[float | None, int | None]]) -> None:
        cells: dict[str, object] = {"": name}
        for column, (value, level) in zip(columns, values, strict=True):
            cells[column] = f"{score_text(value)} (L{level})" if value is not None else "–"
        if len(values) > 1:
            cells["Latest change"] = change_text(values[-2][0], values[-1][0], "")
        rows.append(cells)

    row("Overall", [(r.overall.score, r.overall.level) for r in results])
    latest = results[-1]
    ids = [p.id for p in latest.pillars]
    for r in reversed(results):
        ids += [p.id for p in r.pillars if p.id not in ids]
    for pillar_id in ids:
        found = [r.pillar(pillar_id) for r in results]
        name = next(p.name for p in reversed(found) if p is not None)
        row(name, [(p.score, p.level) if p else (None, None) for p in found])
    return rows


def past_report(stored: list[StoredAssessment], labels: list[str], organisation: str) -> None:
    """Pick any past assessment: download its report and answers, or show it here."""
    st.header("Past reports", anchor=False)
    chosen = st.selectbox(
        "Assessment",
        range(len(stored)),
        index=len(stored) - 1,
        format_func=labels.__getitem__,
        key=organisation_key("history-report", organisation),
    )
    if chosen is None:
        return
    result = stored[chosen].result
    earlier = [a.result for a in stored[:chosen]]
    o = result.overall
    if o.level is not None:
        st.markdown(
            f"Overall level {o.level}: {md_escape(o.level_name)} (score {score_text(o.score)})."
        )
        held = held_down(result)
        if held:
            st.markdown(md_escape(f"The overall level is {held}."))
    number = stored[chosen].id
    group = group_report(stored[chosen])
    with st.container(horizontal=True, key="history-downloads"):
        failures = [
            report_button(form, result, earlier, key=f"history-{form.suffix}-{number}", group=group)
            for form in (PDF, HTML)
        ]
        json_button(result.responses, file_stem(result), key=f"history-json-{number}")
    show_failures(failures)
    if st.toggle("Show this report here", key=organisation_key("history-show", organisation)):
        show_report(
            report_content(result, earlier, group=group), key=f"history-{stored[chosen].id}"
        )
