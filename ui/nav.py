"""The navigation machinery: pages built from their specs, and moving between them.

Every page is declared once, as a :class:`PageSpec` in the list in ``ui/pages.py``; the
questionnaire's pages come from one :class:`PillarPages` entry there, one page per pillar of
the open assessment's model. This module imports no page module: it is handed the list.

How a page finds another: by name, never by holding the other page. A page is named by its
URL path (``"finish"``, ``"results"``, :data:`HOME` for the default page), or, for a pillar's
page, by the :class:`~questionnaire.schema.Pillar` itself (its path may differ from its id,
see :func:`pillar_paths`). :func:`page`, :func:`go` and :func:`link` look the name up in this
run's :class:`Navigation`, which :func:`build` makes at the top of every script run, before
any page draws, and keeps in ``st.session_state`` (one per browser session, so two people
never see each other's pages; nothing here is shared between sessions). It holds what this
run registered with ``st.navigation`` and nothing else. Widget callbacks run before the
frame rebuilds it, so a callback would see the previous run's pages; none of ours navigates.

Moving between pages always carries the resume code in the URL: ``st.switch_page`` and the
menu's links drop query parameters, so :func:`go` and :func:`link` pass it on and the frame
puts it back after ``st.navigation``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import NoReturn

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from questionnaire.schema import Model, Pillar
from store.access import Ability, Principal
from ui import access, state
from ui.resources import DatabaseUnavailable
from ui.state import Current
from ui.text import md_escape

LOG = logging.getLogger("ui")
NAVIGATION = "_navigation"
PENDING = "_goto"
# The default page's path: the app's root URL.
HOME = ""
NEEDS_ASSESSMENT = "Start or resume an assessment first."
NOT_ALLOWED = "This page is not open to you. Sign in with an account that is given it."

# A page as pages name it: its URL path, or the pillar whose questionnaire page it is.
Target = str | Pillar


@dataclass(frozen=True)
class PageSpec:
    """One page: where it lives, how the menu shows it, and what draws it.

    Exactly one of ``render`` and ``render_assessment`` is given. A page drawn by
    ``render_assessment`` needs an open assessment: it is in the menu only while one is open,
    and it is handed that assessment, so the page itself never checks for one.

    Attributes:
        path: the URL path; :data:`HOME` (``""``) for the default page at the app's root.
        title: the menu's and the browser tab's title. Streamlit reads it as Markdown, so
            text from a model must be escaped.
        icon: a Material icon (``":material/home:"``) or an emoji.
        section: the menu section the page is listed under (``""``: above every section).
        render: draws a page anyone may open.
        render_assessment: draws a page of the open assessment, which it is given.
        ability: what the principal must be allowed (:mod:`store.access`) for the page to
            exist in their run at all; None: anyone. A page left out is not in
            ``st.navigation``, so its URL opens nothing; the page function checks again.
    """

    path: str
    title: str
    icon: str
    section: str
    render: Callable[[], None] | None = None
    render_assessment: Callable[[Current], None] | None = None
    ability: Ability | None = None

    def __post_init__(self) -> None:
        if (self.render is None) == (self.render_assessment is None):
            raise ValueError(f"page {self.path!r}: give exactly one of render, render_assessment")

    @property
    def needs_assessment(self) -> bool:
        """Whether the page is only for an open assessment."""
        return self.render_assessment is not None

    def allowed(self, who: Principal) -> bool:
        """Whether ``who`` may open the page (an assessment's pages: whoever holds its link)."""
        if self.ability is None:
            return not self.needs_assessment or who.may(Ability.ANSWER)
        return who.may(self.ability)


@dataclass(frozen=True)
class PillarPages:
    """One questionnaire page per pillar of the open assessment's model, in model order.

    Attributes:
        section: the menu section the pillar pages are listed under.
        render: draws one pillar's page, given the open assessment and the pillar's id.
    """

    section: str
    render: Callable[[Current, str], None]

    def specs(self, cur: Current, taken: Iterable[str]) -> list[PageSpec]:
        """The pillar pages of ``cur``'s model, clear of the ``taken`` paths."""
        paths = pillar_paths(cur.model, taken)
        return [
            PageSpec(
                path=paths[pillar.id],
                # The menu renders titles as Markdown (images included).
                title=md_escape(pillar.name),
                icon=pillar_icon(cur, pillar),
                section=self.section,
                render_assessment=self._page_of(pillar.id),
            )
            for pillar in cur.model.pillars
        ]

    def _page_of(self, pillar_id: str) -> Callable[[Current], None]:
        def render(cur: Current) -> None:
            self.render(cur, pillar_id)

        return render


Entry = PageSpec | PillarPages


def pillar_icon(cur: Current, pillar: Pillar) -> str:
    """A pillar's mark in the menu: ticked once every question of it has an answer."""
    if cur.answered(pillar) == len(pillar.questions):
        return ":material/check_circle:"
    return ":material/radio_button_unchecked:"


@dataclass(frozen=True)
class Navigation:
    """This run's pages.

    Attributes:
        menu: what ``st.navigation`` is given: section -> pages, in the list's order.
        pages: every page of this run by its path.
        pillars: the path of each pillar's page by pillar id (empty with no assessment open).
    """

    menu: dict[str, list[StreamlitPage]]
    pages: dict[str, StreamlitPage]
    pillars: dict[str, str]

    def page(self, target: Target) -> StreamlitPage:
        """The page named by a path, or the page of a pillar."""
        if isinstance(target, Pillar):
            path, named = self.pillars.get(target.id), f"pillar {target.id!r}"
        else:
            path, named = target, f"path {target!r}"
        found = self.pages.get(path) if path is not None else None
        if found is None:
            raise LookupError(f"no page for {named} in this run's navigation")
        return found


def fixed_paths(entries: Iterable[Entry]) -> list[str]:
    """The paths the list declares itself (every page but the generated pillar pages)."""
    return [e.path for e in entries if isinstance(e, PageSpec)]


def pillar_paths(model: Model, taken: Iterable[str]) -> dict[str, str]:
    """The URL path of each pillar's page: its id, unless that would clash with a ``taken``
    path (a fixed page's) or an earlier pillar's; then ``pillar-<id>``, and so on."""
    paths: dict[str, str] = {}
    used = set(taken)
    for pillar in model.pillars:
        path = pillar.id
        while path in used:
            path = f"pillar-{path}"
        used.add(path)
        paths[pillar.id] = path
    return paths


def specs_for(entries: Sequence[Entry], cur: Current | None, who: Principal) -> list[PageSpec]:
    """The pages of this run, in the list's order: those needing an assessment only when one
    is open, and only the pages ``who`` may open."""
    taken = fixed_paths(entries)
    specs: list[PageSpec] = []
    for entry in entries:
        if isinstance(entry, PillarPages):
            specs += entry.specs(cur, taken) if cur is not None else []
        elif cur is not None or not entry.needs_assessment:
            specs.append(entry)
    return [s for s in specs if s.allowed(who)]


def build(entries: Sequence[Entry], cur: Current | None, who: Principal) -> Navigation:
    """Create this run's pages from the list and keep them for :func:`page` (the frame calls
    this once per run, before ``st.navigation``)."""
    menu: dict[str, list[StreamlitPage]] = {}
    pages: dict[str, StreamlitPage] = {}
    for spec in specs_for(entries, cur, who):
        made = st.Page(
            page_function(spec),
            title=spec.title,
            icon=spec.icon,
            url_path=spec.path,
            default=spec.path == HOME,
        )
        menu.setdefault(spec.section, []).append(made)
        pages[spec.path] = made
    pillars: dict[str, str] = {}
    if cur is not None:
        pillars = pillar_paths(cur.model, fixed_paths(entries))
    result = Navigation(menu=menu, pages=pages, pillars=pillars)
    st.session_state[NAVIGATION] = result
    return result


def page_function(spec: PageSpec) -> Callable[[], None]:
    """What ``st.Page`` runs for a spec: the page, inside :func:`guarded`; a page that needs
    an assessment gets it, or, with none open, the one message that says how to open one."""

    def draw() -> None:
        if not spec.allowed(access.principal()):
            # Left out of this run's navigation, so only reached if the page function runs on
            # its own; never draw it then.
            st.title(spec.title, anchor=False)
            st.error(NOT_ALLOWED)
            return
        if spec.render is not None:
            spec.render()
        elif (cur := state.current()) is not None and spec.render_assessment is not None:
            spec.render_assessment(cur)
        else:
            # The frame lists such pages only while an assessment is open, so through the
            # menu this is a safety net; it shows when the page function runs on its own.
            st.title(spec.title, anchor=False)
            st.info(NEEDS_ASSESSMENT)
            link(HOME, "Go to the start page")

    return guarded(draw)


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


def navigation() -> Navigation:
    """This run's navigation (built by the frame before any page runs)."""
    found = st.session_state.get(NAVIGATION)
    if not isinstance(found, Navigation):
        raise LookupError("the navigation is built by the frame before any page runs")
    return found


def page(target: Target) -> StreamlitPage:
    """This run's page named by a path, or the page of a pillar."""
    return navigation().page(target)


def resume_params() -> dict[str, str]:
    """The query parameters that keep the resume code in the URL."""
    code = st.session_state.get("resume")
    return {"resume": code} if isinstance(code, str) and code else {}


def go(target: Target) -> NoReturn:
    """Switch to a page, keeping the resume code in the URL."""
    st.switch_page(page(target), query_params=resume_params())


def go_after_rerun(target: Target) -> NoReturn:
    """Rerun, then switch to ``target`` (a page's path, or a pillar).

    Needed after an assessment is opened: its pages are not in this run's navigation yet,
    and ``st.switch_page`` only reaches registered pages.
    """
    pending = ("pillar", target.id) if isinstance(target, Pillar) else ("path", target)
    st.session_state[PENDING] = pending
    st.rerun()


def follow_pending() -> None:
    """Carry out a switch asked for by :func:`go_after_rerun` (called by the frame)."""
    pending = st.session_state.pop(PENDING, None)
    if not isinstance(pending, tuple):
        return
    kind, name = pending
    built = navigation()
    path = built.pillars.get(name) if kind == "pillar" else name
    if path in built.pages:
        go(path)


def link(target: Target, label: str, icon: str | None = None) -> None:
    """A link to a page that keeps the resume code (``label`` is Markdown: escape it)."""
    st.page_link(page(target), label=label, icon=icon, query_params=resume_params())
