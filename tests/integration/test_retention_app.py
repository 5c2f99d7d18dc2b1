"""The app keeps the retention period: it purges once a day per server process, and the
Start page says how long answers are kept and who can see them, in each mode."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from test_app_support import app_env, model_path, new_app

from questionnaire.loader import load_model
from store.repository import Store
from store.tables import Assessment

__all__ = ["app_env"]


def test_the_app_purges_what_the_retention_period_ran_out_on_once_a_day(app_env, monkeypatch):
    import ui.resources

    monkeypatch.setenv("MATURITY_RETENTION_DAYS", "30")
    monkeypatch.setattr(ui.resources, "_last_purge", [])
    model, text = load_model(model_path()), model_path().read_text(encoding="utf-8")
    with Store(app_env) as store:
        old = store.start_draft(model, text, "Old Force")
        store.start_draft(model, text, "Young Force")
        with store.engine.begin() as conn:
            conn.execute(
                update(Assessment)
                .where(Assessment.id == store.load_draft(old).assessment_id)  # type: ignore[union-attr]
                .values(updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=31))
            )
    clock = [1000.0]
    thread = ui.resources.purge_if_due(lambda: clock[0])
    assert thread is not None
    thread.join(30)
    with Store(app_env) as store:
        assert store.load_draft(old) is None
        assert store.count("draft") == 1
    clock[0] += 60 * 60  # an hour later: not again
    assert ui.resources.purge_if_due(lambda: clock[0]) is None
    clock[0] += 24 * 60 * 60  # a day later: again
    again = ui.resources.purge_if_due(lambda: clock[0])
    assert again is not None
    again.join(30)


def test_without_a_retention_period_nothing_is_purged(app_env, monkeypatch):
    import ui.resources

    monkeypatch.delenv("MATURITY_RETENTION_DAYS", raising=False)
    monkeypatch.setattr(ui.resources, "_last_purge", [])
    assert ui.resources.purge_if_due() is None
    monkeypatch.setenv("MATURITY_RETENTION_DAYS", "soon")
    assert ui.resources.purge_if_due() is None  # `maturity purge` refuses it loudly


def page_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_start_page_says_who_can_see_answers_and_how_long_they_are_kept(app_env, monkeypatch):
    monkeypatch.delenv("MATURITY_RETENTION_DAYS", raising=False)
    text = page_text(new_app())
    assert "local mode" in text and "every assessment" in text
    assert "kept until an administrator erases them" in text
    monkeypatch.setenv("MATURITY_RETENTION_DAYS", "400")
    monkeypatch.setenv("MATURITY_MODE", "shared")
    text = page_text(new_app())
    assert "nobody has touched for 400 days is erased" in text
    assert "Whoever holds your resume link" in text and "local mode" not in text
