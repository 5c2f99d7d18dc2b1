"""The two disagreements a reader found, reproduced end to end through the `maturity` command.

* A pillar at exactly 31.25 was ``31.3`` in ``score --json`` but "scores 31.2" in the same
  JSON's reason and in the terminal summary.
* A change from 10.04 to 10.16 was ``+0.2`` in ``maturity history`` but ``+0.1`` in the PDF's
  "Since last time" (and in the app).

Both now follow :mod:`scoring.present`: one decimal place, halves up, and a change is the
difference of the two shown scores (10.0 -> 10.2 is +0.2).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from pypdf import PdfReader

from cli import main

HALVES = str(FIXTURES / "present" / "halves-model.yaml")


def _responses(tmp_path: Path, name: str, answers: str, on: str = "2026-11-01") -> str:
    path = tmp_path / name
    path.write_text(
        f"model: halves\norganisation: Rounding Constabulary\nassessed_on: {on}\n"
        f"answers: {{{answers}}}\n",
        encoding="utf-8",
    )
    return str(path)


def test_a_pillar_at_31_25_is_31_3_in_the_json_its_reason_and_the_terminal(tmp_path, capsys):
    path = _responses(tmp_path, "a.yaml", "first: quarter, second: some, third: 'no'")
    assert main(["score", path, "--model", HALVES, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    edges = next(p for p in out["pillars"] if p["id"] == "edges")
    assert edges["score"] == 31.3
    reason = next(p["reason"] for p in out["priorities"] if p["pillar"] == "edges")
    assert "31.3" in reason and "31.2" not in reason
    assert main(["score", path, "--model", HALVES]) == 0
    terminal = capsys.readouterr().out
    assert "31.3" in terminal and "31.2" not in terminal


@pytest.fixture
def two_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[str, str]:
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    earlier = _responses(tmp_path, "2025.yaml", "first: a-little", "2025-11-01")
    later = _responses(tmp_path, "2026.yaml", "first: a-little-more", "2026-11-01")
    assert main(["import", earlier, later, "--model", HALVES]) == 0
    capsys.readouterr()
    return earlier, later


def test_a_change_from_10_04_to_10_16_is_plus_0_2_in_history_and_in_the_pdf(
    two_years, tmp_path, capsys
):
    earlier, later = two_years
    assert main(["history", "Rounding Constabulary", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert entries[-1]["change"]["overall"] == 0.2
    assert main(["history", "Rounding Constabulary"]) == 0
    assert "(+0.2)" in capsys.readouterr().out

    pdf = tmp_path / "r.pdf"
    assert main(["report", later, "-o", str(pdf), "--model", HALVES, "--previous", earlier]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "10.0 to 10.2" in text
    assert re.search(r"▲\s*\+0\.2", text), "the shown change is +0.2"
    assert "+0.1" not in text
