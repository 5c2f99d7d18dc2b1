"""A group assessment through the app (AppTest): a facilitator creates it, participants join
in their own sessions and answer, the live view shows them, an agreed answer is recorded
with dissent, closing puts the group's assessment in History, and a participant's session
never reaches the facilitator's view or another participant's answers."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from test_app_support import (
    APP,
    TIMEOUT,
    app_env,
    current_model,
    new_app,
    no_problems,
    open_page,
    title,
)

from store.repository import Store
from ui.pages import pillar_paths

__all__ = ["app_env"]
CREATE = "FormSubmitter:workshop-form-Create"


def create(title_text: str = "COG workshop", anonymous: bool = False):
    at = new_app(page="workshops")
    no_problems(at)
    at.text_input(key="workshop-organisation").input("Heddlu Prawf")
    at.text_input(key="workshop-title").input(title_text)
    if anonymous:
        at.toggle(key="workshop-anonymous").set_value(True)
    at.button(key=CREATE).click().run()
    no_problems(at)
    assert title(at) == "Facilitate"
    return at


def join_code(url: str) -> str:
    with Store(url) as store:
        (w,) = store.workshops()
        return w.join_code


def join(code: str, name: str, group: str):
    at = new_app({"join": code}, page="join")
    no_problems(at)
    if name:
        at.text_input(key="join-name").input(name)
    at.selectbox(key="join-group").set_value(group)
    at.button(key="FormSubmitter:join-form-Join and start").click().run()
    no_problems(at)
    assert at.session_state["current"].workshop_id is not None
    return at


def answer_all(at, position: int) -> None:
    model = current_model(at)
    paths = pillar_paths(model)
    for pillar in model.pillars:
        open_page(at, paths[pillar.id])
        for question in pillar.questions:
            options = question.options
            at.radio(key=f"answer-{question.id}").set_value(
                options[min(position, len(options) - 1)].id
            )
        at.run()
        no_problems(at)


def test_a_workshop_from_creation_to_history(app_env):
    facilitator = create()
    code = join_code(app_env)
    assert any(code[:4] in str(h.proto) for h in facilitator.get("html"))
    leader = join(code, "Alex Leader", "leadership")
    front = join(code, "Sam Front", "frontline")
    answer_all(leader, 3)
    answer_all(front, 0)
    facilitator.run()
    no_problems(facilitator)
    tables = "\n".join(str(t.value) for t in facilitator.table)
    assert "Alex Leader" in tables and "Sam Front" in tables
    assert "Leadership minus Frontline" in tables
    # Projector mode names nobody.
    facilitator.toggle(key="facilitate-projector").set_value(True).run()
    tables = "\n".join(str(t.value) for t in facilitator.table)
    assert "Alex Leader" not in tables and "Participant 1" in tables
    # Record an agreed answer with dissent on the first question offered (a disagreement).
    facilitator.session_state["facilitate-tab"] = "Agree answers"
    facilitator.run()
    question_id = facilitator.selectbox(key="agree-question").value
    model = current_model(leader)
    question = model.question(question_id)
    facilitator.selectbox(key=f"agree-answer-{question_id}").set_value(question.options[1].id)
    facilitator.text_area(key=f"agree-rationale-{question_id}").input("Policy exists in draft")
    facilitator.text_area(key=f"agree-dissent-{question_id}").input("Frontline: 'never seen it'")
    facilitator.button(key=f"FormSubmitter:agree-form-{question_id}-Save the agreed answer").click()
    facilitator.run()
    no_problems(facilitator)
    # the save reran the page: the Agree answers tab is still the one open
    assert facilitator.session_state["facilitate-tab"] == "Agree answers"
    assert any(s.value == "Saved." for s in facilitator.success)
    facilitator.session_state["facilitate-tab"] = "Close"
    facilitator.run()
    facilitator.button(key="workshop-close").click().run()
    no_problems(facilitator)
    assert any("in History" in s.value for s in facilitator.success)
    # The downloads are the workshop report: who took part, the dissent in their words.
    made = [
        facilitator.session_state[f"{b.key}-made"]
        for b in facilitator.download_button
        if f"{b.key}-made" in facilitator.session_state
    ]
    assert made and all(m[1] for m in made)
    report = made[0][0]
    assert report.section("participants") is not None and report.section("dissent") is not None
    assert "never seen it" in repr(report.section("dissent"))
    assert "Alex Leader" in repr(report.section("participants"))
    with Store(app_env) as store:
        (stored,) = store.assessments("Heddlu Prawf")
    assert stored.participants == 2 and stored.group is not None
    q = next(q for q in stored.group.questions if q.id == question_id)
    assert q.agreed is not None and q.agreed.dissent == "Frontline: 'never seen it'"
    history = open_page(new_app(), "history")
    no_problems(history)
    labels = [o for box in history.selectbox for o in box.options]
    assert any("group assessment of 2 participants" in str(o) for o in labels), labels


def test_a_participant_reaches_neither_the_facilitators_view_nor_the_others_answers(
    app_env, monkeypatch
):
    from store.access import Role

    monkeypatch.setenv("MATURITY_MODE", "shared")
    with Store(app_env) as store:
        store.set_user("lead@example.org", Role.CONSULTANT, ["Heddlu Prawf"])
    consultant = {"is_logged_in": True, "email": "lead@example.org"}
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = consultant
    open_page(at, "workshops")
    at.selectbox(key="workshop-organisation-choice").set_value("Heddlu Prawf")
    at.text_input(key="workshop-title").input("Survey")
    at.button(key=CREATE).click().run()
    no_problems(at)
    assert title(at) == "Facilitate"
    facilitator_code = next(
        c.value.split("facilitator code: ")[-1] for c in at.code if "facilitator" in c.value
    )
    code = join_code(app_env)
    first = join(code, "First Person", "frontline")
    answer_all(first, 2)
    first.text_area(key=f"note-{current_model(first).pillars[-1].questions[0].id}").input(
        "FIRST-NOTE-x1"
    ).run()
    second = join(code, "Second Person", "leadership")
    resume = second.query_params["resume"]
    for path in ("facilitate", "workshops", "history", "model", "users"):
        for query in ({"resume": resume}, {"resume": resume, "facilitator": facilitator_code}):
            other = new_app(query, page=path)
            drawn = "\n".join(
                [m.value for m in other.markdown] + [str(t.value) for t in other.table]
            )
            assert title(other) not in ("Facilitate", "Group assessments", "History"), path
            assert "First Person" not in drawn and "FIRST-NOTE-x1" not in drawn
    # The facilitator's link reaching someone signed in without the role opens nothing.
    stranger = AppTest.from_file(APP, default_timeout=TIMEOUT)
    stranger.user = {"is_logged_in": True, "email": "someone@example.org"}
    stranger.query_params["facilitator"] = facilitator_code
    open_page(stranger, "facilitate")
    assert title(stranger) != "Facilitate"
    # The consultant, signed in, opens it with the link.
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.user = consultant
    again.query_params["facilitator"] = facilitator_code
    open_page(again, "facilitate")
    assert title(again) == "Facilitate"
    assert "First Person" in "\n".join(str(t.value) for t in again.table)


def test_a_wrong_join_code_says_nothing_about_any_workshop(app_env):
    create()
    at = new_app({"join": "AAAA-AAAA"}, page="join")
    assert at.error and "No open group assessment has that join code" in at.error[0].value
