"""The Results page of this session's finished assessment, with its downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from reports.content import build_content
from reports.text import fmt_date
from scoring import score
from scoring.result import Result
from store.access import Ability
from ui import access, nav, state
from ui.downloads import (
    DOCX,
    HTML,
    PDF,
    file_stem,
    json_button,
    report_button,
    report_options,
    show_failures,
)
from ui.report_view import show_report
from ui.resources import get_store
from ui.text import md_escape

if TYPE_CHECKING:
    from store.repository import Store


def render(cur: state.Current) -> None:
    """Draw the Results page of the open assessment.

    The comparison with the organisation's earlier assessments is drawn only for someone who
    may read its history: a respondent with just this assessment's link sees this one alone.
    """
    st.title("Results")
    if cur.status != "complete":
        st.info(
            "The results appear when the assessment is finished. Check your answers and "
            "finish when you are ready."
        )
        nav.link("finish", "Check and finish", icon=":material/task_alt:")
        return
    result = score(cur.model, cur.responses())
    heading(result)
    previous: list[Result] = []
    if access.principal().may_for(Ability.HISTORY, cur.organisation):
        previous = earlier_results(get_store(), cur.organisation, cur.assessment_id)
    options = report_options(key="results-options")
    with st.container(horizontal=True, key="downloads"):
        failures = [
            report_button(form, result, previous, key=f"download-{form.suffix}", options=options)
            for form in (PDF, HTML, DOCX)
        ]
        json_button(result.responses, file_stem(result), key="download-json")
    show_failures(failures)
    show_report(build_content(result, previous), key="results")


def heading(result: Result) -> None:
    """Who, when and against which model."""
    r = result.responses
    who = [r.respondent.name, r.respondent.role, r.respondent.group] if r.respondent else []
    parts = [md_escape(r.organisation)]
    if r.assessed_on:
        parts.append(fmt_date(r.assessed_on))
    parts.append(f"{md_escape(result.model.title)} {md_escape(result.model.version)}")
    st.markdown(" · ".join(p for p in parts if p))
    answered = [w for w in who if w]
    if answered:
        st.caption("Answered by " + ", ".join(md_escape(w) for w in answered))


def earlier_results(store: Store, organisation: str, assessment_id: int) -> list[Result]:
    """The organisation's complete assessments stored before this one, oldest first."""
    stored = store.assessments(organisation)
    ids = [a.id for a in stored]
    if assessment_id not in ids:
        return []
    return [a.result for a in stored[: ids.index(assessment_id)]]
