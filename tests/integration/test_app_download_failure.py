"""A report that cannot be made is said plainly on the page (D4, the app's side).

The adversarial run found that with a model of 32 pillars the History download did nothing:
the PDF failed to render (reportlab's LayoutError) and only the server's log said so. Here the
renderer is made to fail outright; the page must say which download could not be made, with
no traceback, and keep the other downloads.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_app_history import finish_one
from test_app_results import finished
from test_app_support import app_env, new_app

import reports.docx
import reports.pdf

__all__ = ["app_env"]


def refuse(*_args: object, **_kwargs: object) -> bytes:
    raise RuntimeError("Flowable <Drawing> too large (as a 32-pillar chart was)")


def labels(at) -> list[str]:
    return [b.label for b in at.download_button]


def assert_said_plainly(at, what: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(f"The {what} could not be made" in e for e in errors), errors
    assert not any("Traceback" in e or "RuntimeError" in e for e in errors), errors


@pytest.mark.parametrize("when", ["history", "history-again"])
def test_a_history_report_that_cannot_be_made_is_said_on_the_page(app_env, monkeypatch, when):
    finish_one(app_env, dt.date(2026, 3, 1), 0)
    monkeypatch.setattr(reports.pdf, "render_pdf", refuse)
    at = new_app(page="history")
    if when == "history-again":
        at.run()  # a redraw says it again (the failure is kept, not retried)
    assert_said_plainly(at, "PDF report")
    assert labels(at) == ["Download the HTML report", "Download the answers (JSON)"]


def test_a_results_report_that_cannot_be_made_is_said_and_the_others_stay(app_env, monkeypatch):
    at, _ = finished()
    monkeypatch.setattr(reports.docx, "render_docx", refuse)
    at.text_input(key="results-options-prepared-by").input("A. Consultant").run()
    assert_said_plainly(at, "Word file")
    assert labels(at) == [
        "Download the PDF report",
        "Download the HTML report",
        "Download the answers (JSON)",
        "Download the action plan (CSV)",
        "Download the action plan (Markdown)",
    ]
