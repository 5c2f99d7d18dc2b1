"""axe-core over every page of the app, at a desktop width and on a 390 px phone.

The pages: Start, a pillar's page, Check and finish, Results (of a finished assessment, with
a comparison, and of a draft), History (with two finished assessments, so its comparison,
trend and table are drawn) and Model. Each must have no serious or critical violation of
WCAG 2.2 AA, and headings in order (axe's ``heading-order``, a best-practice rule the app
holds itself to). A rule broken by markup Streamlit draws and the app cannot change would be
listed in :data:`STREAMLIT_OWNS` with its entry in docs/accessibility.md; today none is.

The assessments are written through the store before the server starts (the pages, not the
typing, are under test here; test_browser.py and test_keyboard.py type).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_run import ALSO, axe_path, run_axe
from conftest import skip_or_fail
from playwright.sync_api import expect
from test_browser import AppServer, browser_type_launch_args, wait_for_app  # noqa: F401

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import Model
from store.repository import Store
from ui.pages import pillar_paths

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ORGANISATION = "Heddlu Prawf"
# rule id -> the section of docs/accessibility.md that explains it (Streamlit's markup).
STREAMLIT_OWNS: dict[str, str] = {}
ACCESSIBILITY = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"


def seed(url: str, model: Model) -> dict[str, str]:
    """Two finished assessments a year apart and one draft; returns their resume codes."""
    text = Path(DEFAULT_MODEL).read_text(encoding="utf-8")
    questions = [q for _, q in model.questions()]
    codes: dict[str, str] = {}
    with Store(url) as store:
        for name, year, shift in (("earlier", 2025, 0), ("finished", 2026, 1)):
            code = store.start_draft(model, text, ORGANISATION, None, dt.date(year, 3, 1))
            for n, question in enumerate(questions):
                options = question.options
                store.save_answer(code, question.id, options[(n + shift) % len(options)].id)
            store.save_note(code, questions[0].id, "DPIA template adopted in May")
            store.complete(code)
            codes[name] = code
        code = store.start_draft(model, text, ORGANISATION, None, dt.date(2026, 6, 1))
        for question in questions[:3]:
            store.save_answer(code, question.id, question.options[1].id)
        codes["draft"] = code
    return codes


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A server on a database holding :func:`seed`'s assessments: its URL and the codes."""
    folder = tmp_path_factory.mktemp("axe-app")
    database = f"sqlite:///{folder / 'app.db'}"
    model = load_model(DEFAULT_MODEL)
    codes = seed(database, model)
    server = AppServer(database, folder / "streamlit.log")
    url = server.start()
    yield url, codes
    server.stop()


@pytest.fixture(scope="module")
def axe_js() -> Path:
    path = axe_path()
    if not path.is_file():
        skip_or_fail("MATURITY_REQUIRE_BROWSER", f"axe-core not found at {path}")
    return path


def pages(codes: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    """Each page under test: its path and the resume code it is opened with."""
    model = load_model(DEFAULT_MODEL)
    first = pillar_paths(model)[model.pillars[0].id]
    return {
        "start": ("", None),
        "pillar": (first, codes["draft"]),
        "check and finish": ("finish", codes["draft"]),
        "results": ("results", codes["finished"]),
        "draft results": ("results", codes["draft"]),
        "history": ("history", None),
        "model": ("model", None),
    }


SCROLLERS_MARKED = """() => window.__maturityClient === true && [...document.querySelectorAll(
    "[data-testid='stSidebarContent'], .stTable > div")].every(
    b => b.hasAttribute('tabindex') || (b.scrollHeight <= b.clientHeight + 1
                                        && b.scrollWidth <= b.clientWidth + 1))"""

PAGE_NAMES = ["start", "pillar", "check and finish", "results", "draft results", "history", "model"]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_has_no_serious_violation_and_headings_in_order(
    browser: Any, app: tuple[str, dict[str, str]], axe_js: Path, name: str, width: str
) -> None:
    url, codes = app
    path, code = pages(codes)[name]
    context = browser.new_context(viewport=WIDTHS[width])
    try:
        page = context.new_page()
        page.goto(f"{url}/{path}" + (f"?resume={code}" if code else ""))
        wait_for_app(page)
        expect(page.locator("h1").first).to_be_visible(timeout=30_000)
        if name == "results":
            page.get_by_test_id("stPlotlyChart").first.wait_for(state="visible", timeout=30_000)
        # The app's client layer marks a box that scrolls as a focusable region once it has
        # laid out; wait for it as for the script's run (a box it missed still fails below).
        page.wait_for_function(SCROLLERS_MARKED, timeout=10_000)
        result = run_axe(page, axe_js, f"{name} at {width}", also=ALSO)
        failing = [
            v
            for v in result["violations"]
            if (v["impact"] in ("serious", "critical") or v["id"] == "heading-order")
            and v["id"] not in STREAMLIT_OWNS
        ]
        assert not failing, json.dumps(failing, indent=1)[:4000]
        assert page.locator("h1").count() == 1, "one h1 a page"
    finally:
        context.close()


def test_every_exemption_is_explained_in_the_accessibility_statement() -> None:
    statement = ACCESSIBILITY.read_text(encoding="utf-8")
    for rule, section in STREAMLIT_OWNS.items():
        assert rule in statement and section in statement, rule
