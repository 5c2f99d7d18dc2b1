"""Safe finishing: a draft preview of the results, a confirmation before the answers are
fixed, and answering again from a finished assessment (issue 14)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from finish_support import finish_now
from streamlit.testing.v1 import AppTest
from test_app_support import (
    APP,
    TIMEOUT,
    answer_pillar,
    app_env,
    current_model,
    model_path,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

import cli
from questionnaire.loader import load_model
from questionnaire.schema import Respondent
from store.access import Role
from store.repository import Store
from ui.downloads import responses_json
from ui.finish import FIXED
from ui.pages import pillar_paths
from ui.results import AGAIN_BUTTON, AGAIN_DONE, DRAFT_BANNER
from ui.text import md_escape

__all__ = ["app_env"]


def answered(at: AppTest, pillars: int | None = None) -> str:
    """Start, answer the first ``pillars`` pillars (all by default); returns the code."""
    code = start(at, name="Siân Jones")
    model = current_model(at)
    paths = pillar_paths(model)
    for seed, pillar in enumerate(model.pillars[:pillars]):
        open_page(at, paths[pillar.id])
        answer_pillar(at, model, pillar.id, seed=seed)
    return code


def status(url: str, code: str) -> str:
    with Store(url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return draft.status


def shown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_finishing_with_every_answer_still_asks_and_says_the_answers_are_then_fixed(app_env):
    at = new_app()
    code = answered(at)
    open_page(at, "finish")
    no_problems(at)
    assert FIXED in shown(at), "the page says so before the button is pressed"
    at.button(key="finish").click().run()
    no_problems(at)
    assert title(at) == "Check and finish" and status(app_env, code) == "draft"
    question = shown(at)
    assert "Every question has an answer. Finish now?" in question
    assert "the answers are fixed and cannot change" in question
    at.button(key="finish-confirm").click().run()
    no_problems(at)
    assert title(at) == "Results" and status(app_env, code) == "complete"


def test_finishing_with_unanswered_questions_names_how_many_and_needs_a_yes(app_env):
    at = new_app()
    code = answered(at, pillars=1)
    model = current_model(at)
    missing = len(model.questions()) - len(model.pillars[0].questions)
    assert missing > 1
    open_page(at, "finish")
    at.button(key="finish").click().run()
    no_problems(at)
    assert (
        f"{missing} questions are unanswered; they will be left out of the score. "
        "Finish anyway?" in shown(at)
    )
    assert status(app_env, code) == "draft", "asking is not finishing"
    # "Not yet" closes the question; nothing is finished, even after a reload.
    at.button(key="finish-cancel").click().run()
    no_problems(at)
    assert not [b for b in at.button if b.key == "finish-confirm"]
    assert status(app_env, code) == "draft"
    again = new_app({"resume": code}, page="finish")
    assert not [b for b in again.button if b.key == "finish-confirm"]
    assert status(app_env, code) == "draft"
    finish_now(again)
    no_problems(again)
    assert status(app_env, code) == "complete"


def test_the_question_names_one_unanswered_question_in_the_singular(app_env):
    at = new_app()
    code = answered(at)
    model = current_model(at)
    last = model.pillars[-1]
    open_page(at, pillar_paths(model)[last.id])
    at.radio(key=f"answer-{last.questions[-1].id}").set_value(None).run()
    open_page(at, "finish")
    at.button(key="finish").click().run()
    assert "1 question is unanswered; it will be left out of the score." in shown(at)
    assert status(app_env, code) == "draft"


def test_the_draft_preview_is_marked_and_scores_as_maturity_score_does(app_env, tmp_path, capsys):
    at = new_app()
    code = answered(at, pillars=2)
    open_page(at, "finish")
    links = [link.label for link in at.get("page_link")]
    assert any("draft" in label for label in links), "the preview is reached from the check"
    open_page(at, "results")
    no_problems(at)
    assert at.header[0].value.endswith(DRAFT_BANNER), "the first heading says draft"
    assert status(app_env, code) == "draft", "looking is not finishing"

    answers = tmp_path / "answers.json"
    answers.write_text(responses_json(at.session_state["current"].responses()), "utf-8")
    capsys.readouterr()
    assert cli.main(["score", str(answers), "--json"]) == 0
    overall = json.loads(capsys.readouterr().out)["overall"]
    assert f"scores **{overall['score']:.1f}** out of 100 overall" in shown(at)
    assert "not answered yet" in shown(at)


def test_the_draft_preview_is_not_compared_with_history_and_its_downloads_say_draft(app_env):
    first = new_app()
    answered(first)
    open_page(first, "finish")
    finish_now(first)
    at = new_app()
    answered(at, pillars=1)  # the same organisation: History has one to compare with
    open_page(at, "results")
    no_problems(at)
    reports = ("draft-pdf", "draft-html", "draft-docx")  # the plan: test_app_evidence.py
    made = [at.session_state[f"{b.key}-made"] for b in at.download_button if b.key in reports]
    assert len(made) == 3
    for report, data in made:
        assert report.draft and "DRAFT" in report.page_mark and data
        assert report.section("change") is None, "no 'since last time' for a draft"
    assert not [h for h in at.header if "Since last time" in h.value]


def test_answering_again_makes_a_new_draft_with_the_answers_and_keeps_the_old_one(app_env):
    at = new_app()
    old = answered(at)
    open_page(at, "finish")
    finish_now(at)
    with Store(app_env) as store:
        before = store.load_draft(old)
    assert before is not None
    assert [b.label for b in at.button if b.key == "answer-again"] == [AGAIN_BUTTON]
    at.button(key="answer-again").click().run()
    no_problems(at)
    cur = at.session_state["current"]
    assert cur.code != old and cur.status == "draft" and cur.editable
    first = cur.model.pillars[0]
    assert title(at) == md_escape(first.name), "the questionnaire opens at its first pillar"
    assert any(s.value == AGAIN_DONE for s in at.success)
    question = first.questions[0].id
    assert at.radio(key=f"answer-{question}").value == before.answers[question]
    assert at.query_params["resume"] == cur.code, "the address names the new draft"
    with Store(app_env) as store:
        copy, after = store.load_draft(cur.code), store.load_draft(old)
    assert copy is not None and after is not None
    assert (copy.answers, copy.notes, copy.targets) == (
        before.answers,
        before.notes,
        before.targets,
    )
    assert copy.organisation == before.organisation
    assert copy.respondent == before.respondent == Respondent(name="Siân Jones")
    assert copy.model_text == before.model_text
    assert after == before, "the finished one is untouched"

    # History lists the new one only once it is finished.
    open_page(at, "history")
    assert any(c.value.startswith("1 finished assessment") for c in at.caption)
    open_page(at, "finish")
    finish_now(at)
    open_page(at, "history")
    assert any(c.value.startswith("2 finished assessments") for c in at.caption)


# --- who is offered "Answer again" in shared mode -------------------------------------------
ORG = "Alpha Constabulary"
PEOPLE: dict[str, dict[str, Any]] = {
    "consultant": {"is_logged_in": True, "email": "consultant@example.org"},
    "other-consultant": {"is_logged_in": True, "email": "beta@example.org"},
    "viewer": {"is_logged_in": True, "email": "viewer@example.org"},
    "anonymous": {},
}
OFFERED = {"consultant"}


@pytest.fixture
def shared(tmp_path, monkeypatch) -> dict[str, str]:
    """Shared mode, one finished assessment of Alpha and one participant's of a workshop."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    monkeypatch.setenv("MATURITY_MODEL", str(model_path()))
    monkeypatch.setenv("MATURITY_MODE", "shared")
    model = load_model(model_path())
    text = model_path().read_text(encoding="utf-8")
    first = model.questions()[0][1]
    with Store(url) as store:
        code = store.start_draft(model, text, ORG)
        store.save_answer(code, first.id, first.options[0].id)
        store.complete(code)
        workshop = store.create_workshop(model, text, ORG, "Leadership workshop")
        joined = store.join_workshop(workshop.join, "Ana", "leadership")
        store.save_answer(joined, first.id, first.options[0].id)
        store.complete(joined)
        store.set_user("consultant@example.org", Role.CONSULTANT, [ORG])
        store.set_user("beta@example.org", Role.CONSULTANT, ["Beta Police Service"])
        store.set_user("viewer@example.org", Role.VIEWER, [ORG])
    return {"url": url, "finished": code, "participant": joined}


def results_of(person: str, code: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = dict(PEOPLE[person])
    at.query_params["resume"] = code
    return open_page(at, "results")


@pytest.mark.parametrize("person", list(PEOPLE))
def test_answer_again_is_offered_only_to_who_may_start_for_the_organisation(shared, person):
    at = results_of(person, shared["finished"])
    no_problems(at)
    assert title(at) == "Results"
    offered = any(b.key == "answer-again" for b in at.button)
    assert offered == (person in OFFERED), person


def test_answer_again_is_not_offered_for_a_participants_answers(shared):
    at = results_of("consultant", shared["participant"])
    no_problems(at)
    assert not any(b.key == "answer-again" for b in at.button)


def test_a_finished_assessments_pillar_page_points_to_answering_again(app_env):
    at = new_app()
    answered(at, pillars=1)
    open_page(at, "finish")
    finish_now(at)
    model = current_model(at)
    open_page(at, pillar_paths(model)[model.pillars[0].id])
    no_problems(at)
    said = " ".join(i.value for i in at.info)
    assert AGAIN_BUTTON in said and "Start a new assessment" not in said
