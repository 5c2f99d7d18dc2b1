"""Answering again from a finished assessment (store.reopen), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from conftest import FIXTURES
from sqlalchemy import func, select

from questionnaire.loader import model_from_text
from questionnaire.schema import Model, Respondent
from store import Store, UnknownAssessment, UnknownDraft
from store import reopen as reopen_module
from store.imports import load_model_file
from store.reopen import NotCopyable, copy_as_draft, copy_assessment_as_draft
from store.tables import Assessment

ORG = "Heddlu Dyfed-Powys"
LAST_YEAR = dt.date(2025, 3, 1)
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def tiny() -> tuple[Model, str]:
    return load_model_file(FIXTURES / "tiny-model.yaml")


def finished(store: Store, tiny: tuple[Model, str]) -> str:
    """A finished assessment with answers, notes, a "don't know", an N/A and a target."""
    model, text = tiny
    code = store.start_draft(
        model,
        text,
        ORG,
        Respondent(name="Siân", role="Head of Change", group="leadership"),
        LAST_YEAR,
    )
    store.save_answer(code, "gov-policy", "draft")
    store.save_answer(code, "gov-review", "na")
    store.save_answer(code, "data-quality", "unknown")
    store.save_note(code, "gov-policy", "Approved in May 👍")
    store.save_note(code, "data-quality", "Ask the data team")
    store.save_target(code, "gov", 4)
    store.complete(code)
    return code


def count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Assessment)) or 0


def test_a_copy_is_a_new_draft_with_every_answer_note_target_and_respondent(store, tiny):
    old = finished(store, tiny)
    before = store.load_draft(old)
    new = copy_as_draft(store, old, on=TODAY)
    assert new != old
    copy, again = store.load_draft(new), store.load_draft(old)
    assert copy is not None and before is not None and again is not None
    assert copy.status == "draft" and copy.assessment_id != before.assessment_id
    assert copy.organisation == ORG and copy.assessed_on == TODAY
    assert copy.model_text == before.model_text and copy.model == before.model
    assert copy.respondent == before.respondent
    assert (copy.answers, copy.notes, copy.targets) == (
        before.answers,
        before.notes,
        before.targets,
    )
    # The finished one is untouched: still complete, same date, same answers.
    assert again == before and again.status == "complete" and again.assessed_on == LAST_YEAR


def test_the_copy_can_change_and_finish_without_touching_the_old_one(store, tiny):
    old = finished(store, tiny)
    new = copy_as_draft(store, old, on=TODAY)
    assert [a.assessed_on for a in store.assessments(ORG)] == [LAST_YEAR]  # a draft is not listed
    store.save_answer(new, "gov-policy", "approved")
    store.complete(new)
    listed = store.assessments(ORG)
    assert [a.assessed_on for a in listed] == [LAST_YEAR, TODAY]
    old_draft = store.load_draft(old)
    assert old_draft is not None and old_draft.answers["gov-policy"] == "draft"


def test_a_copy_by_id_is_the_same_as_by_code(store, tiny):
    old = finished(store, tiny)
    old_id = store.load_draft(old).assessment_id  # type: ignore[union-attr]
    by_code = store.load_draft(copy_as_draft(store, old, on=TODAY))
    by_id = store.load_draft(copy_assessment_as_draft(store, old_id, on=TODAY))
    assert by_code is not None and by_id is not None
    assert (by_id.answers, by_id.notes, by_id.targets, by_id.respondent) == (
        by_code.answers,
        by_code.notes,
        by_code.targets,
        by_code.respondent,
    )


def test_a_copy_keeps_the_old_model_version_when_a_newer_one_is_in_use(store, tiny):
    _, text = tiny
    old = finished(store, tiny)
    newer_text = text.replace('version: "1.0.0"', 'version: "2.0.0"', 1)
    assert newer_text != text
    newer = model_from_text(newer_text)
    store.start_draft(newer, newer_text, ORG)  # new assessments now use 2.0.0
    copy = store.load_draft(copy_as_draft(store, old, on=TODAY))
    assert copy is not None and copy.model.version == "1.0.0" and copy.model_text == text


def test_a_draft_or_a_discarded_assessment_is_not_copied(store, tiny):
    model, text = tiny
    draft = store.start_draft(model, text, ORG)
    store.save_answer(draft, "gov-policy", "draft")
    with pytest.raises(NotCopyable, match="only a finished"):
        copy_as_draft(store, draft)
    store.abandon(draft)
    with pytest.raises(NotCopyable, match="only a finished"):
        copy_as_draft(store, draft)
    assert count(store) == 1


def test_a_group_assessment_and_a_participants_answers_are_not_copied(store, tiny):
    model, text = tiny
    codes = store.create_workshop(model, text, ORG, "Leadership workshop")
    joined = store.join_workshop(codes.join, "Ana", "leadership")
    store.save_answer(joined, "gov-policy", "draft")
    store.complete(joined)
    with pytest.raises(NotCopyable, match="group assessment"):
        copy_as_draft(store, joined)
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None
    group_id = store.close_workshop(workshop.id)
    with pytest.raises(NotCopyable, match="group assessment"):
        copy_assessment_as_draft(store, group_id)
    assert count(store) == 2  # the participant's and the group's; no copy


def test_an_unknown_code_or_id_is_refused(store, tiny):
    with pytest.raises(UnknownDraft):
        copy_as_draft(store, "no-such-code")
    with pytest.raises(UnknownAssessment):
        copy_assessment_as_draft(store, 12345)
    assert count(store) == 0


def test_a_failure_while_copying_leaves_no_half_made_draft(store, tiny, monkeypatch):
    old = finished(store, tiny)

    def broken(*args: object) -> None:
        raise RuntimeError("the disk filled up half way")

    monkeypatch.setattr(reopen_module, "_copy_rows", broken)
    with pytest.raises(Exception, match="half way"):
        copy_as_draft(store, old, on=TODAY)
    assert count(store) == 1  # the draft row was rolled back with the rows
