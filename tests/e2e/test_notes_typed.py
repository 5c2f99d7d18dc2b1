"""Notes are saved as they are typed (issue 14; ui/client.py does it).

A person types a note and reloads at once, never leaving the box: the note is there after the
reload, and in the store. A person who pauses past the save's delay and carries on typing
while the save's rerun comes back loses no character. The box never says "Press Ctrl+Enter".
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from test_browser import AppServer, start_assessment, wait_for_app
from test_focus import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    tiny_fixture,
    tiny_server_fixture,
)

from questionnaire.schema import Model
from store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

NOTE = re.compile(r"^Note on question 1\.1")


def stored_notes(server: AppServer, code: str) -> dict[str, str]:
    """The notes the store holds for the draft with this resume code."""
    with Store(server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return dict(draft.notes)


def wait_for_stored_note(server: AppServer, page: Any, code: str, question: str, text: str) -> None:
    """Wait (up to 30 s, in steps) until the store holds ``text`` as the question's note."""
    for _ in range(150):
        if stored_notes(server, code).get(question) == text:
            return
        page.wait_for_timeout(200)
    assert stored_notes(server, code).get(question) == text


def test_a_note_typed_then_reloaded_at_once_is_kept(
    tiny_server: AppServer, page: Any, tiny: Model
) -> None:
    code = start_assessment(page, tiny_server.start(), tiny)
    question = tiny.pillars[0].questions[0].id
    box = page.get_by_label(NOTE)
    box.click()
    page.keyboard.type("DPIA template adopted in May")
    page.reload()  # at once: no blur, no pause
    expect(page.locator("h1").first).to_have_text(tiny.pillars[0].name, timeout=30000)
    wait_for_app(page)
    expect(page.get_by_label(NOTE)).to_have_value("DPIA template adopted in May")
    assert stored_notes(tiny_server, code)[question] == "DPIA template adopted in May"


def test_typing_on_after_a_pause_loses_no_character_and_saves_the_whole_note(
    tiny_server: AppServer, page: Any, tiny: Model
) -> None:
    code = start_assessment(page, tiny_server.start(), tiny)
    question = tiny.pillars[0].questions[0].id
    box = page.get_by_label(NOTE)
    box.click()
    page.keyboard.type("First part")
    wait_for_stored_note(tiny_server, page, code, question, "First part")  # saved, in the box
    expect(box).to_be_focused()
    # the key hint is hidden; the character count stays
    instructions = page.locator(f".st-key-question-{question} [data-testid='InputInstructions']")
    expect(instructions).not_to_contain_text("Press", timeout=1)
    # keep typing, slowly, across the save's delay and its rerun
    page.keyboard.type(", then the second part", delay=90)
    page.keyboard.type(" and the end.")
    expect(box).to_be_focused()
    whole = "First part, then the second part and the end."
    expect(box).to_have_value(whole)
    wait_for_stored_note(tiny_server, page, code, question, whole)
    expect(box).to_have_value(whole)
    # the caret stayed at the end: what is typed now goes after the text
    page.keyboard.type("!")
    expect(box).to_have_value(whole + "!")
