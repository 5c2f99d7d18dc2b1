"""The frame around every page: set-up, the resume code, the navigation and the sidebar.

Runs at the top of every script run (``app.py`` calls :func:`run`). It builds this run's
navigation from the list of pages in ``ui/pages.py``. Navigation clears query parameters, so
the resume code is put back into the URL on every run; that is what lets a refresh, a closed
tab or a restarted server bring the person back to where they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.navigation.page import StreamlitPage

from store.settings import SettingError
from ui import access, client, live, nav, state, throttle
from ui.pages import PAGES
from ui.resources import DatabaseUnavailable, get_store, purge_if_due, warm_up
from ui.text import md_escape

LOG = logging.getLogger("ui")
TITLE = "AI maturity self-assessment"
#: The browser tab's icon, drawn for the app and sent inside the page (Streamlit turns a local
#: SVG file into a data: URL). A ``:material/...:`` page icon would make every browser fetch an
#: SVG from fonts.gstatic.com on every page (D16); the icons in buttons and the menu use the
#: Material Symbols font Streamlit serves itself, so they stay.
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.svg"


def run() -> None:
    """Draw the app for this run: resume any draft named in the URL, then the current page."""
    st.set_page_config(page_title=TITLE, page_icon=FAVICON, layout="centered")
    client.install()
    try:
        who = access.find_principal()
    except SettingError as exc:
        st.error(f"This service is not set up correctly: {exc}.")
        return
    except DatabaseUnavailable as exc:
        st.error(str(exc))
        return
    live.reset()
    resume_from_url()
    cur = state.current()
    built = nav.build(PAGES, cur, who)
    # The menu is drawn by the app (links in the sidebar), not by st.navigation: Streamlit's
    # own sectioned menu is a list with list items axe-core calls invalid (`list`, `listitem`,
    # serious), and our links keep the resume code in the URL as well.
    page = st.navigation(built.menu, position="hidden")
    if cur is not None and st.query_params.get("resume") != cur.code:
        st.query_params["resume"] = cur.code  # navigation cleared it: put it back
    nav.follow_pending()
    menu(built, page)
    sidebar(cur)
    access.account_panel(who)
    show_flash()
    page.run()
    warm_up()
    purge_if_due()


def resume_from_url() -> None:
    """Load the draft named by ``?resume=CODE`` unless it is already this session's."""
    code = (st.query_params.get("resume") or "").strip()
    cur = state.current()
    if not code or (cur is not None and cur.code == code):
        return
    throttle.before_check()
    try:
        draft = get_store().load_draft(code)
    except DatabaseUnavailable as exc:
        LOG.exception("database unavailable")
        state.flash(str(exc))
        return
    except Exception:
        LOG.exception("cannot load a draft")
        state.flash(
            "Your assessment could not be loaded just now. Nothing has been lost: reload the "
            "page in a moment to try again."
        )
        return
    throttle.checked(draft is not None)
    if draft is None:
        state.flash(
            "No assessment has that resume code. Check the link or the code (it is case "
            "sensitive), or start a new assessment."
        )
        if cur is None:
            del st.query_params["resume"]
        return
    if draft.status == "abandoned":
        state.flash(state.DISCARDED, "info")
        if cur is None:
            del st.query_params["resume"]
        return
    state.attach(code, draft)


MENU_KEY = "site-menu"


def menu(built: nav.Navigation, shown: StreamlitPage) -> None:
    """The menu: this run's pages as links in the sidebar, under their section names.

    The link of the pillar whose page is ``shown`` is a live region (:mod:`ui.live`), so its
    tick appears as soon as the pillar's last question is answered, without redrawing the
    page; no other pillar's answers change on that page, so the other links are plain (each
    region costs every click a redraw).
    """
    if len(built.pages) < 2:
        return  # one page: nowhere to go (as Streamlit's own menu, which is not drawn then)
    pillar_of = {path: pillar_id for pillar_id, path in built.pillars.items()}
    with st.sidebar, st.container(key=MENU_KEY):
        for section, pages in built.menu.items():
            if section:
                st.markdown(f"**{md_escape(section)}**")
            for made in pages:
                pillar_id = pillar_of.get(made.url_path)
                if pillar_id is None or made.url_path != shown.url_path:
                    st.page_link(made, query_params=nav.resume_params())
                else:
                    live.region(f"menu-{pillar_id}", _pillar_link(made, pillar_id))


def _pillar_link(made: StreamlitPage, pillar_id: str) -> Callable[[DeltaGenerator], None]:
    def draw(slot: DeltaGenerator) -> None:
        cur = state.current()
        pillar = cur.model.pillar(pillar_id) if cur is not None else None
        icon = nav.pillar_icon(cur, pillar) if cur is not None and pillar is not None else None
        slot.page_link(made, icon=icon, query_params=nav.resume_params())

    return draw


def _sidebar_progress(slot: DeltaGenerator) -> None:
    cur = state.current()
    if cur is not None:
        answered, total = cur.answered(), cur.total()
        slot.progress(answered / total if total else 0.0, text=f"{answered} of {total} answered")


def sidebar(cur: state.Current | None) -> None:
    """The assessment's organisation, progress and resume link, beside every page."""
    if cur is None:
        return
    with st.sidebar:
        st.markdown(f"**{md_escape(cur.organisation)}**")
        live.region("sidebar-progress", _sidebar_progress)
        if cur.editable:
            st.caption(
                "Every answer is saved as you give it. To come back later, keep this link "
                "(or bookmark the page):"
            )
        else:
            st.caption("This assessment is finished. To open it again, keep this link:")
        st.code(resume_link(cur.code), language=None, wrap_lines=True)


def resume_link(code: str) -> str:
    """The link that reopens this assessment on the current page (or just the code when the
    app's address is unknown, as in tests)."""
    try:
        url = st.context.url
    except Exception:
        url = None
    return f"{url}?resume={code}" if url else f"resume code: {code}"


def show_flash() -> None:
    """Show the message a callback or an earlier run left for this page."""
    found = state.take_flash()
    if found is None:
        return
    kind, message = found
    {"success": st.success, "info": st.info}.get(kind, st.error)(message)
