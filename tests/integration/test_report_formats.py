"""`maturity report` writes the accessible HTML report and the editable Word file from the same
content as the PDF: the format comes from OUT's suffix or --format, and a suffix that names no
format is bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main

MODEL = str(FIXTURES / "four-pillar-model.yaml")
CURRENT = str(FIXTURES / "four-pillar-responses.yaml")
EARLIER = str(FIXTURES / "four-pillar-responses-2025.yaml")


def test_an_html_suffix_writes_the_html_report_with_since_last_time(tmp_path: Path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", CURRENT, "--model", MODEL, "-o", str(out), "--previous", EARLIER]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="en-GB">' in page
    assert "Since last time" in page and "Issues for the chief officer group" in page
    assert "<script" not in page and " src=" not in page  # nothing to fetch
    assert "wrote" in capsys.readouterr().out


def test_format_overrides_the_suffix(tmp_path: Path):
    out = tmp_path / "report.out"
    assert main(["report", CURRENT, "--model", MODEL, "-o", str(out), "--format", "html"]) == 0
    assert out.read_bytes().startswith(b"<!doctype html>")
    pdf = tmp_path / "report"
    assert main(["report", CURRENT, "--model", MODEL, "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("name", ["report.txt", "report.doc", "report.odt"])
def test_a_suffix_that_names_no_format_is_bad_input(tmp_path: Path, capsys, name: str):
    out = tmp_path / name
    assert main(["report", CURRENT, "--model", MODEL, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{out}: cannot tell the report format" in err and "Traceback" not in err
    assert not out.exists()
