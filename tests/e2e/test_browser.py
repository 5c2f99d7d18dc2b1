"""The app in a real browser: Debian's chromium driven by Playwright (never `playwright install`).

A person fills in a whole assessment, reloads the page half-way and loses nothing, finishes,
and downloads the PDF report and the answers. A second test kills the server mid-assessment,
starts it again and opens the resume link: the person carries on where they were.

Skipped with a reason when chromium is absent; `.ci/run` sets MATURITY_REQUIRE_BROWSER=1,
which turns that skip into a failure. With UPDATE_SCREENSHOTS=1 the first test also saves the
README's screenshots to docs/images/.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import skip_or_fail
from playwright.sync_api import expect
from pypdf import PdfReader

from questionnaire.loader import DEFAULT_MODEL, load_model, responses_from_text
from questionnaire.schema import Model

pytestmark = [
    pytest.mark.e2e,
    # pytest-playwright's own `base_url` fixture trips a pytest deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
sys.path.insert(0, str(ROOT / "bench"))
# Debian's chromium started as the benchmarks start it: one list of flags for both.
from browsing import CHROMIUM_ARGS  # noqa: E402

ORGANISATION = "Heddlu Prawf – Test Constabulary"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's chromium instead of a downloaded browser."""
    executable = shutil.which("chromium")
    if executable is None:
        skip_or_fail("MATURITY_REQUIRE_BROWSER", "Debian chromium not installed")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A laptop-sized window that accepts downloads."""
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """`streamlit run app.py` on a free port, against one SQLite file."""

    def __init__(self, database_url: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.database_url = database_url
        self.log = log
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    def start(self) -> str:
        """Start the server and wait until `/_stcore/health` says ok; returns its URL."""
        port = free_port()
        env = {**os.environ, **self.env, "MATURITY_DATABASE_URL": self.database_url}
        command = [sys.executable, "-m", "streamlit", "run", "app.py"]
        command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
        command += ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return self.url
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail(f"streamlit did not start; its log:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """Kill the server outright, as a crash or a power cut would."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """Stop the server politely (killing it if it will not stop)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[AppServer]:
    """An app server on a fresh database; stopped at the end of the test."""
    app = AppServer(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "streamlit.log")
    yield app
    app.stop()


@pytest.fixture
def model() -> Model:
    """The model the server uses (MATURITY_MODEL or the bundled one)."""
    return load_model(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL)


# --- what a person does ----------------------------------------------------------------------
def wait_for_app(page: Any) -> None:
    """Wait until the app is connected and its script has finished running (Streamlit's own
    readiness protocol, from its e2e suite)."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", state="attached", timeout=30000)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=30000
    )
    page.wait_for_timeout(210)  # widgets debounce; let the rerun begin
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=30000
    )


def start_assessment(page: Any, url: str, model: Model) -> str:
    """Open the app, fill in the start form and start; returns the resume code once the
    first pillar's page is showing."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("Organisation (for example, the name of the force)").fill(ORGANISATION)
    page.get_by_label("Your name (optional)").fill("Siân Jones")
    page.get_by_label("Your role (optional)").fill("Head of Digital")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("h1").first).to_have_text(model.pillars[0].name, timeout=30000)
    wait_for_app(page)
    match = re.search(r"resume=([^&]+)", page.url)
    assert match, page.url
    return match.group(1)


def option(page: Any, question_id: str, position: int) -> Any:
    """The radio input of one answer of a question (found by the widget's key)."""
    return page.locator(f".st-key-answer-{question_id} input[type='radio']").nth(position)


def answer(page: Any, question_id: str, position: int) -> None:
    """Click an answer, as a person would (on its label), and wait for it to be saved."""
    page.locator(f".st-key-answer-{question_id} [role='radiogroup'] label").nth(position).click()
    expect(option(page, question_id, position)).to_be_checked()
    wait_for_app(page)


def chosen_position(model: Model, question_id: str, seed: int) -> int:
    question = model.question(question_id)
    assert question is not None
    return seed % (len(question.options) + 1 + question.allow_na)


def answer_ids(model: Model, question_id: str) -> list[str]:
    question = model.question(question_id)
    assert question is not None
    return [o.id for o in question.options] + ["unknown"] + (["na"] if question.allow_na else [])


def go_on(page: Any, button: str, title: str) -> None:
    """Click a navigation button and wait for the page titled ``title``."""
    page.get_by_role("button", name=re.compile(f"^{button}")).click()
    expect(page.locator("h1").first).to_have_text(title, timeout=30000)
    wait_for_app(page)


def screenshot(page: Any, name: str) -> None:
    """Save a README screenshot when UPDATE_SCREENSHOTS=1 (so CI never dirties the tree)."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / name), full_page=True)


# --- the tests -------------------------------------------------------------------------------
def test_a_whole_assessment_survives_a_reload_and_ends_in_a_pdf(
    server: AppServer, page: Any, model: Model, tmp_path: Path
) -> None:
    url = server.start()
    start_assessment(page, url, model)
    given: dict[str, str] = {}
    middle = len(model.pillars) // 2
    for index, pillar in enumerate(model.pillars):
        expect(page.locator("h1").first).to_have_text(pillar.name)
        for n, question in enumerate(pillar.questions):
            position = chosen_position(model, question.id, index + 2 * n)
            answer(page, question.id, position)
            given[question.id] = answer_ids(model, question.id)[position]
            if index == middle and n == len(pillar.questions) // 2:
                page.reload()  # mid-way: nothing may be lost
                expect(page.locator("h1").first).to_have_text(pillar.name, timeout=30000)
                wait_for_app(page)
                assert "resume=" in page.url
                for earlier in pillar.questions[: n + 1]:
                    position = answer_ids(model, earlier.id).index(given[earlier.id])
                    expect(option(page, earlier.id, position)).to_be_checked()
        if index == 0:
            page.get_by_label(re.compile(r"^Note on question 1\.1")).fill(
                "DPIA template adopted in May"
            )
            page.get_by_label(re.compile(r"^Note on question 1\.1")).blur()
            wait_for_app(page)
            page.set_viewport_size({"width": 1280, "height": 1500})
            page.locator("h1").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            screenshot(page, "app-questionnaire.png")
            page.set_viewport_size({"width": 1280, "height": 900})
        following = model.pillars[index + 1].name if index + 1 < len(model.pillars) else None
        go_on(page, "Next", following or "Check and finish")
    expect(page.get_by_text("Every question has an answer.")).to_be_visible()
    # Finishing asks first; the confirmation follows the button, so Tab reaches its "Yes".
    page.get_by_role("button", name="Finish and see the results").click()
    expect(page.get_by_text("Every question has an answer. Finish now?")).to_be_visible()
    go_on(page, "Yes, finish", "Results")
    expect(page.get_by_role("heading", name=re.compile(r"^Level \d+"))).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.wait_for(state="visible")
    page.wait_for_timeout(500)  # let Plotly finish drawing before the screenshot
    page.set_viewport_size({"width": 1280, "height": 1800})
    screenshot(page, "app-results.png")

    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download the PDF report").click()
    pdf_path = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.suffix == ".pdf"
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    assert len(reader.pages) >= 2
    assert "Heddlu Prawf" in text

    with page.expect_download() as html_download:
        page.get_by_role("button", name="Download the HTML report").click()
    assert html_download.value.suggested_filename.endswith(".html")
    page_html = Path(html_download.value.path()).read_text(encoding="utf-8")
    assert page_html.startswith("<!doctype html>") and 'lang="en-GB"' in page_html
    assert "Heddlu Prawf" in page_html and "<script" not in page_html
    # the note given in the questionnaire is in the report, beside its answer
    assert "DPIA template adopted in May" in page_html

    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download the answers (JSON)").click()
    raw = Path(json_download.value.path()).read_bytes()
    responses = responses_from_text(raw, model, "download.json")
    assert responses.answers == given
    assert responses.notes == {model.pillars[0].questions[0].id: "DPIA template adopted in May"}
    assert json.loads(raw)["organisation"] == ORGANISATION


def test_killed_server_the_person_resumes_where_they_were(
    server: AppServer, page: Any, model: Model
) -> None:
    url = server.start()
    start_assessment(page, url, model)
    first, second = model.pillars[0], model.pillars[1]
    for n, question in enumerate(first.questions):
        answer(page, question.id, n % len(question.options))
    go_on(page, "Next", second.name)
    answer(page, second.questions[0].id, 1)
    where = page.url
    server.kill()

    again = server.start()  # a new port, the same database
    page.goto(where.replace(url, again))
    expect(page.locator("h1").first).to_have_text(second.name, timeout=30000)
    wait_for_app(page)
    expect(option(page, second.questions[0].id, 1)).to_be_checked()
    total = len(first.questions) + 1
    progress = f"Progress: {total} of {len(model.questions())} questions answered"
    expect(page.get_by_text(progress)).to_be_visible()
    go_on(page, "Previous", first.name)
    for n, question in enumerate(first.questions):
        expect(option(page, question.id, n % len(question.options))).to_be_checked()
