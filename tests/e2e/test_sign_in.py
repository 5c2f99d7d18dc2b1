"""Shared mode in a real browser: people sign in through OpenID Connect and see only what
their role and organisations allow.

The identity provider is ``oidc-provider-mock`` on loopback (:mod:`oidc`); the app is served
with ``MATURITY_MODE=shared`` and a secrets file pointing at it. The database is seeded
straight through :class:`store.Store` before the server starts: a consultant of Force A,
a finished assessment of Force A and one of Force B, and a draft of Force A whose resume
code a participant holds. The people the mock knows are that consultant and a stranger who
has no account.

What is checked, each from a fresh browser context (no cookie carried between tests):
- the consultant signs in, sees Force A on History and never Force B, signs out, and History
  is gone again;
- a stranger who signs in is given nothing: no History or Model in the menu, and /history
  typed into the address bar does not show it;
- someone with only a resume link, not signed in, reaches that one assessment's pages.

Skipped with a reason when chromium is absent; `.ci/run` sets MATURITY_REQUIRE_BROWSER=1,
which turns that skip into a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from oidc import MockProvider, Person, write_secrets
from playwright.sync_api import expect
from test_browser import (  # noqa: F401  (fixtures are used by name)
    ROOT,
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    free_port,
    model,
    wait_for_app,
)

from questionnaire.loader import DEFAULT_MODEL
from questionnaire.schema import Model
from store import Store
from store.access import Role

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

FORCE_A = "Force A Constabulary"
FORCE_B = "Force B Constabulary"
CONSULTANT = Person("consultant@force-a.example", "Carys Consultant")
STRANGER = Person("stranger@elsewhere.example", "Sam Stranger")
ADMINISTRATOR = "admin@force-hq.example"  # configured, never signs in here
# Pages no visitor without a role may have in the menu (ui/pages.py names them).
RESTRICTED_PAGES = ("History", "Model", "Users")


class SharedAppServer(AppServer):
    """The app in shared mode, signing people in through ``provider``.

    ``AppServer.start`` picks its own port, but the secrets' ``redirect_uri`` must name the
    port before the server starts, so this start picks the port, writes the secrets for it
    into ``folder`` and passes them with ``--secrets.files``; the rest is AppServer's.
    """

    def __init__(self, database_url: str, folder: Path, provider: MockProvider) -> None:
        super().__init__(database_url, folder / "streamlit.log")
        self.folder = folder
        self.provider = provider

    def start(self) -> str:
        """Start the server in shared mode and wait until it is healthy; returns its URL."""
        port = free_port()
        secrets_file = write_secrets(self.folder, port, self.provider)
        env = {
            **os.environ,
            "MATURITY_DATABASE_URL": self.database_url,
            "MATURITY_MODE": "shared",
            "MATURITY_ADMINS": ADMINISTRATOR,
        }
        command = [sys.executable, "-m", "streamlit", "run", "app.py"]
        command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
        command += ["--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
        command += [f"--secrets.files={secrets_file}"]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return self.url
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail(f"streamlit did not start; its log:\n{self.log.read_text()[-3000:]}")


@dataclass(frozen=True)
class Seeded:
    """What the database holds before the app starts."""

    url: str
    draft_code: str  # the resume code of Force A's draft, as a participant's link carries it


def finished(store: Store, model: Model, text: str, organisation: str) -> None:  # noqa: F811
    """Store a finished assessment of ``organisation`` (every question given its first
    option)."""
    code = store.start_draft(model, text, organisation)
    for _, question in model.questions():
        store.save_answer(code, question.id, question.options[0].id)
    store.complete(code)


@pytest.fixture
def seeded(tmp_path: Path, model: Model) -> Seeded:  # noqa: F811
    """A database with a consultant of Force A, a finished assessment of each force and a
    draft of Force A."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    text = Path(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL).read_text(encoding="utf-8")
    store = Store(url)
    try:
        store.set_user(CONSULTANT.email, Role.CONSULTANT, [FORCE_A])
        finished(store, model, text, FORCE_A)
        finished(store, model, text, FORCE_B)
        code = store.start_draft(model, text, FORCE_A)
    finally:
        store.close()
    return Seeded(url, code)


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[MockProvider]:
    """The mock identity provider, knowing the consultant and the stranger."""
    mock = MockProvider([CONSULTANT, STRANGER], tmp_path / "oidc-mock.log")
    mock.start()
    yield mock
    mock.stop()


@pytest.fixture
def shared(seeded: Seeded, provider: MockProvider, tmp_path: Path) -> Iterator[str]:
    """The app in shared mode on the seeded database; yields its URL."""
    app = SharedAppServer(seeded.url, tmp_path, provider)
    yield app.start()
    app.stop()


# --- what a person does ----------------------------------------------------------------------
def menu(page: Any) -> list[str]:
    """The page titles in the sidebar's menu, as shown (call it once the run has finished).

    Streamlit draws no menu at all when a run has one page, so no menu reads as []. A link's
    text begins with its Material icon's ligature name ("home") on a line of its own: the
    title is the last line."""
    links = page.locator(".st-key-site-menu").get_by_test_id("stPageLink-NavLink")
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


def sidebar(page: Any) -> Any:
    """The sidebar, where the app says who is signed in and which assessment is open."""
    return page.get_by_test_id("stSidebar")


def sign_in(page: Any, url: str, person: Person) -> None:
    """From the Start page: click "Sign in", choose ``person`` on the mock's page, and wait
    until the app is back and says who is signed in."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=person.email, exact=True).click()  # on the mock's page
    signed_in = sidebar(page).get_by_text(f"Signed in as {person.email}")
    expect(signed_in).to_be_visible(timeout=30000)
    wait_for_app(page)


def sign_out(page: Any) -> None:
    """Click "Sign out"; Streamlit sends the browser to the mock's end-session page, whose
    button leads back to the app."""
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # on the mock's page
    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=30000)
    wait_for_app(page)


def open_history(page: Any) -> None:
    """Open History from the menu."""
    page.locator(".st-key-site-menu").get_by_role("link", name="History").click()
    expect(page.locator("h1").first).to_have_text("History", timeout=30000)
    wait_for_app(page)


def select_options(page: Any, key: str) -> list[str]:
    """The options of the drop-down whose widget key is ``key`` (opened, read, closed)."""
    page.locator(f".st-key-{key}").get_by_role("combobox").click()
    options = page.get_by_role("option")
    options.first.wait_for(state="visible")
    texts = [text.strip() for text in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return texts


def expect_no_history(page: Any, address: str, model: Model) -> None:  # noqa: F811
    """``address`` (typed into the address bar) does not show History: Streamlit's
    page-not-found notice over the Start page, or the Start page itself (titled with the
    model's title)."""
    page.goto(address)
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(model.title)
    expect(page.locator(".st-key-history-organisation")).to_have_count(0)
    expect(page.get_by_text(FORCE_B)).to_have_count(0)


# --- the tests -------------------------------------------------------------------------------
def test_a_consultant_signs_in_sees_only_their_organisation_and_signs_out(
    shared: str,
    page: Any,
    model: Model,  # noqa: F811
) -> None:
    page.goto(shared)
    wait_for_app(page)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert not set(RESTRICTED_PAGES) & set(menu(page)), menu(page)

    sign_in(page, shared, CONSULTANT)
    assert "History" in menu(page), menu(page)
    open_history(page)
    assert select_options(page, "history-organisation") == [FORCE_A]
    expect(page.get_by_text(FORCE_B)).to_have_count(0)

    sign_out(page)
    assert "History" not in menu(page), menu(page)
    expect_no_history(page, shared + "/history", model)


def test_a_stranger_who_signs_in_is_given_no_history_and_no_model(
    shared: str,
    page: Any,
    model: Model,  # noqa: F811
) -> None:
    sign_in(page, shared, STRANGER)
    assert not set(RESTRICTED_PAGES) & set(menu(page)), menu(page)
    expect_no_history(page, shared + "/history", model)
    expect_no_history(page, shared + "/model", model)


def test_a_resume_link_alone_opens_only_its_own_assessment(
    shared: str,
    seeded: Seeded,
    page: Any,
    model: Model,  # noqa: F811
) -> None:
    # The link opens the Start page with the draft attached: its pages are in the menu.
    page.goto(f"{shared}/?resume={seeded.draft_code}")
    wait_for_app(page)
    expect(sidebar(page).get_by_text(FORCE_A, exact=True)).to_be_visible()
    # Attaching the draft reruns the script, so the sidebar can name the force a moment before
    # the menu is drawn again: wait for the first pillar's link, then read the whole menu.
    first = model.pillars[0].name
    expect(page.locator(".st-key-site-menu").get_by_role("link", name=first)).to_be_visible()
    wait_for_app(page)
    shown = menu(page)
    assert first in shown, shown
    assert not set(RESTRICTED_PAGES) & set(shown), shown
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    page.locator(".st-key-site-menu").get_by_role("link", name=first).click()
    expect(page.locator("h1").first).to_have_text(first, timeout=30000)
    wait_for_app(page)
    expect(sidebar(page).get_by_text(FORCE_A, exact=True)).to_be_visible()
    expect(page.get_by_text(FORCE_B)).to_have_count(0)

    # The History address, with the link's code carried along, still shows no history.
    expect_no_history(page, f"{shared}/history?resume={seeded.draft_code}", model)
