"""The CSV export of assessments on a hostile model: no cell a spreadsheet would run, in any
column (model text included), and a JSON export that is plain data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from test_app_hostile_text import HOSTILE, hostile, hostile_model_data, write_hostile_model

from questionnaire.schema import UNKNOWN, Model, Respondent
from store import Store
from store.exports import CSV_COLUMNS, neutralise
from store.imports import load_model_file

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULAS = [
    '=HYPERLINK("http://x","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "  =1+1",
    "\n=1+1",
    "\u00a0=1+1",
    "\r\n@cmd",
]


def formula_model(directory: Path) -> Path:
    """The hostile model with every piece of text turned into a formula."""
    data = hostile_model_data()
    data["version"] = "=1+1"
    data["title"] = "+cmd|' /C calc'!A0"
    for p, pillar in enumerate(data["pillars"]):
        pillar["name"] = f"{FORMULAS[p % len(FORMULAS)]} pillar {p}"
        for q, question in enumerate(pillar["questions"]):
            question["text"] = f"{FORMULAS[(p + q) % len(FORMULAS)].strip()} question {q}"
            for o, option in enumerate(question["options"]):
                option["label"] = f"{FORMULAS[(q + o) % len(FORMULAS)].strip()} option {o}"
    path = directory / "formula.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def fill(url: str, path: Path) -> Model:
    """One complete assessment with every answer, a formula in every free-text field."""
    model, text = load_model_file(str(path))
    with Store(url) as store:
        who = Respondent(name=FORMULAS[1], role=FORMULAS[2], group=FORMULAS[3])
        code = store.start_draft(model, text, FORMULAS[0], who)
        for n, (_, question) in enumerate(model.questions()):
            answer = UNKNOWN if n % 3 == 2 else question.options[n % len(question.options)].id
            store.save_answer(code, question.id, answer)
            store.save_note(code, question.id, FORMULAS[(n + 4) % len(FORMULAS)] + " note")
            store.save_evidence(code, question.id, FORMULAS[(n + 5) % len(FORMULAS)] + " register")
        store.complete(code)
    return model


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Model, str, str]:
    url = f"sqlite:///{(tmp_path / 'maturity.db').as_posix()}"
    model = fill(url, formula_model(tmp_path))
    with Store(url) as store:
        out = io.StringIO(newline="")
        store.export(out, format="csv")
        data = io.StringIO()
        store.export(data, format="json")
    return model, out.getvalue(), data.getvalue()


def test_no_csv_cell_in_any_column_starts_a_formula(exported: tuple[Model, str, str]) -> None:
    _, text, _ = exported
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and list(rows[0]) == list(CSV_COLUMNS)
    for row in rows:
        for column, cell in row.items():
            assert not cell.lstrip().startswith(FORMULA_STARTS), (column, cell)
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
    columns = {column for row in rows for column, cell in row.items() if cell.startswith("'")}
    # Model text is user text too: the model's version, pillar names, question texts and
    # answer labels are neutralised like the organisation, respondent and notes.
    for column in (
        "organisation",
        "respondent_name",
        "respondent_role",
        "respondent_group",
        "model_version",
        "pillar_name",
        "question_text",
        "answer_label",
        "note",
        "evidence",
    ):
        assert column in columns, column


def test_neutralised_cells_keep_the_text_after_the_apostrophe(
    exported: tuple[Model, str, str],
) -> None:
    model, text, _ = exported
    cells = {cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row}
    assert "'" + FORMULAS[0] in cells
    assert "'=1+1" in cells  # the version
    for pillar in model.pillars:
        assert neutralise(pillar.name) in cells
        for question in pillar.questions:
            assert neutralise(question.text) in cells


@pytest.mark.parametrize("value", FORMULAS)
def test_neutralise_catches_formulas_after_any_leading_whitespace(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["Heddlu Dyfed-Powys", 'R&D <Unit> "Alpha"', "../../etc/passwd", "A-1", "", "50.0", 3],
)
def test_neutralise_leaves_other_text_alone(value: object) -> None:
    assert neutralise(value) == str(value)


def test_the_json_export_is_plain_data_that_keeps_every_string(
    exported: tuple[Model, str, str],
) -> None:
    _, _, text = exported
    data = json.loads(text)
    record = data["assessments"][0]
    assert record["organisation"] == FORMULAS[0]
    assert record["respondent"] == {"name": FORMULAS[1], "role": FORMULAS[2], "group": FORMULAS[3]}
    assert set(record["notes"].values()) <= {f + " note" for f in FORMULAS}
    assert set(record["evidence"].values()) <= {f + " register" for f in FORMULAS}
    assert record["evidence"]
    assert data["models"][0]["version"] == "=1+1"


def test_a_hostile_model_exports_and_its_text_round_trips(tmp_path: Path) -> None:
    path = write_hostile_model(tmp_path)
    url = f"sqlite:///{(tmp_path / 'maturity.db').as_posix()}"
    model, text = load_model_file(str(path))
    with Store(url) as store:
        code = store.start_draft(model, text, hostile("quotes", "org"))
        question = model.questions()[0][1]
        store.save_answer(code, question.id, question.options[0].id)
        store.save_note(code, question.id, HOSTILE["lines"])
        store.complete(code)
        out = io.StringIO(newline="")
        store.export(out, format="csv")
        data = io.StringIO()
        store.export(data, format="json")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    notes = [row["note"] for row in rows if row["note"]]
    assert notes == ["'" + HOSTILE["lines"]]  # line breaks kept (the csv module quotes them)
    assert json.loads(data.getvalue())["models"][0]["text"] == text
