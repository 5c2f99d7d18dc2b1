"""Opening a new draft in this session: one home for how it can fail and what people are told.

Starting an assessment (the Start page) and answering again from a finished one (the Results
page) both make a draft in the store, load it and make it this session's assessment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from ui import state
from ui.resources import DatabaseUnavailable, get_store

if TYPE_CHECKING:
    from store.repository import Store

LOG = logging.getLogger("ui")


def open_new(make: Callable[[Store], str], what: str) -> state.Current | None:
    """Make a draft with ``make`` (given the store; returns its resume code) and attach it.

    Returns:
        The session's new assessment, or None after saying on the page why ``what`` (for
        example "The assessment") could not be started; nothing is left half made.
    """
    from store.faults import DatabaseFault
    from store.records import StoreError

    try:
        store = get_store()
        code = make(store)
        draft = store.load_draft(code)
    except DatabaseUnavailable as exc:
        LOG.exception("database unavailable")
        st.error(str(exc))
        return None
    except DatabaseFault as exc:
        LOG.warning("cannot start a draft: %s (%s)", exc.kind, exc.detail)
        st.error(f"{what} could not be started: {exc.reason}. {exc.advice}")
        return None
    except StoreError as exc:
        st.error(f"{what} could not be started: {exc}.")
        return None
    except Exception:
        LOG.exception("cannot start a draft")
        st.error(f"{what} could not be started just now. Please try again in a moment.")
        return None
    assert draft is not None
    return state.attach(code, draft)
