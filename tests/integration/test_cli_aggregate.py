"""`maturity aggregate`: the hand-computed workshop of tests/unit/test_aggregate.py through the
command, its JSON and summary, and every bad input as exit 2 with a located message."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from cli.parser import AGGREGATE_DESCRIPTION
from scoring.aggregate import DISAGREEMENT

TINY = str(FIXTURES / "tiny-model.yaml")
GROUP = FIXTURES / "aggregate"
PEOPLE = [str(p) for p in sorted(GROUP.glob("p*.yaml"))]
AGREED = str(GROUP / "agreed.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["aggregate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_json_is_the_hand_computed_consensus_with_the_group(capsys):
    code, out, err = run(capsys, *PEOPLE, "--model", TINY, "--agreed", AGREED, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # Worked out by hand in tests/unit/test_aggregate.py's docstring.
    assert data["participants"] == 4
    assert data["organisation"] == "Northshire Police"
    assert data["assessed_on"] == "2026-03-03"
    assert data["respondent"] is None
    assert data["overall"] == {
        "score": 76.7,
        "level": 3,
        "level_name": "Established",
        "capped": True,
        "uncapped_level": 4,
    }
    gov, data_pillar = data["pillars"]
    assert (gov["score"], gov["target_level"], gov["gap"]) == (70.0, 4, 5.0)
    assert gov["by_group"] == {"frontline": 6.3, "leadership": 78.8}
    assert (data_pillar["score"], data_pillar["by_group"]) == (90.0, {"leadership": 90.0})
    assert [
        (q["id"], q["counts"], q["consensus"], q["spread"], q["disagreement"])
        for q in data["questions"]
    ] == [
        ("gov-policy", {"none": 1, "draft": 2, "approved": 1}, 100.0, 100.0, True),
        ("gov-review", {"never": 1, "sometimes": 1, "always": 1, "na": 1}, 60.0, 100.0, True),
        ("data-quality", {"good": 1, "excellent": 1, "unknown": 2}, 90.0, 20.0, False),
        ("data-catalogue", {"yes": 2, "unknown": 1}, 100.0, 0.0, False),
    ]
    assert data["questions"][0]["agreed"]["dissent"] == (
        "Frontline: it has not reached the stations yet."
    )
    assert {a["question"]: (a["answer"], a["score"]) for a in data["answers"]} == {
        "gov-policy": ("approved", 100.0),
        "gov-review": ("sometimes", 60.0),
        "data-quality": ("good", 90.0),  # the median, not good's 80
        "data-catalogue": ("yes", None),  # weight 0: not scored
    }


def test_without_agreed_answers_the_consensus_is_the_medians(capsys):
    code, out, _ = run(capsys, *PEOPLE, "--model", TINY, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["overall"]["score"] == 68.3  # 205/3
    assert data["pillars"][0]["score"] == 57.5
    assert data["questions"][0]["agreed"] is None
    assert [s["uplift"] for s in data["next_steps"]] == [None, 8.3, 20.0]


def test_the_summary_shows_groups_the_gap_and_disagreements_first(capsys):
    code, out, _ = run(capsys, *PEOPLE, "--model", TINY, "--agreed", AGREED)
    assert code == 0
    assert "Overall: 76.7, level 3 Established" in out
    assert "Participants: 4 (frontline 2, leadership 2)" in out
    assert "frontline 6.3, leadership 78.8; gap +72.5" in out
    assert "leadership 90.0; gap n/a" in out
    questions = out.split("Questions, most divided first:\n", 1)[1].splitlines()
    assert [line.split(":")[0].strip() for line in questions] == [
        "1.1 gov-policy",
        "1.2 gov-review",
        "2.1 data-quality",
        "2.2 data-catalogue",
    ]
    assert "DISAGREEMENT  agreed: approved" in questions[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("agreed-unknown-question.yaml", "2:1: gov-polcy: no question 'gov-polcy'"),
        ("agreed-bad-answer.yaml", "4:11: data-quality.answer: no answer 'superb'"),
        ("agreed-na-not-allowed.yaml", "2:11: gov-policy.answer: no answer 'na'"),
        ("agreed-no-answer.yaml", "2:3: gov-policy: missing required key 'answer'"),
        ("agreed-unknown-key.yaml", "3:3: gov-policy.dissnt: not a key of an agreed answer"),
        ("agreed-not-mapping.yaml", "1:1: expected a mapping of question ids"),
    ],
)
def test_a_bad_agreed_file_is_exit_2_located(capsys, name, expected):
    path = str(GROUP / name)
    code, out, err = run(capsys, *PEOPLE, "--model", TINY, "--agreed", path)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{expected}"), err


def test_agreed_text_over_the_note_limit_and_control_characters_are_refused(capsys, tmp_path):
    from questionnaire import limits

    path = tmp_path / "agreed.yaml"
    long = "x" * (limits.NOTE_CHARS + 1)
    path.write_text(
        f'gov-policy: {{answer: draft, rationale: "{long}"}}\n'
        'gov-review: {answer: never, dissent: "a\\u001bb"}\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, *PEOPLE, "--model", TINY, "--agreed", str(path))
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:1:")
    assert limits.too_long("the rationale", limits.NOTE_CHARS + 1, limits.NOTE_CHARS) in lines[0]
    assert lines[1].startswith(f"{path}:2:") and "control character" in lines[1]


def test_participants_of_another_organisation_are_exit_2_at_that_files_organisation(capsys):
    other = str(GROUP / "other-organisation.yaml")
    code, out, err = run(capsys, PEOPLE[0], PEOPLE[3], other, PEOPLE[1], "--model", TINY)
    assert (code, out) == (2, "")
    assert err.startswith(f"{other}:3:15: organisation: 'Southshire Police' differs from")


def test_every_bad_participant_file_is_reported_together(capsys, tmp_path):
    first = tmp_path / "a.yaml"
    first.write_text("model: tiny\nanswers:\n  gov-policy: maybe\n", encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text("model: tiny\nanswers:\n  gov-polcy: none\n", encoding="utf-8")
    code, out, err = run(capsys, str(first), *PEOPLE, str(second), "--model", TINY)
    assert (code, out) == (2, "")
    lines = sorted(err.splitlines())
    assert len(lines) == 2
    assert lines[0].startswith(f"{first}:3:15: answers.gov-policy: question 'gov-policy' has no")
    assert lines[1].startswith(f"{second}:3:3: answers.gov-polcy: no question 'gov-polcy'")


def test_the_same_file_twice_is_refused_at_its_second_mention(capsys, tmp_path, monkeypatch):
    shutil.copy(PEOPLE[0], tmp_path / "p.yaml")
    os.link(tmp_path / "p.yaml", tmp_path / "hard.yaml")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "p.yaml", "./hard.yaml", "--model", TINY)
    assert code == 2
    assert err == "./hard.yaml: the same file as p.yaml: each participant is one file, once\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--agreed", ""], "--agreed: not a file name (the path is empty)"),
        (["--agreed", "missing.yaml"], "missing.yaml: "),
        (["--agreed", "."], ".: "),
        (["--agreed", "fifo"], "fifo: "),
        (["fifo"], "fifo: "),
        (["missing.yaml"], "missing.yaml: "),
        ([""], "FILE: not a file name (the path is empty)"),
    ],
)
def test_bad_paths_are_exit_2_naming_them(capsys, tmp_path, monkeypatch, args, expected):
    os.mkfifo(tmp_path / "fifo")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, PEOPLE[0], *args, "--model", TINY)
    assert (code, out) == (2, "")
    assert err.startswith(expected), err


def test_the_command_runs_as_a_process_and_prints_valid_json():
    done = subprocess.run(
        [sys.executable, "-m", "cli", "aggregate", *PEOPLE, "--model", TINY, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["participants"] == 4


def test_the_bundled_model_aggregates_the_examples_as_one_force(capsys, tmp_path):
    """The examples are of three forces: refused at the first that differs; made one force,
    they aggregate on the bundled model."""
    examples = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
    assert len(examples) >= 2
    code, out, err = run(capsys, *map(str, examples))
    assert (code, out) == (2, "")
    assert ": organisation: " in err and "differs from" in err
    copies = []
    for example in examples:
        text = re.sub(r"(?m)^organisation: .*$", "organisation: One Force", example.read_text())
        copy = tmp_path / example.name
        copy.write_text(text, encoding="utf-8")
        copies.append(str(copy))
    code, out, err = run(capsys, *copies, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["participants"] == len(examples)
    assert data["organisation"] == "One Force"
    assert len(data["questions"]) == sum(p["questions"] for p in data["pillars"])


def test_the_help_states_the_disagreement_threshold_of_scoring():
    assert f"{DISAGREEMENT} points or more is a disagreement" in AGGREGATE_DESCRIPTION


def test_pdf_and_html_are_the_workshop_report_and_anonymous_prints_no_name(capsys, tmp_path):
    from pypdf import PdfReader

    pdf, html = tmp_path / "w.pdf", tmp_path / "w.html"
    code, _, err = run(
        capsys, *PEOPLE, "--model", TINY, "--agreed", AGREED, "--pdf", str(pdf), "--html", str(html)
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    page = html.read_text(encoding="utf-8")
    for shown in (text, page):
        assert "Who took part" in shown and "Recorded dissent" in shown and "Ann" in shown
    code, _, err = run(
        capsys, *PEOPLE, "--model", TINY, "--pdf", str(pdf), "--html", str(html), "--anonymous"
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Ann" not in text and "Ann" not in html.read_text(encoding="utf-8")


def test_a_report_that_cannot_be_written_is_exit_2_and_writes_nothing(capsys, tmp_path):
    code, out, err = run(
        capsys, *PEOPLE, "--model", TINY, "--pdf", str(tmp_path), "--html", str(tmp_path / "x.html")
    )
    assert code == 2 and "is a directory" in err
    assert not (tmp_path / "x.html").exists() and out == ""
