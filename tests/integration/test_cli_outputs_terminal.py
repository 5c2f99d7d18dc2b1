"""What `maturity` prints for people never carries a character a terminal would act on.

A name can hold ``ESC ] 0 ; ... BEL`` (retitle the window) and ``ESC [ 2 J`` (clear the
screen); whatever the loader decides about such a name (refuse it, or let it through), neither
standard output nor standard error may carry it raw. ``--json`` stays valid JSON holding the
same values, and exports stay data, byte for byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from sqlalchemy import text

from cli import main
from questionnaire.loader import load_model
from questionnaire.schema import Respondent
from store import Store

TINY = FIXTURES / "tiny-model.yaml"
ANSWERS = FIXTURES / "responses" / "tiny-weights.yaml"

# Retitle the window, clear the screen, a C1 CSI, DEL, a carriage return, a bidi override.
HOSTILE = "Evil\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\rForce\u202egpj.exe\u2066x\u2069"
# Everything a terminal may act on (the newline and the tab are plain layout).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_safe(text: str) -> None:
    found = RAW.findall(text)
    assert not found, f"raw terminal controls reached the terminal: {found!r}"


def strings(value: object) -> list[str]:
    """Every string in a decoded JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def hostile_responses(tmp_path: Path) -> Path:
    text = ANSWERS.read_text(encoding="utf-8")
    text = text.replace("organisation: Heddlu Dyfed-Powys", f"organisation: {json.dumps(HOSTILE)}")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_score_text_shows_a_hostile_organisation_as_visible_escapes(tmp_path: Path, capsys):
    code = main(["score", str(hostile_responses(tmp_path)), "--model", str(TINY)])
    out, err = capsys.readouterr()
    assert code in (0, 2)  # the loader may refuse control characters; it must not crash
    assert_safe(out)
    assert_safe(err)
    if code == 0:
        assert out.startswith("Evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f\\rForce\\u202egpj.exe")


def test_score_json_is_valid_json_with_the_same_name_and_no_raw_controls(tmp_path: Path, capsys):
    code = main(["score", str(hostile_responses(tmp_path)), "--model", str(TINY), "--json"])
    out, err = capsys.readouterr()
    assert_safe(out)
    assert_safe(err)
    if code == 0:
        assert json.loads(out)["organisation"] == HOSTILE


def stored_hostile_assessment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An assessment stored under a hostile name, as an older, laxer version could have."""
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    model = load_model(TINY)
    with Store() as store:
        # The store now refuses control characters, so the name goes in as an older
        # version could have written it: straight into the tables.
        who = Respondent.model_construct(name="placeholder", role=None, group=None)
        code = store.start_draft(model, TINY.read_text(encoding="utf-8"), "placeholder", who)
        store.save_answer(code, "gov-policy", "approved")
        store.complete(code)
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE organisations SET name = :h"), {"h": HOSTILE})
            conn.execute(text("UPDATE assessments SET respondent_name = :h"), {"h": HOSTILE})


def test_history_text_shows_hostile_names_as_visible_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    stored_hostile_assessment(tmp_path, monkeypatch)
    assert main(["history", HOSTILE]) == 0
    out, err = capsys.readouterr()
    assert_safe(out)
    assert_safe(err)
    assert out.startswith("Evil\\x1b]0;pwned\\x07")
    assert "\\u202egpj.exe" in out


def test_history_json_keeps_the_names_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    stored_hostile_assessment(tmp_path, monkeypatch)
    assert main(["history", HOSTILE, "--json"]) == 0
    out = capsys.readouterr().out
    assert_safe(out)
    (entry,) = json.loads(out)
    assert HOSTILE in strings(entry)


def test_an_unknown_hostile_organisation_is_reported_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    stored_hostile_assessment(tmp_path, monkeypatch)
    assert main(["history", HOSTILE + "?"]) == 2
    out, err = capsys.readouterr()
    assert_safe(out)
    assert_safe(err)
    assert err.startswith("Evil\\x1b]0;")


def test_an_export_to_standard_output_is_data_and_is_not_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    stored_hostile_assessment(tmp_path, monkeypatch)
    assert main(["export", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "\x9b31m\x7f" in out  # written raw: an export is data
    assert HOSTILE in strings(json.loads(out))


def test_a_hostile_file_name_in_an_error_is_shown_safely(tmp_path: Path, capsys):
    missing = tmp_path / "a\x1b[2Jb\u202e.yaml"
    assert main(["validate", str(missing)]) == 2
    err = capsys.readouterr().err
    assert_safe(err)
    assert "a\\x1b[2Jb\\u202e.yaml" in err


def test_validate_summary_shows_a_hostile_path_safely(tmp_path: Path, capsys):
    copy = tmp_path / "m\x1b]0;x\x07.yaml"
    copy.write_bytes(TINY.read_bytes())
    assert main(["validate", str(copy)]) == 0
    out = capsys.readouterr().out
    assert_safe(out)
    assert "m\\x1b]0;x\\x07.yaml: ok:" in out


def test_a_report_warning_names_a_hostile_path_safely(tmp_path: Path, capsys):
    out_file = tmp_path / "r\x1b[2J.pdf"
    assert main(["report", str(ANSWERS), "--model", str(TINY), "-o", str(out_file)]) == 0
    out, err = capsys.readouterr()
    assert_safe(out)
    assert_safe(err)
    assert out_file.read_bytes().startswith(b"%PDF-")


def test_a_hostile_unrecognised_argument_is_shown_safely(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["validate", str(TINY), "--\x1b]0;x\x07"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert_safe(err)
    assert "--\\x1b]0;x\\x07" in err


def test_an_internal_error_prints_its_trace_safely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    import cli.score

    def broken(*args: object) -> None:
        raise RuntimeError(HOSTILE)

    monkeypatch.setattr(cli.score, "format_result", broken)
    assert main(["score", str(ANSWERS), "--model", str(TINY)]) == 1
    err = capsys.readouterr().err
    assert_safe(err)
    assert "RuntimeError: Evil\\x1b]0;pwned" in err
