"""The PDF tells assistive tools what it is: title, language, author, subject and an outline
with a bookmark per section; internal question ids never appear in it."""

from __future__ import annotations

import io
import re

from conftest import FIXTURES
from pypdf import PdfReader

from questionnaire.loader import load_model, load_responses
from reports.content import build_content
from reports.pdf import build_report
from scoring import score

MODEL = FIXTURES / "four-pillar-model.yaml"
RESPONSES = FIXTURES / "four-pillar-responses.yaml"
EARLIER = FIXTURES / "four-pillar-responses-2025.yaml"


def _results():
    model = load_model(MODEL)
    return [score(model, load_responses(p, model)) for p in (EARLIER, RESPONSES)]


def test_the_pdf_has_title_language_author_and_a_bookmark_per_section():
    earlier, current = _results()
    pdf = PdfReader(io.BytesIO(build_report(current, [earlier], invariant=True)))
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == f"AI maturity report: {current.responses.organisation}"
    assert meta.author and meta.subject
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [(o.title, pdf.get_destination_page_number(o)) for o in pdf.outline]
    report = build_content(current, [earlier])
    assert [t for t, _ in titles] == [s.title or "Cover" for s in report.sections]
    pages = [page for _, page in titles]
    assert pages == sorted(pages) and pages[0] == 0 and pages[1] == 1
    # each bookmark lands on the page that carries its section's title
    for title, page in titles[1:]:
        assert title in pdf.pages[page].extract_text()


def test_no_internal_question_id_appears_in_the_report_but_numbers_do():
    earlier, current = _results()
    pdf = PdfReader(io.BytesIO(build_report(current, [earlier], invariant=True)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for _, question in current.model.questions():
        assert not re.search(rf"(?<![\w-]){re.escape(question.id)}(?![\w-])", text), question.id
    assert "1.1 " in text and "2.3 " in text
