"""Start here (`scoring.ranking`): hand-computed orders on the fixture models in
tests/fixtures/ranking/ (each file shows its arithmetic), properties on made-up models, and
the three bundled examples.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from scoring import RankedStep, ranked_steps, result_to_dict, score, start_here
from scoring.engine import weighted_mean
from scoring.ranking import steps_to_target
from scoring.result import Result

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ranking"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def scored(model_file: str, answers: dict[str, str], **targets: int) -> Result:
    model = load_model(FIXTURES / model_file)
    return score(model, Responses(model=model.id, answers=answers, targets=targets))


def order(steps: tuple[RankedStep, ...]) -> list[tuple[str | None, str]]:
    return [(r.step.question, r.effect) for r in steps]


# --- hand-computed orders ------------------------------------------------------------------


def test_a_move_that_lifts_the_cap_comes_before_a_bigger_gain():
    answers = {"gov-approval": "some", "gov-review": "some", "data-quality": "none"}
    result = scored("cap.yaml", {**answers, "ops-rota": "all"})
    assert result.overall.level == 1 and result.overall.capped
    # The engine's order, biggest gain first: data-quality 20.0, gov-approval 3.3, gov-review 0.8.
    assert [s.question for s in result.next_steps if s.question] == [
        "data-quality",
        "gov-approval",
        "gov-review",
    ]
    ranked = ranked_steps(result)
    assert order(ranked) == [
        ("gov-approval", "lifts-cap"),
        ("data-quality", "reaches-target"),
        ("gov-review", "uplift"),
    ]
    assert [r.reason for r in ranked] == [
        "Moving this answer up one option lifts the cap: Governance would reach level 2 "
        "(Growing), so the overall level would rise from level 1 (Starting) to level 2 (Growing).",
        "Moving this answer up one option brings Data up to its target, level 3 (Established).",
        "Moving this answer up one option adds 0.8 points overall.",
    ]
    assert ranked[1].steps_to_target == 0


def test_a_move_that_only_loosens_the_cap_says_what_still_holds_it():
    answers = {"gov-approval": "some", "gov-review": "some", "data-quality": "best"}
    result = scored("cap.yaml", {**answers, "ops-rota": "all"})
    ranked = ranked_steps(result)
    assert order(ranked) == [("gov-approval", "loosens-cap"), ("gov-review", "uplift")]
    assert ranked[0].reason == (
        "Moving this answer up one option loosens the cap: Governance would reach level 2 "
        "(Growing), so the overall level would rise from level 1 (Starting) to level 2 (Growing), "
        "though a cap still holds it below level 4 (Leading)."
    )


def test_fewer_steps_to_target_comes_first_whatever_the_priority_and_uplift():
    answers = {
        "alpha-one": "none",
        "alpha-two": "none",
        "alpha-three": "half",
        "beta-one": UNKNOWN,
        "beta-two": "some",
    }
    result = scored("targets.yaml", answers)
    assert [p.pillar for p in result.priorities] == ["alpha", "beta"]
    ranked = ranked_steps(result)
    assert order(ranked) == [
        ("beta-one", "crosses-level"),
        ("beta-two", "crosses-level"),
        ("alpha-one", "crosses-level"),
        ("alpha-two", "crosses-level"),
        ("alpha-three", "crosses-level"),
    ]
    assert [r.steps_to_target for r in ranked] == [2, 2, 3, 3, 3]
    assert [result_to_dict(result)["next_steps"][i]["uplift"] for i in (1, 4)] == [5.6, 4.2]
    assert ranked[0].reason == (
        "If this answer is found to be the lowest option worth any points, that takes Beta from "
        "level 1 (Starting) to level 2 (Growing), leaving it 2 steps from its target, "
        "level 3 (Established)."
    )
    assert ranked[2].reason == (
        "Moving this answer up one option takes Alpha from level 1 (Starting) to level 2 "
        "(Growing), leaving it 3 steps from its target, level 3 (Established)."
    )


def test_equal_uplifts_are_told_apart_by_the_level_rule():
    result = scored("levels.yaml", {"quality-checks": "basic", "people-training": "some"})
    assert [p.pillar for p in result.priorities] == ["quality", "people"]
    assert [s.uplift for s in result.next_steps if s.question] == [10.0, 10.0]
    ranked = ranked_steps(result)
    assert order(ranked) == [("people-training", "crosses-level"), ("quality-checks", "uplift")]
    assert [r.reason for r in ranked] == [
        "Moving this answer up one option takes People from level 2 (Growing) to level 3 "
        "(Established), leaving it 1 step from its target, level 4 (Leading).",
        "Moving this answer up one option adds 10.0 points overall.",
    ]


def test_ties_go_to_priority_then_the_weaker_answer_then_model_order():
    answers = {"first-a": "some", "first-b": "some", "second-a": "some", "second-b": "none"}
    result = scored("ties.yaml", answers)
    assert [p.pillar for p in result.priorities] == ["second", "first"]
    ranked = ranked_steps(result)
    assert order(ranked) == [
        ("second-b", "uplift"),
        ("second-a", "uplift"),
        ("first-a", "uplift"),
        ("first-b", "uplift"),
    ]
    assert {r.reason for r in ranked} == {
        "Moving this answer up one option adds 2.5 points overall."
    }


def test_steps_to_target_is_exact_not_greedy():
    result = scored("exact.yaml", {"small-then-big": "none", "steady": "none"})
    assert steps_to_target(result, result.pillars[0]) == 2
    result = scored("exact.yaml", {"small-then-big": "none", "steady": "none"}, mixed=3)
    assert steps_to_target(result, result.pillars[0]) == 4
    result = scored("exact.yaml", {"steady": "none"}, mixed=3)
    assert steps_to_target(result, result.pillars[0]) is None
    result = scored("exact.yaml", {"small-then-big": "all"})
    assert steps_to_target(result, result.pillars[0]) == 0


def test_start_here_is_the_first_of_the_ranking_and_goes_into_the_json():
    answers = {"gov-approval": "some", "gov-review": "some", "data-quality": "none"}
    result = scored("cap.yaml", {**answers, "ops-rota": "all"})
    assert start_here(result) == ranked_steps(result)
    assert start_here(result, limit=1) == ranked_steps(result)[:1]
    assert start_here(result, limit=0) == ()
    out = result_to_dict(result)
    assert out["start_here"][0] == {
        "pillar": "gov",
        "question": "gov-approval",
        "text": "Approve most tools.",
        "kind": "question",
        "effect": "lifts-cap",
        "reason": ranked_steps(result)[0].reason,
        "uplift": 3.3,
    }
    assert [s["question"] for s in out["start_here"]] == [
        "gov-approval",
        "data-quality",
        "gov-review",
    ]
    # An extension: every key the contract had is still there, unchanged.
    assert list(out) == [
        "model",
        "organisation",
        "assessed_on",
        "respondent",
        "overall",
        "pillars",
        "strengths",
        "priorities",
        "next_steps",
        "flags",
        "knowledge_gaps",
        "start_here",
        "answers",
    ]


def test_pillar_advice_is_not_ranked_and_nothing_answered_ranks_nothing():
    model = load_model(FIXTURES / "cap.yaml")
    assert ranked_steps(score(model, Responses(model=model.id))) == ()
    result = scored("cap.yaml", {"gov-approval": "all", "gov-review": "all"})
    assert all(r.step.kind in ("question", "unknown") for r in ranked_steps(result))


# --- the bundled examples --------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_start_here_is_not_model_order_for_the_examples(example: Path):
    model = load_model(DEFAULT_MODEL)
    result = score(model, load_responses(example, model))
    position = {q.id: i for i, (_, q) in enumerate(model.questions())}
    steps = [s for s in result.next_steps if s.kind in ("question", "unknown")]
    in_model_order = sorted(steps, key=lambda s: position[s.question or ""])
    assert [r.step for r in start_here(result)] != in_model_order[:3]


# --- properties ------------------------------------------------------------------------------

scores = st.integers(min_value=0, max_value=100)


@st.composite
def models(draw: st.DrawFn) -> Model:
    """Small models with caps, so every kind of effect turns up."""
    n_levels = draw(st.integers(2, 5))
    mins = sorted(draw(st.sets(st.integers(1, 100), min_size=n_levels - 1, max_size=n_levels - 1)))
    levels = [
        {"level": i + 1, "name": f"L{i + 1}", "min_score": m} for i, m in enumerate([0, *mins])
    ]
    pillars = []
    for p in range(draw(st.integers(1, 3))):
        questions = []
        for q in range(draw(st.integers(1, 4))):
            options = draw(st.lists(scores, min_size=2, max_size=4))
            questions.append(
                {
                    "id": f"p{p}-q{q}",
                    "text": f"Question {p}.{q}?",
                    "weight": draw(st.sampled_from([0, 0.5, 1, 1, 2])),
                    "allow_na": draw(st.booleans()),
                    "options": [
                        {"id": f"o{i}", "label": f"Option {i}", "score": s, "next_step": "Act."}
                        for i, s in enumerate(options)
                    ],
                }
            )
        pillars.append(
            {
                "id": f"p{p}",
                "name": f"Pillar {p}",
                "weight": draw(st.sampled_from([0.5, 1, 2])),
                "questions": questions,
            }
        )
    capped = draw(st.lists(st.sampled_from([p["id"] for p in pillars]), unique=True, max_size=2))
    rules = [
        {"kind": "cap", "pillar": p, "max_above": draw(st.sampled_from([0, 0, 1]))} for p in capped
    ]
    return Model.model_validate(
        {
            "id": "gen",
            "version": "1",
            "title": "Generated",
            "scale": {"levels": levels, "target_level": draw(st.integers(1, n_levels))},
            "pillars": pillars,
            "rules": rules,
        }
    )


@st.composite
def assessments(draw: st.DrawFn) -> tuple[Model, Responses]:
    model = draw(models())
    answers = {}
    for _, q in model.questions():
        choices = [None, UNKNOWN] + [o.id for o in q.options] + ([NA] if q.allow_na else [])
        answer = draw(st.sampled_from(choices))
        if answer is not None:
            answers[q.id] = answer
    targets = {
        p.id: draw(st.integers(1, len(model.scale.levels)))
        for p in model.pillars
        if draw(st.booleans())
    }
    return model, Responses(model=model.id, answers=answers, targets=targets)


@given(assessments(), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_the_ranking_is_a_deterministic_permutation_whatever_the_answer_order(
    case: tuple[Model, Responses], rnd
):
    model, responses = case
    result = score(model, responses)
    ranked = ranked_steps(result)
    expected = [s for s in result.next_steps if s.kind in ("question", "unknown")]
    assert Counter(r.step for r in ranked) == Counter(expected)
    assert len(ranked) == len(expected)
    assert ranked_steps(score(model, responses)) == ranked
    shuffled = list(responses.answers.items())
    rnd.shuffle(shuffled)
    again = responses.model_copy(update={"answers": dict(shuffled)})
    assert ranked_steps(score(model, again)) == ranked
    assert [r.key for r in ranked] == sorted(r.key for r in ranked)


@given(assessments())
@settings(max_examples=300, deadline=None)
def test_every_effect_holds_when_the_moved_answers_are_scored_in_full(
    case: tuple[Model, Responses],
):
    model, responses = case
    result = score(model, responses)
    priorities = {p.pillar for p in result.priorities}
    for ranked in ranked_steps(result):
        step = ranked.step
        question = model.question(step.question or "")
        assert question is not None
        answer = responses.answers[question.id]
        current = 0.0 if answer == UNKNOWN else question.option(answer).score  # type: ignore[union-attr]
        higher = sorted((o for o in question.options if o.score > current), key=lambda o: o.score)
        if not higher:
            assert ranked.effect == "uplift"
            continue
        moved = score(
            model,
            responses.model_copy(
                update={"answers": {**responses.answers, question.id: higher[0].id}}
            ),
        )
        was, now = result.pillar(step.pillar), moved.pillar(step.pillar)
        assert was is not None and now is not None
        rose = (
            result.overall.level is not None
            and moved.overall.level is not None
            and moved.overall.level > result.overall.level
        )
        held = any(f.kind == "cap" and step.pillar in f.pillars for f in result.flags)
        reached = step.pillar in priorities and now.gap == 0
        crossed = (
            step.pillar in priorities
            and was.level is not None
            and now.level is not None
            and now.level > was.level
        )
        if ranked.effect in ("lifts-cap", "loosens-cap"):
            assert rose and held and result.overall.capped
            assert moved.overall.capped == (ranked.effect == "loosens-cap")
        elif ranked.effect == "reaches-target":
            assert reached and not (rose and held)
        elif ranked.effect == "crosses-level":
            assert crossed and not reached and not (rose and held)
            assert ranked.steps_to_target == fewest_moves(moved, now.id)
        else:
            assert not (rose and held) and not reached and not crossed
            assert math.isclose(
                step.uplift or 0.0,
                (moved.overall.score or 0.0) - (result.overall.score or 0.0),
                abs_tol=1e-9,
            )


@given(assessments())
@settings(max_examples=150, deadline=None)
def test_steps_to_target_matches_a_search_of_every_sequence_of_moves(
    case: tuple[Model, Responses],
):
    model, responses = case
    result = score(model, responses)
    for pillar in result.pillars:
        assert steps_to_target(result, pillar) == fewest_moves(result, pillar.id)


def fewest_moves(result: Result, pillar_id: str) -> int | None:
    """Breadth-first search over one-option moves: the slow, obviously right answer."""
    pillar = result.pillar(pillar_id)
    assert pillar is not None
    if pillar.score is None:
        return None
    scored = [q for q in pillar.questions if q.score is not None and q.weight > 0]
    ladders = []
    for q in scored:
        question = result.model.question(q.id)
        assert question is not None
        ladders.append(sorted({o.score for o in question.options if o.score > (q.score or 0.0)}))

    def reached(state: tuple[float, ...]) -> bool:
        mean = weighted_mean((q.weight, s) for q, s in zip(scored, state, strict=True))
        return mean is not None and mean >= pillar.target_score

    frontier = {tuple(q.score or 0.0 for q in scored)}
    seen = set(frontier)
    moves = 0
    while frontier:
        if any(reached(state) for state in frontier):
            return moves
        following = set()
        for state in frontier:
            for i, ladder in enumerate(ladders):
                up = [s for s in ladder if s > state[i]]
                if up:
                    nxt = (*state[:i], up[0], *state[i + 1 :])
                    if nxt not in seen:
                        seen.add(nxt)
                        following.add(nxt)
        frontier = following
        moves += 1
    return None
