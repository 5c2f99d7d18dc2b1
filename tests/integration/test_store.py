"""Drafts, model versions and stored results, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterator

import pytest
from conftest import FIXTURES
from sqlalchemy import text

from questionnaire.schema import Model, Respondent
from questionnaire.yamlio import InputError
from store import (
    DraftClosed,
    Store,
    UnknownAssessment,
    UnknownDraft,
    is_stored_reference,
    resolve_previous,
)
from store.imports import load_model_file


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def tiny() -> tuple[Model, str]:
    return load_model_file(FIXTURES / "tiny-model.yaml")


def test_a_resumed_draft_has_every_answer_note_and_target(url: str, store: Store, tiny):
    model, model_text = tiny
    code = store.start_draft(model, model_text, "Heddlu Dyfed-Powys", Respondent(name="Ana"))
    store.save_answer(code, "gov-policy", "draft")
    store.save_answer(code, "gov-review", "na")
    store.save_answer(code, "data-quality", "unknown")
    store.save_note(code, "gov-policy", "Approved in May 👍 =SUM(A1)")
    store.save_target(code, "gov", 4)

    with Store(url) as another_process:
        draft = another_process.load_draft(code)

    assert draft is not None and draft.status == "draft"
    assert draft.model == model and draft.model_text == model_text
    assert draft.organisation == "Heddlu Dyfed-Powys"
    assert draft.respondent == Respondent(name="Ana")
    assert draft.answers == {"gov-policy": "draft", "gov-review": "na", "data-quality": "unknown"}
    assert draft.notes == {"gov-policy": "Approved in May 👍 =SUM(A1)"}
    assert draft.targets == {"gov": 4}
    assert draft.responses().answers == draft.answers


def test_saving_again_replaces_the_answer_and_none_clears_it_but_keeps_the_note(store, tiny):
    code = store.start_draft(*tiny, "Org")
    store.save_answer(code, "gov-policy", "none")
    store.save_answer(code, "gov-policy", "approved")
    store.save_note(code, "gov-policy", "kept")
    store.save_answer(code, "gov-policy", None)
    draft = store.load_draft(code)
    assert draft.answers == {} and draft.notes == {"gov-policy": "kept"}
    store.save_note(code, "gov-policy", "  ")
    store.save_target(code, "gov", None)
    draft = store.load_draft(code)
    assert draft.notes == {} and draft.targets == {}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("no-such-question", "none"),
        ("gov-policy", "no-such-option"),
        ("gov-policy", "na"),  # gov-policy does not allow na
    ],
)
def test_an_answer_the_model_does_not_have_is_a_value_error(store, tiny, question, answer):
    code = store.start_draft(*tiny, "Org")
    with pytest.raises(ValueError):
        store.save_answer(code, question, answer)
    assert store.load_draft(code).answers == {}


def test_a_target_off_the_scale_or_for_no_pillar_is_a_value_error(store, tiny):
    code = store.start_draft(*tiny, "Org")
    for pillar, level in (("gov", 9), ("nope", 2), ("gov", True)):
        with pytest.raises(ValueError):
            store.save_target(code, pillar, level)


def test_only_the_hash_of_the_resume_code_is_stored(store, tiny):
    code = store.start_draft(*tiny, "Org")
    # at least 128 random bits (issue 12): URL-safe base64 of 16 bytes or more
    assert len(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))) >= 16
    assert len({store.start_draft(*tiny, "Org") for _ in range(50)}) == 50
    with store.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(text("SELECT * FROM assessments"))]
    assert not any(code in str(value) for value in stored[0])
    assert hashlib.sha256(code.encode()).hexdigest() in stored[0]


def test_an_unknown_code_resumes_nothing_and_cannot_be_saved_to(store, tiny):
    store.start_draft(*tiny, "Org")
    assert store.load_draft("not-a-code") is None
    with pytest.raises(UnknownDraft):
        store.save_answer("not-a-code", "gov-policy", "none")
    with pytest.raises(UnknownDraft):
        store.complete("not-a-code")


def test_complete_dates_the_assessment_scores_it_and_closes_the_draft(store, tiny):
    code = store.start_draft(*tiny, "Org")
    store.save_answer(code, "gov-policy", "approved")
    store.save_answer(code, "data-quality", "good")
    assessment_id = store.complete(code)
    assert store.complete(code) == assessment_id  # completing twice is harmless
    with pytest.raises(DraftClosed):
        store.save_answer(code, "gov-policy", "none")
    with pytest.raises(DraftClosed):
        store.abandon(code)
    stored = store.assessment(assessment_id)
    assert stored.assessed_on == dt.date.today()
    assert stored.result.pillar("gov").score == 100.0
    assert stored.result.pillar("data").score == 80.0
    assert store.load_draft(code).status == "complete"
    assert store.organisations() == ["Org"]


def test_an_abandoned_draft_keeps_its_answers_but_is_not_history(store, tiny):
    code = store.start_draft(*tiny, "Org")
    store.save_answer(code, "gov-policy", "draft")
    store.abandon(code)
    draft = store.load_draft(code)
    assert draft.status == "abandoned" and draft.answers == {"gov-policy": "draft"}
    with pytest.raises(DraftClosed):
        store.complete(code)
    assert store.assessments("Org") == [] and store.organisations() == []


def test_details_can_change_while_a_draft_is_open(store, tiny):
    code = store.start_draft(*tiny, "Org", assessed_on=dt.date(2025, 1, 1))
    store.update_details(
        code, organisation="Other force", respondent=Respondent(role="DPO"), assessed_on=None
    )
    draft = store.load_draft(code)
    assert (draft.organisation, draft.respondent, draft.assessed_on) == (
        "Other force",
        Respondent(role="DPO"),
        None,
    )
    with pytest.raises(ValueError):
        store.update_details(code, organisation="   ")
    with pytest.raises(ValueError):
        store.start_draft(*tiny, "")


def test_a_model_version_is_stored_once_by_the_hash_of_its_exact_text(store, tiny):
    model, model_text = tiny
    first = store.register_model(model, model_text)
    assert store.register_model(model, model_text) == first
    assert store.register_model(model, model_text + "\n# a comment\n") != first
    with pytest.raises(ValueError):
        store.register_model(model, model_text.replace('"1.0.0"', '"9.9.9"'))


def test_a_stored_assessment_keeps_the_exact_model_text(store, tiny):
    model, model_text = tiny
    code = store.start_draft(model, model_text, "Org")
    assessment_id = store.complete(code)
    assert store.model_text(assessment_id) == model_text
    with pytest.raises(UnknownAssessment):
        store.result(assessment_id + 100)


def test_resolve_previous_reads_a_stored_assessment(store, tiny):
    code = store.start_draft(*tiny, "Org")
    store.save_answer(code, "gov-policy", "approved")
    assessment_id = store.complete(code)
    assert is_stored_reference(f"db:{assessment_id}") and not is_stored_reference("old.yaml")
    result = resolve_previous(f"db:{assessment_id}", store)
    assert result.responses.answers == {"gov-policy": "approved"}
    for bad in (f"db:{assessment_id + 1}", "db:abc", "earlier.yaml"):
        with pytest.raises(InputError) as caught:
            resolve_previous(bad, store)
        assert str(caught.value).startswith(bad)


def test_resolve_previous_uses_the_configured_database(url, tiny, monkeypatch):
    with Store(url) as store:
        assessment_id = store.complete(store.start_draft(*tiny, "Org"))
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    assert resolve_previous(f"db:{assessment_id}").responses.organisation == "Org"
