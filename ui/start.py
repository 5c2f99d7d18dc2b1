"""The start page: what the assessment is, how long it takes, what happens to the data; start
a new assessment or resume one from its code."""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from questionnaire import limits
from store import settings
from store.access import Ability, Principal, kept_for, who_can_see
from ui import access, drafts, nav, state, throttle
from ui.details import GROUPS, group_label, respondent_from, too_long_fields
from ui.models import DATABASE, model_for_new_assessments, new_assessments_use
from ui.resources import DatabaseUnavailable, ModelChoice, ModelProblem, get_store
from ui.text import md_escape, plural

LOG = logging.getLogger("ui")


def render() -> None:
    """Draw the start page."""
    choice = model_for_new_assessments()
    title = choice.model.title if isinstance(choice, ModelChoice) else "AI maturity self-assessment"
    st.title(md_escape(title), anchor=False)
    who = access.principal()
    cur = state.current()
    if cur is not None:
        carry_on(cur)
    if isinstance(choice, ModelChoice):
        about(choice)
    elif who.may(Ability.START) and choice.source == DATABASE:
        # Which model is chosen is the database's to say: without it nothing starts.
        st.error(
            " ".join(p.message for p in choice.problems)
            + " New assessments cannot start until it can be read."
        )
    elif who.may(Ability.START):
        st.error(
            f"The model file ({md_escape(choice.source)}) has problems, so new assessments "
            "cannot start. The Model page lists them; you can upload a corrected file there. "
            "Assessments already started can still be resumed."
        )
        if who.may(Ability.MODEL):
            nav.link("model", "Open the Model page", icon=":material/tune:")
    st.markdown(f"**Who can see the answers.** {who_can_see(who.mode)} {kept_for(retention())}")
    left, right = st.columns([3, 2], gap="large")
    with left:
        if who.may(Ability.START):
            new_assessment(
                choice if isinstance(choice, ModelChoice) else None,
                who,
                retry=isinstance(choice, ModelProblem) and choice.source == DATABASE,
            )
        else:
            cannot_start(who)
    with right:
        resume_form()


def carry_on(cur: state.Current) -> None:
    """The assessment this session already has open."""
    with st.container(border=True, key="current-assessment"):
        answered, total = cur.answered(), cur.total()
        if cur.editable:
            st.markdown(
                f"You are part-way through the assessment for **{md_escape(cur.organisation)}**: "
                f"{answered} of {total} questions answered."
            )
            target = cur.first_open_pillar()
            if st.button("Carry on where you left off", key="carry-on", type="primary"):
                nav.go(target or "finish")
        else:
            st.markdown(
                f"The assessment for **{md_escape(cur.organisation)}** was {cur.status_words}."
            )
            if cur.status == "complete":
                nav.link("results", "See its results", icon=":material/insights:")


def cannot_start(who: Principal) -> None:
    """Shared mode, for someone who may not start an assessment: why, and what to do."""
    st.header("Start a new assessment", anchor=False)
    if not who.signed_in:
        st.markdown(
            "Consultants and administrators sign in to start an assessment, and viewers to "
            "read their organisations' reports. If you were sent a resume link, open it, or "
            "enter its code here."
        )
        access.sign_in_button()
        return
    st.markdown(
        f"You are signed in as {md_escape(who.email or '')}, an account that cannot start "
        "assessments here. If you were sent a resume link, open it, or enter its code here; "
        "for more, ask an administrator of this service."
    )


def about(choice: ModelChoice) -> None:
    """What the assessment is, how long it takes and what happens to the answers."""
    model = choice.model
    questions = len(model.questions())
    low, high = (max(5, 5 * round(questions * f / 5)) for f in (0.67, 1.0))
    if model.description:
        st.markdown(md_escape(model.description, inline=False))
    st.markdown(
        f"**How long it takes.** {plural(questions, 'question')} in "
        f"{plural(len(model.pillars), 'pillar')}; most people take {low} to {high} minutes. "
        "You can stop at any time and come back later."
    )
    st.markdown(
        "**What happens to your answers.** Each answer is saved in this service's database "
        "the moment you give it, with the organisation's name and, if you give them, your "
        "name, role and group. They are used to produce your report and to compare it with "
        "later assessments of the same organisation. Anyone with your resume link can open "
        "and change your answers, so share it only with colleagues who should."
    )


def retention() -> int | None:
    """The retention period in days, or None (kept until erased, or a setting gone wrong:
    the purge refuses it and says so, and the page does not promise what it cannot keep)."""
    try:
        return settings.retention_days()
    except settings.SettingError:
        return None


ORGANISATION_LABEL = "Organisation (for example, the name of the force)"
#: The start form's refusals, by field, kept between the submit button's callback (which
#: checks the form) and the run that draws each refusal under its own field.
START_ERRORS = "start-errors"
#: The start form's fields (their keys after "start-"), by the names the errors use.
FIELDS = ("organisation", "name", "role", "group")


def check_start_form() -> None:
    """The start button's callback: check the form's fields and keep each refusal by field.

    It runs before the page is drawn again, so each message can be drawn right under the
    field it is about (a form's widgets take no callbacks of their own; its button does).
    """
    who = access.principal()
    given = st.session_state
    key = "start-organisation" if who.organisations is None else "start-organisation-choice"
    organisation = str(given.get(key) or "").strip()
    errors: dict[str, str] = {}
    if not organisation:
        errors["organisation"] = "Enter the organisation's name to start."
    elif not who.may_for(Ability.START, organisation):
        errors["organisation"] = "You can start assessments only of the organisations given to you."
    values = {f: given.get(f"start-{f}") for f in FIELDS[1:]}
    for field, message in too_long_fields({"organisation": organisation, **values}).items():
        errors.setdefault(field, message)
    given[START_ERRORS] = errors


def field_error(field: str) -> bool:
    """Draw the refusal kept for one start-form field, if any; True when there was one."""
    errors = st.session_state.get(START_ERRORS) or {}
    message = errors.get(field)
    if message:
        st.error(message)
    return bool(message)


def new_assessment(choice: ModelChoice | None, who: Principal, *, retry: bool = False) -> None:
    """The form that starts a new draft, with the sentence naming the model it will use.

    ``retry``: the database could not say which model is chosen; the button stays on, and
    pressing it asks again (the database may be back), starting only once it answers.

    Someone given a list of organisations (a consultant in shared mode) chooses one of them;
    an administrator, and the one user of local mode, may name any organisation. Each
    refusal is drawn under its field (see :func:`check_start_form`); a failure of the
    database, which belongs to no field, is drawn under the form, by its button.
    """
    st.header("Start a new assessment", anchor=False)
    if who.organisations is not None and not who.organisations:
        st.info(
            "No organisation is given to your account yet, so you cannot start an "
            "assessment. Ask an administrator of this service."
        )
        return
    if choice is not None:
        st.markdown(new_assessments_use(choice))
    with st.form("start-form", border=True):
        organisation: str | None
        if who.organisations is None:
            organisation = st.text_input(
                ORGANISATION_LABEL, key="start-organisation", max_chars=limits.RESPONDENT_CHARS
            )
        else:
            organisation = st.selectbox(
                "Organisation",
                sorted(who.organisations, key=str.casefold),
                index=None,
                key="start-organisation-choice",
                placeholder="Choose one of your organisations",
            )
        field_error("organisation")
        name = st.text_input(
            "Your name (optional)", key="start-name", max_chars=limits.RESPONDENT_CHARS
        )
        field_error("name")
        role = st.text_input(
            "Your role (optional)", key="start-role", max_chars=limits.RESPONDENT_CHARS
        )
        field_error("role")
        group = st.selectbox(
            "Your group (optional)",
            GROUPS,
            index=None,
            format_func=group_label,
            key="start-group",
            placeholder="Choose, or type your own",
            accept_new_options=True,
        )
        field_error("group")
        assessed_on = st.date_input(
            "Date of the assessment", value=dt.date.today(), key="start-date", format="DD/MM/YYYY"
        )
        submitted = st.form_submit_button(
            "Start the assessment",
            type="primary",
            disabled=choice is None and not retry,
            on_click=check_start_form,
        )
    if not submitted or st.session_state.get(START_ERRORS):
        return
    if choice is None:
        again = model_for_new_assessments() if retry else None
        if not isinstance(again, ModelChoice):
            problems = again.problems if isinstance(again, ModelProblem) else ()
            st.error(" ".join(p.message for p in problems) or "New assessments cannot start.")
            return
        choice = again
    organisation = (organisation or "").strip()
    respondent = respondent_from(name, role, group)
    day = assessed_on if isinstance(assessed_on, dt.date) else None
    cur = drafts.open_new(
        lambda store: store.start_draft(choice.model, choice.text, organisation, respondent, day),
        "The assessment",
    )
    if cur is None:
        return
    nav.go_after_rerun(cur.model.pillars[0])


def resume_form() -> None:
    """The form that reopens an assessment from its resume code."""
    st.header("Already started?", anchor=False)
    with st.form("resume-form", border=True):
        code = st.text_input(
            "Resume code",
            key="resume-code",
            help="The code at the end of your resume link, after ?resume=",
            max_chars=200,
        )
        submitted = st.form_submit_button("Resume")
    if not submitted:
        return
    code = (code or "").strip()
    if "resume=" in code:
        code = code.split("resume=", 1)[1].split("&", 1)[0]
    if not code:
        st.error("Enter the resume code to carry on.")
        return
    from store.faults import DatabaseFault

    throttle.before_check()
    try:
        draft = get_store().load_draft(code)
    except DatabaseUnavailable as exc:
        LOG.exception("database unavailable")
        st.error(str(exc))
        return
    except DatabaseFault as exc:
        LOG.warning("cannot load a draft: %s (%s)", exc.kind, exc.detail)
        st.error(f"Your assessment could not be loaded: {exc.reason}. {exc.advice}")
        return
    except Exception:
        LOG.exception("cannot load a draft")
        st.error("Your assessment could not be loaded just now. Please try again in a moment.")
        return
    throttle.checked(draft is not None)
    if draft is None:
        st.error(
            "No assessment has that resume code. Check it and try again (it is case sensitive)."
        )
        return
    if draft.status == "abandoned":
        st.info(state.DISCARDED)
        return
    cur = state.attach(code, draft)
    target = cur.first_open_pillar()
    if cur.status == "complete":
        nav.go_after_rerun("results")
    nav.go_after_rerun(target if target and cur.editable else "finish")
