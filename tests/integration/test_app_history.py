"""The History page: trends per pillar, the table of changes, past reports, comparisons."""

from __future__ import annotations

import datetime as dt

from test_app_support import app_env, model_path, new_app, no_problems

from questionnaire.loader import load_model
from store.repository import Store
from ui.history import organisation_key

__all__ = ["app_env"]

ORGANISATION = "Heddlu *Prawf*"


def finish_one(url: str, on: dt.date, position: int, organisation: str = ORGANISATION) -> int:
    """Store a complete assessment answering option ``position`` everywhere."""
    path = model_path()
    model = load_model(path)
    with Store(url) as store:
        code = store.start_draft(model, path.read_text(encoding="utf-8"), organisation, None, on)
        for _, question in model.questions():
            store.save_answer(
                code, question.id, question.options[position % len(question.options)].id
            )
        return store.complete(code)


def test_history_with_nothing_finished_says_so(app_env):
    at = new_app(page="history")
    no_problems(at)
    assert any("No assessment has been finished" in i.value for i in at.info)


def test_history_shows_trend_changes_past_reports_and_a_comparison(app_env):
    finish_one(app_env, dt.date(2025, 3, 1), 0)
    finish_one(app_env, dt.date(2026, 3, 1), 1)
    finish_one(app_env, dt.date(2026, 1, 1), 0, organisation="Another force")
    at = new_app(page="history")
    no_problems(at)
    assert at.selectbox(key="history-organisation").options == ["Another force", ORGANISATION]
    at.selectbox(key="history-organisation").set_value(ORGANISATION).run()
    no_problems(at)
    assert len(at.get("plotly_chart")) == 1  # the trend
    changes = at.table[0].value
    assert "Latest change" in changes.columns
    assert changes.iloc[0, 0] == "Overall"
    assert all(v.startswith("\\+") for v in changes["Latest change"] if v)
    assert [b.label for b in at.download_button] == [
        "Download the PDF report",
        "Download the HTML report",
        "Download the answers (JSON)",
    ]
    at.toggle(key=organisation_key("history-show", ORGANISATION)).set_value(True).run()
    no_problems(at)
    assert any(h.value.startswith("Level ") for h in at.subheader), "the report is drawn"
    tables = [t.value for t in at.table]
    compared = next(t for t in tables if "Earlier" in t.columns)
    assert compared.iloc[0, 0] == "Overall"
    assert "Change" in compared.columns
    earlier = at.selectbox(key=organisation_key("compare-earlier", ORGANISATION))
    later = at.selectbox(key=organisation_key("compare-later", ORGANISATION))
    assert (earlier.value, later.value) == (0, 1)
    assert any("Changed answers" in m.value for m in at.markdown)


def test_comparing_an_assessment_with_itself_asks_for_two(app_env):
    finish_one(app_env, dt.date(2025, 3, 1), 0)
    finish_one(app_env, dt.date(2026, 3, 1), 1)
    at = new_app(page="history")
    at.selectbox(key=organisation_key("compare-earlier", ORGANISATION)).set_value(1).run()
    no_problems(at)
    assert any("two different" in i.value for i in at.info)
