"""The editable Word file holds the report's content: every section title as a heading in
order, and every table of the content as a Word table with the same header."""

from __future__ import annotations

import io

from conftest import FIXTURES
from docx import Document

from questionnaire.loader import load_model, load_responses
from reports.content import build_content
from reports.content.model import Chart, Table, plain
from reports.docx import render_docx
from scoring import score

MODEL = FIXTURES / "four-pillar-model.yaml"


def test_the_word_file_has_every_heading_and_table_of_the_content() -> None:
    model = load_model(MODEL)
    names = ("four-pillar-responses-2024.yaml", "four-pillar-responses-2025.yaml")
    earlier = [score(model, load_responses(FIXTURES / n, model)) for n in names]
    current = score(model, load_responses(FIXTURES / "four-pillar-responses.yaml", model))
    report = build_content(current, earlier)
    doc = Document(io.BytesIO(render_docx(report, invariant=True)))
    headings = [p.text for p in doc.paragraphs if p.style and str(p.style.name) == "Heading 1"]
    titles = [s.title for s in report.sections if s.title]
    assert [h for h in headings if h in titles] == titles
    tables = [b for s in report.sections for b in s.blocks if isinstance(b, Table)]
    tables += [
        b.table for s in report.sections for b in s.blocks if isinstance(b, Chart) and b.table
    ]
    word_headers = {tuple(c.text for c in t.rows[0].cells) for t in doc.tables}
    for table in tables:
        if table.header:
            assert tuple(plain(c) for c in table.header) in word_headers


def test_invariant_word_files_are_byte_identical() -> None:
    model = load_model(MODEL)
    current = score(model, load_responses(FIXTURES / "four-pillar-responses.yaml", model))
    report = build_content(current)
    assert render_docx(report, invariant=True) == render_docx(report, invariant=True)
