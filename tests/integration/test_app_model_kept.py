"""Models kept, not per session (issue 14), and the Start page's smaller defects, in the app.

- An uploaded model used on the Model page is the default for everyone's new assessments,
  across a reload, a new browser and a restarted server, until someone changes it.
- The Start page names the model and version new assessments use (one wording, shared with
  the Model page).
- After "Use this model" the Model page says each thing once.
- The start form's refusals are drawn at their fields.
- A typed case variant of an offered group is that group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest
from test_app_support import (
    FIXTURES,
    app_env,
    current_model,
    model_path,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

from questionnaire import limits
from questionnaire.loader import load_model
from questionnaire.schema import Respondent
from store.access import Mode, Principal, Role
from store.repository import Store
from ui import models
from ui.details import respondent_from, too_long_fields
from ui.text import md_escape

__all__ = ["app_env"]

FOUR = FIXTURES / "four-pillar-model.yaml"
START = "FormSubmitter:start-form-Start the assessment"
SAVE = "FormSubmitter:details-form-Save the details"


def upload(at: AppTest, name: str, raw: bytes, key: str = "model-upload") -> AppTest:
    """Upload a file on the Model page, as choosing it in the file picker would."""
    at.file_uploader(key=key).set_value((name, raw, "application/x-yaml"))
    return at.run()


def use_four(at: AppTest) -> None:
    """Upload the four-pillar fixture on the Model page and use it."""
    open_page(at, "model")
    upload(at, FOUR.name, FOUR.read_bytes())
    at.button(key="model-use").click().run()
    no_problems(at)


def restart_server() -> None:
    """What a restarted server forgets: every cached resource (the store, the model)."""
    st.cache_resource.clear()


def in_order(node: Any) -> Iterator[Any]:
    """Every element of a page, in the order drawn (depth first through its blocks).

    AppTest lists elements by type; where an error is drawn (under which field) is only in
    the tree's order, so this walks it.
    """
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for key in sorted(children):
        yield from in_order(children[key])


def after(at: AppTest, key: str) -> Any:
    """The element drawn right after the widget with this key."""
    elements = list(in_order(at.main))
    at_key = [i for i, e in enumerate(elements) if getattr(e, "key", None) == key]
    assert at_key, f"no widget with key {key}"
    return elements[at_key[0] + 1]


def sentence(at: AppTest) -> str:
    """The Start page's sentence naming the model of new assessments."""
    found = [m.value for m in at.markdown if m.value.startswith("New assessments use")]
    assert len(found) == 1, found
    return found[0]


# --- models kept ---------------------------------------------------------------------------
def test_an_uploaded_model_stays_the_default_after_a_reload_a_new_browser_and_a_restart(app_env):
    at = new_app()
    use_four(at)
    four = load_model(FOUR)
    for _ in ("reload", "new browser"):
        again = new_app()
        no_problems(again)
        start(again)
        assert current_model(again) == four
        assert title(again) == md_escape(four.pillars[0].name)
    restart_server()
    fresh = new_app()
    start(fresh)
    assert current_model(fresh) == four


def test_going_back_to_the_standard_model_is_kept_too(app_env):
    at = new_app()
    use_four(at)
    at.button(key="model-default").click().run()
    no_problems(at)
    assert any("standard model" in s.value for s in at.success)
    restart_server()
    again = new_app()
    start(again)
    assert current_model(again) == load_model(model_path())


def test_the_model_page_lists_kept_models_and_another_can_be_chosen(app_env):
    at = new_app()
    use_four(at)
    four = load_model(FOUR)
    # A second upload (the standard model's own file) becomes the default ...
    [uploader] = at.get("file_uploader")
    upload(at, "standard.yaml", model_path().read_bytes(), key=uploader.key)
    at.button(key="model-use").click().run()
    no_problems(at)
    rows = at.table[-1].value
    assert list(rows.columns) == ["Title", "Version", "Id", "Uploaded by", "Uploaded on", "In use"]
    assert md_escape(four.title) in set(rows["Title"])
    assert set(rows["Uploaded by"]) == {models.THIS_COMPUTER}
    assert set(rows["Uploaded on"]) == {models.day(dt.datetime.now(dt.UTC))}
    # ... and the first one can be chosen again from the list.
    kept = at.selectbox(key="model-kept")
    assert len(kept.options) == 1 and four.title in kept.options[0]
    kept.select_index(0).run()
    at.button(key="model-use-kept").click().run()
    no_problems(at)
    again = new_app()
    start(again)
    assert current_model(again) == four


def test_the_start_page_names_the_model_and_version_new_assessments_use(app_env):
    standard = load_model(model_path())
    at = new_app()
    no_problems(at)
    assert sentence(at) == (
        f"New assessments use the standard model, **{md_escape(standard.title)}**, "
        f"version {md_escape(standard.version)}."
    )
    use_four(at)
    four = load_model(FOUR)
    today = models.day(dt.datetime.now(dt.UTC))
    words = (
        f"New assessments use **{md_escape(four.title)}**, version {md_escape(four.version)} "
        f"(uploaded by this computer on {today})."
    )
    assert sentence(new_app()) == words
    # The Model page says it in the same words.
    model_page = new_app(page="model")
    assert any(m.value.startswith(words) for m in model_page.markdown)


def test_the_uploader_is_the_signed_in_address_in_shared_mode_and_this_computer_locally():
    shared = Principal(Role.CONSULTANT, Mode.SHARED, "lead@force.example", frozenset({"A"}))
    assert models.uploader(shared) == "lead@force.example"
    assert models.uploader(Principal.local()) == "this computer"


# --- the Model page says each thing once ---------------------------------------------------
def test_after_use_this_model_each_thing_is_said_once(app_env):
    at = new_app()
    use_four(at)
    four = load_model(FOUR)
    assert [s.value for s in at.success] == [
        f"New assessments will use {md_escape(four.title)}, version {md_escape(four.version)}, "
        "for everyone using this service."
    ]
    described = [m.value for m in at.markdown if m.value.startswith(f"**{md_escape(four.title)}**")]
    assert len(described) == 1, described
    # The uploader is a new, empty one: nothing of the upload is drawn a second time.
    [uploader] = at.get("file_uploader")
    assert uploader.key != "model-upload" and not uploader.value
    assert not _has(at, "model-use")


def _has(at: AppTest, key: str) -> bool:
    return any(getattr(e, "key", None) == key for e in in_order(at.main))


# --- start-form refusals at their fields ---------------------------------------------------
def test_a_missing_organisation_is_refused_right_under_its_field(app_env):
    at = new_app()
    at.button(key=START).click().run()
    assert not at.exception
    drawn = after(at, "start-organisation")
    assert type(drawn).__name__ == "Error"
    assert drawn.value == "Enter the organisation's name to start."
    assert [e.value for e in at.error] == [drawn.value]
    assert "resume" not in at.query_params
    # Once given, the refusal goes and the assessment starts.
    start(at)


def test_an_over_long_typed_group_is_refused_by_field():
    """The text boxes stop at the limit (Streamlit cuts a longer value to it), so only a
    typed group can be too long; its refusal is keyed to its field, drawn under it."""
    long = "g" * (limits.RESPONDENT_CHARS + 1)
    refused = too_long_fields({"organisation": "Heddlu Prawf", "group": long})
    assert list(refused) == ["group"]
    assert refused["group"].startswith(
        limits.too_long("Your group", len(long), limits.RESPONDENT_CHARS)
    )


# --- one spelling per group ----------------------------------------------------------------
def stored_group(url: str, code: str) -> str | None:
    with Store(url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return draft.respondent.group if draft.respondent else None


def test_a_case_variant_of_an_offered_group_is_that_group():
    """The start form and the details form both take the group through respondent_from.
    (AppTest cannot type a new option into a select box, so the typing is tested here and
    in the browser test; the details form below goes through the app.)"""
    for typed in ("Leadership", "  LEADERSHIP ", "leadership"):
        assert respondent_from(None, None, typed) == Respondent(group="leadership")
    assert respondent_from(None, None, " Digital team ") == Respondent(group="Digital team")
    assert respondent_from(None, None, "   ") is None


def test_a_case_variant_stored_before_is_shown_and_saved_as_the_offered_group(app_env):
    code = start(new_app())
    with Store(app_env) as store:
        store.update_details(code, respondent=Respondent(group="Leadership"))
    at = new_app({"resume": code}, page="finish")
    group = at.selectbox(key="details-group")
    assert group.value == "leadership"
    assert group.options == ["Leadership", "Frontline", "Specialist"]  # offered once
    at.text_input(key="details-role").input("Analyst")
    at.button(key=SAVE).click().run()
    no_problems(at)
    assert stored_group(app_env, code) == "leadership"
