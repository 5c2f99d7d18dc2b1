"""The pages, generated from the model: Start, one page per pillar, Check and finish, Results,
History and Model. Moving between them always carries the resume code in the URL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import NoReturn

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from questionnaire.schema import Model
from ui.resources import DatabaseUnavailable
from ui.state import Current
from ui.text import md_escape

LOG = logging.getLogger("ui")
PAGES = "_pages"
PENDING = "_goto"
FIXED_PATHS = ("finish", "results", "history", "model")


@dataclass(frozen=True)
class Pages:
    """Every page of this run; ``pillars`` maps a pillar id to its page, in model order."""

    start: StreamlitPage
    pillars: dict[str, StreamlitPage]
    finish: StreamlitPage
    results: StreamlitPage
    history: StreamlitPage
    model: StreamlitPage

    def sections(self, cur: Current | None) -> dict[str, list[StreamlitPage]]:
        """The navigation menu: the questionnaire only once an assessment is open."""
        menu: dict[str, list[StreamlitPage]] = {"": [self.start]}
        if cur is not None:
            menu["Questionnaire"] = [*self.pillars.values(), self.finish]
            menu["Your results"] = [self.results]
        menu["Reports"] = [self.history, self.model]
        return menu


def pillar_paths(model: Model) -> dict[str, str]:
    """The URL path of each pillar's page: its id, unless that would clash with a fixed page."""
    paths: dict[str, str] = {}
    taken = set(FIXED_PATHS)
    for pillar in model.pillars:
        path = pillar.id
        while path in taken:
            path = f"pillar-{path}"
        taken.add(path)
        paths[pillar.id] = path
    return paths


def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page so an unexpected error shows a plain message instead of a traceback.

    Streamlit's own control flow (rerun, stop, switch page) derives from BaseException and
    passes through untouched.
    """

    @wraps(render)
    def page() -> None:
        try:
            render()
        except DatabaseUnavailable as exc:
            LOG.exception("database unavailable")
            st.error(str(exc))
        except Exception:
            LOG.exception("page failed")
            st.error(
                "Sorry, something went wrong on this page. Your saved answers are safe. "
                "Reload the page to try again; if it keeps happening, tell the people who run "
                "this service."
            )

    return page


def build_pages(cur: Current | None) -> Pages:
    """Create this run's pages (pillar pages only when an assessment is open)."""
    from ui import finish, history, model_page, questionnaire, results, start

    pillars: dict[str, StreamlitPage] = {}
    if cur is not None:
        for pillar_id, path in pillar_paths(cur.model).items():
            pillar = cur.model.pillar(pillar_id)
            assert pillar is not None
            complete = cur.answered(pillar) == len(pillar.questions)
            pillars[pillar_id] = st.Page(
                guarded(questionnaire.page_for(pillar_id)),
                # The navigation menu renders page titles as Markdown (images included).
                title=md_escape(pillar.name),
                url_path=path,
                icon=":material/check_circle:" if complete else ":material/radio_button_unchecked:",
            )
    pages = Pages(
        start=st.Page(guarded(start.render), title="Start", icon=":material/home:", default=True),
        pillars=pillars,
        finish=st.Page(
            guarded(finish.render),
            title="Check and finish",
            url_path="finish",
            icon=":material/fact_check:",
        ),
        results=st.Page(
            guarded(results.render), title="Results", url_path="results", icon=":material/insights:"
        ),
        history=st.Page(
            guarded(history.render), title="History", url_path="history", icon=":material/history:"
        ),
        model=st.Page(
            guarded(model_page.render), title="Model", url_path="model", icon=":material/tune:"
        ),
    )
    st.session_state[PAGES] = pages
    return pages


def pages() -> Pages:
    """This run's pages (built by the entry point before any page runs)."""
    found = st.session_state[PAGES]
    assert isinstance(found, Pages)
    return found


def resume_params() -> dict[str, str]:
    """The query parameters that keep the resume code in the URL."""
    code = st.session_state.get("resume")
    return {"resume": code} if isinstance(code, str) and code else {}


def go(page: StreamlitPage) -> NoReturn:
    """Switch to a page, keeping the resume code in the URL."""
    st.switch_page(page, query_params=resume_params())


def go_after_rerun(target: str) -> NoReturn:
    """Rerun, then switch to ``target`` (a pillar id, or "finish" / "results").

    Needed after an assessment is opened: its pillar pages are not in this run's navigation
    yet, and ``st.switch_page`` only reaches registered pages.
    """
    st.session_state[PENDING] = target
    st.rerun()


def follow_pending(built: Pages) -> None:
    """Carry out a switch asked for by :func:`go_after_rerun` (called by the entry point)."""
    target = st.session_state.pop(PENDING, None)
    if not isinstance(target, str):
        return
    fixed = {"finish": built.finish, "results": built.results}
    page = built.pillars.get(target) or fixed.get(target)
    if page is not None:
        go(page)


def link(page: StreamlitPage, label: str, icon: str | None = None) -> None:
    """A link to a page that keeps the resume code (``label`` is Markdown: escape it)."""
    st.page_link(page, label=label, icon=icon, query_params=resume_params())
