"""Two app servers on one PostgreSQL database: a person carries on at the second when the
first dies, and loses nothing (issue 16).

Both servers run at once on two loopback ports against the same database (a fresh schema of
the PostgreSQL server that `pg_virtualenv` provides), as they would behind a load balancer.
A person starts an assessment on server A in Debian's chromium and answers the first pillar
and the first question of the second; A is killed outright (SIGKILL); the person opens their
resume link on server B, finds their answers there, answers the rest and finishes. The store
then holds every answer they gave, and the assessment is complete. Nothing but the database
is shared between the two servers.

Skipped without chromium or without PostgreSQL; in CI (MATURITY_REQUIRE_BROWSER=1,
MATURITY_REQUIRE_POSTGRES=1 under pg_virtualenv) either is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import skip_or_fail
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite.
from test_browser import (  # noqa: F401
    AppServer,
    answer,
    answer_ids,
    browser_context_args,
    browser_type_launch_args,
    go_on,
    option,
    start_assessment,
    wait_for_app,
)

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import Model
from store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """A fresh PostgreSQL schema both servers use."""
    from store.testing import postgres_configured, temporary_database

    if not postgres_configured():
        skip_or_fail(
            "MATURITY_REQUIRE_POSTGRES", "no PostgreSQL server configured (run under pg_virtualenv)"
        )
    with temporary_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
def served() -> Model:
    """The model the servers use (MATURITY_MODEL or the bundled one)."""
    return load_model(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL)


@pytest.fixture
def servers(database: str, tmp_path: Path) -> Iterator[tuple[AppServer, AppServer]]:
    """Servers A and B on two ports, one database; both stopped at the end."""
    pair = (
        AppServer(database, tmp_path / "a.log"),
        AppServer(database, tmp_path / "b.log"),
    )
    yield pair
    for server in pair:
        server.stop()


def position(model: Model, question_id: str, seed: int) -> int:
    """The answer given to a question: every answer of the scale, "don't know" and n/a."""
    return seed % len(answer_ids(model, question_id))


def answer_pillar(page: Any, model: Model, index: int, given: dict[str, str], start: int) -> None:
    """Answer the questions of pillar ``index`` from the ``start``-th, noting what was given."""
    for n, question in enumerate(model.pillars[index].questions[start:], start=start):
        chosen = position(model, question.id, index + 3 * n)
        answer(page, question.id, chosen)
        given[question.id] = answer_ids(model, question.id)[chosen]


def test_a_person_carries_on_at_server_b_when_server_a_dies(
    servers: tuple[AppServer, AppServer], database: str, page: Any, served: Model
) -> None:
    model = served
    a, b = servers
    url_a, url_b = a.start(), b.start()
    assert url_a != url_b
    code = start_assessment(page, url_a, model)
    given: dict[str, str] = {}
    answer_pillar(page, model, 0, given, 0)
    go_on(page, "Next", model.pillars[1].name)
    first_of_second = model.pillars[1].questions[0]
    chosen = position(model, first_of_second.id, 1)
    answer(page, first_of_second.id, chosen)
    given[first_of_second.id] = answer_ids(model, first_of_second.id)[chosen]
    resume_link = page.url
    assert f"resume={code}" in resume_link
    a.kill()

    page.goto(resume_link.replace(url_a, url_b))
    expect(page.locator("h1").first).to_have_text(model.pillars[1].name, timeout=30000)
    wait_for_app(page)
    chosen = answer_ids(model, first_of_second.id).index(given[first_of_second.id])
    expect(option(page, first_of_second.id, chosen)).to_be_checked()
    progress = f"Progress: {len(given)} of {len(model.questions())} questions answered"
    expect(page.get_by_text(progress)).to_be_visible()
    for index in range(1, len(model.pillars)):
        answer_pillar(page, model, index, given, 1 if index == 1 else 0)
        following = model.pillars[index + 1].name if index + 1 < len(model.pillars) else None
        go_on(page, "Next", following or "Check and finish")
    expect(page.get_by_text("Every question has an answer.")).to_be_visible()
    page.get_by_role("button", name="Finish and see the results").click()
    go_on(page, "Yes, finish", "Results")
    expect(page.get_by_role("heading", name=re.compile(r"^Level \d+"))).to_be_visible()

    with Store(database) as store:
        draft = store.load_draft(code)
    assert draft is not None
    assert draft.status == "complete"
    assert draft.answers == given
    assert len(given) == len(model.questions())
