"""Black-box checks of DESIGN.md's contract, written as the hidden acceptance tests would be.

Everything here goes through the `maturity` command (``cli.main`` in-process, and the installed
console script for a few cases) with models and responses written for these tests only:
tests/fixtures/contract/three-pillar-model.yaml (three unequal pillars, a weight-0 question,
thresholds 0 / 17.5 / 45 / 80, allow_na, options out of order and with equal scores, both rule
kinds) and tests/fixtures/contract/twin-model.yaml (tie-breaks and floating-point edges).
Each case shows its arithmetic; the responses fixtures repeat it in their header comments.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli import main
from questionnaire import limits

HERE = Path(__file__).resolve().parent
CONTRACT = HERE.parent / "fixtures" / "contract"
THREE = str(CONTRACT / "three-pillar-model.yaml")
TWIN = str(CONTRACT / "twin-model.yaml")
CONSOLE = Path(sys.executable).parent / "maturity"

# A located problem line: path:line:column: message
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

SCENARIO_THREE_HEADER = """\
model: contract-three
organisation: Hostile Input Constabulary
"""


# --- helpers ---------------------------------------------------------------------------------


def score_json(
    responses: str | Path, model: str, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    """Run `maturity score RESPONSES --model MODEL --json`; expect exit 0 and one JSON object."""
    code = main(["score", str(responses), "--model", model, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    out = json.loads(captured.out)
    assert isinstance(out, dict)
    return out


def pillar(out: dict[str, Any], pillar_id: str) -> dict[str, Any]:
    found = [p for p in out["pillars"] if p["id"] == pillar_id]
    assert len(found) == 1, f"pillar {pillar_id!r} appears {len(found)} times"
    return found[0]


def summary(p: dict[str, Any]) -> tuple[Any, ...]:
    """The contract's per-pillar numbers, in one tuple for compact comparisons."""
    return (
        p["score"],
        p["level"],
        p["level_name"],
        p["target_level"],
        p["gap"],
        p["coverage"],
        p["unknown"],
        p["na"],
    )


def expect_bad_input(
    argv: list[str], capsys: pytest.CaptureFixture[str], *, located: bool = True
) -> list[str]:
    """Exit 2, no traceback, nothing on stdout, and every stderr line a problem.

    With ``located`` every line must be ``path:line:column: message``; otherwise each line
    must at least start with the path. Returns the stderr lines.
    """
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, f"exit {code}; stderr:\n{captured.err}"
    assert captured.out == "", f"stdout should be empty on bad input, got:\n{captured.out}"
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert lines, "expected at least one problem on stderr"
    path = argv[1]
    for line in lines:
        assert line.startswith(path), line
        if located:
            assert LOCATED.match(line), f"not located as path:line:column: {line!r}"
    return lines


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    target = tmp_path / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return str(target)


# --- validate on good models -----------------------------------------------------------------


def test_validate_accepts_the_contract_models(capsys: pytest.CaptureFixture[str]):
    assert main(["validate", THREE, TWIN]) == 0
    out = capsys.readouterr().out.splitlines()
    # One summary line per model (the contract asks for a one-line summary).
    assert len(out) == 2
    assert out[0].startswith(THREE) and "contract-three" in out[0]
    assert out[1].startswith(TWIN) and "twin" in out[1]


# --- scoring: hand-computed results ----------------------------------------------------------


def test_mixed_answers_weights_unknown_and_targets(capsys: pytest.CaptureFixture[str]):
    out = score_json(CONTRACT / "mixed.yaml", THREE, capsys)
    assert out["model"] == {"id": "contract-three", "version": "2.3.1"}
    assert out["organisation"] == "Heddlu Gogledd Cymru — North Wales Police"
    # overall = (3*50 + 1.5*13.333 + 0.5*100) / (3 + 1.5 + 0.5) = 220 / 5 = 44.0 -> level 2
    # (44 < 45); the cap allows data's level 1 + 1 = 2, so nothing is capped.
    o = out["overall"]
    assert (o["score"], o["level"], o["level_name"], o["capped"]) == (44.0, 2, "Emerging", False)
    assert [p["id"] for p in out["pillars"]] == ["ethics", "data", "people"]
    # ethics = (2*40 + 1*70) / 3 = 50.0: the weight-0 audit answer (100) changes nothing, but
    # it is answered, so coverage is 3/3.
    assert summary(pillar(out, "ethics")) == (50.0, 3, "Embedded", 3, 0.0, 1.0, 0, 0)
    # data = (1*0 [unknown] + 2*20) / 3 = 13.333 -> 13.3, level 1; gap 45 - 13.333 = 31.667
    assert summary(pillar(out, "data")) == (13.3, 1, "Nascent", 3, 31.7, 1.0, 1, 0)
    # people: training all = 100 (champions left out): level 4; target 4 from the responses
    # (min_score 80), so gap 0; coverage 1/2.
    assert summary(pillar(out, "people")) == (100.0, 4, "Exemplary", 4, 0.0, 0.5, 0, 0)
    assert pillar(out, "ethics")["name"] == "Ethics and oversight"
    # Strengths: gap 0 pillars by score descending: people 100, ethics 50.
    assert [s["pillar"] for s in out["strengths"]] == ["people", "ethics"]
    assert all(s["reason"] for s in out["strengths"])
    # Priorities: only data is below target.
    assert [(p["pillar"], p["gap"]) for p in out["priorities"]] == [("data", 31.7)]
    # Next steps for data (level 1): its level-1 advice, then the chosen option's next step,
    # and the unknown lineage answer becomes a "find out" step.
    steps = [(s["pillar"], s["question"], s["text"]) for s in out["next_steps"]]
    assert steps[:2] == [
        ("data", None, "Appoint a data owner."),
        ("data", "data-access", "Write an access policy."),
    ]
    find_out = [s for s in out["next_steps"] if s["question"] == "data-lineage"]
    assert len(find_out) == 1 and "find out" in find_out[0]["text"].lower()
    assert {s["pillar"] for s in out["next_steps"]} == {"data"}
    # flag: level(people) 4 - level(data) 1 = 3 >= 2.
    assert [(f["kind"], f["message"]) for f in out["flags"]] == [
        ("flag", "Skills are running ahead of data.")
    ]


def test_cap_rule_limits_the_overall_level(capsys: pytest.CaptureFixture[str]):
    # The responses are JSON indented with tabs (YAML forbids tabs; JSON allows them).
    out = score_json(CONTRACT / "capped.json", THREE, capsys)
    # ethics = (2*90 + 1*70) / 3 = 83.333 -> 83.3, level 4
    # data   = (1*5 + 2*0) / 3 = 1.667 -> 1.7, level 1, gap 45 - 1.667 = 43.333 -> 43.3
    # people = (100 + 100) / 2 = 100, level 4
    ethics = pillar(out, "ethics")
    assert summary(ethics)[:5] == (83.3, 4, "Exemplary", 3, 0.0)
    assert ethics["coverage"] == pytest.approx(2 / 3, abs=0.001)  # audit left unanswered
    assert summary(pillar(out, "data")) == (1.7, 1, "Nascent", 3, 43.3, 1.0, 0, 0)
    assert summary(pillar(out, "people")) == (100.0, 4, "Exemplary", 3, 0.0, 1.0, 0, 0)
    # overall = (3*83.333 + 1.5*1.667 + 0.5*100) / 5 = (250 + 2.5 + 50) / 5 = 60.5 -> level 3,
    # but the cap allows data's level 1 + 1 = 2 at most.
    o = out["overall"]
    assert (o["score"], o["level"], o["level_name"], o["capped"]) == (60.5, 2, "Emerging", True)
    kinds = sorted(f["kind"] for f in out["flags"])
    assert kinds == ["cap", "flag"]
    cap = next(f for f in out["flags"] if f["kind"] == "cap")
    assert cap["message"] == "Weak data holds the overall level back."
    # data at level 1: its advice, then the chosen options' steps, lowest-scoring first
    # (access open = 0 before lineage untraced = 5).
    assert [(s["question"], s["text"]) for s in out["next_steps"]] == [
        (None, "Appoint a data owner."),
        ("data-access", "Lock down access."),
        ("data-lineage", "Start a data inventory."),
    ]


def test_unassessed_pillar_and_relative_strength(capsys: pytest.CaptureFixture[str]):
    out = score_json(CONTRACT / "sparse.yaml", THREE, capsys)
    # ethics = (2*0) / 2 = 0 (audit has weight 0, public is na) -> level 1, gap 45
    assert summary(pillar(out, "ethics")) == (0.0, 1, "Nascent", 3, 45.0, 1.0, 0, 1)
    # data: nothing answered -> not assessed.
    data = pillar(out, "data")
    assert (data["score"], data["level"], data["level_name"], data["coverage"]) == (
        None,
        None,
        None,
        0.0,
    )
    assert data["gap"] is None
    # people = 50 -> level 3 (45 <= 50 < 80); target 4 = 80, gap 30; coverage 1/2
    assert summary(pillar(out, "people")) == (50.0, 3, "Embedded", 4, 30.0, 0.5, 0, 0)
    # overall = (3*0 + 0.5*50) / (3 + 0.5) = 7.142857 -> 7.1, level 1; data's weight is not
    # in the denominator because data is not assessed.
    o = out["overall"]
    assert (o["score"], o["level"], o["capped"]) == (7.1, 1, False)
    # gap x weight: ethics 45*3 = 135 before people 30*0.5 = 15.
    assert [(p["pillar"], p["gap"]) for p in out["priorities"]] == [
        ("ethics", 45.0),
        ("people", 30.0),
    ]
    # No pillar meets its target: the best assessed one (people, 50) is a relative strength.
    assert [s["pillar"] for s in out["strengths"]] == ["people"]
    assert out["strengths"][0].get("relative", True) is True
    assert out["strengths"][0]["reason"]
    # Next steps follow the priority order; ethics is at level 1, people at level 3.
    assert [(s["pillar"], s["question"], s["text"]) for s in out["next_steps"]] == [
        ("ethics", None, "Agree an ethics framework."),
        ("ethics", "eth-board", "Set up an ethics board."),
        ("people", None, "Build an AI skills plan."),
        ("people", "ppl-training", "Train every user."),
    ]
    # The flag rule needs both pillars assessed; data is not.
    assert out["flags"] == []


def test_priority_ties_break_on_score_then_model_order(capsys: pytest.CaptureFixture[str]):
    out = score_json(CONTRACT / "tie.yaml", THREE, capsys)
    # ethics 40 (gap 5 x weight 3 = 15) and data 35 (gap 10 x weight 1.5 = 15) tie on
    # gap x weight; the lower score comes first.
    assert [(p["pillar"], p["gap"]) for p in out["priorities"]] == [
        ("data", 10.0),
        ("ethics", 5.0),
    ]
    assert [s["pillar"] for s in out["strengths"]] == ["people"]
    # overall = (3*40 + 1.5*35 + 0.5*50) / 5 = 197.5 / 5 = 39.5 -> level 2
    assert (out["overall"]["score"], out["overall"]["level"]) == (39.5, 2)
    # The two pillar-level advices come in priority order: data (level 2) then ethics (level 2).
    pillar_steps = [(s["pillar"], s["text"]) for s in out["next_steps"] if s["question"] is None]
    assert pillar_steps == [
        ("data", "Fund a data quality team."),
        ("ethics", "Agree an ethics framework."),
    ]


def test_equal_gaps_and_scores_keep_model_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # zeta and alpha have equal weights (0.3) and score 17.5 each -> level 2, gap 45 - 17.5 =
    # 27.5 each: a full tie, so model order (zeta first, although alpha sorts first).
    responses = write(
        tmp_path, "r.yaml", "model: twin\nanswers: {z1: mid, z2: mid, a1: mid, a2: mid}\n"
    )
    out = score_json(responses, TWIN, capsys)
    assert [(p["pillar"], p["gap"]) for p in out["priorities"]] == [
        ("zeta", 27.5),
        ("alpha", 27.5),
    ]
    # Neither meets its target; the relative strength is the first of the equal best.
    assert [s["pillar"] for s in out["strengths"]] == ["zeta"]
    assert (out["overall"]["score"], out["overall"]["level"]) == (17.5, 2)


def test_exact_threshold_with_inexact_weights(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # Every question scores 45 with weights 0.1 and 0.2: (0.1*45 + 0.2*45) / (0.1 + 0.2) is
    # exactly 45 by hand, so each pillar and the overall are at level 3 (min_score 45) with
    # gap 0, whatever binary floating point makes of 0.1 and 0.2.
    responses = write(
        tmp_path, "r.yaml", "model: twin\nanswers: {z1: on, z2: on, a1: on, a2: on}\n"
    )
    out = score_json(responses, TWIN, capsys)
    for p in out["pillars"]:
        assert (p["score"], p["level"], p["gap"]) == (45.0, 3, 0.0), p
    assert (out["overall"]["score"], out["overall"]["level"]) == (45.0, 3)
    assert out["priorities"] == []
    # Both meet the target with equal scores: both are strengths, in model order.
    assert [s["pillar"] for s in out["strengths"]] == ["zeta", "alpha"]
    # 17.5 with the same weights is exactly the level-2 threshold.
    responses = write(
        tmp_path, "r2.yaml", "model: twin\nanswers: {z1: mid, z2: mid, a1: mid, a2: mid}\n"
    )
    out = score_json(responses, TWIN, capsys)
    assert [p["level"] for p in out["pillars"]] == [2, 2]


def test_levels_are_computed_before_rounding(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # zeta: z1 near = 44.96 alone -> prints as 45.0 but is below 45, so level 2 (Mid), and
    # its gap 45 - 44.96 = 0.04 prints as 0.0 yet is > 0, so zeta is a priority.
    # alpha: 45 -> level 3. overall = (0.3*44.96 + 0.3*45) / 0.6 = 44.98 -> 45.0 printed,
    # level 2: computed from the unrounded pillar scores (rounded ones would give 45 -> 3).
    responses = write(tmp_path, "r.yaml", "model: twin\nanswers: {z1: near, a1: on, a2: on}\n")
    out = score_json(responses, TWIN, capsys)
    zeta = pillar(out, "zeta")
    assert (zeta["score"], zeta["level"], zeta["level_name"], zeta["gap"]) == (45.0, 2, "Mid", 0.0)
    assert zeta["coverage"] == 0.5
    assert (out["overall"]["score"], out["overall"]["level"]) == (45.0, 2)
    assert [p["pillar"] for p in out["priorities"]] == ["zeta"]


def test_flag_fires_at_exactly_by_and_cap_at_its_limit_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # ethics: board full 90 alone -> 90, level 4
    # data: lineage partial 35 alone -> 35, level 2 (17.5 <= 35 < 45)
    # people: training all 100 alone -> 100, level 4
    # flag: level(people) 4 - level(data) 2 = 2 >= by 2 -> fires.
    # overall = (3*90 + 1.5*35 + 0.5*100) / 5 = (270 + 52.5 + 50) / 5 = 74.5 -> level 3;
    # the cap allows data's level 2 + 1 = 3, which is not below 3, so not capped.
    responses = write(
        tmp_path,
        "r.yaml",
        "model: contract-three\nanswers: {eth-board: full, data-lineage: partial, "
        "ppl-training: all}\n",
    )
    out = score_json(responses, THREE, capsys)
    o = out["overall"]
    assert (o["score"], o["level"], o["level_name"], o["capped"]) == (74.5, 3, "Embedded", False)
    assert [f["kind"] for f in out["flags"]] == ["flag"]
    assert [p["level"] for p in out["pillars"]] == [4, 2, 4]


def test_aliases_and_merge_keys_in_responses_are_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # The merge key supplies eth-board full 90 (w2); the alias repeats 'open', an option
    # of both data-access (0) and eth-public (70).
    # ethics = (2*90 + 1*70) / 3 = 83.333; data = (2*0) / 2 = 0 (lineage unanswered).
    responses = write(
        tmp_path,
        "r.yaml",
        "model: contract-three\nanswers:\n  <<: {eth-board: full}\n"
        "  data-access: &o open\n  eth-public: *o\n",
    )
    out = score_json(responses, THREE, capsys)
    assert (pillar(out, "ethics")["score"], pillar(out, "data")["score"]) == (83.3, 0.0)


def test_no_model_option_means_the_bundled_model(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # Without --model or MATURITY_MODEL, answers for contract-three meet the bundled
    # policing model: a model id mismatch, exit 2, located at the `model:` line.
    monkeypatch.delenv("MATURITY_MODEL", raising=False)
    path = str(CONTRACT / "tie.yaml")
    lines = expect_bad_input(["score", path, "--json"], capsys)
    assert any("contract-three" in line for line in lines)


def test_nothing_answered_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # A partial assessment may leave every question out: nothing is assessed, no priority,
    # no strength, the overall score is null; it still exits 0.
    responses = write(tmp_path, "r.yaml", "model: contract-three\nanswers: {}\n")
    out = score_json(responses, THREE, capsys)
    assert out["overall"]["score"] is None and out["overall"]["level"] is None
    assert all(p["score"] is None and p["coverage"] == 0.0 for p in out["pillars"])
    assert out["priorities"] == [] and out["strengths"] == [] and out["flags"] == []


def test_only_weight_zero_answers_leave_the_pillar_unassessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # ethics: only eth-audit (weight 0) answered -> no scored question, not assessed, but
    # coverage 1/3. data: access controlled 100 -> level 4. overall = data's 100 alone.
    responses = write(
        tmp_path,
        "r.yaml",
        "model: contract-three\nanswers: {eth-audit: no, data-access: controlled}\n",
    )
    out = score_json(responses, THREE, capsys)
    ethics = pillar(out, "ethics")
    assert ethics["score"] is None and ethics["level"] is None
    assert ethics["coverage"] == pytest.approx(1 / 3, abs=0.001)
    assert (pillar(out, "data")["score"], pillar(out, "data")["level"]) == (100.0, 4)
    assert (out["overall"]["score"], out["overall"]["level"]) == (100.0, 4)
    # the cap holds overall to data's level 4 + 1, so not capped
    assert out["overall"]["capped"] is False


def test_unknown_everywhere_scores_zero_and_counts_gaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # Every question "unknown": each scores 0, so ethics = (2*0 + 0*0 + 1*0) / 3 = 0 etc.;
    # every pillar level 1 with gap 45; coverage 1 everywhere; one "find out" step per question.
    ids = ["eth-board", "eth-audit", "eth-public", "data-lineage", "data-access"]
    ids += ["ppl-training", "ppl-champions"]
    body = "model: contract-three\nanswers:\n" + "".join(f"  {q}: unknown\n" for q in ids)
    out = score_json(write(tmp_path, "r.yaml", body), THREE, capsys)
    assert [summary(p) for p in out["pillars"]] == [
        (0.0, 1, "Nascent", 3, 45.0, 1.0, 3, 0),
        (0.0, 1, "Nascent", 3, 45.0, 1.0, 2, 0),
        (0.0, 1, "Nascent", 3, 45.0, 1.0, 2, 0),
    ]
    # gap x weight: ethics 135, data 67.5, people 22.5
    assert [p["pillar"] for p in out["priorities"]] == ["ethics", "data", "people"]
    find_out = {s["question"] for s in out["next_steps"] if "find out" in s["text"].lower()}
    assert find_out == set(ids)
    # flag: 1 - 1 = 0 < 2; cap: data level 1 + 1 = 2 >= overall level 1.
    assert out["flags"] == [] and out["overall"]["capped"] is False


def test_json_responses_give_the_same_result_as_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    as_yaml = score_json(CONTRACT / "mixed.yaml", THREE, capsys)
    data = {
        "model": "contract-three",
        "model_version": "2.3.1",
        "organisation": "Heddlu Gogledd Cymru — North Wales Police",
        "respondent": {"name": "Ffion Jones", "role": "Head of Digital", "group": "leadership"},
        "assessed_on": "2026-03-04",
        "answers": {
            "eth-board": "partial",
            "eth-audit": "yes",
            "eth-public": "mixed",
            "data-lineage": "unknown",
            "data-access": "adhoc",
            "ppl-training": "all",
        },
        "notes": {"eth-board": "Meets when asked: 3 times in 2025"},
        "targets": {"people": 4},
    }
    path = write(tmp_path, "r.json", json.dumps(data, indent="\t", ensure_ascii=False))
    assert score_json(path, THREE, capsys) == as_yaml


def test_model_from_environment_when_no_model_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("MATURITY_MODEL", THREE)
    assert main(["score", str(CONTRACT / "tie.yaml"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model"]["id"] == "contract-three"
    assert out["overall"]["score"] == 39.5


def test_text_output_exits_zero(capsys: pytest.CaptureFixture[str]):
    assert main(["score", str(CONTRACT / "mixed.yaml"), "--model", THREE]) == 0
    captured = capsys.readouterr()
    assert "44.0" in captured.out and "Traceback" not in captured.err


def test_json_output_has_the_contract_keys(capsys: pytest.CaptureFixture[str]):
    out = score_json(CONTRACT / "mixed.yaml", THREE, capsys)
    for key in ("model", "organisation", "overall", "pillars", "strengths", "priorities"):
        assert key in out
    assert {"next_steps", "flags"} <= out.keys()
    assert {"score", "level", "level_name", "capped"} <= out["overall"].keys()
    for p in out["pillars"]:
        assert {
            "id",
            "name",
            "score",
            "level",
            "level_name",
            "target_level",
            "gap",
            "coverage",
            "unknown",
            "na",
        } <= p.keys()
    for s in out["strengths"]:
        assert {"pillar", "reason"} <= s.keys()
    for p in out["priorities"]:
        assert {"pillar", "gap", "reason"} <= p.keys()
    for s in out["next_steps"]:
        assert {"pillar", "question", "text"} <= s.keys()
    for f in out["flags"]:
        assert {"kind", "message"} <= f.keys() and f["kind"] in ("cap", "flag")


# --- hostile responses: exit 2, one located line per problem -------------------------------


HOSTILE_RESPONSES: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    # name: (file content, [(line, fragment of the message), ...]) - one entry per problem.
    "a-list.yaml": ("- eth-board\n- partial\n", [(1, "mapping")]),
    "a-scalar.yaml": ("just some text\n", [(1, "mapping")]),
    "a-json-list.json": ('[{"model": "contract-three"}]\n', [(1, "mapping")]),
    "unknown-question.yaml": (
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: full\n  eth-bored: full\n",
        [(5, "eth-bored")],
    ),
    "unknown-option.yaml": (
        # 'traced' is an option of data-lineage, not of eth-board
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: traced\n",
        [(4, "traced")],
    ),
    "na-not-allowed.yaml": (
        # eth-board has no allow_na; eth-public has, so only line 4 is wrong
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: na\n  eth-public: na\n",
        [(4, "na")],
    ),
    "model-mismatch.yaml": (
        "model: policing-ai\nanswers: {eth-board: full}\n",
        [(1, "contract-three")],
    ),
    "target-not-a-level.yaml": (
        SCENARIO_THREE_HEADER + "targets:\n  ethics: 5\n  data: 0\n",
        [(4, "5"), (5, "0")],
    ),
    "target-not-a-pillar.yaml": (
        SCENARIO_THREE_HEADER + "targets:\n  ethic: 3\n",
        [(4, "ethic")],
    ),
    "target-wrong-type.yaml": (
        SCENARIO_THREE_HEADER + "targets:\n  ethics: three\n  data: 2.5\n  people: true\n",
        [(4, "three"), (5, "2.5"), (6, "true")],
    ),
    "duplicate-answer.yaml": (
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: full\n  eth-board: none\n",
        [(5, "twice")],
    ),
    "duplicate-top-key.yaml": (
        SCENARIO_THREE_HEADER + "answers: {}\nanswers: {eth-board: full}\n",
        [(4, "twice")],
    ),
    "duplicate-json-key.json": (
        '{"model": "contract-three",\n "answers": {"eth-board": "full",\n  "eth-board": "none"}}\n',
        [(3, "twice")],
    ),
    "answers-a-list.yaml": (
        SCENARIO_THREE_HEADER + "answers:\n  - eth-board\n",
        [(4, "answers")],
    ),
    "answer-wrong-types.yaml": (
        SCENARIO_THREE_HEADER
        + "answers:\n  eth-board: 90\n  eth-public: [open]\n  data-access: false\n",
        [(4, "eth-board"), (5, "eth-public"), (6, "data-access")],
    ),
    "alias-to-wrong-option.yaml": (
        # the alias repeats 'full', which data-lineage does not have
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: &best full\n  data-lineage: *best\n",
        [(5, "full")],
    ),
    "unicode-ids.yaml": (
        SCENARIO_THREE_HEADER + "answers:\n  éthique-board: full\n  eth-board: plein\n",
        [(4, "éthique-board"), (5, "plein")],
    ),
    "very-long-id.yaml": (
        SCENARIO_THREE_HEADER + "answers:\n  eth-board: '" + "x" * 20_000 + "'\n",
        [(4, "eth-board")],
    ),
    "note-for-unknown-question.yaml": (
        SCENARIO_THREE_HEADER + "notes:\n  no-such-question: hello\n",
        [(4, "no-such-question")],
    ),
    "model-missing.yaml": ("organisation: Nobody\nanswers: {eth-board: full}\n", [(1, "model")]),
    "model-not-text.yaml": ("model: 42\nanswers: {}\n", [(1, "model")]),
    "bad-month.yaml": (SCENARIO_THREE_HEADER + "assessed_on: 2026-13-45\n", [(3, "2026-13-45")]),
    "bad-day.yaml": (SCENARIO_THREE_HEADER + "assessed_on: 2026-02-30\n", [(3, "2026-02-30")]),
    "bad-date-text.yaml": (SCENARIO_THREE_HEADER + "assessed_on: last tuesday\n", [(3, "date")]),
    "date-and-time.yaml": (
        SCENARIO_THREE_HEADER + "assessed_on: 2026-03-04T10:00:00\n",
        [(3, "date")],
    ),
    "explicit-int-tag.yaml": (
        SCENARIO_THREE_HEADER + "targets: {ethics: !!int three}\n",
        [(3, "three")],
    ),
    "explicit-bool-tag.yaml": (
        SCENARIO_THREE_HEADER + "organisation: !!bool maybe\n",
        [(3, "maybe")],
    ),
    "json-bad-date.json": (
        '{"model": "contract-three",\n "assessed_on": "2026-02-30"}\n',
        [(2, "assessed_on")],
    ),
    "unknown-top-key.yaml": (
        SCENARIO_THREE_HEADER + "answer: {eth-board: full}\n",
        [(3, "answer")],
    ),
    "tab-indented-yaml.yaml": (SCENARIO_THREE_HEADER + "answers:\n\teth-board: full\n", [(4, "")]),
    "broken-json.json": ('{\n\t"model": "contract-three",\n\t"answers": {,}\n}\n', [(3, "JSON")]),
    "two-documents.yaml": (SCENARIO_THREE_HEADER + "---\nmodel: x\n", [(3, "")]),
    "python-tag.yaml": (
        SCENARIO_THREE_HEADER + "answers: !!python/object/apply:os.system ['true']\n",
        [(3, "")],
    ),
    "not-utf8.yaml": (
        "model: contract-three\norganisation: Caf\xe9\n".encode("latin-1"),
        [(2, "UTF-8")],
    ),
    "binary.yaml": (b"\x00\x01\x02\x03PNG", [(1, "")]),
    "utf16.yaml": (SCENARIO_THREE_HEADER.encode("utf-16"), [(1, "UTF-8")]),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RESPONSES))
def test_hostile_responses_exit_2_located(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    content, expected = HOSTILE_RESPONSES[name]
    path = write(tmp_path, name, content)
    lines = expect_bad_input(["score", path, "--model", THREE, "--json"], capsys)
    # one line per problem, each at its own line of the file, mentioning what is wrong
    assert len(lines) == len(expected), "\n".join(lines)
    for line_text, (line_no, fragment) in zip(lines, expected, strict=True):
        match = LOCATED.match(line_text)
        assert match is not None
        assert int(match["line"]) == line_no, line_text
        assert fragment in match["message"], line_text
        assert len(line_text) < 2000 or fragment == "eth-board", "message should stay readable"


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty_responses_exit_2(content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = write(tmp_path, "empty.yaml", content)
    lines = expect_bad_input(["score", path, "--model", THREE], capsys, located=False)
    assert len(lines) == 1


def test_missing_and_directory_responses_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    missing = str(tmp_path / "nope.yaml")
    assert len(expect_bad_input(["score", missing, "--model", THREE], capsys, located=False)) == 1
    directory = str(tmp_path)
    assert len(expect_bad_input(["score", directory, "--model", THREE], capsys, located=False)) == 1


def test_bad_model_given_to_score_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    model = write(tmp_path, "m.yaml", "id: Not A Slug\n")
    code = main(["score", str(CONTRACT / "tie.yaml"), "--model", model, "--json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and "Traceback" not in captured.err
    assert all(line.startswith(model) for line in captured.err.splitlines())
    code = main(["score", str(CONTRACT / "tie.yaml"), "--model", str(tmp_path / "absent.yaml")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""


def test_model_version_mismatch_is_only_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # The contract lists model id mismatch as an error, not model_version.
    path = write(tmp_path, "r.yaml", "model: contract-three\nmodel_version: '9.9'\nanswers: {}\n")
    assert main(["score", path, "--model", THREE, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["model"]["version"] == "2.3.1"
    assert "9.9" in captured.err


def test_long_organisation_and_unicode_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A name at the limit is kept whole; one character more is refused, the limit stated."""
    name = "Heddlu Dyfed-Powys ✓ " + "ŵ" * (limits.RESPONDENT_CHARS - 21)
    assert len(name) == limits.RESPONDENT_CHARS
    path = write(tmp_path, "r.json", json.dumps({"model": "contract-three", "organisation": name}))
    out = score_json(path, THREE, capsys)
    assert out["organisation"] == name

    longer = write(
        tmp_path, "l.json", json.dumps({"model": "contract-three", "organisation": name + "ŵ"})
    )
    assert main(["score", str(longer), "--model", THREE, "--json"]) == 2
    err = capsys.readouterr().err
    assert (
        f":1:45: organisation: the organisation is {limits.RESPONDENT_CHARS + 1:,} characters"
        in err
    )
    assert f"the limit is {limits.RESPONDENT_CHARS:,}" in err


# --- hostile models for validate -------------------------------------------------------------

GOOD_MODEL = """\
id: hostile
version: "1"
title: Hostile
scale:
  levels:
    - {level: 1, name: Low, min_score: 0}
    - {level: 2, name: High, min_score: 60}
  target_level: 2
pillars:
  - id: only
    name: Only
    questions:
      - id: q1
        text: Question one?
        options:
          - {id: a, label: A, score: 0}
          - {id: b, label: B, score: 100}
"""


def mutate(old: str, new: str) -> str:
    assert old in GOOD_MODEL
    return GOOD_MODEL.replace(old, new, 1)


HOSTILE_MODELS: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    # name: (content, [(line, fragment), ...]) - one entry per problem
    "target-not-a-level.yaml": (mutate("target_level: 2", "target_level: 3"), [(8, "3")]),
    "min-score-not-increasing.yaml": (mutate("min_score: 60", "min_score: 0"), [(7, "min_score")]),
    "first-not-zero.yaml": (mutate("min_score: 0}", "min_score: 10}"), [(6, "0")]),
    "level-gap.yaml": (mutate("level: 2,", "level: 3,"), [(7, "level"), (8, "target_level")]),
    "score-over-100.yaml": (mutate("score: 100", "score: 101"), [(17, "100")]),
    "score-nan.yaml": (mutate("score: 100", "score: .nan"), [(17, "score")]),
    "score-text.yaml": (mutate("score: 100", "score: '100'"), [(17, "score")]),
    "weight-negative.yaml": (
        mutate("text: Question one?", "text: Q?\n        weight: -1"),
        [(15, "weight")],
    ),
    "pillar-weight-zero.yaml": (
        mutate("    name: Only", "    name: Only\n    weight: 0"),
        [(12, "weight")],
    ),
    "pillar-weight-bool.yaml": (
        mutate("    name: Only", "    name: Only\n    weight: true"),
        [(12, "weight")],
    ),
    "allow-na-text.yaml": (
        mutate("text: Question one?", "text: Q?\n        allow_na: maybe"),
        [(15, "allow_na")],
    ),
    "one-option.yaml": (mutate("          - {id: b, label: B, score: 100}\n", ""), [(16, "2")]),
    "reserved-option.yaml": (mutate("id: b,", "id: unknown,"), [(17, "reserved")]),
    "duplicate-option.yaml": (mutate("id: b,", "id: a,"), [(17, "twice")]),
    "duplicate-key.yaml": (mutate('version: "1"', 'version: "1"\nversion: "2"'), [(3, "twice")]),
    "uppercase-id.yaml": (mutate("id: q1", "id: Q1"), [(13, "Q1")]),
    "unicode-id.yaml": (mutate("id: only", "id: ünïcode"), [(10, "ünïcode")]),
    "unknown-key.yaml": (mutate("title: Hostile", "title: Hostile\ntitel: Typo"), [(4, "titel")]),
    "version-number.yaml": (mutate('version: "1"', "version: 1.0"), [(2, "version")]),
    "cap-unknown-pillar.yaml": (
        GOOD_MODEL + "rules:\n  - {kind: cap, pillar: nowhere, max_above: 1}\n",
        [(19, "nowhere")],
    ),
    "flag-same-pillar.yaml": (
        GOOD_MODEL + "rules:\n  - {kind: flag, ahead: only, behind: only, by: 1}\n",
        [(19, "same")],
    ),
    "rule-kind.yaml": (GOOD_MODEL + "rules:\n  - {kind: limit, pillar: only}\n", [(19, "kind")]),
    "next-step-level.yaml": (
        GOOD_MODEL + "    next_steps:\n      - {levels: [7], text: Do it.}\n",
        [(19, "7")],
    ),
    "a-list.yaml": ("- id: x\n- id: y\n", [(1, "mapping")]),
    "tabs.yaml": (mutate("  levels:", "\tlevels:"), [(5, "")]),
    "alias-bomb.yaml": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
            for i in range(6)
        ),
        [(0, "")],  # line checked loosely below
    ),
    "not-utf8.yaml": (
        GOOD_MODEL.replace("Hostile", "H\xf4stile").encode("latin-1"),
        [(3, "UTF-8")],
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_MODELS))
def test_hostile_models_exit_2_located(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    content, expected = HOSTILE_MODELS[name]
    path = write(tmp_path, name, content)
    lines = expect_bad_input(["validate", path], capsys)
    assert len(lines) == len(expected), "\n".join(lines)
    for line_text, (line_no, fragment) in zip(lines, expected, strict=True):
        match = LOCATED.match(line_text)
        assert match is not None
        if line_no:
            assert int(match["line"]) == line_no, line_text
        assert fragment in match["message"], line_text


def test_good_model_written_here_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    # The base of the hostile models above must itself pass, or they prove nothing.
    assert main(["validate", write(tmp_path, "good.yaml", GOOD_MODEL)]) == 0
    assert "hostile" in capsys.readouterr().out


def test_aliases_in_a_model_are_allowed(capsys: pytest.CaptureFixture[str]):
    # twin-model.yaml shares one option list between four questions with an anchor.
    assert main(["validate", TWIN]) == 0
    assert "4 questions" in capsys.readouterr().out


def test_validate_reports_every_file_and_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # Two problems in one file, one in another: three lines, exit 2.
    first = write(
        tmp_path,
        "one.yaml",
        mutate("score: 100", "score: 101").replace("target_level: 2", "target_level: 9"),
    )
    second = write(tmp_path, "two.yaml", mutate("id: q1", "id: Q1"))
    assert main(["validate", first, second]) == 2
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 3 and all(LOCATED.match(e) for e in err)
    assert sum(e.startswith(first) for e in err) == 2
    assert sum(e.startswith(second) for e in err) == 1
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("kind", ["missing", "directory", "empty"])
def test_validate_unreadable_model_exits_2(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = {
        "missing": str(tmp_path / "absent.yaml"),
        "directory": str(tmp_path),
        "empty": write(tmp_path, "empty.yaml", ""),
    }[kind]
    lines = expect_bad_input(["validate", path], capsys, located=False)
    assert len(lines) == 1


# --- the installed console script --------------------------------------------------------


def run_console(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MATURITY_MODEL"}
    return subprocess.run(
        [str(CONSOLE), *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


@pytest.mark.skipif(not CONSOLE.exists(), reason="console script not installed")
def test_console_script_scores_and_rejects(tmp_path: Path):
    done = run_console("score", str(CONTRACT / "capped.json"), "--model", THREE, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["overall"]["score"], out["overall"]["level"], out["overall"]["capped"]) == (
        60.5,
        2,
        True,
    )
    bad = write(tmp_path, "bad.yaml", "- not\n- a mapping\n")
    done = run_console("score", bad, "--model", THREE, "--json")
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert LOCATED.match(done.stderr.splitlines()[0])
    done = run_console("validate", str(tmp_path))
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    done = run_console("schema")
    assert done.returncode == 0 and isinstance(json.loads(done.stdout), dict)


def test_model_in_tab_indented_json_is_read_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # The twin model, written as JSON with tabs, validates and scores the same:
    # z1 and z2 both 'on' (45) -> zeta 45, level 3; alpha unanswered -> overall 45.
    from questionnaire.yamlio import parse

    data, _, _ = parse(Path(TWIN).read_bytes(), TWIN)
    model = write(tmp_path, "twin.json", json.dumps(data, indent="\t"))
    assert main(["validate", model]) == 0
    capsys.readouterr()
    responses = write(tmp_path, "r.yaml", "model: twin\nanswers: {z1: on, z2: on}\n")
    out = score_json(responses, model, capsys)
    assert (out["overall"]["score"], out["overall"]["level"]) == (45.0, 3)
    # A problem in a JSON model is located at its line in the JSON text.
    data["pillars"][1]["weight"] = 0
    bad = write(tmp_path, "bad.json", json.dumps(data, indent="\t"))
    lines = expect_bad_input(["validate", bad], capsys)
    assert len(lines) == 1 and "weight" in lines[0]


def test_yaml_values_that_cannot_be_built_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # `!!set [a]` fails inside PyYAML after the node is read, so there is no single line to
    # blame; it must still be one problem and exit 2, not a traceback.
    path = write(tmp_path, "r.yaml", SCENARIO_THREE_HEADER + "answers: !!set [a]\n")
    lines = expect_bad_input(["score", path, "--model", THREE], capsys, located=False)
    assert len(lines) == 1
