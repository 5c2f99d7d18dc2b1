"""Group assessments in the app: the facilitator's list and creation form, and joining.

- **Group assessments** (consultants and administrators; anyone in local mode): the group
  assessments of the organisations one may see, and a form to create one. Opening one goes
  to the facilitator's view (``ui/facilitate.py``).
- **Join** (anyone): a participant types the short join code (or opens the join link,
  ``/join?join=CODE``), gives a name unless the group assessment is anonymous, and a group;
  they then answer the questionnaire as a single respondent does, with their own resume link.
  A wrong join code is slowed like a wrong resume code, and never says whether any group
  assessment or organisation exists.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from questionnaire import limits
from store.access import Ability
from ui import access, nav, state, throttle
from ui.details import group_label, over_limits
from ui.models import model_for_new_assessments
from ui.resources import DatabaseUnavailable, ModelChoice, get_store
from ui.text import md_escape, plural

LOG = logging.getLogger("ui")
FACILITATING = "_facilitating"  # the id of the group assessment this session facilitates
JOIN_PARAM = "join"
WRONG_JOIN = (
    "No open group assessment has that join code. Check it with the facilitator (letters and "
    "digits; capitals or not, with or without the dash)."
)


def facilitate(workshop_id: int) -> None:
    """Open the facilitator's view of a group assessment."""
    st.session_state[FACILITATING] = workshop_id
    nav.go("facilitate")


def render_list() -> None:
    """Draw the Group assessments page."""
    st.title("Group assessments", anchor=False)
    st.markdown(
        "A group assessment gathers many people's answers for one organisation: a **live "
        "workshop** (one room, a projector, an hour) or an **open survey** (a link open for "
        "a fortnight across the force). Participants join with a short code on their own "
        "phone or laptop; you see the spread of views, record the agreed answers and any "
        "dissent, and closing it stores the group's assessment in History."
    )
    who = access.principal()
    store = get_store()
    visible = None if who.organisations is None else sorted(who.organisations)
    found = store.workshops(visible)
    if found:
        st.header("Your group assessments", anchor=False)
        for w in found:
            with st.container(border=True, key=f"workshop-{w.id}"):
                joined = store.participant_count(w.id)
                status = "open" if w.open else "closed"
                closes = f", closes {w.closes_on.strftime('%-d %b %Y')}" if w.closes_on else ""
                st.markdown(
                    f"**{md_escape(w.title)}** · {md_escape(w.organisation)} · {status}{closes} · "
                    f"{plural(joined, 'participant')}"
                )
                if st.button("Open", key=f"open-workshop-{w.id}", icon=":material/groups:"):
                    facilitate(w.id)
    create(who.organisations)


def create(organisations: frozenset[str] | None) -> None:
    """The form that creates a group assessment."""
    st.header("Create a group assessment", anchor=False)
    choice = model_for_new_assessments()
    if not isinstance(choice, ModelChoice):
        st.error("The model for new assessments has problems; the Model page lists them.")
        return
    if organisations is not None and not organisations:
        st.info("No organisation is given to your account yet. Ask an administrator.")
        return
    with st.form("workshop-form", border=True):
        organisation: str | None
        if organisations is None:
            organisation = st.text_input(
                "Organisation (for example, the name of the force)",
                key="workshop-organisation",
                max_chars=limits.RESPONDENT_CHARS,
            )
        else:
            organisation = st.selectbox(
                "Organisation",
                sorted(organisations, key=str.casefold),
                index=None,
                key="workshop-organisation-choice",
                placeholder="Choose one of your organisations",
            )
        title = st.text_input(
            "Title (participants see it)",
            key="workshop-title",
            max_chars=limits.RESPONDENT_CHARS,
            placeholder="Chief officer group workshop, March",
        )
        closes_on = st.date_input(
            "Closing date (participants can join until the end of that day)",
            value=dt.date.today() + dt.timedelta(days=14),
            min_value=dt.date.today(),
            key="workshop-closes",
            format="DD/MM/YYYY",
        )
        from store.workshops import DEFAULT_GROUPS

        groups = st.multiselect(
            "Groups participants choose from",
            list(DEFAULT_GROUPS),
            default=list(DEFAULT_GROUPS),
            format_func=group_label,
            key="workshop-groups",
            accept_new_options=True,
        )
        anonymous = st.toggle(
            "Anonymous: participants give no name (the facilitator sees only groups)",
            key="workshop-anonymous",
        )
        st.caption(
            f"Participants answer {md_escape(choice.model.title)}, version "
            f"{md_escape(choice.model.version)}; the group assessment keeps that model."
        )
        submitted = st.form_submit_button("Create", type="primary")
    if not submitted:
        return
    organisation = (organisation or "").strip()
    title = (title or "").strip()
    problem = over_limits(organisation, None, None, None)
    if len(title) > limits.RESPONDENT_CHARS:
        problem = limits.too_long("The title", len(title), limits.RESPONDENT_CHARS) + "."
    if not organisation or not title:
        st.error("Give the organisation and a title.")
        return
    if problem:
        st.error(problem)
        return
    if not access.principal().may_for(Ability.FACILITATE, organisation):
        st.error("You can create group assessments only of the organisations given to you.")
        return
    from store.records import StoreError

    try:
        codes = get_store().create_workshop(
            choice.model,
            choice.text,
            organisation,
            title,
            closes_on=closes_on if isinstance(closes_on, dt.date) else None,
            groups=groups,
            anonymous=anonymous,
            facilitator=access.principal().email,
        )
    except StoreError as exc:
        st.error(f"Not created: {exc}.")
        return
    found = get_store().workshop_by_facilitator(codes.facilitator)
    assert found is not None
    LOG.info("group assessment %d created", found.id)
    st.session_state["_facilitator_code"] = codes.facilitator
    facilitate(found.id)


def render_join() -> None:
    """Draw the Join page."""
    st.title("Join a group assessment", anchor=False)
    cur = state.current()
    if cur is not None and cur.workshop_id is not None:
        st.info(
            f"You are taking part in **{md_escape(cur.workshop_title or '')}**: "
            f"{cur.answered()} of {cur.total()} questions answered."
        )
        if st.button("Carry on answering", key="join-carry-on", type="primary"):
            nav.go(cur.first_open_pillar() or "finish")
    typed = st.query_params.get(JOIN_PARAM) or st.session_state.get("_join_code") or ""
    with st.form("join-code-form", border=True):
        code = st.text_input(
            "Join code (from the facilitator's screen)",
            value=typed,
            key="join-code",
            max_chars=20,
        )
        looked = st.form_submit_button("Find it")
    if looked:
        st.session_state["_join_code"] = (code or "").strip()
    code = st.session_state.get("_join_code") or typed
    if not code:
        return
    from store.workshops import normal_join_code

    throttle.before_check()
    try:
        found = get_store().workshop_by_join(normal_join_code(code))
    except DatabaseUnavailable as exc:
        st.error(str(exc))
        return
    throttle.checked(found is not None and found.open)
    if found is None or not found.open:
        st.error(WRONG_JOIN)
        st.session_state.pop("_join_code", None)
        return
    st.header(md_escape(found.title), anchor=False)
    st.markdown(
        f"A group assessment of **{md_escape(found.organisation)}**: "
        f"{plural(len(found.model.questions()), 'question')}. Your answers are saved as you "
        "give them; the other participants never see them, your name or your notes. The "
        "facilitator sees "
        + ("only your group." if found.anonymous else "your name, your group and your answers.")
    )
    with st.form("join-form", border=True):
        name = None
        if not found.anonymous:
            name = st.text_input(
                "Your name (optional)", key="join-name", max_chars=limits.RESPONDENT_CHARS
            )
        group = st.selectbox(
            "Your group",
            list(found.groups),
            index=None,
            format_func=group_label,
            key="join-group",
            placeholder="Choose the group you belong to",
        )
        joined = st.form_submit_button("Join and start", type="primary")
    if not joined:
        return
    problem = over_limits(None, name, None, group)
    if problem:
        st.error(problem)
        return
    from store.records import StoreError
    from store.workshops import WorkshopClosed

    try:
        store = get_store()
        resume = store.join_workshop(code, name, group)
        draft = store.load_draft(resume)
    except WorkshopClosed:
        st.error("This group assessment has just closed, so it cannot be joined.")
        return
    except StoreError as exc:
        st.error(f"You could not join: {exc}.")
        return
    assert draft is not None
    st.session_state.pop("_join_code", None)
    joined_cur = state.attach(resume, draft)
    nav.go_after_rerun(joined_cur.model.pillars[0])
