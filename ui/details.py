"""Changing an open draft's details (organisation, respondent, date) and discarding it.

Both are explicit commits, drawn on the Check-and-finish page: the details are a form saved
through ``Store.update_details`` (the session copy changes only once the store has it), and
discarding asks for a tick before it calls ``Store.abandon``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from questionnaire import limits
from questionnaire.schema import Respondent
from store.access import Ability
from ui import access, nav, state
from ui.resources import DatabaseUnavailable, get_store
from ui.text import md_escape

LOG = logging.getLogger("ui")
GROUPS = ("leadership", "frontline", "specialist")
CLOSED = "This assessment was {status} elsewhere, so it can no longer change."


def canonical_group(group: str | None) -> str | None:
    """One spelling per group: a value that matches an offered group ignoring case and the
    space around it is that group (``" Leadership "`` is ``leadership``); any other value
    is kept as typed, without the space around it; a blank is None.

    The select box takes typed values, and Streamlit keeps a typed "Leadership" apart from
    the offered "leadership" (shown as "Leadership"), which would split one group in two in
    every report by group.
    """
    cleaned = (group or "").strip()
    if not cleaned:
        return None
    for offered in GROUPS:
        if cleaned.casefold() == offered.casefold():
            return offered
    return cleaned


def respondent_from(name: str | None, role: str | None, group: str | None) -> Respondent | None:
    """Who answered, from the form's fields (blanks dropped; None when all are blank; the
    group in its one spelling, :func:`canonical_group`)."""
    given = Respondent(
        name=(name or "").strip() or None,
        role=(role or "").strip() or None,
        group=canonical_group(group),
    )
    return None if given == Respondent() else given


#: The fields :func:`too_long_fields` checks, with the words its messages name them by.
FIELD_WORDS = {
    "organisation": "The organisation",
    "name": "Your name",
    "role": "Your role",
    "group": "Your group",
}


def too_long_fields(values: dict[str, str | None]) -> dict[str, str]:
    """Each field (a key of :data:`FIELD_WORDS`) longer than ``limits.RESPONDENT_CHARS``,
    with its refusal, so a form can draw it under that field.

    The text boxes stop typing at the limit in the browser; this check is the server's own,
    for a typed group (a select box that takes new options has no length limit of its own)
    and for a value sent past the browser.
    """
    return {field: f"{why}. {SHORTEN}" for field, why in _over(values).items()}


SHORTEN = "Shorten it and try again."


def _over(values: dict[str, str | None]) -> dict[str, str]:
    return {
        field: limits.too_long(FIELD_WORDS[field], len(text), limits.RESPONDENT_CHARS)
        for field, text in values.items()
        if isinstance(text, str) and len(text.strip()) > limits.RESPONDENT_CHARS
    }


def over_limits(
    organisation: str | None, name: str | None, role: str | None, group: str | None
) -> str | None:
    """The refusal for any field longer than ``limits.RESPONDENT_CHARS``, else None (every
    field's refusal in one sentence, for a form that draws them together)."""
    fields = {"organisation": organisation, "name": name, "role": role, "group": group}
    found = _over(fields)
    return "; ".join(found.values()) + f". {SHORTEN}" if found else None


def group_label(group: str) -> str:
    """A group as shown in the select box: the offered ones capitalised, others as typed."""
    return group.capitalize() if group in GROUPS else group


def edit_details(cur: state.Current) -> None:
    """The form that changes the organisation, respondent and date of an open draft.

    Only someone who may start assessments of the new organisation may move a draft to it
    (anyone in local mode); a respondent with just the link could otherwise slip an
    assessment into another organisation's history.
    """
    who = cur.respondent or Respondent()
    groups = list(GROUPS)
    # A case variant stored before groups had one spelling is offered as its group.
    current = canonical_group(who.group)
    if current and current not in groups:
        groups.append(current)
    # A participant's answers belong to their group assessment's organisation.
    movable = access.principal().may(Ability.START) and cur.workshop_id is None
    with st.expander("Assessment details: organisation, who answered and the date"):
        with st.form("details-form", border=False):
            organisation = st.text_input(
                "Organisation (for example, the name of the force)",
                value=cur.organisation,
                key="details-organisation",
                max_chars=limits.RESPONDENT_CHARS,
                disabled=not movable,
                help=None
                if movable
                else "Only the people who run this service can move an assessment to another "
                "organisation.",
            )
            name = st.text_input(
                "Your name (optional)",
                value=who.name or "",
                key="details-name",
                max_chars=limits.RESPONDENT_CHARS,
            )
            role = st.text_input(
                "Your role (optional)",
                value=who.role or "",
                key="details-role",
                max_chars=limits.RESPONDENT_CHARS,
            )
            group = st.selectbox(
                "Your group (optional)",
                groups,
                index=groups.index(current) if current else None,
                format_func=group_label,
                key="details-group",
                placeholder="Choose, or type your own",
                accept_new_options=True,
            )
            assessed_on = st.date_input(
                "Date of the assessment",
                value=cur.assessed_on,
                key="details-date",
                format="DD/MM/YYYY",
            )
            submitted = st.form_submit_button("Save the details", icon=":material/save:")
        if submitted:
            too_long = over_limits(organisation, name, role, group)
            if too_long:
                st.error(too_long)
                return
            moved = (organisation or "").strip() or cur.organisation
            if moved != cur.organisation and not access.principal().may_for(Ability.START, moved):
                # Checked here, not only by the disabled box: a value can be sent past it.
                st.error(
                    "You cannot move this assessment to that organisation; only to one "
                    "given to you."
                )
                return
            save_details(
                cur,
                organisation,
                respondent_from(name, role, group),
                assessed_on if isinstance(assessed_on, dt.date) else None,
            )


def save_details(
    cur: state.Current,
    organisation: str | None,
    respondent: Respondent | None,
    assessed_on: dt.date | None,
) -> None:
    """Save the changed details to the store, then to the session copy, and redraw."""
    cleaned = (organisation or "").strip()
    if not cleaned:
        st.error("Enter the organisation's name. An assessment cannot be saved without one.")
        return
    changes: dict[str, Any] = {}
    if cleaned != cur.organisation:
        changes["organisation"] = cleaned
    if respondent != cur.respondent:
        changes["respondent"] = respondent
    if assessed_on != cur.assessed_on:
        changes["assessed_on"] = assessed_on
    if not changes:
        st.info("Nothing has changed, so there was nothing to save.")
        return
    if not _stored(cur, lambda: get_store().update_details(cur.code, **changes), "saved"):
        return
    cur.organisation = cleaned
    cur.respondent = respondent
    cur.assessed_on = assessed_on
    state.flash("The assessment details are saved.", "success")
    st.rerun()  # the sidebar, drawn before this page, shows the organisation


def discard(cur: state.Current) -> None:
    """The deliberate way to give up a draft: a tick to confirm, then a button."""
    with st.expander("Discard this assessment"):
        st.markdown(
            f"Discarding the assessment for **{md_escape(cur.organisation)}** stops it for good: "
            "it cannot be resumed, changed or finished, and it is left out of results and "
            "history. Anyone holding its resume link will be told it was discarded."
        )
        confirmed = st.checkbox(
            "I understand that a discarded assessment cannot be resumed", key="discard-confirm"
        )
        if not st.button("Discard this assessment", key="discard", icon=":material/delete:"):
            return
        if not confirmed:
            st.error("Tick the box above to confirm that you want to discard this assessment.")
            return
        abandon(cur)


def abandon(cur: state.Current) -> None:
    """Mark the draft abandoned, forget it in this session and go back to the Start page."""
    if not _stored(cur, lambda: get_store().abandon(cur.code), "discarded"):
        return
    state.detach()
    if "resume" in st.query_params:
        del st.query_params["resume"]
    state.flash(
        f"The assessment for {md_escape(cur.organisation)} has been discarded. You can start "
        "a new one below.",
        "success",
    )
    nav.go(nav.HOME)


def _stored(cur: state.Current, change: Callable[[], None], done: str) -> bool:
    """Make one change in the store; on failure say so in plain words and return False.

    When the draft was finished or discarded in another tab, the session copy is reloaded
    and the page reruns to show it as it now is.
    """
    from store.faults import DatabaseFault
    from store.records import DraftClosed, StoreError

    what = "details" if done == "saved" else "assessment"
    try:
        change()
    except DraftClosed:
        reload(cur)
        latest = state.current() or cur
        state.flash(CLOSED.format(status=latest.status_words), "info")
        st.rerun()
    except DatabaseUnavailable as exc:
        LOG.exception("database unavailable")
        st.error(str(exc))
        return False
    except DatabaseFault as exc:
        LOG.warning("cannot change the draft (%s): %s (%s)", done, exc.kind, exc.detail)
        st.error(f"The {what} could not be {done}: {exc.reason}. {exc.advice}")
        return False
    except StoreError as exc:
        st.error(f"The {what} could not be {done}: {exc}.")
        return False
    except Exception:
        LOG.exception("cannot change the draft (%s)", done)
        st.error(f"The {what} could not be {done} just now. Please try again in a moment.")
        return False
    return True


def reload(cur: state.Current) -> None:
    """Replace the session copy with the stored draft as it now is."""
    draft = get_store().load_draft(cur.code)
    if draft is not None:
        state.attach(cur.code, draft)
