"""The Results page of this session's assessment: finished, or a draft of the results so far.

A finished assessment shows its results, its downloads and, for someone who may start an
assessment of its organisation, "Answer again from these answers" (:mod:`store.reopen`).

A draft shows the same results, scored as finishing would score them (``cur.responses()``
through :func:`scoring.score`), under a heading that says "Draft: not finished", so that
nothing on the page can pass for a finished assessment: there is no "since last time"
comparison with History (the draft is not part of it), every download is marked DRAFT on
every page (the reports' own ``Options.draft``, as ``maturity report --draft``) and the
answers file is named ``...-draft-responses.json``; the action plan is named
``...-draft-action-plan.csv`` (and ``.md``, whose first line says DRAFT).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import streamlit as st

from reports.content import build_content
from reports.content.model import Options
from reports.text import fmt_date
from scoring import score
from scoring.result import Result
from store.access import Ability
from ui import access, drafts, nav, state
from ui.downloads import (
    DOCX,
    HTML,
    PDF,
    file_stem,
    json_button,
    plan_buttons,
    report_button,
    report_options,
    show_failures,
)
from ui.report_view import show_report
from ui.resources import get_store
from ui.text import md_escape, plural

if TYPE_CHECKING:
    from store.repository import Store

LOG = logging.getLogger("ui")
DRAFT_BANNER = "Draft: not finished"
AGAIN_BUTTON = "Answer again from these answers"
AGAIN_HELP = (
    "Starts a new draft for {organisation}, dated today, with every answer, note, piece of "
    "evidence and target of this assessment already filled in, so you change only what has "
    "changed. This finished assessment stays exactly as it is."
)
AGAIN_DONE = (
    "This is a new draft with the answers of the finished assessment filled in; that one is "
    "unchanged. Change what has changed, then finish it. Keep its new resume link (beside "
    "every page) to come back to it."
)


def draft_note(unanswered: int) -> str:
    """What the draft banner says under its heading."""
    left_out = (
        f" The {plural(unanswered, 'question')} not answered yet "
        f"{'is' if unanswered == 1 else 'are'} left out of the score."
        if unanswered
        else ""
    )
    return (
        "These are the results of the answers given so far, worked out as finishing would "
        "work them out. The assessment is not finished: its answers can still change, it is "
        "not in History and it is not compared with earlier assessments." + left_out
    )


def render(cur: state.Current) -> None:
    """Draw the Results page of the open assessment.

    The comparison with the organisation's earlier assessments is drawn only for someone who
    may read its history: a respondent with just this assessment's link sees this one alone.
    """
    st.title("Results", anchor=False)
    if cur.status == "draft":
        preview(cur)
        return
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
        failures += plan_buttons(result, file_stem(result), key="download-plan")
    show_failures(failures)
    answer_again(cur)
    show_report(build_content(result, previous), key="results")


def preview(cur: state.Current) -> None:
    """The results of a draft's answers so far, marked draft everywhere (see the module)."""
    result = score(cur.model, cur.responses())
    with st.container(border=True, key="draft-banner"):
        st.header(f":material/edit_note: {DRAFT_BANNER}", anchor=False)
        unanswered = cur.total() - cur.answered()
        st.markdown(draft_note(unanswered))
        nav.link("finish", "Check and finish", icon=":material/task_alt:")
    heading(result)
    options = Options(generated_on=dt.date.today(), draft=True)
    with st.container(horizontal=True, key="downloads"):
        failures = [
            report_button(form, result, (), key=f"draft-{form.suffix}", options=options)
            for form in (PDF, HTML, DOCX)
        ]
        json_button(result.responses, f"{file_stem(result)}-draft", key="draft-json")
        failures += plan_buttons(result, f"{file_stem(result)}-draft", key="draft-plan", draft=True)
    st.caption(
        "Every page of these reports is marked DRAFT; the answers and the action plan are "
        "named as a draft, and the Markdown plan opens with DRAFT."
    )
    show_failures(failures)
    show_report(build_content(result, (), options), key="draft")


def may_answer_again(cur: state.Current) -> bool:
    """Whether "Answer again" is offered: a finished assessment of one person (not one
    participant's answers in a group assessment, which belong to it), to someone who may
    start an assessment of its organisation (never a link holder in shared mode)."""
    return (
        cur.status == "complete"
        and cur.workshop_id is None
        and access.principal().may_for(Ability.START, cur.organisation)
    )


def answer_again(cur: state.Current) -> None:
    """The button that starts a new draft from this finished assessment's answers."""
    if not may_answer_again(cur):
        return
    if not st.button(
        AGAIN_BUTTON,
        key="answer-again",
        icon=":material/content_copy:",
        help=AGAIN_HELP.format(organisation=cur.organisation),
    ):
        st.caption(md_escape(AGAIN_HELP.format(organisation=cur.organisation)))
        return
    from store.reopen import copy_as_draft

    new = drafts.open_new(lambda store: copy_as_draft(store, cur.code), "The new draft")
    if new is None:
        return
    # The address still names the finished one, which the next run would otherwise reopen.
    st.query_params["resume"] = new.code
    state.flash(AGAIN_DONE, "success")
    nav.go_after_rerun(new.model.pillars[0])


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
