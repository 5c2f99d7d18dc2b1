"""`score` against hand-computed results on the two-pillar fixture model.

Each responses fixture under tests/fixtures/responses/ explains its arithmetic in a comment.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from questionnaire.loader import load_responses
from questionnaire.schema import Model, Responses
from scoring import result_to_dict, score
from scoring.present import shown as rounded

RESPONSES = Path(__file__).parent.parent / "fixtures" / "responses"
MODEL = str(Path(__file__).parent.parent / "fixtures" / "tiny-model.yaml")


def scored_json(name: str, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["score", str(RESPONSES / name), "--model", MODEL, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_weights_of_questions_and_pillars(capsys: pytest.CaptureFixture[str]):
    out = scored_json("tiny-weights.yaml", capsys)
    assert out["model"] == {"id": "tiny", "version": "1.0.0"}
    assert out["organisation"] == "Heddlu Dyfed-Powys"
    assert out["overall"] == {
        "score": 43.3,
        "level": 2,
        "level_name": "Growing",
        "capped": False,
        "uncapped_level": 2,
    }
    gov, data = out["pillars"]
    assert (gov["id"], gov["score"], gov["level"], gov["gap"]) == ("gov", 25.0, 2, 25.0)
    assert (data["id"], data["score"], data["level"], data["gap"]) == ("data", 80.0, 4, 0.0)
    assert data["coverage"] == 1.0 and data["unknown"] == 0 and data["na"] == 0
    assert [s["pillar"] for s in out["strengths"]] == ["data"]
    assert [(p["pillar"], p["gap"]) for p in out["priorities"]] == [("gov", 25.0)]
    assert [(s["pillar"], s["question"], s["text"], s["uplift"]) for s in out["next_steps"]] == [
        ("gov", None, "Set up an oversight board.", None),
        ("gov", "gov-review", "Start reviews.", 30.0),  # gov 25 -> 70, overall 43.3 -> 73.3
    ]
    assert out["flags"] == [
        {
            "kind": "flag",
            "message": "Data is running ahead of governance.",
            "pillars": ["data", "gov"],
        }
    ]


def test_na_and_missing_are_left_out_and_unknown_counts_as_zero(
    capsys: pytest.CaptureFixture[str],
):
    out = scored_json("tiny-na-unknown.json", capsys)
    gov, data = out["pillars"]
    # gov-review is "na": gov is gov-policy alone (50). Coverage counts na as answered.
    assert (gov["score"], gov["level"], gov["na"], gov["coverage"], gov["gap"]) == (
        50.0,
        3,
        1,
        1.0,
        0.0,
    )
    # data-quality is "unknown" (0); data-catalogue is missing. Target is level 2 (25).
    assert (data["score"], data["unknown"], data["coverage"]) == (0.0, 1, 0.5)
    assert (data["target_level"], data["gap"]) == (2, 25.0)
    assert out["overall"]["score"] == 33.3 and out["overall"]["level"] == 2
    assert out["knowledge_gaps"] == ["data-quality"]
    assert [(s["kind"], s["question"], s["uplift"]) for s in out["next_steps"]] == [
        ("pillar", None, None),
        ("unknown", "data-quality", 13.3),  # unknown -> fair (40): overall 33.3 -> 46.7
    ]
    assert out["next_steps"][1]["text"] == "Find out: How good is the data?"
    assert [s["pillar"] for s in out["strengths"]] == ["gov"]
    assert out["flags"] == []


def test_cap_limits_the_overall_level_and_says_so(capsys: pytest.CaptureFixture[str]):
    out = scored_json("tiny-capped.yaml", capsys)
    assert out["overall"]["score"] == 50.0
    assert out["overall"]["level"] == 2 and out["overall"]["level_name"] == "Growing"
    assert out["overall"]["capped"] is True and out["overall"]["uncapped_level"] == 3
    kinds = [(f["kind"], f["message"]) for f in out["flags"]]
    assert kinds == [
        ("cap", "Governance holds the overall level back."),
        ("flag", "Data is running ahead of governance."),
    ]


def test_relative_strength_when_every_pillar_is_below_target(capsys: pytest.CaptureFixture[str]):
    out = scored_json("tiny-all-behind.yaml", capsys)
    assert out["strengths"] == [
        {"pillar": "data", "reason": out["strengths"][0]["reason"], "relative": True}
    ]
    # gap x weight: gov 50 x 2 = 100 before data 10 x 1 = 10.
    assert [p["pillar"] for p in out["priorities"]] == ["gov", "data"]
    assert [(s["question"], s["uplift"]) for s in out["next_steps"]] == [
        (None, None),
        ("gov-review", 30.0),  # lowest score first; of equal scores, the heavier question
        ("gov-policy", 8.3),
        (None, None),
        ("data-quality", 13.3),
    ]


def test_nothing_answered_means_nothing_assessed(tiny_model: Model):
    result = score(tiny_model, Responses(model="tiny"))
    out = result_to_dict(result)
    assert out["overall"]["score"] is None and out["overall"]["level"] is None
    assert all(p["score"] is None and p["gap"] is None for p in out["pillars"])
    assert all(p["coverage"] == 0 for p in out["pillars"])
    assert out["strengths"] == out["priorities"] == out["next_steps"] == out["flags"] == []


def test_priorities_tie_on_gap_then_lower_score_then_model_order(tiny_model: Model):
    # Equal gap x weight (gov: 2 x 12.5 = 25; data: 1 x 25 = 25): the lower score comes first.
    answers = {"gov-policy": "draft", "gov-review": "sometimes", "data-quality": "unknown"}
    responses = Responses(model="tiny", answers=answers, targets={"gov": 4, "data": 2})
    result = score(tiny_model, responses)
    # gov = (50 + 180)/4 = 57.5, target 75, gap 17.5 x 2 = 35; data = 0, gap 25 x 1 = 25
    assert [p.pillar for p in result.priorities] == ["gov", "data"]
    responses = Responses(model="tiny", answers=answers, targets={"gov": 3, "data": 2})
    assert [p.pillar for p in score(tiny_model, responses).priorities] == ["data"]


def test_level_is_computed_before_rounding(tiny_model: Model):
    # gov-review 'sometimes' (60) alone at weight 3 with gov-policy 'none' (0) at weight 1:
    # gov = 180/4 = 45.0; a score of 24.96 would round to 25.0 but stay at level 1.
    result = score(tiny_model, Responses(model="tiny", answers={"data-quality": "poor"}))
    assert result.pillar("data").level == 1  # type: ignore[union-attr]
    assert tiny_model.level_for(24.96).level == 1
    assert rounded(24.96) == 25.0


def test_halves_round_up_in_json():
    assert rounded(31.25) == 31.3 and rounded(48.35) == 48.4 and rounded(0.04) == 0.0


def test_responses_are_checked_against_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "r.yaml"
    path.write_text(
        "model: tiny\n"
        "answers:\n"
        "  gov-polcy: draft\n"
        "  gov-policy: maybe\n"
        "  data-quality: na\n"
        "targets: {data: 9, culture: 2}\n",
        encoding="utf-8",
    )
    assert main(["score", str(path), "--model", MODEL]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:3:3: ") and "did you mean 'gov-policy'" in err[0]
    assert err[1].startswith(f"{path}:4:15: ") and "no option 'maybe'" in err[1]
    assert err[2].startswith(f"{path}:5:17: ") and "does not allow 'na'" in err[2]
    assert err[3].startswith(f"{path}:6:17: ") and "not a level" in err[3]
    assert err[4].startswith(f"{path}:6:20: ") and "not a pillar" in err[4]


def test_responses_for_another_model_are_refused(tmp_path: Path, tiny_model: Model):
    path = tmp_path / "r.json"
    path.write_text('{"model": "other", "answers": {}}', encoding="utf-8")
    from questionnaire.yamlio import InputError

    with pytest.raises(
        InputError, match=r"r.json:1:11: model: these answers are for model 'other'"
    ):
        load_responses(path, tiny_model)


def test_a_different_model_version_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "r.yaml"
    path.write_text(
        'model: tiny\nmodel_version: "0.9"\nanswers: {gov-policy: draft}\n', encoding="utf-8"
    )
    assert main(["score", str(path), "--model", MODEL]) == 0
    assert "warning: answers were given for version 0.9" in capsys.readouterr().err


def test_a_null_answer_is_the_same_as_leaving_the_question_out(tiny_model: Model):
    from questionnaire.loader import responses_from_text

    responses = responses_from_text(
        "model: tiny\nanswers: {gov-policy: draft, gov-review: null}\n", tiny_model
    )
    assert responses.answers == {"gov-policy": "draft"}
