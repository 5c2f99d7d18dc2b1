"""The Users page (administrators, shared mode): who may sign in, with which role and
organisations. ``maturity users`` does the same from the command line."""

from __future__ import annotations

import logging

import streamlit as st

from questionnaire import limits
from store.access import GRANTS, MEANINGS, Role
from ui.resources import get_store
from ui.text import escaped_rows, md_escape

LOG = logging.getLogger("ui")


def render() -> None:
    """Draw the Users page."""
    st.title("Users", anchor=False)
    st.caption(
        "People sign in with the identity provider; an address is given one role here. "
        "Administrators see every organisation; consultants and viewers only those given."
    )
    store = get_store()
    accounts = store.users()
    if accounts:
        st.table(
            escaped_rows(
                [
                    {
                        "Address": a.email,
                        "Role": a.role.value,
                        "Organisations": "every one"
                        if a.role is Role.ADMINISTRATOR
                        else ", ".join(a.organisations) or "none yet",
                    }
                    for a in accounts
                ]
            )
        )
    else:
        st.info("No account is stored yet (administrators named in MATURITY_ADMINS need none).")
    give(store.organisation_names())
    if accounts:
        take_away([a.email for a in accounts])
    with st.expander("What each role may do"):
        for role in Role:
            may = "; ".join(MEANINGS[a] for a in sorted(GRANTS[role]))
            st.markdown(f"**{role.value}**: {md_escape(may)}.")


def give(known: list[str]) -> None:
    """The form that gives an address a role and organisations (replacing what it had)."""
    st.header("Give someone a role", anchor=False)
    with st.form("user-form", border=True):
        email = st.text_input(
            "E-mail address (as the identity provider gives it)",
            key="user-email",
            max_chars=limits.RESPONDENT_CHARS,
        )
        role = st.selectbox("Role", [r.value for r in Role], index=1, key="user-role")
        chosen = st.multiselect(
            "Organisations (not needed for an administrator)",
            known,
            key="user-organisations",
            accept_new_options=True,
            placeholder="Choose, or type a new organisation's name",
        )
        submitted = st.form_submit_button("Save", type="primary")
    if not submitted:
        return
    from store.records import StoreError

    try:
        account = get_store().set_user(email or "", Role(role), chosen)
    except StoreError as exc:
        st.error(f"Not saved: {exc}.")
        return
    LOG.info("account saved with role %s", account.role.value)
    st.success(f"Saved: {md_escape(account.email)} is a {account.role.value}.")


def take_away(emails: list[str]) -> None:
    """Remove an account (the person can still sign in, with no role)."""
    st.header("Take an account away", anchor=False)
    with st.form("user-remove-form", border=True):
        email = st.selectbox("Account", emails, index=None, key="user-remove")
        sure = st.checkbox("Yes, take this account away", key="user-remove-sure")
        submitted = st.form_submit_button("Remove")
    if not submitted or email is None:
        return
    if not sure:
        st.error("Tick the box to confirm.")
        return
    get_store().remove_user(email)
    st.success(f"{md_escape(email)} has no role now.")
