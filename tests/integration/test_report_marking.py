"""Consultants' options: the protective marking at the top and bottom of every page (by
default OFFICIAL-SENSITIVE, `--marking none` for none), DRAFT on every page, and who prepared
the report on the cover and as the document's author; in the PDF and the HTML alike."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from pypdf import PdfReader

from cli import main
from cli.parser import DEFAULT_MARKING as PARSER_DEFAULT
from reports.content.model import DEFAULT_MARKING

MODEL = str(FIXTURES / "four-pillar-model.yaml")
CURRENT = str(FIXTURES / "four-pillar-responses.yaml")


def _report(tmp_path: Path, *extra: str, name: str = "r.pdf") -> Path:
    out = tmp_path / name
    assert main(["report", CURRENT, "--model", MODEL, "-o", str(out), *extra]) == 0
    return out


def test_the_default_marking_is_on_the_top_and_bottom_of_every_page(tmp_path: Path):
    assert PARSER_DEFAULT == DEFAULT_MARKING == "OFFICIAL-SENSITIVE"
    pages = PdfReader(_report(tmp_path)).pages
    assert len(pages) > 3
    for page in pages:
        assert page.extract_text().count("OFFICIAL-SENSITIVE") == 2


def test_a_chosen_marking_draft_and_none(tmp_path: Path):
    pages = PdfReader(_report(tmp_path, "--marking", "OFFICIAL", "--draft")).pages
    for page in pages:
        text = page.extract_text()
        assert text.count("OFFICIAL · DRAFT") == 2 and "SENSITIVE" not in text
    pages = PdfReader(_report(tmp_path, "--marking", "none", name="n.pdf")).pages
    assert not any("OFFICIAL" in page.extract_text() for page in pages)


def test_a_marking_that_is_not_one_short_line_is_bad_input(tmp_path: Path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["report", CURRENT, "--model", MODEL, "-o", str(out), "--marking", "X" * 61])
    assert code == 2 and not out.exists()
    assert "--marking: needs one line of text" in capsys.readouterr().err


def test_prepared_by_is_on_the_cover_and_is_the_author(tmp_path: Path):
    reader = PdfReader(_report(tmp_path, "--prepared-by", "Cymru Consulting <R&D>"))
    assert "Prepared by" in reader.pages[0].extract_text()
    assert "Cymru Consulting <R&D>" in reader.pages[0].extract_text()
    assert reader.metadata is not None and reader.metadata.author == "Cymru Consulting <R&D>"


def test_the_html_report_carries_the_marking_and_draft_at_top_and_bottom(tmp_path: Path):
    page = _report(tmp_path, "--draft", name="r.html").read_text(encoding="utf-8")
    assert page.count("OFFICIAL-SENSITIVE · DRAFT") == 2
    top, bottom = '<p class="page-mark page-mark-top">', '<p class="page-mark page-mark-bottom">'
    assert page.index(top) < page.index("<main") < page.index(bottom)
