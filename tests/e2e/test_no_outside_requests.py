"""No request leaves the machine: every page of the app, in a real browser, asks only the app.

The adversarial run (D16) counted 66 requests to fonts.gstatic.com in one session: Streamlit's
frontend turns a ``:material/...:`` page icon into a URL on Google's font server. This test
walks every page (Start, a questionnaire page, Check and finish, Results with its report
downloads, History with an organisation switch, Model) and then opens the downloaded HTML
report, with every request of the browser context routed through one check: a request to any
host but the app's own is recorded and refused, and the test fails if the record is not
empty. Refusing, not just listening, keeps the test from reaching the network at all.

The History part also checks D8 in the browser: after switching organisation, the "Past
reports" selector shows the new organisation's own latest assessment.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite, so both suites share
# one way of launching chromium and of starting the server.
from test_browser import (  # noqa: F401
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    server,
    wait_for_app,
)

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import Model
from store.repository import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def seed(url: str, model_path: Path) -> tuple[str, str]:
    """Finished assessments of two organisations, and one draft with every question answered;
    returns (the resume code of a finished one, the draft's code)."""
    model = load_model(model_path)
    text = model_path.read_text(encoding="utf-8")

    def answered(organisation: str, on: dt.date, position: int) -> str:
        code = store.start_draft(model, text, organisation, None, on)
        for _, question in model.questions():
            store.save_answer(
                code, question.id, question.options[position % len(question.options)].id
            )
        return code

    with Store(url) as store:
        store.complete(answered("Alpha Force", dt.date(2024, 3, 1), 0))
        store.complete(answered("Beta Force", dt.date(2025, 12, 2), 0))
        finished = answered("Beta Force", dt.date(2026, 12, 2), 1)
        store.complete(finished)
        draft = answered("Gamma Force", dt.date(2026, 12, 3), 2)
    return finished, draft


class Outside:
    """Routes every request of a browser context: the app's own go on, others are refused
    and recorded."""

    def __init__(self, app_url: str) -> None:
        self.app = urlsplit(app_url).netloc
        self.refused: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "file") or parts.netloc == self.app:
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()


def visit(page: Any, url: str, heading: str | re.Pattern[str]) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(heading, timeout=30000)
    wait_for_app(page)


def test_every_page_asks_nothing_of_any_other_host(
    server: AppServer,  # noqa: F811  (the fixture imported above)
    page: Any,
    tmp_path: Path,
) -> None:
    model_path = Path(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL)
    model: Model = load_model(model_path)
    finished, draft = seed(server.database_url, model_path)
    url = server.start()
    outside = Outside(url)
    page.context.route("**/*", outside)

    visit(page, url, re.compile(r"^AI maturity self-assessment"))
    page.get_by_label("Organisation (for example, the name of the force)").fill("Delta Force")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("h1").first).to_have_text(model.pillars[0].name, timeout=30000)
    wait_for_app(page)

    visit(page, f"{url}/finish?resume={draft}", "Check and finish")
    visit(page, f"{url}/results?resume={finished}", "Results")
    page.get_by_test_id("stPlotlyChart").first.wait_for(state="visible")
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download the PDF report").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as html:
        page.get_by_role("button", name="Download the HTML report").click()
    report = tmp_path / "report.html"
    html.value.save_as(report)

    visit(page, f"{url}/history", "History")
    page.get_by_test_id("stPlotlyChart").first.wait_for(state="visible")
    organisation = page.get_by_label("Organisation", exact=True)
    organisation.click()
    page.get_by_role("option", name="Beta Force").click()
    wait_for_app(page)
    expect(page.get_by_label("Assessment", exact=True)).to_have_value(
        re.compile(r"^2 Dec 2026"), timeout=30000
    )

    visit(page, f"{url}/model", "Model")
    page.goto(report.as_uri())
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert outside.refused == []
