"""Safe finishing in a real browser, with the keyboard alone: the draft preview, then
"Finish and see the results", Tab to "Yes, finish", Enter.

The confirmation is drawn right after the button that opens it, so after Enter on "Finish"
(focus stays on that button across Streamlit's rerun) the next Tab stop is "Yes, finish".
With UPDATE_SCREENSHOTS=1 the draft preview is saved for the README.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite.
from test_browser import (  # noqa: F401
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    screenshot,
    server,
    wait_for_app,
)

from questionnaire.loader import DEFAULT_MODEL, load_model
from store.repository import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def seed(url: str) -> tuple[str, int]:
    """A draft with its first two pillars answered; (its code, how many are unanswered)."""
    path = Path(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL)
    model = load_model(path)
    text = path.read_text(encoding="utf-8")
    with Store(url) as store:
        code = store.start_draft(model, text, "Heddlu Prawf", None, dt.date(2026, 3, 1))
        given = 0
        for pillar in model.pillars[:2]:
            for n, question in enumerate(pillar.questions):
                store.save_answer(code, question.id, question.options[n % 2].id)
                given += 1
    return code, len(model.questions()) - given


def focused_text(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.innerText"))


def test_the_preview_then_finishing_with_the_keyboard_alone(
    server: AppServer,  # noqa: F811
    page: Any,
):
    code, missing = seed(server.database_url)
    url = server.start()
    page.goto(f"{url}/results?resume={code}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=re.compile("Draft: not finished"))).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.wait_for(state="visible")
    page.wait_for_timeout(500)  # let Plotly finish drawing before the screenshot
    screenshot(page, "app-draft-preview.png")

    page.goto(f"{url}/finish?resume={code}")
    wait_for_app(page)
    page.get_by_role("button", name="Finish and see the results").focus()
    page.keyboard.press("Enter")
    question = f"{missing} questions are unanswered; they will be left out of the score."
    expect(page.get_by_text(question)).to_be_visible()
    wait_for_app(page)
    page.keyboard.press("Tab")
    assert focused_text(page).strip().endswith("Yes, finish and fix the answers"), focused_text(
        page
    )
    with Store(server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "draft"
    page.keyboard.press("Enter")
    expect(page.locator("h1").first).to_have_text("Results", timeout=30000)
    with Store(server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "complete"
