"""Invariants of the scoring engine, on models and answers that hypothesis makes up."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.schema import Model, Responses
from scoring import score

weights = st.sampled_from([0, 0.5, 1, 1, 2, 3])
scores = st.integers(min_value=0, max_value=100)


@st.composite
def models(draw: st.DrawFn) -> Model:
    n_levels = draw(st.integers(1, 6))
    mins = sorted(draw(st.sets(st.integers(1, 100), min_size=n_levels - 1, max_size=n_levels - 1)))
    levels = [
        {"level": i + 1, "name": f"L{i + 1}", "min_score": m} for i, m in enumerate([0, *mins])
    ]
    pillars = []
    for p in range(draw(st.integers(1, 4))):
        questions = []
        for q in range(draw(st.integers(1, 4))):
            opts = draw(st.lists(scores, min_size=2, max_size=5))
            questions.append(
                {
                    "id": f"p{p}-q{q}",
                    "text": f"Question {p}.{q}?",
                    "weight": draw(weights),
                    "allow_na": draw(st.booleans()),
                    "options": [
                        {"id": f"o{i}", "label": f"Option {i}", "score": s, "next_step": "Act."}
                        for i, s in enumerate(opts)
                    ],
                }
            )
        pillars.append(
            {
                "id": f"p{p}",
                "name": f"Pillar {p}",
                "weight": draw(st.sampled_from([0.5, 1, 2])),
                "questions": questions,
                "next_steps": [{"levels": [lv["level"]], "text": "Advice."} for lv in levels],
            }
        )
    return Model.model_validate(
        {
            "id": "gen",
            "version": "1",
            "title": "Generated",
            "scale": {"levels": levels, "target_level": draw(st.integers(1, n_levels))},
            "pillars": pillars,
        }
    )


@st.composite
def assessments(draw: st.DrawFn) -> tuple[Model, Responses]:
    model = draw(models())
    answers = {}
    for _, q in model.questions():
        choices = [None, "unknown"] + [o.id for o in q.options] + (["na"] if q.allow_na else [])
        answer = draw(st.sampled_from(choices))
        if answer is not None:
            answers[q.id] = answer
    return model, Responses(model=model.id, answers=answers)


@given(assessments())
@settings(max_examples=200, deadline=None)
def test_every_score_stays_within_0_and_100(case: tuple[Model, Responses]):
    model, responses = case
    result = score(model, responses)
    for value in [result.overall.score] + [p.score for p in result.pillars]:
        assert value is None or 0 <= value <= 100
    for step in result.next_steps:
        assert step.uplift is None or 0 <= step.uplift <= 100


@given(assessments(), st.data())
@settings(max_examples=200, deadline=None)
def test_raising_one_answer_never_lowers_its_pillar(
    case: tuple[Model, Responses], data: st.DataObject
):
    model, responses = case
    pillar, question = data.draw(st.sampled_from(model.questions()))
    current = responses.answers.get(question.id)
    chosen = question.option(current) if current else None
    base = chosen.score if chosen else 0.0  # unknown, na and unanswered start from 0
    higher = [o for o in question.options if o.score >= base]
    if not higher:
        return
    raised = data.draw(st.sampled_from(higher))
    before = score(model, responses).pillar(pillar.id)
    after_responses = responses.model_copy(
        update={"answers": {**responses.answers, question.id: raised.id}}
    )
    after = score(model, after_responses).pillar(pillar.id)
    assert before is not None and after is not None
    if current not in (None, "na") and before.score is not None:
        # The same questions are scored before and after; only this one moved up.
        assert after.score is not None and after.score >= before.score - 1e-9


@given(assessments(), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_question_and_pillar_order_do_not_change_the_result(case: tuple[Model, Responses], rnd):
    model, responses = case
    data = model.model_dump()
    for pillar in data["pillars"]:
        rnd.shuffle(pillar["questions"])
    rnd.shuffle(data["pillars"])
    shuffled = Model.model_validate(data)
    a, b = score(model, responses), score(shuffled, responses)
    assert _close(a.overall.score, b.overall.score)
    assert a.overall.level == b.overall.level
    for p in a.pillars:
        q = b.pillar(p.id)
        assert q is not None and _close(p.score, q.score) and p.level == q.level


@given(assessments())
@settings(max_examples=150, deadline=None)
def test_uplift_is_the_overall_gain_of_moving_up_one_option(case: tuple[Model, Responses]):
    model, responses = case
    result = score(model, responses)
    for step in result.next_steps:
        if step.kind != "question" or step.question is None:
            continue
        question = model.question(step.question)
        assert question is not None
        current = question.option(responses.answers[step.question])
        assert current is not None
        higher = sorted(
            (o for o in question.options if o.score > current.score), key=lambda o: o.score
        )
        if not higher:
            assert step.uplift == 0
            continue
        moved = responses.model_copy(
            update={"answers": {**responses.answers, step.question: higher[0].id}}
        )
        gain = (score(model, moved).overall.score or 0) - (result.overall.score or 0)
        assert math.isclose(step.uplift or 0, gain, abs_tol=1e-9)


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9)
    )
