"""Model 1.1's rules and keys: critical controls, conflicts, evidence and owners.

Each test states one clause of the contract (DESIGN.md, "Scoring semantics") on a small model
written for it, so nothing depends on the bundled model's content."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cli import main
from questionnaire.loader import load_model, load_responses
from questionnaire.markdown import md_escape
from questionnaire.schema import Model, Responses
from questionnaire.yamlio import InputError
from reports.content import build_content
from reports.content.model import Callout
from reports.plan import plan_csv, plan_markdown, plan_rows
from scoring import result_to_dict, score
from scoring.ranking import ranked_steps

MODEL = Path(__file__).resolve().parents[1] / "fixtures" / "model11" / "critical-model.yaml"


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(MODEL)


def scored(model: Model, **answers: str):
    return score(model, Responses(model=model.id, answers=answers))


# --- critical ----------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["a", "unknown"])
def test_a_critical_control_below_its_score_or_unknown_holds_the_level(model: Model, answer: str):
    result = scored(model, q1="b", q2="b", q3=answer)
    assert [f.kind for f in result.flags] == ["critical"]
    assert result.flags[0].questions == ("q3",)
    assert result.overall.uncapped_level == 2  # 66.7 without the rule
    assert result.overall.level == 1 and result.overall.capped
    out = result_to_dict(result)
    assert out["overall"]["capped"] is True
    assert out["flags"][0] == {
        "kind": "critical",
        "message": "Stop",
        "pillars": ["p"],
        "questions": ["q3"],
    }


@pytest.mark.parametrize("answer", ["na", None, "m", "b"])
def test_na_unanswered_or_at_its_score_never_fires_it(model: Model, answer: str | None):
    answers = {"q1": "b", "q2": "b"} | ({"q3": answer} if answer else {})
    result = score(model, Responses(model=model.id, answers=answers))
    assert not [f for f in result.flags if f.kind == "critical"]
    assert not result.overall.capped


def test_a_critical_control_that_fires_at_or_below_its_level_still_flags(model: Model):
    # Overall already at level 1: the flag is raised, nothing is lowered.
    result = scored(model, q1="a", q2="a", q3="a")
    assert "critical" in [f.kind for f in result.flags]
    assert result.overall.level == 1 and not result.overall.capped


def test_putting_the_critical_control_right_ranks_first(model: Model):
    result = scored(model, q1="a", q2="b", q3="a")
    first = ranked_steps(result)[0]
    assert first.step.question == "q3" and first.effect == "clears-critical"


def test_the_report_opens_its_summary_with_a_stop_box(model: Model):
    result = scored(model, q1="b", q2="b", q3="a")
    report = build_content(result)
    summary = next(s for s in report.sections if s.id == "summary")
    stops = [b for b in summary.blocks if isinstance(b, Callout) and b.tone == "stop"]
    assert len(stops) == 1
    calm = build_content(scored(model, q1="b", q2="b", q3="b"))
    summary = next(s for s in calm.sections if s.id == "summary")
    assert not [b for b in summary.blocks if isinstance(b, Callout) and b.tone == "stop"]


# --- conflict ----------------------------------------------------------------------------
def test_a_conflict_flags_when_every_condition_holds(model: Model):
    result = scored(model, q1="b", q2="a", q3="b")
    conflicts = [f for f in result.flags if f.kind == "conflict"]
    assert [(f.message, f.questions) for f in conflicts] == [("Odd", ("q1", "q2"))]
    assert not result.overall.capped  # a conflict changes no score or level


@pytest.mark.parametrize(
    ("q1", "q2"),
    [("a", "a"), ("b", "b"), ("b", "na"), ("b", None), ("unknown", "a")],
)
def test_a_conflict_needs_every_condition(model: Model, q1: str, q2: str | None):
    answers = {"q1": q1, "q3": "b"} | ({"q2": q2} if q2 else {})
    result = score(model, Responses(model=model.id, answers=answers))
    assert not [f for f in result.flags if f.kind == "conflict"]


def test_unknown_counts_as_zero_in_a_condition(model: Model):
    # q2 at_most 25: "don't know" counts as 0, so it holds.
    result = scored(model, q1="b", q2="unknown", q3="b")
    assert [f.kind for f in result.flags] == ["conflict"]


# --- evidence and owners -------------------------------------------------------------------
def test_evidenced_is_the_share_of_scored_answers_with_evidence(model: Model):
    responses = Responses(
        model=model.id,
        answers={"q1": "b", "q2": "unknown", "q3": "na"},
        evidence={"q1": "DPIA register", "q3": "not scored, not counted"},
    )
    result = score(model, responses)
    assert result.pillars[0].evidenced == pytest.approx(0.5)
    out = result_to_dict(result)
    assert out["pillars"][0]["evidenced"] == 0.5
    assert {"question": "q1", "pillar": "p", "answer": "b", "score": 100.0} | {
        "evidence": "DPIA register"
    } in out["answers"]
    empty = result_to_dict(score(model, Responses(model=model.id)))
    assert empty["pillars"][0]["evidenced"] is None


def test_owners_reach_the_next_steps(model: Model):
    result = scored(model, q1="a", q2="a", q3="a")
    owners = {(s.kind, s.question): s.owner for s in result.next_steps}
    assert owners[("pillar", None)] == "SIRO"
    assert owners[("question", "q1")] == "DPO"
    assert owners[("question", "q2")] is None
    steps = result_to_dict(result)["next_steps"]
    assert [s.get("owner") for s in steps if s["kind"] != "unknown"] == [
        "SIRO",
        "DPO",
        None,
        "-DPO",
    ]


def test_evidence_for_a_question_the_model_lacks_is_an_error(tmp_path: Path, model: Model):
    path = tmp_path / "r.yaml"
    path.write_text("model: t\nanswers: {q1: b}\nevidence: {q9: x}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_responses(path, model)
    assert any("evidence for 'q9'" in p.message for p in caught.value.problems)


# --- the action plan -----------------------------------------------------------------------
def test_the_plan_csv_parses_and_runs_nothing(model: Model):
    result = scored(model, q1="a", q2="a", q3="a")
    rows = list(csv.reader(io.StringIO(plan_csv(result))))
    header, body = rows[0], rows[1:]
    assert header == [
        "rank",
        "pillar",
        "pillar_name",
        "question",
        "question_number",
        "question_text",
        "current_answer",
        "text",
        "owner",
        "uplift",
        "kind",
    ]
    assert len(body) == len(plan_rows(result)) == len(result.next_steps)
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row
    actions = {row[header.index("text")] for row in body}
    assert "'@SUM(1)" in actions
    owners = {row[header.index("owner")] for row in body}
    assert {"SIRO", "DPO", "'-DPO", ""} <= owners
    ranks = [row[0] for row in body]
    ranked = [int(r) for r in ranks if r]
    assert ranked == sorted(ranked) == list(range(1, len(ranked) + 1))
    assert ranks[len(ranked) :] == [""] * (len(ranks) - len(ranked))  # pillar advice last


def test_the_plan_markdown_escapes_every_cell(model: Model):
    text = plan_markdown(scored(model, q1="a", q2="a", q3="a"))
    assert "| Rank |" in text
    label = '=HYPERLINK("http://x") | *x*'
    assert md_escape(label) in text and md_escape(label) != label


def test_maturity_plan_writes_csv_with_a_byte_order_mark_and_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    responses = tmp_path / "r.yaml"
    responses.write_text("model: t\nanswers: {q1: a, q3: a}\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    assert main(["plan", str(responses), "--model", str(MODEL), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0] == "rank"
    capsys.readouterr()
    assert main(["plan", str(responses), "--model", str(MODEL), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# Action plan")
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: t\nanswers: {q1: zz}\n", encoding="utf-8")
    assert main(["plan", str(bad), "--model", str(MODEL)]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err


def test_an_invalid_condition_is_located(tmp_path: Path):
    path = tmp_path / "m.yaml"
    text = MODEL.read_text(encoding="utf-8")
    extra = (
        "  - kind: conflict\n"
        "    when: [{question: q1}]\n"
        "  - {kind: critical, question: nope, below: 50, max_level: 9}\n"
    )
    path.write_text(text + extra, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_model(path)
    located = {(p.line, p.message.split(":")[0]) for p in caught.value.problems}
    messages = " ".join(p.message for p in caught.value.problems)
    assert "exactly one of at_least and at_most" in messages
    assert "question 'nope'" in messages
    assert "level 9 is not a level" in messages
    assert all(line is not None for line, _ in located)
