"""Evidence per answer in the store (issue 15), on SQLite and PostgreSQL: saved like a note,
read back into Responses, copied when answering again, exported, imported and erased, and
kept by the migration that adds it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES
from sqlalchemy import inspect, text

from questionnaire import limits
from questionnaire.schema import Model, Respondent
from questionnaire.yamlio import InputError
from store import Store
from store.db import current_revision, head_revision, make_engine, migrate
from store.imports import load_model_file
from store.records import TooLong, UnsafeText
from store.reopen import copy_as_draft
from store.testing import temporary_database

ORG = "Heddlu Gwent"
REGISTER = "DPIA register, reviewed 2026-10: https://intranet.example/dpia?id=7&v=2"


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def tiny() -> tuple[Model, str]:
    return load_model_file(FIXTURES / "tiny-model.yaml")


def draft_with_evidence(store: Store, tiny: tuple[Model, str]) -> str:
    """A draft: one answer with a note and evidence, one question with evidence alone."""
    model, model_text = tiny
    code = store.start_draft(model, model_text, ORG, Respondent(name="Siân"))
    store.save_answer(code, "gov-policy", "draft")
    store.save_note(code, "gov-policy", "Approved in May")
    store.save_evidence(code, "gov-policy", REGISTER)
    store.save_evidence(code, "data-quality", "  Data quality dashboard\nsecond line  ")
    return code


def test_evidence_is_kept_exactly_as_typed_and_read_back_into_responses(store, tiny):
    code = draft_with_evidence(store, tiny)
    draft = store.load_draft(code)
    assert draft is not None
    assert draft.evidence == {
        "gov-policy": REGISTER,
        "data-quality": "  Data quality dashboard\nsecond line  ",
    }
    responses = draft.responses()
    assert responses.evidence == draft.evidence
    assert responses.notes == {"gov-policy": "Approved in May"}
    assert "data-quality" not in responses.answers  # evidence alone is not an answer


def test_blank_evidence_clears_it_and_an_empty_row_goes(store, tiny):
    code = draft_with_evidence(store, tiny)
    store.save_evidence(code, "data-quality", "   ")
    store.save_evidence(code, "gov-policy", None)
    draft = store.load_draft(code)
    assert draft is not None
    assert draft.evidence == {}
    assert draft.answers == {"gov-policy": "draft"} and draft.notes["gov-policy"]
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT question_id FROM answers")).scalars().all()
    assert rows == ["gov-policy"]  # the evidence-only row of data-quality is gone


def test_evidence_is_refused_with_a_control_character_an_unknown_question_or_too_long(store, tiny):
    code = draft_with_evidence(store, tiny)
    with pytest.raises(UnsafeText, match="evidence"):
        store.save_evidence(code, "gov-policy", "link\x00here")
    with pytest.raises(ValueError, match="no question"):
        store.save_evidence(code, "no-such-question", "x")
    with pytest.raises(TooLong, match="2,001 characters"):
        store.save_evidence(code, "gov-policy", "x" * (limits.EVIDENCE_CHARS + 1))
    store.save_evidence(code, "gov-policy", "x" * limits.EVIDENCE_CHARS)  # at the limit: kept
    draft = store.load_draft(code)
    assert draft is not None and len(draft.evidence["gov-policy"]) == limits.EVIDENCE_CHARS


def test_a_note_is_held_to_its_limit_as_evidence_is(store, tiny):
    code = draft_with_evidence(store, tiny)
    with pytest.raises(TooLong, match="5,001 characters"):
        store.save_note(code, "gov-policy", "n" * (limits.NOTE_CHARS + 1))
    draft = store.load_draft(code)
    assert draft is not None and draft.notes == {"gov-policy": "Approved in May"}


def test_a_finished_assessment_keeps_its_evidence_and_scores_with_it(store, tiny):
    code = draft_with_evidence(store, tiny)
    assessment_id = store.complete(code)
    stored = store.assessment(assessment_id)
    assert stored.result.responses.evidence["gov-policy"] == REGISTER
    question = stored.result.question("gov-policy")
    assert question is not None and question.evidence == REGISTER


def test_answering_again_copies_the_evidence(store, tiny):
    code = draft_with_evidence(store, tiny)
    store.complete(code)
    again = copy_as_draft(store, code)
    copied = store.load_draft(again)
    assert copied is not None and copied.status == "draft"
    assert copied.evidence == {
        "gov-policy": REGISTER,
        "data-quality": "  Data quality dashboard\nsecond line  ",
    }
    store.save_evidence(again, "gov-policy", "New register")
    original = store.load_draft(code)
    assert original is not None and original.evidence["gov-policy"] == REGISTER


def test_the_exports_carry_evidence_and_json_imports_back_the_same(store, tiny, tmp_path):
    code = draft_with_evidence(store, tiny)
    store.save_evidence(code, "gov-review", '=HYPERLINK("http://x")')
    store.complete(code)
    out = io.StringIO(newline="")
    store.export(out, format="csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    columns = list(rows[0])
    assert columns.index("evidence") == columns.index("note") + 1
    by_question = {row["question"]: row["evidence"] for row in rows if row["row"] == "question"}
    assert by_question["gov-policy"] == REGISTER
    assert by_question["gov-review"] == '\'=HYPERLINK("http://x")'  # neutralised
    assert by_question["data-catalogue"] == ""

    exported = tmp_path / "export.json"
    with exported.open("w", encoding="utf-8") as handle:
        store.export(handle)
    record = json.loads(exported.read_text(encoding="utf-8"))["assessments"][0]
    assert record["evidence"]["gov-policy"] == REGISTER
    with temporary_database("sqlite", tmp_path / "other") as empty, Store(empty) as other:
        outcome = other.import_file(exported)
        assert len(outcome.imported) == 1
        again = io.StringIO()
        other.export(again)
        assert again.getvalue() == exported.read_text(encoding="utf-8")
        imported = other.assessment(outcome.imported[0])
        assert imported.result.responses.evidence == record["evidence"]


def test_a_responses_file_with_evidence_imports_it_and_evidence_makes_it_different(
    store, tiny, tmp_path
):
    def responses(name: str, evidence: str) -> Path:
        path = tmp_path / name
        path.write_text(
            "model: tiny\norganisation: Heddlu Gwent\nassessed_on: 2026-11-01\n"
            f"answers: {{gov-policy: approved}}\n{evidence}",
            encoding="utf-8",
        )
        return path

    plain = store.import_file(responses("plain.yaml", ""), [tiny])
    backed = store.import_file(
        responses("backed.yaml", "evidence: {gov-policy: 'Policy v3, signed'}\n"), [tiny]
    )
    assert len(plain.imported) == 1 and len(backed.imported) == 1  # not "already imported"
    stored = store.assessment(backed.imported[0])
    assert stored.result.responses.evidence == {"gov-policy": "Policy v3, signed"}
    assert store.assessment(plain.imported[0]).result.responses.evidence == {}
    hostile = responses("hostile.yaml", 'evidence: {gov-policy: "bad\\x07bell"}\n')
    with pytest.raises(InputError, match=r"hostile.yaml:5:\d+: evidence.gov-policy: contains the"):
        store.import_file(hostile, [tiny])


def test_erasing_the_organisation_counts_and_removes_its_evidence(store, tiny):
    code = draft_with_evidence(store, tiny)
    store.complete(code)
    plan = store.erasure_plan(ORG)
    assert plan.evidence == 2 and plan.notes == 1 and plan.answers == 2
    done = store.erase_organisation(ORG)
    assert done.evidence == 2
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM answers")).scalar_one() == 0


def test_a_database_at_0005_with_answers_is_upgraded_and_keeps_them(url: str):
    engine = make_engine(url)
    try:
        migrate(engine, "0005")
        assert "evidence" not in {c["name"] for c in inspect(engine).get_columns("answers")}
        stamp = {"t": "2025-01-01 00:00:00"}
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO organisations (id, name, created_at) VALUES (1, 'Org', :t)"),
                stamp,
            )
            conn.execute(
                text(
                    "INSERT INTO model_versions (id, model_id, version, title, content_hash,"
                    " text, created_at) VALUES (1, 'tiny', '1.0.0', 'T', :h, 'id: tiny', :t)"
                ),
                stamp | {"h": "a" * 64},
            )
            conn.execute(
                text(
                    "INSERT INTO assessments (id, uid, organisation_id, model_version_id, status,"
                    " created_at, updated_at) VALUES (1, 'u1', 1, 1, 'complete', :t, :t)"
                ),
                stamp,
            )
            conn.execute(
                text(
                    "INSERT INTO answers (assessment_id, question_id, answer, note, updated_at)"
                    " VALUES (1, 'gov-policy', 'draft', 'kept', :t),"
                    " (1, 'data-quality', 'fair', NULL, :t)"
                ),
                stamp,
            )
        migrate(engine, "0006")
        assert current_revision(engine) == "0006"
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT question_id, answer, note, evidence FROM answers ORDER BY question_id")
            ).all()
        assert [tuple(r) for r in rows] == [
            ("data-quality", "fair", None, None),
            ("gov-policy", "draft", "kept", None),
        ]
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
