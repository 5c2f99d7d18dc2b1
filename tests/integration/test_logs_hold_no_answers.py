"""Logs never hold answers, notes or codes (issue 12).

A whole assessment is driven through the app with every logger at DEBUG and captured: start
with a name and role, answer every question, write a note on each, hit a database fault while
saving, a page failure, wrong resume codes, finish, open the results with their downloads and
History. The model's option ids and labels, the notes, the respondent's details and the
resume code all carry markers no log line has reason to hold; none may appear in any record,
its arguments or its traceback.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
import yaml
from finish_support import finish_now
from test_app_support import FIXTURES, new_app, no_problems, open_page, start

from ui.pages import pillar_paths

MARK = "qz71"


def marked_model(tmp_path: Path) -> Path:
    """The tiny fixture model with every option id and label carrying the marker."""
    data = yaml.safe_load((FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8"))
    for pillar in data["pillars"]:
        for question in pillar["questions"]:
            for option in question["options"]:
                option["id"] = f"{MARK}-{option['id']}"
                option["label"] = f"{option['label']} {MARK}"
    path = tmp_path / "marked.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def everything_logged(records: list[logging.LogRecord]) -> str:
    """Each record as a handler would write it, with its traceback."""
    out = []
    for r in records:
        out.append(r.getMessage())
        if r.exc_info and r.exc_info[1] is not None:
            out += traceback.format_exception(r.exc_info[1])
    return "\n".join(out)


def test_a_whole_assessment_leaves_no_answer_note_or_code_in_the_logs(
    tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("MATURITY_MODEL", str(marked_model(tmp_path)))
    import ui.throttle
    from store.faults import DatabaseFault
    from store.repository import Store

    monkeypatch.setattr(ui.throttle, "sleep", lambda seconds: None)
    secrets: list[str] = []
    with caplog.at_level(logging.DEBUG):
        at = new_app()
        code = start(at, name=f"Name {MARK}", role=f"Role {MARK}")
        secrets.append(code)
        model = at.session_state["current"].model
        paths = pillar_paths(model)
        real_save_note = Store.save_note
        failures = iter([True])

        def flaky_save_note(self, code, question_id, note):
            if next(failures, False):
                raise DatabaseFault("io", f"disk I/O error while writing {note}")
            return real_save_note(self, code, question_id, note)

        monkeypatch.setattr(Store, "save_note", flaky_save_note)
        for pillar in model.pillars:
            open_page(at, paths[pillar.id])
            for n, question in enumerate(pillar.questions):
                at.radio(key=f"answer-{question.id}").set_value(question.options[n % 2].id)
                note = f"Note on {question.id} {MARK} evidence"
                at.text_area(key=f"note-{question.id}").input(note)
                secrets.append(note)
            at.run()
        # the failed note is kept in the session and saved on the next change
        open_page(at, paths[model.pillars[0].id])
        at.run()
        open_page(at, "finish")
        finish_now(at)
        no_problems(at)
        open_page(at, "results")
        no_problems(at)
        open_page(at, "history")
        # wrong codes, one of them the real code with its last letter changed
        other = new_app()
        for wrong in (code[:-1] + ("x" if code[-1] != "x" else "y"), "nothing-like-a-code"):
            secrets.append(wrong)
            other.text_input(key="resume-code").input(wrong)
            other.button(key="FormSubmitter:resume-form-Resume").click().run()
        new_app({"resume": "another-wrong-code"})
        secrets.append("another-wrong-code")
    logged = everything_logged(caplog.records)
    assert caplog.records, "the flow logs something (the wrong codes at least)"
    assert "wrong resume code" in logged
    assert MARK not in logged, [line for line in logged.splitlines() if MARK in line][:5]
    for secret in secrets:
        assert secret not in logged


def test_a_database_error_does_not_quote_the_statements_values(tmp_path):
    """SQLAlchemy puts a failed statement's parameters into its error message unless told
    not to; the store's engines are told, so an error logged never carries a note."""
    from sqlalchemy import text

    from store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x TEXT CHECK (length(x) < 3))"))
    with pytest.raises(Exception) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (:v)"), {"v": f"secret note {MARK}"})
    assert MARK not in str(caught.value)
    engine.dispose()
