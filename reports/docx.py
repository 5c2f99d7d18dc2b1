"""`render_docx(report) -> bytes`: the report as an editable Word file, with the same content
as the PDF and the HTML report.

It is for the consultant who edits a report before it goes to a board: every finding,
figure, table and source of :mod:`reports.content` is in it as ordinary, editable Word text,
so nothing has to be retyped and every number can still be traced to the assessment. It
words nothing itself beyond the labels the other renderers add too ("Warning", "Stop and put
right", "Page 1 of 9").

How the blocks become Word:

- The cover's title paragraph is set in Word's Title style (the document's title; Word gives
  it no outline level, so the navigation pane and any table of contents start at the
  sections), the organisation under it in a style based on Title, the model in Subtitle.
  Every section title is a Heading 1, a Heading of level 2 a Heading 2 and level 3 a
  Heading 3; headings stay with what follows them. A section the PDF starts on a new page
  starts on one here too.
- Paragraph roles are paragraph styles (:mod:`reports.docxstyle`); span settings are
  direct formatting: bold, italic, smaller, grey for muted, green or red for a change (whose
  text carries the arrow too). A link is made only for an ``http://`` or ``https://``
  address; ``"\\n"`` is a line break. Text loses what XML cannot hold
  (:func:`reports.docxkit.xml_text`) and is otherwise shown exactly as typed.
- Lists use List Bullet and List Number. Each numbered list is its own Word list, restarted
  at its ``start``, so a list the content split in two goes on counting from where the first
  part stopped, and Word renumbers it if an item is added.
- A table is a real Word table with its caption above it (Caption style), a header row that
  repeats on every page, the first column bold when it names the rows, and numbers aligned
  right. Cells hold their whole text (the PDF shortens long cells; an editor needs all of it).
- Word cannot take the report's vector charts as editable drawings, so a chart is its title
  (Caption), its text alternative, its caption and its data table: every figure the chart
  draws is there, as text and as a table the editor can change or chart in Word.
- A callout is a one-cell shaded table with a coloured bar down its left edge; a warning or
  stop box opens with its kind in words. A rule is an empty paragraph with a line under it.
- The page is A4 with 20 mm margins; the footer has the report's footer and the page number.
  The document properties (title, author, subject, keywords, language) come from the report.

With ``invariant=True`` the same report gives the same bytes: the document's dates are fixed
and the zip entries carry one fixed time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from reports import palette
from reports.content.model import (
    CALLOUT_LABELS,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Report,
    Rule,
    Section,
    Span,
    Table,
)
from reports.docxkit import (
    add_styled_paragraph,
    bottom_border,
    drop_first_paragraph,
    fixed_zip,
    keep_row_whole,
    left_bar,
    link_run,
    numbered_from,
    numbered_in,
    repeat_header,
    set_style,
    shade,
    xml_text,
)
from reports.docxstyle import (
    CALLOUT,
    CALLOUT_LABEL,
    CELL,
    CELL_HEAD,
    HEADLINE,
    LEAD,
    LINK,
    NOTE,
    ORGANISATION,
    SMALL,
    TABLE,
    TEXT_WIDTH,
    prepare,
    rgb,
)
from reports.html import safe_href

__all__ = ["render_docx"]

Container = Document | _Cell

_ROLE_STYLES = {
    "body": "Normal",
    "lead": LEAD,
    "headline": HEADLINE,
    "small": SMALL,
    "caption": "Caption",
    "note": NOTE,
    "title": "Title",
    "subtitle": "Subtitle",
    "organisation": ORGANISATION,
}
_HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
_TONES = {"muted": palette.MUTED, "up": palette.UP, "down": palette.DOWN}
# The same words the HTML report gives these boxes.
_ACCENTS = {"info": palette.TEAL, "warning": palette.TARGET, "stop": palette.DOWN}
SMALL_SIZE = Pt(8)


def render_docx(report: Report, *, invariant: bool = False) -> bytes:
    """The report as a Word (.docx) file.

    Args:
        report: the report's content (:func:`reports.content.build_content`).
        invariant: give the same bytes for the same report (fixed dates and zip times).

    Returns:
        The bytes of the ``.docx`` file.
    """
    document = docx.Document()
    prepare(document, report, invariant=invariant)
    if report.logo is not None and report.logo.kind == "png":
        document.add_picture(io.BytesIO(report.logo.data), width=Pt(report.logo.width))
    page_break = False
    for section in report.sections:
        _section(document, section, page_break or section.break_before == "page")
        page_break = section.one_page
    out = io.BytesIO()
    document.save(out)
    return fixed_zip(out.getvalue()) if invariant else out.getvalue()


def _section(document: Document, section: Section, new_page: bool) -> None:
    title = " ".join(xml_text(section.title).split())
    if title:
        heading = document.add_paragraph(title, style=_HEADING_STYLES[1])
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.page_break_before = new_page
    _blocks(document, section.blocks, document, new_page=new_page and not title)


class _Writer:
    """What drawing into one container (the body, a callout's cell) needs to remember."""

    def __init__(self, document: Document, container: Container, new_page: bool) -> None:
        self.document = document
        self.container = container
        self.after_table = False
        self.new_page = new_page

    def paragraph(self, style: str) -> WordParagraph:
        """A new paragraph in `style` (the first one of a page-starting section breaks)."""
        paragraph = add_styled_paragraph(self.container, self.document, style)
        if self.new_page:
            paragraph.paragraph_format.page_break_before = True
            self.new_page = False
        self.after_table = False
        return paragraph

    def table(self, rows: int, columns: int) -> WordTable:
        """A new table, apart from any table just before it (Word joins two tables that
        touch into one)."""
        if self.after_table:
            self.paragraph("Normal").paragraph_format.space_after = Pt(0)
        table = self.container.add_table(rows, columns)
        if self.new_page:
            self.new_page = False  # a table cannot break the page; its first row does
            table.rows[0].cells[0].paragraphs[0].paragraph_format.page_break_before = True
        self.after_table = True
        return table


def _blocks(
    document: Document, blocks: Iterable[Block], container: Container, new_page: bool = False
) -> None:
    writer = _Writer(document, container, new_page)
    for block in blocks:
        _block(writer, block)


def _block(w: _Writer, block: Block) -> None:
    if isinstance(block, Heading):
        if _worded(block.text):
            heading = w.paragraph(_HEADING_STYLES.get(block.level, "Heading 3"))
            heading.paragraph_format.keep_with_next = True
            _runs(heading, block.text)
    elif isinstance(block, Paragraph):
        _paragraph(w, block)
    elif isinstance(block, BulletList):
        _list(w, block)
    elif isinstance(block, Table):
        _table(w, block)
    elif isinstance(block, Chart):
        _chart(w, block)
    elif isinstance(block, Callout):
        _callout(w, block)
    elif isinstance(block, Group):
        for inner in block.blocks:
            _block(w, inner)
    elif isinstance(block, Rule):
        rule = w.paragraph("Normal")
        rule.paragraph_format.space_after = Pt(8)
        bottom_border(rule, palette.RULE)


def _worded(inline: Inline) -> bool:
    return any(xml_text(span.text).strip() for span in inline)


def _paragraph(w: _Writer, block: Paragraph) -> None:
    if not _worded(block.text):
        return
    paragraph = w.paragraph(_ROLE_STYLES.get(block.role, "Normal"))
    if block.role == "organisation":
        length = len(xml_text("".join(span.text for span in block.text)))
        if length > 60:  # a long name is set smaller, in the PDF's steps
            for run in _runs(paragraph, block.text):
                run.font.size = Pt(15 if length <= 160 else 11)
            return
    _runs(paragraph, block.text)


def _runs(paragraph: WordParagraph, inline: Inline, *, bold: bool = False) -> list[Run]:
    """Add each span of `inline` to `paragraph` as a run set as the span says."""
    runs: list[Run] = []
    for span in inline:
        text = xml_text(span.text)
        if not text:
            continue
        runs.append(_run(paragraph, span, text, bold))
    return runs


def _run(paragraph: WordParagraph, span: Span, text: str, bold: bool) -> Run:
    href = safe_href(span.href)
    if href:
        run = link_run(paragraph, href)
        run.style = LINK
    else:
        run = paragraph.add_run()
    run.text = text
    if span.strong or bold:
        run.bold = True
    if span.emphasis:
        run.italic = True
    if span.small:
        run.font.size = SMALL_SIZE
    if span.tone in _TONES:
        run.font.color.rgb = rgb(_TONES[span.tone])
    return run


def _list(w: _Writer, block: BulletList) -> None:
    items = [item for item in block.items if _worded(item)]
    style = "List Number" if block.numbered else "List Bullet"
    list_id: int | None = None
    for item in items:
        paragraph = w.paragraph(style)
        if block.numbered:
            if list_id is None:
                list_id = numbered_from(w.document, paragraph, int(block.start))
            else:
                numbered_in(paragraph, list_id)
        _runs(paragraph, item)


def _caption(w: _Writer, words: Inline) -> None:
    if _worded(words):
        caption = w.paragraph("Caption")
        caption.paragraph_format.keep_with_next = True
        _runs(caption, words)


def _table(w: _Writer, table: Table, fallback_caption: str = "") -> None:
    _caption(w, (Span(xml_text(table.caption).strip() or fallback_caption),))
    columns = max([len(table.header), *(len(row) for row in table.rows), 1])
    header = bool(table.header)
    rows: list[Sequence[Inline]] = [table.header] if header else []
    rows += list(table.rows)
    if not rows:
        return
    word = w.table(len(rows), columns)
    word.style = w.document.styles[TABLE]
    word.alignment = WD_TABLE_ALIGNMENT.LEFT
    word.autofit = False
    widths = _widths(table.widths, columns)
    for column, width in zip(word.columns, widths, strict=True):
        column.width = width
    for index, (row, cells) in enumerate(zip(word.rows, rows, strict=True)):
        is_header = header and index == 0
        if is_header:
            repeat_header(row)
        keep_row_whole(row)
        for column, cell in enumerate(row.cells):
            cell.width = widths[column]
            if is_header:
                shade(cell, palette.PANEL)
            paragraph = cell.paragraphs[0]
            set_style(paragraph, w.document, CELL_HEAD if is_header else CELL)
            if table.alignment(column) == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            spans = cells[column] if column < len(cells) else ()
            _runs(paragraph, spans, bold=column == 0 and table.row_headers and not is_header)


def _widths(relative: Sequence[float], columns: int) -> list[int]:
    """Column widths across the text width, in proportion to `relative` (equal when it does
    not give a positive width for every column)."""
    weights = list(relative[:columns])
    if len(weights) < columns or any(not (x > 0) for x in weights):
        weights = [1.0] * columns
    total = sum(weights)
    return [int(TEXT_WIDTH * x / total) for x in weights]


def _chart(w: _Writer, chart: Chart) -> None:
    title = " ".join(xml_text(chart.title).split())
    alt = " ".join(xml_text(chart.alt).split())
    _caption(w, (Span(title or alt or "Chart", strong=True),))
    if alt:
        _runs(w.paragraph("Normal"), (Span(alt),))
    if _worded(chart.caption):
        _runs(w.paragraph("Caption"), chart.caption)
    if chart.table is not None:
        _table(w, chart.table, fallback_caption=title)


def _callout(w: _Writer, callout: Callout) -> None:
    tone = callout.tone if callout.tone in _ACCENTS else "info"
    box = w.table(1, 1)
    box.style = w.document.styles[CALLOUT]
    box.autofit = False
    keep_row_whole(box.rows[0])
    cell = box.rows[0].cells[0]
    cell.width = TEXT_WIDTH
    shade(cell, palette.PANEL)
    left_bar(cell, _ACCENTS[tone])
    inner = _Writer(w.document, cell, new_page=False)
    label = CALLOUT_LABELS.get(tone)
    if label:
        words = inner.paragraph(CALLOUT_LABEL)
        words.add_run(label).font.color.rgb = rgb(_ACCENTS[tone])
    for block in callout.blocks:
        _block(inner, block)
    drop_first_paragraph(cell)
