"""The Word file's page, styles, running footer and document properties.

Every look the report has in Word is a named style, so a consultant who edits the report can
restyle every caption, note or callout at once: Word's own Title, Subtitle, Heading 1-3,
Caption, List Bullet and List Number, and a few of the report's own (:data:`STYLES`). Sizes
and colours follow the PDF's (:mod:`reports.styles`, :mod:`reports.palette`); the font is
Arial, which every copy of Word has (LibreOffice substitutes a metric twin).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from reports import palette
from reports.content.model import Report
from reports.docxkit import add_field, drop_thumbnail, set_fonts, set_language, xml_text
from reports.text import shorten

FONT = "Arial"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(20)
TEXT_WIDTH = Mm(210 - 2 * 20)
# python-docx refuses a core property longer than this.
PROPERTY_LIMIT = 255
# The dates an invariant document records (the PDF's invariant mode uses the same moment).
INVARIANT_DATE = dt.datetime(2000, 1, 1)
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")

# The report's own paragraph and character style names, by what they are for.
ORGANISATION, LEAD, HEADLINE, SMALL, NOTE = "Organisation", "Lead", "Headline", "Small", "Note"
CELL, CELL_HEAD, CALLOUT_LABEL = "Table Text", "Table Heading", "Callout Label"
LINK = "Hyperlink"
TABLE, CALLOUT = "Report Table", "Callout Box"


def rgb(hex_value: str) -> RGBColor:
    """A python-docx colour from ``#RRGGBB``."""
    return RGBColor.from_string(hex_value.lstrip("#"))


@dataclass(frozen=True)
class Look:
    """How a paragraph style sets text (None: as the style it is based on)."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    before: float | None = None
    after: float | None = None
    indent: float | None = None
    keep_with_next: bool | None = None


# Word's styles as the report sets them, then the report's own (created based on Normal,
# except the organisation, which belongs with the Title).
_WORD = {
    "Normal": Look(size=10, colour=palette.INK, after=5),
    "Title": Look(size=26, bold=True, colour=palette.NAVY, after=10),
    "Subtitle": Look(size=13, italic=False, colour=palette.MUTED, after=18),
    "Heading 1": Look(size=17, bold=True, colour=palette.NAVY, before=18, after=8),
    "Heading 2": Look(size=12, bold=True, colour=palette.NAVY, before=12, after=4),
    "Heading 3": Look(size=10.5, bold=True, colour=palette.INK, before=8, after=3),
    "Caption": Look(size=8, bold=False, colour=palette.MUTED, before=2, after=6),
    "List Bullet": Look(after=3),
    "List Number": Look(after=3),
    "Footer": Look(size=8, colour=palette.MUTED, after=0),
}
STYLES = {
    ORGANISATION: Look(size=20, bold=True, colour=palette.NAVY, after=14),
    LEAD: Look(size=11, after=8),
    HEADLINE: Look(size=15, bold=True, colour=palette.NAVY, after=6),
    SMALL: Look(size=8.5, colour=palette.MUTED, after=4),
    NOTE: Look(size=8.5, colour=palette.MUTED, indent=12, after=3),
    CELL: Look(size=8.5, before=1, after=1),
    CELL_HEAD: Look(size=8, bold=True, colour=palette.MUTED, before=1, after=1),
    CALLOUT_LABEL: Look(size=9, bold=True, after=2, keep_with_next=True),
}


def prepare(document: Document, report: Report, *, invariant: bool) -> None:
    """Set up a new document for `report`: page, styles, language, footer and properties."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = Mm(10)
    _styles(document)
    lang = report.lang if _LANG.fullmatch(report.lang or "") else "en-GB"
    set_language(document, lang)
    _footer(document, report)
    _properties(document, report, lang, invariant)
    drop_thumbnail(document)


def _styles(document: Document) -> None:
    set_fonts(document, FONT)
    styles = document.styles
    for name, look in _WORD.items():
        _apply(cast(ParagraphStyle, styles[name]), look)
    title = styles["Title"].element
    for unwanted in (title.find(f"{qn('w:pPr')}/{qn('w:pBdr')}"),):
        if unwanted is not None:
            unwanted.getparent().remove(unwanted)
    subtitle = styles["Subtitle"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if subtitle is not None:  # the template numbers its Subtitle, with no list to number it in
        subtitle.getparent().remove(subtitle)
    for name, look in STYLES.items():
        style = cast(ParagraphStyle, styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        style.base_style = styles["Title" if name == ORGANISATION else "Normal"]
        style.quick_style = True
        _apply(style, look)
    link = styles.add_style(LINK, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = rgb(palette.TEAL)
    _table_style(document, TABLE, borders=palette.RULE)
    _table_style(document, CALLOUT, borders=None)


def _apply(style: ParagraphStyle, look: Look) -> None:
    font, fmt = style.font, style.paragraph_format
    if look.size is not None:
        font.size = Pt(look.size)
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.colour is not None:
        font.color.rgb = rgb(look.colour)
    if look.before is not None:
        fmt.space_before = Pt(look.before)
    if look.after is not None:
        fmt.space_after = Pt(look.after)
    if look.indent is not None:
        fmt.left_indent = Pt(look.indent)
    if look.keep_with_next is not None:
        fmt.keep_with_next = look.keep_with_next


def _table_style(document: Document, name: str, borders: str | None) -> None:
    """A table style: thin grid lines of colour `borders` (none when None), roomy cells."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    tbl_pr = OxmlElement("w:tblPr")
    if borders is not None:
        edges = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0")):
                edge.set(qn(f"w:{key}"), value)
            edge.set(qn("w:color"), borders.lstrip("#"))
            edges.append(edge)
        tbl_pr.append(edges)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("left", 100), ("bottom", 40), ("right", 100)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)


def _marking(document: Document, report: Report) -> None:
    """The protective marking (and DRAFT) centred, bold, in the header and above the footer
    of every page, as the PDF prints them; nothing when the report has neither."""
    mark = xml_text(report.page_mark).strip()
    if not mark:
        return
    section = document.sections[0]
    top = section.header.paragraphs[0]
    top.style = document.styles["Header"]
    bottom = section.footer.paragraphs[0]
    bottom.style = document.styles["Footer"]
    for paragraph in (top, bottom):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(mark).bold = True
    section.footer.add_paragraph(style=document.styles["Footer"])


def _footer(document: Document, report: Report) -> None:
    """The running footer: the report's footer text and the page number, on every page (after
    the marking, when there is one)."""
    _marking(document, report)
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[-1]
    paragraph.style = document.styles["Footer"]
    words = xml_text(report.footer).strip()
    paragraph.add_run(f"{words} · Page " if words else "Page ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES", "1")


def _properties(document: Document, report: Report, lang: str, invariant: bool) -> None:
    """The document properties Word shows under File > Info, from the report's metadata."""
    props = document.core_properties

    def fit(value: str) -> str:
        return shorten(xml_text(value), PROPERTY_LIMIT)

    props.title = fit(report.title or report.organisation)
    props.author = fit(report.author)
    props.subject = fit(report.subject)
    props.keywords = fit(", ".join(report.keywords))
    props.language = fit(lang)
    props.comments = ""
    props.last_modified_by = fit(report.author)
    props.revision = 1
    moment = (
        INVARIANT_DATE if invariant else dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    )
    props.created = props.modified = moment
