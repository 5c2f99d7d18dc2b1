"""The pages as a list: what each run's navigation holds, the one "needs an assessment"
message, and pages named by path or pillar whatever the model calls its pillars."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from finish_support import finish_now
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash
from test_app_support import (
    FIXTURES,
    TIMEOUT,
    answer_pillar,
    app_env,
    current_model,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

from questionnaire.loader import load_model
from store.access import Principal
from ui import nav
from ui.pages import PAGES, pillar_paths
from ui.text import md_escape

__all__ = ["app_env"]

FIXED = [e for e in PAGES if isinstance(e, nav.PageSpec)]
NEED_ASSESSMENT = [e.path for e in FIXED if e.needs_assessment]


def built(at: AppTest) -> nav.Navigation:
    """The navigation the app built for its last run (kept in the session by ui.nav)."""
    found = at.session_state[nav.NAVIGATION]
    assert isinstance(found, nav.Navigation)
    return found


def menu_paths(at: AppTest) -> dict[str, list[str]]:
    """The menu of the last run: section -> the paths of its pages."""
    return {section: [p.url_path for p in pages] for section, pages in built(at).menu.items()}


def renamed_tiny_model(tmp_path: Path, renames: dict[str, str]) -> Path:
    """The tiny fixture model with its pillars' ids changed (gov, data -> ...)."""
    data = yaml.safe_load((FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8"))
    for pillar in data["pillars"]:
        pillar["id"] = renames[pillar["id"]]
    for rule in data.get("rules") or []:
        for key in ("pillar", "ahead", "behind"):
            if key in rule:
                rule[key] = renames[rule[key]]
    path = tmp_path / "renamed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_without_an_assessment_the_menu_holds_only_the_pages_anyone_may_open(app_env):
    at = new_app()
    no_problems(at)
    shown = [path for paths in menu_paths(at).values() for path in paths]
    local = Principal.local()
    assert shown == [e.path for e in FIXED if not e.needs_assessment and e.allowed(local)]
    assert built(at).pillars == {}


def test_with_an_assessment_the_menu_follows_the_list_with_a_page_per_pillar(app_env):
    at = new_app()
    start(at)
    model = current_model(at)
    paths = pillar_paths(model)
    expected: dict[str, list[str]] = {}
    for entry in PAGES:
        if isinstance(entry, nav.PillarPages):
            pillar_pages = [paths[p.id] for p in model.pillars]
            expected.setdefault(entry.section, []).extend(pillar_pages)
        elif entry.allowed(Principal.local()):
            expected.setdefault(entry.section, []).append(entry.path)
    assert menu_paths(at) == expected
    assert built(at).pillars == paths


def test_each_session_has_its_own_navigation(app_env):
    first = new_app()
    start(first)
    second = new_app()
    no_problems(second)
    assert built(second).pillars == {}
    assert not set(NEED_ASSESSMENT) & set(built(second).pages)
    first.run()
    assert set(NEED_ASSESSMENT) <= set(built(first).pages)


def _page_without_an_assessment(path: str) -> None:
    """An app script: this run's navigation with no assessment open, then the page at
    ``path`` run directly, as if it had been reached anyway."""
    import streamlit as st

    from store.access import Principal
    from ui import nav
    from ui.pages import PAGES

    st.navigation(nav.build(PAGES, None, Principal.local()).menu)
    spec = next(e for e in PAGES if isinstance(e, nav.PageSpec) and e.path == path)
    nav.page_function(spec)()


@pytest.mark.parametrize("path", NEED_ASSESSMENT)
def test_a_page_that_needs_an_assessment_says_how_to_open_one_when_none_is(app_env, path):
    spec = next(e for e in FIXED if e.path == path)
    at = AppTest.from_function(
        _page_without_an_assessment, args=(path,), default_timeout=TIMEOUT
    ).run()
    no_problems(at)
    assert title(at) == spec.title
    assert [i.value for i in at.info] == [nav.NEEDS_ASSESSMENT]
    [link] = at.get("page_link")
    assert link.proto.label == "Go to the start page"
    assert link.proto.page_script_hash == calc_hash(nav.HOME)  # what st.Page hashes: the path


def test_a_pillar_named_like_a_fixed_page_is_told_apart_when_resuming(
    app_env, monkeypatch, tmp_path
):
    path = renamed_tiny_model(tmp_path, {"gov": "results", "data": "finish"})
    monkeypatch.setenv("MATURITY_MODEL", str(path))
    model = load_model(path)
    at = new_app()
    code = start(at)
    assert title(at) == md_escape(model.pillars[0].name)  # the pillar, not the Results page
    for pillar in model.pillars:
        open_page(at, pillar_paths(model)[pillar.id])
        answer_pillar(at, model, pillar.id)
    open_page(at, "finish")
    assert title(at) == "Check and finish"
    finish_now(at)
    assert title(at) == "Results"

    again = new_app()
    again.text_input(key="resume-code").input(code)
    again.button(key="FormSubmitter:resume-form-Resume").click().run()
    no_problems(again)
    assert title(again) == "Results"  # a finished assessment reopens on its results


@pytest.mark.parametrize("pillar_id", ["render", "start", "home", "pillar-results"])
def test_a_pillar_id_that_a_page_could_be_named_by_still_gets_its_own_page(
    app_env, monkeypatch, tmp_path, pillar_id
):
    path = renamed_tiny_model(tmp_path, {"gov": pillar_id, "data": "results"})
    monkeypatch.setenv("MATURITY_MODEL", str(path))
    model = load_model(path)
    at = new_app()
    start(at)
    no_problems(at)
    assert title(at) == md_escape(model.pillars[0].name)
    paths = pillar_paths(model)
    assert len(set(paths.values())) == len(paths)
    at.button(key="next").click().run()
    assert title(at) == md_escape(model.pillars[1].name)
    at.button(key="previous").click().run()
    assert title(at) == md_escape(model.pillars[0].name)
    open_page(at, "")
    assert title(at) == md_escape(load_model(path).title)
