"""Every page of the app, declared once, in menu order.

Adding a page is one entry in :data:`PAGES`: its path, title, icon, menu section and the
function that draws it. A page given ``render_assessment`` is only for an open assessment:
it is left out of the menu until one is open, and it is handed that assessment, so it never
checks for one itself. The questionnaire's pages are generated from the open assessment's
model by the one :class:`~ui.nav.PillarPages` entry, one page per pillar.

This is the only module that imports the page modules; the navigation machinery in
``ui/nav.py`` is handed this list by the frame, and pages reach each other through it by
path (``nav.go("finish")``) or by pillar (``nav.go(pillar)``).
"""

from __future__ import annotations

from questionnaire.schema import Model
from store.access import Ability
from ui import (
    facilitate,
    finish,
    history,
    model_page,
    national,
    nav,
    questionnaire,
    results,
    start,
    users_page,
    workshops,
)
from ui.nav import HOME, Entry, PageSpec, PillarPages

PAGES: tuple[Entry, ...] = (
    PageSpec(path=HOME, title="Start", icon=":material/home:", section="", render=start.render),
    PillarPages(section="Questionnaire", render=questionnaire.render),
    PageSpec(
        path="finish",
        title="Check and finish",
        icon=":material/fact_check:",
        section="Questionnaire",
        render_assessment=finish.render,
    ),
    PageSpec(
        path="results",
        title="Results",
        icon=":material/insights:",
        section="Your results",
        render_assessment=results.render,
    ),
    PageSpec(
        path="join",
        title="Join a group assessment",
        icon=":material/login:",
        section="Group assessments",
        render=workshops.render_join,
    ),
    PageSpec(
        path="workshops",
        title="Group assessments",
        icon=":material/groups:",
        section="Group assessments",
        render=workshops.render_list,
        ability=Ability.FACILITATE,
    ),
    PageSpec(
        path="facilitate",
        title="Facilitate",
        icon=":material/co_present:",
        section="Group assessments",
        render=facilitate.render,
        ability=Ability.FACILITATE,
    ),
    PageSpec(
        path="history",
        title="History",
        icon=":material/history:",
        section="Reports",
        render=history.render,
        ability=Ability.HISTORY,
    ),
    PageSpec(
        path="national",
        title="National summary",
        icon=":material/public:",
        section="Reports",
        render=national.render,
        ability=Ability.NATIONAL,
    ),
    PageSpec(
        path="model",
        title="Model",
        icon=":material/tune:",
        section="Reports",
        render=model_page.render,
        ability=Ability.MODEL,
    ),
    PageSpec(
        path="users",
        title="Users",
        icon=":material/group:",
        section="Administration",
        render=users_page.render,
        ability=Ability.USERS,
    ),
)


def pillar_paths(model: Model) -> dict[str, str]:
    """The URL path of each pillar's page for this app's pages (pillar id -> path)."""
    return nav.pillar_paths(model, nav.fixed_paths(PAGES))
