"""Changing an open assessment's details, and discarding it, on the Check-and-finish page."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from test_app_support import app_env, new_app, no_problems, start, title

from questionnaire.schema import Respondent
from store.repository import Store
from ui.text import md_escape

__all__ = ["app_env"]

SAVE = "FormSubmitter:details-form-Save the details"


def resume_code(at: AppTest) -> str:
    """The resume code in the URL."""
    code = at.query_params.get("resume")
    assert code
    return code if isinstance(code, str) else code[0]


def open_finish(code: str) -> AppTest:
    """A new session resumed with ``code`` on the Check-and-finish page."""
    at = new_app({"resume": code}, page="finish")
    no_problems(at)
    assert title(at) == "Check and finish"
    return at


def test_every_details_widget_has_a_label_and_shows_the_stored_details(app_env):
    code = start(new_app(), organisation="Heddlu Prawf", name="Siân", role="DPO")
    at = open_finish(code)
    for key in ("details-organisation", "details-name", "details-role"):
        assert at.text_input(key=key).label
    assert at.selectbox(key="details-group").label
    assert at.date_input(key="details-date").label
    assert at.checkbox(key="discard-confirm").label
    assert at.button(key="discard").label
    assert at.text_input(key="details-organisation").value == "Heddlu Prawf"
    assert at.text_input(key="details-name").value == "Siân"


def test_edited_details_are_stored_and_shown_in_a_new_session(app_env):
    code = start(new_app(), organisation="Heddlu Prawf", name="Siân")
    at = open_finish(code)
    at.text_input(key="details-organisation").input("  Heddlu [Dyfed](http://x)-Powys ")
    at.text_input(key="details-name").input("")
    at.text_input(key="details-role").input("Chief Data Officer")
    at.selectbox(key="details-group").set_value("specialist")
    at.date_input(key="details-date").set_value(dt.date(2025, 3, 14))
    at.button(key=SAVE).click().run()
    no_problems(at)
    assert any("details are saved" in s.value for s in at.success)
    cur = at.session_state["current"]
    assert cur.organisation == "Heddlu [Dyfed](http://x)-Powys"
    assert resume_code(at) == code

    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "draft"
    assert draft.organisation == "Heddlu [Dyfed](http://x)-Powys"
    assert draft.respondent is not None
    assert (draft.respondent.name, draft.respondent.role, draft.respondent.group) == (
        None,
        "Chief Data Officer",
        "specialist",
    )
    assert draft.assessed_on == dt.date(2025, 3, 14)

    again = open_finish(code)
    sidebar = "\n".join(m.value for m in again.sidebar.markdown)
    assert md_escape("Heddlu [Dyfed](http://x)-Powys") in sidebar
    assert again.text_input(key="details-organisation").value == "Heddlu [Dyfed](http://x)-Powys"
    assert again.text_input(key="details-role").value == "Chief Data Officer"
    assert again.selectbox(key="details-group").value == "specialist"
    assert again.date_input(key="details-date").value == dt.date(2025, 3, 14)


def test_a_group_of_their_own_is_offered_back_as_typed(app_env):
    code = start(new_app())
    with Store(app_env) as store:
        store.update_details(code, respondent=Respondent(group="digital Team"))
    at = open_finish(code)
    group = at.selectbox(key="details-group")
    assert group.value == "digital Team"
    assert "digital Team" in group.options
    at.text_input(key="details-role").input("Analyst")
    at.button(key=SAVE).click().run()
    no_problems(at)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.respondent is not None
    assert (draft.respondent.role, draft.respondent.group) == ("Analyst", "digital Team")


def test_a_blank_organisation_is_refused_and_nothing_is_saved(app_env):
    code = start(new_app(), organisation="Heddlu Prawf", role="DPO")
    at = open_finish(code)
    at.text_input(key="details-organisation").input("   ")
    at.text_input(key="details-role").input("Analyst")
    at.button(key=SAVE).click().run()
    assert not at.exception
    assert any("Enter the organisation's name" in e.value for e in at.error)
    assert at.session_state["current"].organisation == "Heddlu Prawf"
    assert at.session_state["current"].respondent.role == "DPO"
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None
    assert draft.organisation == "Heddlu Prawf"
    assert draft.respondent is not None and draft.respondent.role == "DPO"


def test_discarding_needs_a_tick_then_abandons_the_draft_and_returns_to_the_start(app_env):
    code = start(new_app(), organisation="Heddlu Prawf")
    at = open_finish(code)
    at.button(key="discard").click().run()
    assert any("Tick the box" in e.value for e in at.error)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "draft"

    at.checkbox(key="discard-confirm").check().run()
    at.button(key="discard").click().run()
    no_problems(at)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "abandoned"
    assert "resume" not in at.query_params
    assert "current" not in at.session_state
    assert at.text_input(key="start-organisation").label  # back on the Start page
    assert any("has been discarded" in s.value for s in at.success)
    # No assessment beside the pages any more: no organisation, progress or questionnaire.
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Heddlu Prawf" not in sidebar and "Questionnaire" not in sidebar
    assert not at.sidebar.get("progress")


def test_a_discarded_assessment_cannot_be_resumed(app_env):
    code = start(new_app(), organisation="Heddlu Prawf")
    with Store(app_env) as store:
        store.abandon(code)

    at = new_app({"resume": code})
    no_problems(at)
    assert any("was discarded, so it cannot be resumed" in i.value for i in at.info)
    assert "resume" not in at.query_params
    assert "current" not in at.session_state

    at = new_app()
    at.text_input(key="resume-code").input(code)
    at.button(key="FormSubmitter:resume-form-Resume").click().run()
    no_problems(at)
    assert any("was discarded, so it cannot be resumed" in i.value for i in at.info)
    assert "current" not in at.session_state


def test_discarding_in_the_app_then_resuming_the_old_code_says_it_was_discarded(app_env):
    code = start(new_app(), organisation="Heddlu Prawf")
    at = open_finish(code)
    at.checkbox(key="discard-confirm").check().run()
    at.button(key="discard").click().run()
    no_problems(at)

    again = new_app({"resume": code}, page="finish")
    no_problems(again)
    assert any("was discarded, so it cannot be resumed" in i.value for i in again.info)
    assert "current" not in again.session_state


def test_details_of_an_assessment_finished_elsewhere_are_not_changed(app_env):
    code = start(new_app(), organisation="Heddlu Prawf")
    at = open_finish(code)
    with Store(app_env) as store:
        store.complete(code)  # in another tab
    at.text_input(key="details-organisation").input("Heddlu Arall")
    at.button(key=SAVE).click().run()
    assert not at.exception
    assert any("was finished elsewhere" in i.value for i in at.info)
    assert at.session_state["current"].status == "complete"
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.organisation == "Heddlu Prawf"
