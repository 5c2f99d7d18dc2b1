"""`build_report(result, previous) -> bytes`: the personalised PDF report.

The document is assembled from the section modules (:mod:`reports.summary`,
:mod:`reports.findings`, :mod:`reports.actions`, :mod:`reports.history`,
:mod:`reports.appendix`) with reportlab Platypus; charts are native vector drawings, the font
is the bundled DejaVu Sans (with Symbola for emoji it lacks), and every piece of user or model text is escaped on its way in.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from reports import palette
from reports.actions import flags, knowledge_gaps, next_steps
from reports.appendix import appendix, sources
from reports.blocks import Context
from reports.chartkit import wrap
from reports.findings import priorities, scores, strengths
from reports.history import since_last_time
from reports.styles import (
    BODY_HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    rgb,
    styles,
)
from reports.summary import cover, summary
from reports.text import clean, shorten
from reports.typefaces import BOLD, REGULAR, font_runs, register_fonts
from scoring.compare import compare
from scoring.result import Result

__all__ = ["build_report", "ordered"]


def ordered(previous: Sequence[Result]) -> tuple[Result, ...]:
    """Earlier assessments oldest first: dated ones by date, undated ones after them (in the
    order given), all before the current one."""
    dated = sorted(
        (r for r in previous if r.responses.assessed_on is not None),
        key=lambda r: r.responses.assessed_on or dt.date.min,
    )
    return (*dated, *(r for r in previous if r.responses.assessed_on is None))


class _NumberedCanvas(Canvas):
    """A canvas that writes "Page n of m" and the footer once the page count is known."""

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:  # the cover has no footer
                self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        y = MARGIN_BOTTOM - 12
        self.setStrokeColor(rgb(palette.RULE))
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, y + 10, PAGE_WIDTH - MARGIN_RIGHT, y + 10)
        self.setFillColor(rgb(palette.MUTED))
        self.setFont(REGULAR, 7.5)
        page = f"Page {self._pageNumber} of {total}"
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, page)
        room = TEXT_WIDTH - self.stringWidth(page, REGULAR, 7.5) - 24
        self._draw_runs(MARGIN_LEFT, y, wrap(self._footer, REGULAR, 7.5, room, 1)[0], 7.5)
        self.restoreState()

    def _draw_runs(self, x: float, y: float, text: str, size: float) -> None:
        """Draw user text in the current font (DejaVu), switching to the Symbola fallback for
        characters DejaVu lacks."""
        runs = font_runs(text, REGULAR)
        if all(font == REGULAR for _, font in runs):
            self.drawString(x, y, "".join(run for run, _ in runs))
            return
        line = self.beginText(x, y)  # one text object, so extraction keeps the line whole
        for run, font in runs:
            line.setFont(font, size)
            line.textOut(run)
        self.drawText(line)


def _cover_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFillColor(rgb(palette.NAVY))
    canvas.rect(0, PAGE_HEIGHT - 34 * 2.835, PAGE_WIDTH, 34 * 2.835, stroke=0, fill=1)
    canvas.setFillColor(rgb("#FFFFFF"))
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN_LEFT, PAGE_HEIGHT - 22 * 2.835, "AI MATURITY SELF-ASSESSMENT")
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN_LEFT, PAGE_HEIGHT - 27 * 2.835, "Report for the chief officer group")
    canvas.restoreState()


def _document(buffer: io.BytesIO, ctx: Context, invariant: bool) -> BaseDocTemplate:
    r = ctx.result
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        BODY_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    respondent = r.responses.respondent
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=shorten(f"AI maturity report: {ctx.organisation}", 300),
        author=shorten(
            (respondent.name if respondent and respondent.name else None) or ctx.organisation,
            300,
        ),
        subject=shorten(f"{clean(r.model.title)}, version {clean(r.model.version)}", 300),
        creator="maturity report (AI maturity self-assessment)",
        keywords=["AI maturity", "self-assessment", clean(r.model.id)],
        lang="en-GB",
        invariant=1 if invariant else 0,
        # Start each page in DejaVu: the default Helvetica would be listed, unembedded, in
        # every page's resources although no text uses it.
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[frame], onPage=_cover_page),
            PageTemplate(id="body", frames=[frame]),
        ]
    )
    return doc


def story(ctx: Context) -> list[Flowable]:
    """The report's flowables in order (exposed for tests and custom layouts)."""
    return [
        NextPageTemplate("body"),
        *cover(ctx),
        *summary(ctx),
        *scores(ctx),
        *strengths(ctx),
        *priorities(ctx),
        *next_steps(ctx),
        *knowledge_gaps(ctx),
        *flags(ctx),
        *since_last_time(ctx),
        *appendix(ctx),
        *sources(ctx),
    ]


def build_report(
    result: Result,
    previous: Sequence[Result] = (),
    *,
    invariant: bool = False,
    generated_on: dt.date | None = None,
    respondent_label: str = "Respondent",
    respondent: str | None = None,
) -> bytes:
    """Render the personalised PDF report of one assessment.

    Args:
        result: the scored assessment the report is about.
        previous: earlier assessments of the same organisation, in any order; with one or
            more, the report gains "Since last time" (against the latest of them), and with
            two or more a trend chart.
        invariant: reproducible output: the same input gives the same bytes (no timestamps
            or random ids in the file). Without `generated_on`, the "prepared on" date is
            then left out.
        generated_on: the date printed as "prepared on"; defaults to today unless
            `invariant` is set.
        respondent_label: the cover's label for who answered (e.g. "Workshop").
        respondent: who answered, in words, in place of the responses' respondent (e.g.
            "8 participants, facilitated by ..." for a workshop report).

    Returns:
        The PDF file's bytes.
    """
    register_fonts()
    earlier = ordered(previous)
    if generated_on is None and not invariant:
        generated_on = dt.date.today()
    ctx = Context(
        result=result,
        previous=earlier,
        comparison=compare(earlier[-1], result) if earlier else None,
        generated_on=generated_on,
        respondent_label=respondent_label,
        respondent=respondent,
        st=styles(),
    )
    buffer = io.BytesIO()
    doc = _document(buffer, ctx, invariant)
    footer = f"{ctx.organisation} · AI maturity assessment"
    doc.build(story(ctx), canvasmaker=partial(_NumberedCanvas, footer=clean(footer)))
    return buffer.getvalue()
