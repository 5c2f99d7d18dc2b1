"""The input layer against the adversarial run's defects (issue 11) and the limits.

Each test here failed before its fix: non-finite weights validated (D2), locating problems
was quadratic (D3), ``\\u0000`` passed the loader (D6), long text and big models had no limit
(D10), input was read whole before the size check (D12) and a big model without aliases was
refused as "too many aliases?" (D14).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cli import main
from questionnaire import limits, yamlio
from questionnaire.loader import load_model, model_from_text, responses_from_text
from questionnaire.yamlio import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures"
TINY = FIXTURES / "tiny-model.yaml"
TINY_TEXT = TINY.read_text(encoding="utf-8")


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def model_data(pillars: int = 1, questions: int = 1, options: int = 2, levels: int = 2) -> Any:
    """A valid model of the given size, as plain data."""
    return {
        "id": "sized",
        "version": "1",
        "title": "Sized",
        "scale": {
            "levels": [
                {"level": n + 1, "name": f"L{n + 1}", "min_score": n * 100 / levels}
                for n in range(levels)
            ],
            "target_level": 1,
        },
        "pillars": [
            {
                "id": f"p{p}",
                "name": f"Pillar {p}",
                "questions": [
                    {
                        "id": f"p{p}-q{q}",
                        "text": f"Question {q}?",
                        "options": [
                            {"id": f"o{o}", "label": f"Option {o}", "score": o * 100 / options}
                            for o in range(options)
                        ],
                    }
                    for q in range(questions)
                ],
            }
            for p in range(pillars)
        ],
    }


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        model_from_text(text, "m.yaml")
    return [str(p) for p in caught.value.problems]


# --- D2: weights must be finite ------------------------------------------------------------


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e400"])
@pytest.mark.parametrize("where", ["pillar", "question"])
def test_a_weight_that_is_not_a_finite_number_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, where: str
) -> None:
    # The pillar's weight is on line 18, the first question's on line 22.
    line = 18 if where == "pillar" else 22
    lines = TINY_TEXT.splitlines()
    assert "weight:" in lines[line - 1]
    lines[line - 1] = lines[line - 1].split("weight:")[0] + f"weight: {value}"
    path = tmp_path / "m.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = run("validate", str(path), capsys=capsys)
    assert code == 2
    assert f"{path}:{line}:" in err and "weight" in err, err
    assert "Traceback" not in err


def test_a_weight_over_its_limit_is_refused_stating_the_limit() -> None:
    text = TINY_TEXT.replace("    weight: 2\n", f"    weight: {limits.WEIGHT + 1}\n", 1)
    assert any(f"{limits.WEIGHT:,}".replace(",", "") in p for p in problems_of(text))


# --- D3: locating many problems is linear --------------------------------------------------


def test_each_mapping_is_scanned_once_however_many_problems_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before the fix each located problem rescanned its mapping: 2,000 unknown keys meant
    2,000 scans of a 2,000-key mapping. Counted, not timed."""
    calls = 0
    original = yamlio._pairs

    def counting(node: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(node)

    monkeypatch.setattr(yamlio, "_pairs", counting)
    text = "id: x\n" + "".join(f"k{i}: 1\n" for i in range(2000))
    with pytest.raises(InputError) as caught:
        model_from_text(text, "k.yaml")
    assert len(caught.value.problems) > 2000
    assert calls <= 5, calls


def test_a_file_of_many_problems_lists_a_hundred_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("id: x\n" + "".join(f"k{i}: 1\n" for i in range(20_000)), encoding="utf-8")
    code, err = run("validate", str(path), capsys=capsys)
    lines = err.splitlines()
    assert code == 2
    assert len(lines) == limits.PROBLEMS_SHOWN + 1
    assert lines[-1].startswith(f"{path}: and ") and "more problems not listed" in lines[-1]


def test_twenty_thousand_unknown_answers_come_back_in_seconds_not_minutes(
    tmp_path: Path,
) -> None:
    """A hang guard, not a timing: before the fix this ran past 120 s (D3)."""
    answers = {f"zz-{i}": "a" for i in range(20_000)}
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"model": "tiny", "answers": answers}), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "score", str(path), "--model", str(TINY)],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 2
    assert "19,900 more problems" in done.stderr


# --- D6: control characters, after unescaping ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"model": "tiny", "organisation": "A\\u0000B"}', "organisation"),
        ('{"model": "tiny", "notes": {"gov-policy": "x\\u001b[2Jy"}}', "notes.gov-policy"),
        ('{"model": "tiny", "respondent": {"name": "\\u009b31m"}}', "respondent.name"),
        ('model: tiny\norganisation: "Force\\e]0;title\\a"\n', "organisation"),
        ('model: tiny\nnotes:\n  gov-policy: "a\\0b"\n', "notes.gov-policy"),
    ],
)
def test_a_control_character_is_refused_at_its_value(text: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        responses_from_text(text, load_model(TINY), "r")
    found = [p for p in caught.value.problems if "control character" in p.message]
    assert found, caught.value.problems
    assert found[0].line is not None and found[0].message.startswith(f"{where}: contains")


def test_a_control_character_in_a_key_or_a_model_text_is_refused() -> None:
    assert any("U+0007" in p for p in problems_of(TINY_TEXT.replace("No policy", '"No\\apolicy"')))
    with pytest.raises(InputError) as caught:
        responses_from_text('{"model": "tiny", "answers": {"g\\u0000": "none"}}', load_model(TINY))
    assert any(
        "the key contains the control character U+0000" in str(p) for p in caught.value.problems
    )


def test_a_lone_surrogate_in_json_is_refused_with_a_location() -> None:
    with pytest.raises(InputError) as caught:
        responses_from_text('{"model": "tiny", "organisation": "\\ud800"}', load_model(TINY), "r")
    surrogate = [p for p in caught.value.problems if "lone surrogate U+D800" in p.message]
    assert surrogate and surrogate[0].line == 1


def test_tab_and_newline_are_text_not_controls() -> None:
    responses = responses_from_text(
        '{"model": "tiny", "notes": {"gov-policy": "one\\ttwo\\nthree\\r\\n"}}', load_model(TINY)
    )
    assert responses.notes["gov-policy"].startswith("one\ttwo\nthree")


# --- D10: text and size limits, the same wording everywhere --------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("organisation", limits.RESPONDENT_CHARS),
        ("respondent.name", limits.RESPONDENT_CHARS),
        ("respondent.role", limits.RESPONDENT_CHARS),
        ("respondent.group", limits.RESPONDENT_CHARS),
        ("notes.gov-policy", limits.NOTE_CHARS),
    ],
)
def test_responses_text_at_its_limit_is_kept_and_one_more_character_is_refused(
    field: str, limit: int
) -> None:
    def file(length: int) -> str:
        data: dict[str, Any] = {"model": "tiny"}
        first, *rest = field.split(".")
        if rest:
            data[first] = {rest[0]: "ŵ" * length}
        else:
            data[first] = "ŵ" * length
        return json.dumps(data, ensure_ascii=False)

    model = load_model(TINY)
    responses_from_text(file(limit), model)
    with pytest.raises(InputError) as caught:
        responses_from_text(file(limit + 1), model, "r.json")
    [problem] = caught.value.problems
    assert problem.line == 1
    assert f"is {limit + 1:,} characters; the limit is {limit:,}" in problem.message


def test_model_text_over_its_limit_is_refused_stating_the_limit() -> None:
    long_label = "x" * (limits.MODEL_TEXT_CHARS + 1)
    found = problems_of(TINY_TEXT.replace("No policy", long_label))
    assert any(f"the limit is {limits.MODEL_TEXT_CHARS:,}" in p for p in found), found
    long_name = "y" * (limits.NAME_CHARS + 1)
    found = problems_of(TINY_TEXT.replace("name: Governance", f"name: {long_name}"))
    assert any(f"the limit is {limits.NAME_CHARS:,}" in p and ":16:" in p for p in found), found


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        ({"pillars": limits.PILLARS + 1}, limits.PILLARS, "pillars: has 41 entries"),
        ({"options": limits.OPTIONS + 1}, limits.OPTIONS, "options: has 21 entries"),
        ({"levels": limits.LEVELS + 1}, limits.LEVELS, "levels: has 11 entries"),
        (
            {"pillars": 2, "questions": limits.QUESTIONS // 2 + 1},
            limits.QUESTIONS,
            "the model has 1,002 questions",
        ),
    ],
)
def test_a_model_over_a_size_limit_is_refused_and_one_at_it_is_accepted(
    size: dict[str, int], limit: int, message: str
) -> None:
    found = problems_of(yaml.safe_dump(model_data(**size)))
    assert any(message in p and f"the limit is {limit:,}" in p for p in found), found
    at_limit = {k: v - 1 if k != "questions" else limits.QUESTIONS // 2 for k, v in size.items()}
    model_from_text(yaml.safe_dump(model_data(**at_limit)))


def test_a_big_model_without_aliases_is_refused_for_its_real_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """D14: 10,000 questions and no alias were refused as "too many aliases?"."""
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(model_data(questions=10_000)), encoding="utf-8")
    code, err = run("validate", str(path), capsys=capsys)
    assert code == 2
    assert "the model has 10,000 questions; the limit is 1,000" in err
    assert "alias" not in err.replace(str(path), "")


def test_an_alias_bomb_is_still_named_as_one() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(6)
    )
    found = problems_of(bomb)
    assert any("expands through its aliases" in p for p in found), found


def test_a_long_unknown_key_is_shortened_in_its_message() -> None:
    found = problems_of("id: x\n" + "k" * 100_000 + ": 1\n")
    assert all(len(p) < 400 for p in found), max(len(p) for p in found)


# --- D12: never read more than the limit plus one byte -------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1_000_000_000, 1_000_000_000))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_input_is_refused_without_being_read_whole(device: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "validate", device],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"{device}: file is more than {limits.FILE_BYTES:,} bytes; the limit is {limits.FILE_BYTES:,}"
    )


def test_a_file_over_the_limit_states_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (limits.FILE_BYTES + 10))
    with pytest.raises(InputError) as caught:
        load_model(path)
    assert caught.value.problems[0].message == (
        f"file is {limits.FILE_BYTES + 10:,} bytes; the limit is {limits.FILE_BYTES:,}"
    )


def test_a_named_pipe_with_no_writer_is_read_as_empty_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "cli", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"{fifo}: file is empty"


def test_a_directory_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_model(tmp_path)
    assert caught.value.problems[0].message == "is a directory, not a file"
