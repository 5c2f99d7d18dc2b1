"""Building blocks the report sections share: the context they read, tables, lists, boxes.

Every helper here takes *markup* that the caller built with :func:`reports.text.para_text`
around user or model text; none of them escapes again, and none accepts raw user text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from reports import palette
from reports.styles import TEXT_WIDTH, Styles, rgb, styles
from reports.text import para_text
from reports.typefaces import REGULAR
from scoring.compare import Comparison
from scoring.result import PillarResult, Result

# Longest organisation name repeated in running text.
ORG_IN_TEXT = 100

# A major section starts on a new page unless at least this much of the page is left.
PAGE_SPACE = 330.0


@dataclass(frozen=True)
class Context:
    """What every section may read: the assessment, earlier ones and the styles."""

    result: Result
    previous: tuple[Result, ...] = ()
    comparison: Comparison | None = None
    generated_on: dt.date | None = None
    respondent_label: str = "Respondent"
    respondent: str | None = None  # who answered, in words, instead of the responses' respondent
    st: Styles = field(default_factory=styles)

    @property
    def organisation(self) -> str:
        """The organisation's name as plain text ("Your organisation" when not given)."""
        return self.result.responses.organisation or "Your organisation"

    @property
    def org_full(self) -> str:
        """The organisation's name as escaped markup, however long (the cover shows it)."""
        return para_text(self.organisation)

    @property
    def org(self) -> str:
        """The organisation's name as escaped markup for running text; a name too long to
        repeat in a sentence (it is on the cover, in full) becomes "the organisation"."""
        name = self.result.responses.organisation
        if not name:
            return "your organisation"
        if len(name) > ORG_IN_TEXT:
            return "the organisation"
        return para_text(name)

    @property
    def org_start(self) -> str:
        """:attr:`org` at the start of a sentence (a real name is never recased)."""
        org = self.org
        return org[0].upper() + org[1:] if org in ("your organisation", "the organisation") else org

    def pillar(self, pillar_id: str) -> PillarResult:
        """The result of a pillar of this assessment's model."""
        found = self.result.pillar(pillar_id)
        if found is None:  # scoring only ever names pillars of the model
            raise KeyError(pillar_id)
        return found

    def pillar_name(self, pillar_id: str) -> str:
        """A pillar's name as escaped markup."""
        return para_text(self.pillar(pillar_id).name)


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


def p(markup: str, style: object) -> Paragraph:
    """A paragraph of markup (already escaped where it holds user or model text)."""
    return Para(markup, style)  # type: ignore[arg-type]


def bullets(items: Sequence[str], ctx: Context, *, numbered: bool = False) -> list[Flowable]:
    """A list of paragraphs with bullets or numbers; `items` are markup."""
    out: list[Flowable] = []
    for i, item in enumerate(items, 1):
        bullet = f"{i}." if numbered else "•"
        out.append(Para(item, ctx.st.item, bulletText=bullet))
    return out


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
    :func:`reports.text.cell_text` so no row is taller than a page. A table without a header
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
