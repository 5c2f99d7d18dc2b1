"""reportlab building blocks of the PDF renderer (:mod:`reports.flowables`): tables, boxes,
rules and a paragraph that remembers its line breaks.

Every helper here takes *markup* built with :func:`reports.markup.para_text` around user or
model text; none of them escapes again, and none accepts raw user text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from reports import palette
from reports.styles import TEXT_WIDTH, rgb
from reports.typefaces import REGULAR

# A major section starts on a new page unless at least this much of the page is left.
PAGE_SPACE = 330.0


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to.

    Platypus wraps most paragraphs two or three times at the same width (to keep a group
    together, to size a table row, then to place it); breaking the lines is the costliest
    step of a report, and its result depends on nothing but the width.
    """

    _wrapped_at: tuple[float, Any, Any, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._wrapped_at
        if cached is not None and cached[0] == availWidth:
            _, self._wrapWidths, self.blPara, self.height = cached
            self.width = availWidth
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= 1e-8:  # Paragraph.wrap's "cannot fit" answer sets nothing
            self._wrapped_at = (availWidth, self._wrapWidths, self.blPara, height)
        return width, height


def rule(space: float = 6) -> HRFlowable:
    """A thin horizontal rule across the text width."""
    return HRFlowable(
        width="100%", thickness=0.6, color=rgb(palette.RULE), spaceBefore=space, spaceAfter=space
    )


def table(
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    header: bool = True,
    zebra: bool = True,
) -> Table:
    """A calm table: a muted header row, thin rules, light banding; splits between rows.

    Cells should be Paragraphs so long text wraps, built with
    :mod:`reports.flowables`, which shortens cell text so no row is taller than a page. A table without a header
    may also split inside a row (reportlab repeats the header badly when it does that).
    """
    scale = TEXT_WIDTH / sum(widths)
    t = Table(
        [list(r) for r in rows],
        colWidths=[w * scale for w in widths],
        repeatRows=1 if header else 0,
        splitInRow=0 if header else 1,
        hAlign="LEFT",
    )
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, rgb(palette.RULE)),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.9, rgb(palette.NAVY)))
    if zebra:
        first = 1 if header else 0
        for r in range(first, len(rows)):
            if (r - first) % 2 == 1:
                commands.append(("BACKGROUND", (0, r), (-1, r), rgb(palette.PANEL)))
    t.setStyle(TableStyle(commands))
    return t


def callout(flowables: Sequence[Flowable], *, accent: str = palette.TEAL) -> Table:
    """Flowables in a tinted box with a coloured bar on the left (key facts, the overall)."""
    t = Table([[list(flowables)]], colWidths=[TEXT_WIDTH], hAlign="LEFT", splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), rgb(palette.PANEL)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, rgb(accent)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return t


def keep(flowables: Sequence[Flowable]) -> KeepTogether:
    """Keep a short group (a heading and its first lines) on one page where it fits."""
    return KeepTogether(list(flowables))
