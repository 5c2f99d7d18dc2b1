"""Two assessments side by side: scores, answers, and what changed in the model between them.

The matching of questions across model versions (by id or ``replaces:``) is done by
``scoring.compare``; this module only lays the comparison out.
"""

from __future__ import annotations

import streamlit as st

from scoring import compare, present
from scoring.compare import Comparison, Delta
from scoring.present import score_text
from scoring.result import Result
from ui.text import escaped_rows, md_escape, plural


def show_comparison(
    results: list[Result],
    labels: list[str],
    *,
    earlier_key: str = "compare-earlier",
    later_key: str = "compare-later",
) -> None:
    """Pick two of an organisation's assessments (oldest first) and compare them (the keys
    name the two selectors; History gives keys of the organisation's own)."""
    left, right = st.columns(2)
    positions = range(len(results))
    with left:
        first = st.selectbox(
            "Earlier assessment",
            positions,
            index=len(results) - 2,
            format_func=labels.__getitem__,
            key=earlier_key,
        )
    with right:
        second = st.selectbox(
            "Later assessment",
            positions,
            index=len(results) - 1,
            format_func=labels.__getitem__,
            key=later_key,
        )
    if first is None or second is None:
        return
    if first == second:
        st.info("Choose two different assessments to compare.")
        return
    earlier, later = sorted((first, second))
    comparison = compare(results[earlier], results[later])
    pillar_table(comparison)
    for when, result in (("Earlier", comparison.earlier), ("Later", comparison.later)):
        held = present.held_down(result)
        if held:
            st.caption(md_escape(f"{when}: the overall level is {held}."))
    answer_table(comparison)
    model_changes(comparison)


def change_text(delta: Delta) -> str:
    """``+5.0``, ``−2.5``, ``0.0`` (the one rule of :mod:`scoring.present`), or blank when
    either side is missing."""
    return present.change_text(delta.earlier, delta.later, "")


def pillar_table(comparison: Comparison) -> None:
    """Overall and per-pillar scores and levels, before and after."""
    rows: list[dict[str, object]] = [
        {
            "": "Overall",
            "Earlier": score_text(comparison.overall.earlier),
            "Later": score_text(comparison.overall.later),
            "Change": change_text(comparison.overall),
            "Level": level_change(comparison.earlier_level, comparison.later_level),
        }
    ]
    for p in comparison.pillars:
        rows.append(
            {
                "": p.name + ("" if p.status == "both" else f" ({p.status} in the later model)"),
                "Earlier": score_text(p.score.earlier),
                "Later": score_text(p.score.later),
                "Change": change_text(p.score),
                "Level": level_change(p.earlier_level, p.later_level),
            }
        )
    st.table(escaped_rows(rows))


def level_change(earlier: int | None, later: int | None) -> str:
    """``2 → 3`` in words a table can hold."""

    def show(level: int | None) -> str:
        return "–" if level is None else str(level)

    return f"{show(earlier)} → {show(later)}"


def answer_text(result: Result, question_id: str, answer: str | None) -> str:
    """An answer as the person saw it (:func:`scoring.present.answer_label`)."""
    return present.answer_label(result.model, question_id, answer)


def answer_table(comparison: Comparison) -> None:
    """Every question whose answer changed."""
    changes = comparison.answer_changes
    st.markdown(f"**Changed answers:** {plural(len(changes), 'question')}.")
    if not changes:
        return
    rows: list[dict[str, object]] = []
    for q in changes:
        question = comparison.later.model.question(q.later_id)
        rows.append(
            {
                "Question": question.text if question else q.later_id,
                "Earlier answer": answer_text(comparison.earlier, q.earlier_id, q.earlier_answer),
                "Later answer": answer_text(comparison.later, q.later_id, q.later_answer),
                "Change": change_text(q.score),
            }
        )
    st.table(escaped_rows(rows))


def model_changes(comparison: Comparison) -> None:
    """Questions added, removed, renamed or reworded between the two model versions, so a
    change in the model is not read as a change in the force."""
    if comparison.same_model:
        st.caption("Both assessments answered the same model version.")
        return
    earlier, later = comparison.earlier.model, comparison.later.model
    st.markdown(
        f"**The model changed** from version {md_escape(earlier.version)} to "
        f"{md_escape(later.version)}."
    )
    lines = []
    for qid in comparison.added:
        q = later.question(qid)
        lines.append(f"- Added: {md_escape(q.text if q else qid)}")
    for qid in comparison.removed:
        q = earlier.question(qid)
        lines.append(f"- Removed: {md_escape(q.text if q else qid)}")
    for change in comparison.renamed:
        lines.append(f"- Renamed: {md_escape(change.earlier_id)} → {md_escape(change.later_id)}")
    for change in comparison.reworded:
        q = later.question(change.later_id)
        lines.append(f"- Reworded: {md_escape(q.text if q else change.later_id)}")
    if lines:
        st.markdown("\n".join(lines))
