"""A model uploaded on the Model page is kept (issue 14): after a reload, and after the server
restarts, a new assessment's first pillar page is the uploaded model's, and the Start page
names it.

Before, the choice lived in the browser session: a reload went back to the bundled model.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite.
from test_browser import (  # noqa: F401
    ROOT,
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    server,
    start_assessment,
    wait_for_app,
)

from questionnaire.loader import load_model

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

FOUR = ROOT / "tests" / "fixtures" / "four-pillar-model.yaml"


def test_an_uploaded_model_is_used_after_a_reload_and_a_restart(
    server: AppServer,  # noqa: F811  (the fixture imported above)
    page: Any,
) -> None:
    four = load_model(FOUR)
    url = server.start()
    page.goto(f"{url}/model")
    wait_for_app(page)
    page.locator("input[type='file']").first.set_input_files(FOUR)
    use = page.get_by_role("button", name="Use this model for new assessments")
    expect(use).to_be_visible(timeout=30000)
    use.click()
    expect(page.get_by_text("for everyone using this service.").first).to_be_visible(timeout=30000)
    wait_for_app(page)

    page.reload()
    wait_for_app(page)
    page.goto(url)
    wait_for_app(page)
    expect(
        page.get_by_text(f"New assessments use {four.title}, version {four.version}")
    ).to_be_visible(timeout=30000)
    start_assessment(page, url, four)  # its first pillar page is the uploaded model's

    server.stop()
    url = server.start()
    start_assessment(page, url, four)
