"""Models kept for the whole server (issue 14): uploads and the default model, in the store.

Run on SQLite and PostgreSQL (the ``url`` fixture). A new Store on the same database stands
for a restarted server.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from questionnaire.loader import model_from_text
from questionnaire.schema import Model
from store import Store
from store.model_choice import THIS_COMPUTER, UnknownUpload
from store.records import UnsafeText

TINY_TEXT = (FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8")
FOUR_TEXT = (FIXTURES / "four-pillar-model.yaml").read_text(encoding="utf-8")


def named(title: str) -> tuple[Model, str]:
    """The tiny model under another title (so another text and hash)."""
    text = TINY_TEXT.replace("title: Tiny fixture model", f"title: {title}")
    assert text != TINY_TEXT
    return model_from_text(text), text


@pytest.fixture
def store(url: str):
    with Store(url) as made:
        yield made


def test_a_new_database_uses_the_standard_model(store):
    assert store.default_model() is None
    assert store.uploaded_models() == []


def test_an_upload_is_kept_with_its_text_uploader_and_time_and_survives_a_restart(store, url):
    model, text = named("Force model")
    before = dt.datetime.now(dt.UTC)
    kept = store.keep_upload(model, text, "lead@force.example")
    assert (kept.title, kept.version, kept.model_id) == (model.title, model.version, model.id)
    assert kept.uploaded_by == "lead@force.example"
    assert before - dt.timedelta(seconds=5) <= kept.uploaded_at <= dt.datetime.now(dt.UTC)
    with Store(url) as restarted:
        chosen = restarted.default_model()
        assert chosen is not None
        assert chosen.model == model and chosen.text == text
        assert chosen.upload == kept and chosen.chosen_by == "lead@force.example"
        assert restarted.uploaded_models() == [kept]
        # A new draft from the default carries exactly that model version.
        code = restarted.start_draft(chosen.model, chosen.text, "Heddlu Prawf")
        draft = restarted.load_draft(code)
        assert draft is not None and draft.model_text == text


def test_the_same_text_uploaded_again_is_one_entry_keeping_the_first_upload(store):
    model, text = named("Force model")
    first = store.keep_upload(model, text, THIS_COMPUTER)
    again = store.keep_upload(model, text, "someone@else.example")
    assert again == first
    assert store.uploaded_models() == [first]
    chosen = store.default_model()
    assert chosen is not None and chosen.chosen_by == "someone@else.example"


def test_the_last_choice_wins_and_the_standard_model_can_be_chosen_again(store):
    one, one_text = named("First model")
    two, two_text = named("Second model")
    first = store.keep_upload(one, one_text, THIS_COMPUTER)
    second = store.keep_upload(two, two_text, THIS_COMPUTER)
    assert [u.title for u in store.uploaded_models()] == ["Second model", "First model"]
    assert store.default_model().model == two
    store.choose_model(first.model_version_id, "a@b.example")
    assert store.default_model().model == one
    store.choose_model(None, "a@b.example")
    assert store.default_model() is None
    # Back to the standard model, the uploads are still listed to choose from.
    assert {u.model_version_id for u in store.uploaded_models()} == {
        first.model_version_id,
        second.model_version_id,
    }
    store.choose_model(second.model_version_id, THIS_COMPUTER)
    assert store.default_model().model == two


def test_an_upload_kept_without_choosing_leaves_the_default_alone(store):
    model, text = named("Only listed")
    store.keep_upload(model, text, THIS_COMPUTER, choose=False)
    assert store.default_model() is None
    assert [u.title for u in store.uploaded_models()] == ["Only listed"]


def test_a_model_version_that_was_not_uploaded_cannot_be_chosen(store):
    model, text = named("Used, not uploaded")
    version_id = store.register_model(model, text)
    with pytest.raises(UnknownUpload):
        store.choose_model(version_id, THIS_COMPUTER)
    with pytest.raises(UnknownUpload):
        store.choose_model(version_id + 1000, THIS_COMPUTER)
    assert store.default_model() is None


def test_an_uploader_name_with_a_control_character_is_refused(store):
    model, text = named("Force model")
    with pytest.raises(UnsafeText):
        store.keep_upload(model, text, "evil\x1b[2J@x.example")
    assert store.uploaded_models() == []


def test_erasing_the_only_organisation_that_used_the_default_keeps_the_default(store):
    """The chosen default is in use by the server: an erasure never takes it (store.erase)."""
    model, text = named("Model for Gone force")
    store.keep_upload(model, text, THIS_COMPUTER)
    chosen = store.default_model()
    assert chosen is not None
    code = store.start_draft(chosen.model, chosen.text, "Gone Constabulary")
    store.save_answer(code, "gov-policy", "draft")
    plan = store.erasure_plan("Gone Constabulary")
    assert plan.model_versions == 0
    done = store.erase_organisation("Gone Constabulary")
    assert done.drafts == 1 and done.model_versions == 0
    after = store.default_model()
    assert after is not None and after.model == model
    store.start_draft(after.model, after.text, "Next Constabulary")


def test_an_uploaded_model_not_chosen_goes_with_the_only_records_that_used_it(store):
    """An uploaded model may name the force: when not the default, erasure takes it."""
    gone, gone_text = named("Model for Gone force")
    kept, kept_text = named("Server model")
    gone_upload = store.keep_upload(gone, gone_text, THIS_COMPUTER)
    code = store.start_draft(gone, gone_text, "Gone Constabulary")
    store.save_answer(code, "gov-policy", "draft")
    store.keep_upload(kept, kept_text, THIS_COMPUTER)  # now the default
    done = store.erase_organisation("Gone Constabulary")
    assert done.model_versions == 1
    assert [u.title for u in store.uploaded_models()] == ["Server model"]
    assert gone_upload.model_version_id not in {u.model_version_id for u in store.uploaded_models()}
    assert store.default_model().model == kept


def test_a_purge_keeps_the_default_model(store):
    model, text = named("Model for Old force")
    store.keep_upload(model, text, THIS_COMPUTER)
    store.start_draft(model, text, "Old Constabulary")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    done = store.purge(30, now=later)
    assert done.drafts == 1 and done.model_versions == 0
    after = store.default_model()
    assert after is not None and after.model == model
