"""Opening a new draft in this session: one home for how it can fail and what people are told.

Starting an assessment (the Start page) and answering again from a finished one (the Results
page) both make a draft in the store, load it and make it this session's assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui import state
from ui.resources import get_store, store_action

if TYPE_CHECKING:
    from store.records import Draft
    from store.repository import Store


def open_new(make: Callable[[Store], str], what: str) -> state.Current | None:
    """Make a draft with ``make`` (given the store; returns its resume code) and attach it.

    Returns:
        The session's new assessment, or None after saying on the page why ``what`` (for
        example "The assessment") could not be started; nothing is left half made.
    """

    def made() -> tuple[str, Draft | None]:
        store = get_store()
        code = make(store)
        return code, store.load_draft(code)

    found = store_action(made, f"{what} could not be started", "start a draft", unexpected=True)
    if found is None:
        return None
    code, draft = found
    assert draft is not None
    return state.attach(code, draft)
