"""Faults in a real browser: the server is killed with SIGKILL mid-assessment, then started
again, and every answer, note and target given before the kill is in the database and on the
page.

The server, the browser and a person's moves are those of ``test_browser`` (imported, so the
two suites drive the app the same way).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from test_browser import (  # noqa: F401  (fixtures are used by name)
    AppServer,
    answer,
    answer_ids,
    browser_context_args,
    browser_type_launch_args,
    model,
    option,
    server,
    start_assessment,
    wait_for_app,
)

from questionnaire.schema import Model
from store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def choose_level(page: Any, level: int) -> None:
    """Pick the target level in its drop-down. A rerun still finishing (the note's save)
    can redraw the box and close the list just opened, so open it again, up to three times."""
    box = page.get_by_label(re.compile("^Target level for"))
    choice = page.get_by_role("option", name=re.compile(f"^Level {level}:"))
    for attempt in range(3):
        box.click()
        try:
            choice.click(timeout=10_000)
            return
        except Exception:
            if attempt == 2:
                raise
            wait_for_app(page)


def test_sigkill_mid_assessment_loses_no_answer_note_or_target(
    server: AppServer,  # noqa: F811
    page: Any,
    model: Model,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = server.start()
    code = start_assessment(page, url, model)
    pillar = model.pillars[0]
    given: dict[str, str] = {}
    for n, question in enumerate(pillar.questions):
        position = n % len(question.options)
        answer(page, question.id, position)
        given[question.id] = answer_ids(model, question.id)[position]
    note = "Seen in the May minutes"
    box = page.get_by_label(re.compile(r"^Note on question 1\.1"))
    box.fill(note)
    box.blur()
    wait_for_app(page)
    top = model.scale.levels[-1]
    choose_level(page, top.level)
    wait_for_app(page)
    where = page.url
    server.kill()  # SIGKILL: no chance to flush anything

    database = Path(server.database_url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    with Store(server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    assert draft.answers == given
    assert draft.notes == {pillar.questions[0].id: note}
    assert draft.targets == {pillar.id: top.level}

    again = server.start()
    page.goto(where.replace(url, again))
    expect(page.locator("h1").first).to_have_text(pillar.name, timeout=30000)
    wait_for_app(page)
    for question in pillar.questions:
        position = answer_ids(model, question.id).index(given[question.id])
        expect(option(page, question.id, position)).to_be_checked()
    expect(page.get_by_label(re.compile(r"^Note on question 1\.1"))).to_have_value(note)
