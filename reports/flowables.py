"""The PDF renderer of the report content model: blocks in, reportlab flowables out.

Nothing here words a finding; it only sets what :mod:`reports.content` wrote. Every span of
text is escaped on its way into Paragraph markup (:func:`reports.markup.para_text`), so user
and model text is always shown literally.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from reports import palette
from reports.blocks import PAGE_SPACE, Para, callout, keep, rule, table
from reports.chartdata import ChartData, TrendData
from reports.charts import bars_drawings, radar_drawing, trend_drawing
from reports.content.model import (
    CALLOUT_LABELS,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Inline,
    Logo,
    Paragraph,
    Rule,
    Section,
    Span,
    Table,
)
from reports.markup import para_text
from reports.styles import BODY_HEIGHT, COVER_BAND, MARGIN_TOP, TEXT_WIDTH, Styles
from reports.text import shorten

# Longest text in a table cell: no row may outgrow a page (the full text is elsewhere).
CELL_LIMIT = 240
# Room kept on a page beside a chart: its title lines and caption.
CHART_ROOM = 60.0
_WEB = ("http://", "https://")
_TONES = {"muted": palette.MUTED, "up": palette.UP, "down": palette.DOWN}
_ACCENTS = {"info": palette.TEAL, "warning": palette.TARGET, "stop": palette.DOWN}


def span_markup(span: Span, limit: int | None = None) -> str:
    """One span as escaped Paragraph markup, with its settings as tags."""
    body = para_text(shorten(span.text, limit) if limit else span.text)
    if span.strong:
        body = f"<b>{body}</b>"
    if span.emphasis:
        body = f"<i>{body}</i>"
    attributes = []
    if span.small:
        attributes.append("size=8")
    if span.tone:
        attributes.append(f"color='{_TONES[span.tone]}'")
    if attributes:
        body = f"<font {' '.join(attributes)}>{body}</font>"
    if span.href and span.href.lower().startswith(_WEB):
        body = f"<link href=\"{para_text(span.href)}\" color='{palette.TEAL}'>{body}</link>"
    return body


def markup(inline: Inline, limit: int | None = None) -> str:
    """An Inline as Paragraph markup (each span shortened to `limit` characters if given)."""
    return "".join(span_markup(s, limit) for s in inline)


class Bookmark(Flowable):
    """A zero-size flowable that adds a PDF outline entry (bookmark) where it is drawn."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        deferred = getattr(canvas, "bookmark", None)  # the report's canvas holds pages back
        if callable(deferred):
            deferred(self.key, self.title, self.level)
            return
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def _paragraph(block: Paragraph, st: Styles, organisation: str) -> list[Flowable]:
    role = block.role
    if role == "headline":
        return [Para(f"<font size=15><b>{markup(block.text)}</b></font>", st.lead)]
    if role == "title":
        return [Spacer(1, 70), Para(markup(block.text), st.title)]
    if role == "organisation":
        length = len(organisation)
        style = (
            st.cover_org
            if length <= 60
            else st.cover_org_mid
            if length <= 160
            else st.cover_org_small
        )
        return [Para(markup(block.text), style)]
    style = {
        "body": st.body,
        "lead": st.lead,
        "small": st.small,
        "caption": st.caption,
        "note": st.note,
        "subtitle": st.subtitle,
    }[role]
    return [Para(markup(block.text), style)]


def _bullets(block: BulletList, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for i, item in enumerate(block.items, block.start):
        bullet = f"{i}." if block.numbered else "•"
        out.append(Para(markup(item), st.item, bulletText=bullet))
    return out


def _table(block: Table, st: Styles) -> list[Flowable]:
    header = bool(block.header)
    rows: list[list[Flowable | str]] = []
    if header:
        rows.append([Para(markup(cell), st.cell_head) for cell in block.header])
    for row in block.rows:
        cells: list[Flowable | str] = []
        for column, cell in enumerate(row):
            if column == 0 and block.row_headers:
                style = st.cell_bold if header else st.cell_head
            elif block.alignment(column) == "right":
                style = st.cell_right
            else:
                style = st.cell
            cells.append(Para(markup(cell, CELL_LIMIT), style))
        rows.append(cells)
    out: list[Flowable] = [table(rows, block.widths, header=header, zebra=header)]
    if not header:
        out.append(Spacer(1, 26))  # a fact table (the cover's) stands apart from what follows
    return out


def _chart(block: Chart, st: Styles) -> list[Flowable]:
    data = block.data
    drawings: list[Flowable]
    if block.kind == "radar" and isinstance(data, ChartData):
        drawings = [radar_drawing(data, TEXT_WIDTH, 290)]
    elif block.kind == "bars" and isinstance(data, ChartData):
        # In parts when its rows are taller than a page could hold with a caption.
        drawings = list(bars_drawings(data, TEXT_WIDTH, BODY_HEIGHT - CHART_ROOM))
    elif block.kind == "trend" and isinstance(data, TrendData):
        drawings = [trend_drawing(data, TEXT_WIDTH)]
    else:
        raise ValueError(f"a {block.kind} chart cannot draw {type(data).__name__}")
    out: list[Flowable] = drawings
    if block.caption:
        out.append(Para(markup(block.caption), st.caption))
    if block.print_table and block.table is not None:
        out += _table(block.table, st)
    return out


def block_flowables(block: Block, st: Styles, organisation: str = "") -> list[Flowable]:
    """The flowables that draw one block."""
    if isinstance(block, Paragraph):
        return _paragraph(block, st, organisation)
    if isinstance(block, Heading):
        return [Para(markup(block.text), st.h2 if block.level == 2 else st.h3)]
    if isinstance(block, BulletList):
        return _bullets(block, st)
    if isinstance(block, Table):
        return _table(block, st)
    if isinstance(block, Chart):
        return _chart(block, st)
    if isinstance(block, Callout):
        inner = [f for b in block.blocks for f in block_flowables(b, st, organisation)]
        label = CALLOUT_LABELS.get(block.tone)
        if label:
            inner.insert(0, Para(para_text(label), st.h3))
        return [callout(inner, accent=_ACCENTS[block.tone]), Spacer(1, 6)]
    if isinstance(block, Group):
        return [keep(flowables(block.blocks, st, organisation))]
    if isinstance(block, Rule):
        return [rule(2)]
    raise TypeError(f"no PDF rendering for {type(block).__name__}")


def flowables(blocks: Sequence[Block], st: Styles, organisation: str = "") -> list[Flowable]:
    """The flowables of several blocks, in order."""
    return [f for b in blocks for f in block_flowables(b, st, organisation)]


def section_flowables(section: Section, st: Styles, organisation: str) -> list[Flowable]:
    """One section: its break, its bookmark and title, its blocks.

    The title stays with the section's first block when that is a group (a heading and the
    lines it introduces), and a one-page section is shrunk to fit if it must be.
    """
    out: list[Flowable] = []
    if section.break_before == "page":
        out.append(PageBreak())
    elif section.break_before == "space":
        out.append(CondPageBreak(PAGE_SPACE))
    bookmark = Bookmark(section.id, section.title or "Cover")
    head: list[Flowable] = []
    if section.title:
        head.append(Para(para_text(section.title), st.h1))
    blocks = list(section.blocks)
    if section.one_page:
        # Outside the frame: reportlab draws a shrunk frame's contents without calling their
        # own drawing code, and the section starts the page anyway.
        body = [*head, *flowables(blocks, st, organisation)]
        return [
            *out,
            bookmark,
            KeepInFrame(TEXT_WIDTH, BODY_HEIGHT - 2, body, mode="shrink"),
            PageBreak(),
        ]
    # The bookmark and title go wherever the section's first lines go (a whole group, when
    # the section opens with one: a heading and the lines it introduces).
    first = blocks.pop(0) if blocks else None
    if isinstance(first, Group):
        opening, rest = flowables(first.blocks, st, organisation), []
    else:
        drawn = block_flowables(first, st, organisation) if first is not None else []
        opening, rest = drawn[:1], drawn[1:]
    return [*out, keep([bookmark, *head, *opening]), *rest, *flowables(blocks, st, organisation)]


def logo_flowable(logo: Logo) -> Flowable:
    """The cover's logo at its checked size (:mod:`reports.logo`), set to the left."""
    if logo.kind == "png":
        image = Image(io.BytesIO(logo.data), width=logo.width, height=logo.height)
        image.hAlign = "LEFT"
        return image
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(io.BytesIO(logo.data))
    if drawing is None or not drawing.width or not drawing.height:
        return Spacer(1, logo.height)
    scale = min(logo.width / drawing.width, logo.height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    return drawing


def story(
    sections: Sequence[Section], st: Styles, organisation: str, logo: Logo | None = None
) -> list[Flowable]:
    """The whole report's flowables (the first page uses the cover template), the logo at the
    top of the cover when there is one."""
    out: list[Flowable] = [NextPageTemplate("body")]
    if logo is not None:  # below the cover's band, which the frame's top overlaps
        out += [Spacer(1, COVER_BAND - MARGIN_TOP + 10), logo_flowable(logo), Spacer(1, 6)]
    for section in sections:
        out += section_flowables(section, st, organisation)
    return out
