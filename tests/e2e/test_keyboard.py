"""The whole questionnaire with the keyboard alone (issue 14).

From the start page: Tab to the start form, type it, Enter on "Start the assessment"; on
every pillar page, Tab into each question's radio group and choose an answer with Space (the
first option, which Tab lands on while none is chosen) or the arrow keys (which move and
choose: Streamlit 1.67's radios are react-aria radio groups, so this works as it does in any
native radio group, also with no answer chosen yet); Enter on "Next"; until "Check and
finish", where every question is answered, in the store and on the page. (Finishing itself is
left out: its confirmation step is being changed.)
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from test_browser import ORGANISATION, AppServer, wait_for_app
from test_focus import (  # noqa: F401
    browser_context_args,
    browser_type_launch_args,
    focused,
    tab_until,
    tiny_fixture,
    tiny_server_fixture,
)

from questionnaire.schema import Model
from store import Store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def choose(page: Any, question_id: str, position: int) -> None:
    """With the focus on a question's first option: choose the option at ``position``."""
    group = f".st-key-answer-{question_id} input[type='radio']"
    if position == 0:
        page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowDown")
        wait_for_app(page)
    expect(page.locator(group).nth(position)).to_be_checked()
    expect(page.locator(group).nth(position)).to_be_focused()
    wait_for_app(page)


def test_the_whole_questionnaire_with_the_keyboard_alone(
    tiny_server: AppServer, page: Any, tiny: Model
) -> None:
    page.goto(tiny_server.start())
    wait_for_app(page)
    tab_until(page, "input[aria-label^='Organisation']")
    page.keyboard.type(ORGANISATION)
    page.keyboard.press("Tab")  # Streamlit takes a text box's value when it is left
    page.keyboard.type("Siân Jones")
    tab_until(page, "button[data-testid='stBaseButton-primaryFormSubmit']")
    page.keyboard.press("Enter")

    chosen: dict[str, int] = {}
    for index, pillar in enumerate(tiny.pillars):
        expect(page.locator("h1").first).to_have_text(pillar.name, timeout=30000)
        wait_for_app(page)
        for n, question in enumerate(pillar.questions):
            first = f".st-key-answer-{question.id} input[type='radio']"
            seen = tab_until(page, first)
            assert page.evaluate(
                "s => document.activeElement === document.querySelector(s)", first
            ), seen
            position = (index + n) % len(question.options)
            choose(page, question.id, position)
            chosen[question.id] = position
        tab_until(page, "button[data-testid='stBaseButton-primary']")
        assert "Next" in focused(page)
        page.keyboard.press("Enter")

    expect(page.locator("h1").first).to_have_text("Check and finish", timeout=30000)
    wait_for_app(page)
    expect(page.get_by_text("Every question has an answer.")).to_be_visible()
    code = page.url.split("resume=")[1].split("&")[0]
    with Store(tiny_server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    assert draft.organisation == ORGANISATION
    expected = {
        q: tiny.question(q).options[p].id  # type: ignore[union-attr]
        for q, p in chosen.items()
    }
    assert draft.answers == expected
