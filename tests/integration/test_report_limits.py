"""A model at the limits the validator allows is reported in full: PDF, HTML and Word.

40 pillars (``limits.PILLARS``), 10 levels, 20 options, every name ``limits.NAME_CHARS`` long,
with two earlier assessments so that every section is drawn (the comparison and the trend
chart too). Finding D4 was a ``LayoutError`` from 32 pillars on: a chart taller than a page.
Here every chart the PDF draws must fit the page's frame and hold all its marks and labels
inside its own edges, whatever the number of pillars and levels.
"""

from __future__ import annotations

import io

import pytest
from big_models import Size, big_model, big_responses
from docx import Document
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing

from questionnaire import limits
from reports.content import Options, build_content
from reports.content.history import TREND_LINES
from reports.content.model import Chart, Report
from reports.docx import render_docx
from reports.flowables import block_flowables
from reports.html import render_html
from reports.pdf import render_pdf
from reports.styles import BODY_HEIGHT, TEXT_WIDTH, styles
from scoring import score

WIDEST = Size(
    pillars=limits.PILLARS,
    questions=2,
    options=limits.OPTIONS,
    levels=limits.LEVELS,
    name_chars=limits.NAME_CHARS,
    text_chars=60,
)


@pytest.fixture(scope="module")
def report() -> Report:
    model = big_model(WIDEST)
    earlier = [
        score(model, big_responses(model, seed=seed, assessed_on=on))
        for seed, on in ((1, "2024-11-01"), (2, "2025-11-01"))
    ]
    return build_content(score(model, big_responses(model)), earlier, Options())


def charts(report: Report) -> list[Chart]:
    found = []
    for section in report.sections:
        stack = list(section.blocks)
        while stack:
            block = stack.pop(0)
            if isinstance(block, Chart):
                found.append(block)
            stack[:0] = list(getattr(block, "blocks", ()))
    return found


def test_the_report_at_the_limits_has_every_kind_of_chart(report: Report) -> None:
    assert {c.kind for c in charts(report)} >= {"bars", "trend"}


def test_every_pdf_chart_fits_a_page_and_keeps_its_labels_inside(report: Report) -> None:
    drawn = 0
    for chart in charts(report):
        for flowable in block_flowables(chart, styles()):
            if not isinstance(flowable, Drawing):
                continue
            drawn += 1
            assert flowable.height <= BODY_HEIGHT - 20, chart.kind
            assert flowable.width <= TEXT_WIDTH + 0.5, chart.kind
            x0, y0, x1, y1 = flowable.getBounds()
            assert x0 >= -1 and y0 >= -1, (chart.kind, x0, y0)
            assert x1 <= flowable.width + 1 and y1 <= flowable.height + 1, (chart.kind, x1, y1)
    assert drawn >= 2


def test_every_pillar_is_in_the_charts_and_each_trend_chart_holds_few_lines(
    report: Report,
) -> None:
    bars = [c for c in charts(report) if c.kind == "bars"]
    assert [len(c.data) for c in bars] == [limits.PILLARS]  # one chart, drawn in parts
    trends = [c for c in charts(report) if c.kind == "trend"]
    lines = [[s.pillar_id for s in c.data.series] for c in trends]  # type: ignore[union-attr]
    assert [p for part in lines for p in part] == [f"p{n}" for n in range(limits.PILLARS)]
    assert max(len(part) for part in lines) <= TREND_LINES


def test_the_pdf_at_the_limits_renders_with_the_summary_flowing_over_pages(
    report: Report,
) -> None:
    pdf = render_pdf(report, invariant=True)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    summary = next(n for n, t in enumerate(pages) if "Summary" in t)
    judgements = next(n for n, t in enumerate(pages) if "Pillar judgements" in t)
    # Forty pillars do not fit one page at a readable size: the summary is not shrunk to one
    # page but runs on, its bars in parts.
    assert judgements - summary > 1
    assert any("Trend" in t for t in pages)


def test_the_html_and_word_reports_at_the_limits_render(report: Report) -> None:
    page = render_html(report)
    assert page.count("<svg") >= len(charts(report))
    document = Document(io.BytesIO(render_docx(report, invariant=True)))
    assert len(document.tables) >= len(charts(report))
