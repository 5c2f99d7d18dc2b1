"""Who is asking, in the app: the mode, the signed-in person and their principal.

The rules themselves live in :mod:`store.access`; this module only finds the principal of
this run (once, at the top of the run, kept for the pages in ``st.session_state``, which is
on the server and never set by the browser) and draws the sign-in and sign-out controls.

Sign-in is Streamlit's own OpenID Connect (``st.login``), configured only in the secrets
file's ``[auth]`` section, never in the repository. A person is known by the e-mail address
the identity provider vouches for; an address the provider says is not verified
(``email_verified`` false) is given no role.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import streamlit as st

from store import settings
from store.access import Ability, Mode, Principal
from ui.resources import get_store
from ui.text import md_escape

LOG = logging.getLogger("ui")
PRINCIPAL = "_principal"
SIGN_IN_MISSING = (
    "This service is set up for shared use, but sign-in is not configured: the secrets file "
    "has no [auth] section. Until the people who run it add one, nobody can sign in; a "
    "resume link still opens its own assessment."
)


def mode() -> Mode:
    """The deployment mode (``MATURITY_MODE``).

    Raises:
        store.settings.SettingError: for a value that is neither local nor shared.
    """
    return Mode(settings.mode())


def sign_in_configured() -> bool:
    """Whether the secrets file has an ``[auth]`` section for ``st.login``."""
    try:
        return isinstance(st.secrets.get("auth"), Mapping)
    except Exception:  # no secrets file at all
        return False


def signed_in_email() -> str | None:
    """The address of the person signed in, or None (nobody, or an unverified address)."""
    user = st.user
    if not user.get("is_logged_in"):
        return None
    email = user.get("email")
    if not isinstance(email, str) or not email.strip():
        return None
    if user.get("email_verified") is False:
        return None
    return email.strip()


def find_principal() -> Principal:
    """Work out this run's principal and keep it for the pages (the frame calls this first)."""
    if mode() is Mode.LOCAL:
        found = Principal.local()
    else:
        email = signed_in_email()
        found = (
            get_store().principal(email, settings.administrators())
            if email is not None
            else Principal.anonymous()
        )
    st.session_state[PRINCIPAL] = found
    return found


def principal() -> Principal:
    """This run's principal (found by the frame before any page draws).

    With none found (a page function run on its own), the most restricted one: nobody.
    """
    found = st.session_state.get(PRINCIPAL)
    return found if isinstance(found, Principal) else Principal.anonymous()


def may(ability: Ability) -> bool:
    """Whether this run's principal may do ``ability``."""
    return principal().may(ability)


def account_panel(who: Principal) -> None:
    """In the sidebar of shared mode: who is signed in, with sign-out (the one sign-in
    button is the Start page's, so there is never a choice of two)."""
    if who.mode is Mode.LOCAL:
        return
    with st.sidebar:
        if who.signed_in:
            st.caption(f"Signed in as {md_escape(who.email or '')} ({who.role.value})")
            if st.button("Sign out", key="sign-out", icon=":material/logout:"):
                LOG.info("sign-out")
                st.session_state.pop(PRINCIPAL, None)
                st.logout()
        else:
            st.caption("Not signed in: the Start page has the sign-in button.")


def sign_in_button(key: str = "sign-in") -> None:
    """The Start page's sign-in button (or why there is none)."""
    if not sign_in_configured():
        st.error(SIGN_IN_MISSING)
        return
    if st.button("Sign in", key=key, type="primary", icon=":material/login:"):
        st.login()
