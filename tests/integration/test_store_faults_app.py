"""The app when the database is away: a plain message, and no answer lost once it is back.

A change the database cannot take is shown as not saved, with the reason (read-only: say so,
and do not promise that trying again soon will help), and kept in the session; the next change
writes it first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_app_support import (
    answer_ids,
    app_env,
    current_model,
    new_app,
    start,
    stored_answers,
)
from test_store_faults_db import read_only

from store import faults

__all__ = ["app_env"]


def errors(at) -> list[str]:
    return [e.value for e in at.error]


def db_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_an_answer_given_while_the_database_is_read_only_is_kept_and_saved_once_it_is_back(
    app_env: str,
):
    at = new_app()
    code = start(at)
    first = current_model(at).pillars[0].questions
    q1, q2, q3 = first[0].id, first[1].id, first[2].id
    a1, a2, a3 = (answer_ids(current_model(at), q)[0] for q in (q1, q2, q3))
    at.radio(key=f"answer-{q1}").set_value(a1).run()
    assert stored_answers(app_env, code) == {q1: a1}

    with read_only(db_path(app_env)):
        at.radio(key=f"answer-{q2}").set_value(a2).run()
        assert not at.exception
        said = " ".join(errors(at))
        assert "not saved: the database is read-only" in said
        assert "try again in a moment" not in said.lower()
        assert at.radio(key=f"answer-{q2}").value == a2, "the choice is kept on screen"
        assert at.session_state["current"].answers.get(q2) is None, "not counted as saved"
    assert stored_answers(app_env, code) == {q1: a1}

    at.radio(key=f"answer-{q3}").set_value(a3).run()  # the next change, the database back
    assert not at.exception and not errors(at)
    assert stored_answers(app_env, code) == {q1: a1, q2: a2, q3: a3}
    assert at.session_state["current"].answers == {q1: a1, q2: a2, q3: a3}


def test_a_database_locked_past_its_timeout_says_busy_and_saves_with_the_next_change(
    app_env: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("store.db.BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(faults, "pause", lambda _s: None)
    at = new_app()
    code = start(at)
    questions = current_model(at).pillars[0].questions
    q1, q2 = questions[0].id, questions[1].id
    a1, a2 = answer_ids(current_model(at), q1)[1], answer_ids(current_model(at), q2)[1]
    holder = sqlite3.connect(db_path(app_env), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        at.radio(key=f"answer-{q1}").set_value(a1).run()
        assert not at.exception
        assert any("not saved: the database is busy" in e for e in errors(at))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    at.radio(key=f"answer-{q2}").set_value(a2).run()
    assert not errors(at)
    assert stored_answers(app_env, code) == {q1: a1, q2: a2}


def test_a_note_with_a_control_character_is_refused_plainly_and_undone(app_env: str):
    at = new_app()
    code = start(at)
    question = current_model(at).pillars[0].questions[0]
    at.text_area(key=f"note-{question.id}").input("bad \x00 note").run()
    assert not at.exception
    assert any("control character (U+0000)" in e for e in errors(at))
    assert at.text_area(key=f"note-{question.id}").value == ""
    assert stored_answers(app_env, code) == {}


def test_a_database_that_cannot_be_opened_at_start_is_explained_and_works_once_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_env: str
):
    blocker = tmp_path / "later"
    blocker.write_text("a file where the database's directory should be")
    url = f"sqlite:///{blocker / 'app.db'}"
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    at = new_app()
    at.text_input(key="start-organisation").input("Heddlu Prawf")
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    assert not at.exception
    assert any("cannot be opened" in e for e in errors(at))
    blocker.unlink()  # the database is back
    code = start(at)
    assert stored_answers(url, code) == {}
