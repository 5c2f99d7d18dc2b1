"""Group assessments in the store, on SQLite and PostgreSQL: codes, joining, participants'
answers, agreed answers, closing into History and reopening, and 30 people answering at
once through the same store methods the app calls."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from conftest import FIXTURES
from sqlalchemy import text

from questionnaire.loader import load_model
from scoring.aggregate import Agreed
from store.repository import Store
from store.workshops import (
    JOIN_ALPHABET,
    JOIN_LENGTH,
    UnknownWorkshop,
    WorkshopClosed,
    shown_join_code,
)

TINY = FIXTURES / "tiny-model.yaml"


@pytest.fixture
def store(url):
    with Store(url) as s:
        yield s


@pytest.fixture
def tiny():
    return load_model(TINY), TINY.read_text(encoding="utf-8")


def test_codes_facilitator_128_bits_stored_hashed_join_code_short_and_readable(store, tiny):
    codes = store.create_workshop(*tiny, "Gwent Police", "COG workshop")
    assert len(codes.facilitator) >= 22
    assert len(codes.join) == JOIN_LENGTH and set(codes.join) <= set(JOIN_ALPHABET)
    with store.engine.connect() as conn:
        row = next(tuple(r) for r in conn.execute(text("SELECT * FROM workshops")))
    assert not any(codes.facilitator in str(v) for v in row)
    found = store.workshop_by_facilitator(codes.facilitator)
    assert found is not None and found.join_code == codes.join
    assert store.workshop_by_facilitator(codes.facilitator[:-1] + "x") is None
    # typed in any case, with the dash or spaces
    typed = shown_join_code(codes.join).lower().replace("-", " - ")
    joined = store.workshop_by_join(typed)
    assert joined is not None and joined.id == found.id


def test_a_participant_is_a_draft_with_its_own_resume_code(store, tiny):
    model, _ = tiny
    codes = store.create_workshop(*tiny, "Gwent Police", "Survey")
    resume = store.join_workshop(codes.join, "Siân", "frontline")
    draft = store.load_draft(resume)
    assert draft is not None and draft.workshop_id is not None
    assert draft.organisation == "Gwent Police" and draft.workshop_title == "Survey"
    # the group assessment's own model (here an uploaded one), whatever the default is
    assert draft.model == model and draft.model_text == tiny[1]
    assert draft.respondent is not None and draft.respondent.group == "frontline"
    question = model.pillars[0].questions[0]
    store.save_answer(resume, question.id, question.options[1].id)
    (p,) = store.participants(draft.workshop_id)
    assert p.name == "Siân" and p.answered == 1 and p.status == "draft"
    # Participants' answers are never listed in History on their own.
    store.complete(resume)
    assert store.organisations() == [] and store.assessments() == []


def test_an_anonymous_group_assessment_keeps_no_names(store, tiny):
    codes = store.create_workshop(*tiny, "Org", "Anon", anonymous=True)
    resume = store.join_workshop(codes.join, "Would Be Named", "leadership")
    draft = store.load_draft(resume)
    assert draft is not None and draft.respondent is not None
    assert draft.respondent.name is None and draft.respondent.group == "leadership"
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT respondent_name FROM assessments"))]
    assert names == [None]


def test_wrong_closed_and_past_date_codes_are_refused(store, tiny):
    with pytest.raises(UnknownWorkshop):
        store.join_workshop("AAAA-AAAA")
    with pytest.raises(UnknownWorkshop):
        store.join_workshop("short")
    codes = store.create_workshop(*tiny, "Org", "Dated", closes_on=dt.date(2026, 3, 1))
    store.join_workshop(codes.join, today=dt.date(2026, 3, 1))  # open on its closing day
    with pytest.raises(WorkshopClosed):
        store.join_workshop(codes.join, today=dt.date(2026, 3, 2))


def test_agreed_answers_are_checked_saved_and_cleared(store, tiny):
    model, _ = tiny
    codes = store.create_workshop(*tiny, "Org", "Agree")
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None
    q = model.pillars[0].questions[0]
    store.save_agreed(workshop.id, q.id, q.options[0].id, "we agreed", "frontline: 'not yet'")
    assert store.agreed(workshop.id) == {
        q.id: Agreed(q.options[0].id, "we agreed", "frontline: 'not yet'")
    }
    with pytest.raises(ValueError):
        store.save_agreed(workshop.id, q.id, "no-such-option")
    with pytest.raises(ValueError):
        store.save_agreed(workshop.id, "no-such-question", q.options[0].id)
    store.save_agreed(workshop.id, q.id, None)
    assert store.agreed(workshop.id) == {}


def test_closing_stores_one_group_assessment_for_history_and_reopening_removes_it(store, tiny):
    model, _ = tiny
    codes = store.create_workshop(*tiny, "Gwent Police", "Workshop")
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None
    with pytest.raises(Exception, match="nobody has answered"):
        store.close_workshop(workshop.id)
    for n, group in enumerate(("leadership", "frontline", "frontline")):
        resume = store.join_workshop(codes.join, f"P{n}", group)
        for _, question in model.questions():
            store.save_answer(resume, question.id, question.options[n % 2].id)
    assessment_id = store.close_workshop(workshop.id)
    stored = store.assessments("Gwent Police")
    assert [a.id for a in stored] == [assessment_id]
    assert stored[0].source == "group" and stored[0].participants == 3
    with pytest.raises(WorkshopClosed):
        store.join_workshop(codes.join)
    store.reopen_workshop(workshop.id)
    assert store.assessments("Gwent Police") == []
    again = store.workshop(workshop.id)
    assert again is not None and again.open
    again_id = store.close_workshop(workshop.id)
    (stored_again,) = store.assessments("Gwent Police")
    assert stored_again.id == again_id and stored_again.participants == 3


def test_thirty_participants_answering_at_once_lose_nothing(store, tiny, url):
    """30 threads, each one participant joining and answering every question with a note,
    through the store methods the app calls (one short transaction per answer)."""
    model, _ = tiny
    codes = store.create_workshop(*tiny, "Org", "Load")
    questions = [q for _, q in model.questions()]
    resumes: dict[int, str] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(30)

    def participant(n: int) -> None:
        try:
            resume = store.join_workshop(
                codes.join, f"P{n}", "frontline" if n % 2 else "leadership"
            )
            resumes[n] = resume
            start.wait(timeout=60)
            for k, question in enumerate(questions):
                store.save_answer(resume, question.id, question.options[(n + k) % 2].id)
                store.save_note(resume, question.id, f"note {n} {k}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    for n, resume in resumes.items():
        draft = store.load_draft(resume)
        assert draft is not None
        assert draft.answers == {q.id: q.options[(n + k) % 2].id for k, q in enumerate(questions)}
        assert draft.notes == {q.id: f"note {n} {k}" for k, q in enumerate(questions)}
    workshop = store.workshop_by_facilitator(codes.facilitator)
    assert workshop is not None and len(store.participants(workshop.id)) == 30
