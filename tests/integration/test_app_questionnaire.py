"""The questionnaire pages: every answer saved as given, nothing lost between pages or sessions."""

from __future__ import annotations

from finish_support import finish_now
from test_app_support import (
    answer_pillar,
    app_env,
    choose,
    current_model,
    new_app,
    no_problems,
    open_page,
    start,
    stored_answers,
    title,
)

from store.repository import Store
from ui.pages import pillar_paths
from ui.questionnaire import DONT_KNOW, NOT_APPLICABLE
from ui.text import md_escape

__all__ = ["app_env"]


def test_every_pillar_page_draws_its_questions_with_dont_know_and_na_only_where_allowed(app_env):
    at = new_app()
    start(at)
    model = current_model(at)
    paths = pillar_paths(model)
    for pillar in model.pillars:
        open_page(at, paths[pillar.id])
        no_problems(at)
        assert title(at) == md_escape(pillar.name)
        assert at.get("progress"), "the progress bar is on every pillar page"
        for question in pillar.questions:
            options = at.radio(key=f"answer-{question.id}").options
            assert len(options) == len(question.options) + 1 + question.allow_na
            assert options[len(question.options)] == DONT_KNOW
            assert (NOT_APPLICABLE in options) == question.allow_na
            for option, shown in zip(question.options, options, strict=False):
                assert shown == md_escape(option.label)
            assert at.text_area(key=f"note-{question.id}").label
        assert at.selectbox(key=f"target-{pillar.id}").value == model.scale.target_level


def test_each_answer_is_in_the_database_as_soon_as_it_is_given(app_env):
    at = new_app()
    code = start(at)
    first = current_model(at).pillars[0].questions
    given = {}
    for n, question in enumerate(first):
        given[question.id] = choose(at, question.id, n)
        assert stored_answers(app_env, code) == given


def test_answers_survive_changing_page_and_coming_back(app_env):
    at = new_app()
    start(at)
    model = current_model(at)
    first, second = model.pillars[0], model.pillars[1]
    chosen = answer_pillar(at, model, first.id, seed=1)
    at.text_area(key=f"note-{first.questions[0].id}").input("Seen in the *May* minutes").run()
    at.button(key="next").click().run()
    assert title(at) == md_escape(second.name)
    answer_pillar(at, model, second.id, seed=2)
    at.button(key="previous").click().run()
    assert title(at) == md_escape(first.name)
    for qid, value in chosen.items():
        assert at.radio(key=f"answer-{qid}").value == value
    assert at.text_area(key=f"note-{first.questions[0].id}").value == "Seen in the *May* minutes"


def test_the_resume_code_stays_in_the_url_on_every_page(app_env):
    at = new_app()
    code = start(at)
    model = current_model(at)
    for _ in model.pillars:
        assert at.query_params.get("resume") in (code, [code])
        at.button(key="next").click().run()
    assert title(at) == "Check and finish"
    assert at.query_params.get("resume") in (code, [code])
    open_page(at, "history")
    assert at.query_params.get("resume") in (code, [code])


def test_a_new_session_with_the_resume_code_gets_every_answer_note_and_target_back(app_env):
    at = new_app()
    code = start(at, name="Siân Jones", role="Head of Digital")
    model = current_model(at)
    paths = pillar_paths(model)
    chosen = {}
    for seed, pillar in enumerate(model.pillars):
        open_page(at, paths[pillar.id])
        chosen |= answer_pillar(at, model, pillar.id, seed=seed)
    last = model.pillars[-1]
    note_on = last.questions[-1].id
    at.text_area(key=f"note-{note_on}").input("Ask the DPO").run()
    top = model.scale.levels[-1].level
    at.selectbox(key=f"target-{last.id}").set_value(top).run()
    no_problems(at)

    again = new_app({"resume": code})  # a refresh, a closed tab or a restarted server
    no_problems(again)
    for pillar in model.pillars:
        open_page(again, paths[pillar.id])
        no_problems(again)
        for question in pillar.questions:
            assert again.radio(key=f"answer-{question.id}").value == chosen[question.id]
    assert again.text_area(key=f"note-{note_on}").value == "Ask the DPO"
    assert again.selectbox(key=f"target-{last.id}").value == top


def test_a_refresh_reopens_the_page_the_person_was_on(app_env):
    at = new_app()
    code = start(at)
    model = current_model(at)
    at.button(key="next").click().run()
    where = pillar_paths(model)[model.pillars[1].id]
    again = new_app({"resume": code}, page=where)
    no_problems(again)
    assert title(again) == md_escape(model.pillars[1].name)


def test_the_check_lists_unanswered_questions_and_finishing_completes_the_draft(app_env):
    at = new_app()
    code = start(at)
    model = current_model(at)
    answer_pillar(at, model, model.pillars[0].id)
    open_page(at, "finish")
    no_problems(at)
    missing = len(model.questions()) - len(model.pillars[0].questions)
    assert any(f"{missing} question" in w.value for w in at.warning)
    links = [link.label for link in at.get("page_link")]
    for pillar in model.pillars[1:]:
        assert any(md_escape(pillar.name) in label for label in links)
    finish_now(at)
    no_problems(at)
    assert title(at) == "Results"
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.status == "complete"


def test_a_finished_assessment_shows_its_answers_but_cannot_change_them(app_env):
    at = new_app()
    code = start(at)
    model = current_model(at)
    answer_pillar(at, model, model.pillars[0].id)
    open_page(at, "finish")
    finish_now(at)
    again = new_app({"resume": code})
    open_page(again, pillar_paths(model)[model.pillars[0].id])
    no_problems(again)
    assert again.radio(key=f"answer-{model.pillars[0].questions[0].id}").disabled
    assert any("can no longer change" in i.value for i in again.info)


def test_an_unknown_resume_code_is_explained_in_plain_words(app_env):
    at = new_app({"resume": "not-a-real-code"})
    assert not at.exception
    assert any("No assessment has that resume code" in e.value for e in at.error)
    assert title(at)  # the start page is still there


def test_notes_and_targets_are_in_the_database_as_soon_as_they_are_given(app_env):
    at = new_app()
    code = start(at)
    model = current_model(at)
    pillar, question = model.pillars[0], model.pillars[0].questions[0]
    at.text_area(key=f"note-{question.id}").input("  Minutes of 3 May  ").run()
    top = model.scale.levels[-1].level
    at.selectbox(key=f"target-{pillar.id}").set_value(top).run()
    no_problems(at)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None
    assert draft.notes == {question.id: "Minutes of 3 May"}
    assert draft.targets == {pillar.id: top}


def test_an_answer_that_cannot_be_saved_is_undone_and_the_person_is_told(app_env, monkeypatch):
    at = new_app()
    code = start(at)
    question = current_model(at).pillars[0].questions[0]

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Store, "save_answer", broken)
    at.radio(key=f"answer-{question.id}").set_value(question.options[0].id).run()
    assert not at.exception
    assert any("could not be saved" in e.value for e in at.error)
    assert at.radio(key=f"answer-{question.id}").value is None
    monkeypatch.undo()
    assert stored_answers(app_env, code) == {}


def test_answering_an_assessment_finished_in_another_tab_is_refused_and_explained(app_env):
    at = new_app()
    code = start(at)
    question = current_model(at).pillars[0].questions[0]
    with Store(app_env) as store:
        store.save_answer(code, question.id, question.options[0].id)
        store.complete(code)
    at.radio(key=f"answer-{question.id}").set_value(question.options[1].id).run()
    assert not at.exception
    assert any("can no longer change" in e.value for e in at.error)
    radio = at.radio(key=f"answer-{question.id}")
    assert radio.disabled
    assert radio.value == question.options[0].id  # what is stored, not what was refused
    assert stored_answers(app_env, code) == {question.id: question.options[0].id}
