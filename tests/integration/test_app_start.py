"""The start page: what the assessment is, starting one, and resuming one from its code."""

from __future__ import annotations

from test_app_support import app_env, current_model, new_app, no_problems, start, title

from store.repository import Store
from ui.text import md_escape

__all__ = ["app_env"]


def test_start_page_says_what_it_is_how_long_it_takes_and_what_happens_to_the_data(app_env):
    at = new_app()
    no_problems(at)
    text = "\n".join(m.value for m in at.markdown)
    assert "How long it takes" in text
    assert "What happens to your answers" in text
    for key in ("start-organisation", "start-name", "start-role"):
        assert at.text_input(key=key).label
    assert at.selectbox(key="start-group").label
    assert at.text_input(key="resume-code").label


def test_starting_needs_an_organisation(app_env):
    at = new_app()
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    assert any("organisation" in e.value for e in at.error)
    assert "resume" not in at.query_params


def test_starting_stores_a_draft_with_the_respondent_and_opens_the_first_pillar(app_env):
    at = new_app()
    at.selectbox(key="start-group").set_value("frontline")
    code = start(at, organisation="Heddlu [Dyfed](http://x)-Powys", name="Siân", role="DPO")
    model = current_model(at)
    assert title(at) == md_escape(model.pillars[0].name)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "draft"
    assert draft.organisation == "Heddlu [Dyfed](http://x)-Powys"
    assert draft.respondent is not None
    assert (draft.respondent.name, draft.respondent.role, draft.respondent.group) == (
        "Siân",
        "DPO",
        "frontline",
    )
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert md_escape("Heddlu [Dyfed](http://x)-Powys") in sidebar


def test_resuming_by_code_carries_on_at_the_first_unanswered_pillar(app_env):
    first = new_app()
    code = start(first)
    model = current_model(first)
    for question in model.pillars[0].questions:
        first.radio(key=f"answer-{question.id}").set_value(question.options[0].id)
    first.run()

    at = new_app()
    at.text_input(key="resume-code").input(f"  http://localhost:8501/?resume={code}  ")
    at.button(key="FormSubmitter:resume-form-Resume").click().run()
    no_problems(at)
    assert at.query_params.get("resume") in (code, [code])
    assert title(at) == md_escape(model.pillars[1].name)


def test_a_wrong_resume_code_is_refused_politely(app_env):
    at = new_app()
    at.text_input(key="resume-code").input("nope")
    at.button(key="FormSubmitter:resume-form-Resume").click().run()
    assert not at.exception
    assert any("No assessment has that resume code" in e.value for e in at.error)


def test_the_start_page_offers_to_carry_on_an_open_assessment(app_env):
    at = new_app()
    start(at, organisation="Heddlu Prawf")
    at = new_app({"resume": at.query_params["resume"]})
    no_problems(at)
    assert any("part-way through" in m.value for m in at.markdown)
    at.button(key="carry-on").click().run()
    no_problems(at)
    assert title(at) == md_escape(current_model(at).pillars[0].name)


def test_a_database_that_cannot_be_opened_is_explained_not_shown_as_a_traceback(monkeypatch):
    monkeypatch.setenv("MATURITY_DATABASE_URL", "nosuchdb://nowhere")
    at = new_app()
    # The database says which model new assessments use, so the page says at once that it
    # cannot be opened (no guess at the model); pressing Start asks it again.
    assert not at.exception
    assert [e.value for e in at.error if "cannot be opened" in e.value]
    at.text_input(key="start-organisation").input("Heddlu Prawf")
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    assert not at.exception
    assert any("cannot be opened" in e.value for e in at.error)
    assert "resume" not in at.query_params
    at = new_app({"resume": "abc"}, page="history")
    assert not at.exception
    assert any("MATURITY_DATABASE_URL" in e.value for e in at.error)
