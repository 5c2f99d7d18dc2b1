"""The one move of finishing in the app tests: "Finish and see the results", then the
confirmation's "Yes, finish" (finishing is never one click; see ``ui/finish.py``).

Kept apart from ``test_app_support`` so every test that finishes goes through the same two
steps, and a change to them is made here once.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def finish_now(at: AppTest) -> AppTest:
    """On the Check and finish page: ask to finish, then confirm."""
    at.button(key="finish").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="finish-confirm").click().run()
    return at
