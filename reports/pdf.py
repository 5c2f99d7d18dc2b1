"""`build_report(result, previous) -> bytes`: the personalised PDF report.

The report's content comes from :func:`reports.content.build_content` (the same blocks the HTML
report and the app draw); this module lays it out on A4 with reportlab Platypus
(:mod:`reports.flowables` turns blocks into flowables). Charts are native vector drawings, the
font is the bundled DejaVu Sans (with Symbola for emoji it lacks), and every piece of user or
model text is escaped on its way in.

The PDF carries its title, author, subject, language (``en-GB``) and an outline (a bookmark
per section). reportlab cannot tag a PDF for screen readers; the HTML report
(:mod:`reports.html`) is the accessible version of the same content.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from reports import palette
from reports.chartkit import wrap
from reports.content import Options, Report, build_content, ordered
from reports.content.model import DEFAULT_MARKING
from reports.flowables import story
from reports.styles import (
    BODY_HEIGHT,
    COVER_BAND,
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
from reports.text import clean
from reports.typefaces import BOLD, REGULAR, font_runs, register_fonts
from scoring.result import Result

__all__ = ["build_report", "ordered", "render_pdf"]


class _NumberedCanvas(Canvas):
    """A canvas that writes "Page n of m" and the footer once the page count is known."""

    def __init__(
        self, *args: Any, footer: str = "", mark: str = "", draft: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._mark = mark
        self._draft = draft
        self._pages: list[dict[str, Any]] = []
        self._marks: list[tuple[str, str, int]] = []
        self.showOutline()  # open the bookmarks panel in viewers that honour it

    def bookmark(self, key: str, title: str, level: int = 0) -> None:
        """Add an outline entry for the current page (made when the page is written out,
        since pages are held back until their count is known)."""
        self._marks.append((key, title, level))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:  # the cover has no footer
                self._draw_footer(total)
            if self._draft:
                self._draw_draft()
            if self._mark:
                self._draw_mark(on_band=self._pageNumber == 1)
            for key, title, level in self._marks:
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level=level, closed=False)
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

    def _draw_mark(self, *, on_band: bool) -> None:
        """The protective marking (and DRAFT) centred at the top and bottom of the page; on
        the cover's band it is white."""
        self.saveState()
        self.setFont(BOLD, 8)
        self.setFillColor(rgb("#FFFFFF" if on_band else palette.INK))
        mark = wrap(self._mark, BOLD, 8, TEXT_WIDTH, 1)[0]
        self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 9 * 2.835, mark)
        self.setFillColor(rgb(palette.INK))
        self.drawCentredString(PAGE_WIDTH / 2, 7 * 2.835, mark)
        self.restoreState()

    def _draw_draft(self) -> None:
        """A large, faint DRAFT across the page, under nothing a reader needs."""
        self.saveState()
        self.setFillColor(rgb(palette.MUTED))
        self.setFillAlpha(0.12)
        self.setFont(BOLD, 110)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(45)
        self.drawCentredString(0, -40, "DRAFT")
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
    canvas.rect(0, PAGE_HEIGHT - COVER_BAND, PAGE_WIDTH, COVER_BAND, stroke=0, fill=1)
    canvas.restoreState()


def _document(buffer: io.BytesIO, report: Report, invariant: bool) -> BaseDocTemplate:
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
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=report.title,
        author=report.author,
        subject=report.subject,
        creator="maturity report (AI maturity self-assessment)",
        keywords=list(report.keywords),
        lang=report.lang,
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


def render_pdf(report: Report, *, invariant: bool = False) -> bytes:
    """Lay a report's content out as an A4 PDF.

    Args:
        report: from :func:`reports.content.build_content`.
        invariant: reproducible output: the same input gives the same bytes.

    Returns:
        The PDF file's bytes, with its outline open on the side panel.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = _document(buffer, report, invariant)
    flowables = story(report.sections, styles(), report.organisation, report.logo)
    canvas = partial(
        _NumberedCanvas, footer=report.footer, mark=clean(report.page_mark), draft=report.draft
    )
    doc.build(flowables, canvasmaker=canvas)
    return buffer.getvalue()


def build_report(
    result: Result,
    previous: Sequence[Result] = (),
    *,
    invariant: bool = False,
    generated_on: dt.date | None = None,
    respondent_label: str = "Respondent",
    respondent: str | None = None,
    marking: str | None = DEFAULT_MARKING,
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
        marking: the protective marking on every page (None for none).

    Returns:
        The PDF file's bytes.
    """
    if generated_on is None and not invariant:
        generated_on = dt.date.today()
    options = Options(
        generated_on=generated_on,
        respondent_label=respondent_label,
        respondent=respondent,
        marking=marking,
    )
    return render_pdf(build_content(result, previous, options), invariant=invariant)
