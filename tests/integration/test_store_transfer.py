"""`maturity import` and `maturity export`: lossless round trips, no duplicates, bad files
reported and skipped with nothing half-written, and CSV a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from questionnaire.schema import Respondent
from questionnaire.yamlio import InputError
from store import Store
from store.exports import neutralise
from store.imports import load_model_file
from store.testing import temporary_database

TINY = str(FIXTURES / "tiny-model.yaml")
TINY_11 = str(FIXTURES / "tiny-model-1.1.yaml")
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "  =1+1"]


@pytest.fixture
def db(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database the CLI uses in this test."""
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    return url


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def responses(tmp_path: Path, name: str, when: str, answers: str, **extra: str) -> str:
    lines = [
        "model: tiny",
        f"assessed_on: {when}",
        "organisation: Heddlu Dyfed-Powys",
        f"answers: {answers}",
    ] + [f"{k}: {v}" for k, v in extra.items()]
    return write(tmp_path / name, "\n".join(lines) + "\n")


def fill(url: str, tmp_path: Path) -> None:
    """A database with app drafts (complete, open, abandoned) and imports on two models."""
    with Store(url) as store:
        model, text = load_model_file(TINY)
        code = store.start_draft(model, text, "Gwent", Respondent(name="Ann", group="=lead"))
        store.save_answer(code, "gov-policy", "approved")
        store.save_answer(code, "gov-review", "na")
        store.save_note(code, "gov-policy", 'Signed off ✓, "quoted"\nsecond line')
        store.save_target(code, "data", 4)
        store.complete(code)
        store.save_answer(store.start_draft(model, text, "Gwent"), "gov-policy", "none")
        store.abandon(store.start_draft(model, text, "Gwent"))
    first = responses(tmp_path, "a.yaml", "2024-11-01", "{gov-policy: none, data-quality: fair}")
    notes = "{data-quality: '=cmd|\" /C calc\"!A0'}"
    second = responses(
        tmp_path, "b.json.yaml", "2025-11-01", "{data-quality: unknown}", notes=notes
    )
    later = responses(
        tmp_path, "c.yaml", "2026-11-01", "{gov-ai-policy: approved, data-sharing: some}"
    )
    assert main(["import", first, second, later, "--model", TINY, "--model", TINY_11]) == 0


def test_json_export_imported_into_an_empty_database_exports_the_same(db, tmp_path, capsys):
    fill(db, tmp_path)
    exported = tmp_path / "export.json"
    assert main(["export", "--format", "json", "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["assessments"]) == 4 and len(data["models"]) == 2
    assert {a["organisation"] for a in data["assessments"]} == {"Gwent", "Heddlu Dyfed-Powys"}

    # Into an empty SQLite database, whichever backend exported (so also PostgreSQL -> SQLite).
    with temporary_database("sqlite", tmp_path / "empty") as empty, Store(empty) as other:
        outcome = other.import_file(exported)
        assert len(outcome.imported) == 4 and outcome.duplicates == ()
        again = io.StringIO()
        other.export(again)
        assert again.getvalue() == exported.read_text(encoding="utf-8")
        assert other.import_file(exported).duplicates == outcome.imported


def test_importing_the_same_assessment_twice_says_already_imported(db, tmp_path, capsys):
    path = responses(tmp_path, "r.yaml", "2025-01-01", "{gov-policy: draft}")
    assert main(["import", path, "--model", TINY]) == 0
    assert ": imported (assessment #1)" in capsys.readouterr().out
    # The same content as JSON, keys in another order, is the same assessment.
    same = write(
        tmp_path / "r.json",
        json.dumps(
            {
                "answers": {"gov-policy": "draft"},
                "organisation": "Heddlu Dyfed-Powys",
                "assessed_on": "2025-01-01",
                "model": "tiny",
            }
        ),
    )
    assert main(["import", path, same, "--model", TINY]) == 0
    out = capsys.readouterr().out
    assert out.count("already imported") == 2
    with Store(db) as store:
        assert store.count() == 1


def test_a_bad_file_is_reported_with_its_location_and_the_rest_are_imported(db, tmp_path, capsys):
    good = responses(tmp_path, "good.yaml", "2025-01-01", "{gov-policy: draft}")
    broken = write(tmp_path / "broken.yaml", "model: tiny\nanswers: [\n")
    wrong = responses(tmp_path, "wrong.yaml", "2025-02-01", "{gov-policy: maybe}")
    nameless = write(tmp_path / "nameless.yaml", "model: tiny\nanswers: {gov-policy: none}\n")
    other = responses(tmp_path, "other.yaml", "2025-03-01", "{data-quality: good}")

    code = main(["import", good, broken, wrong, nameless, other, "--model", TINY])

    assert code == 2
    err = capsys.readouterr().err
    assert f"{broken}:3:1:" in err
    assert f"{wrong}:4:23:" in err and "maybe" in err
    assert f"{nameless}:" in err and "organisation" in err
    assert "Traceback" not in err
    with Store(db) as store:
        stored = store.assessments("Heddlu Dyfed-Powys")
        assert [a.assessed_on.isoformat() for a in stored] == ["2025-01-01", "2025-03-01"]


def test_an_export_with_one_bad_assessment_stores_none_of_it(db, tmp_path, capsys):
    fill(db, tmp_path)
    exported = tmp_path / "export.json"
    assert main(["export", "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["assessments"][-1]["answers"]["gov-ai-policy"] = "not-an-option"
    data["models"][0]["text"] += "# edited\n"
    broken = write(tmp_path / "broken.json", json.dumps(data, indent=2))
    with Store(f"sqlite:///{tmp_path / 'other.db'}") as other:
        with pytest.raises(InputError) as caught:
            other.import_file(broken)
        message = str(caught.value)
        assert "not-an-option" in message and "sha256" in message
        assert f"{broken}:" in message
        assert other.count() == 0 and other.organisations() == []


def test_an_answered_file_for_another_model_version_needs_that_version(db, tmp_path, capsys):
    path = write(
        tmp_path / "r.yaml",
        'model: tiny\nmodel_version: "1.1.0"\norganisation: X\nanswers: {data-sharing: all}\n',
    )
    assert main(["import", path, "--model", TINY]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4:" in err and "data-sharing" in err  # not a question of 1.0.0
    assert f"{path}:2:" in err and "version 1.1.0 of tiny" in err  # and why
    assert main(["import", path, "--model", TINY, "--model", TINY_11]) == 0
    with Store(db) as store:
        assert store.assessments("X")[0].model_version == "1.1.0"


def test_answers_for_an_unknown_version_that_fit_the_model_are_stored_with_a_warning(
    db, tmp_path, capsys
):
    path = write(
        tmp_path / "r.yaml",
        'model: tiny\nmodel_version: "0.9"\norganisation: X\nanswers: {gov-policy: none}\n',
    )
    assert main(["import", path, "--model", TINY]) == 0
    assert f"{path}:2:16: warning: model_version: " in capsys.readouterr().err
    with Store(db) as store:
        assert store.assessments("X")[0].model_version == "1.0.0"


def test_csv_export_neutralises_every_cell_a_spreadsheet_would_run(db, tmp_path):
    fill(db, tmp_path)
    with Store(db) as store:
        model, text = load_model_file(TINY)
        who = Respondent(name=HOSTILE[1], role=HOSTILE[2])
        code = store.start_draft(model, text, HOSTILE[0], who)
        for (_, question), note in zip(model.questions(), HOSTILE[3:], strict=True):
            store.save_note(code, question.id, note)
        store.complete(code)
    out = tmp_path / "export.csv"
    assert main(["export", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    cells = [cell for row in rows for cell in row]
    assert rows[0][:3] == ["assessment", "organisation", "assessed_on"]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []
    for text_ in HOSTILE:
        assert "'" + text_ in cells
    assert any("Signed off ✓" in c for c in cells)


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Heddlu Dyfed-Powys") == "Heddlu Dyfed-Powys"
    assert neutralise(42.5) == "42.5" and neutralise(None) == ""
    assert neutralise("-5") == "'-5" and neutralise("=1") == "'=1"


def test_export_of_one_organisation_holds_only_its_assessments_and_models(db, tmp_path):
    fill(db, tmp_path)
    out = tmp_path / "gwent.json"
    assert main(["export", "--organisation", "gwent", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["organisation"] for a in data["assessments"]] == ["Gwent"]
    assert [m["version"] for m in data["models"]] == ["1.0.0"]
    assert data["assessments"][0]["notes"]["gov-policy"].startswith("Signed off ✓")


def test_export_to_standard_output_and_to_a_missing_directory(db, tmp_path, capsys):
    fill(db, tmp_path)
    capsys.readouterr()
    assert main(["export", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "maturity-export"
    assert main(["export", "-o", str(tmp_path / "no" / "such" / "x.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
