"""The Word XML that python-docx has no public API for, in one place.

The Word renderer (:mod:`reports.docx`) draws through python-docx's documented API wherever
there is one. What is left (a hyperlink, a repeating header row, cell shading and borders, a
paragraph border, restarting a numbered list, a page-number field, the document's language)
is built here as raw WordprocessingML, reaching the underlying element of a python-docx
object through its ``_p``, ``_tr`` or ``_tc`` attribute. Keeping those reaches in this one
module means an upgrade of python-docx has one file to check.

It also holds the two rules about text and bytes that every part of the Word file follows:
:func:`xml_text` (what XML 1.0 can hold) and :func:`fixed_zip` (reproducible bytes).
"""

from __future__ import annotations

import io
import re
import weakref
import zipfile
from typing import Any
from urllib.parse import quote

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reports.text import clean

_NEWLINES = re.compile(r"\r\n|\r")
# What clean() leaves that XML 1.0 still cannot hold: the two non-characters at the end of the
# Basic Multilingual Plane (lxml writes them, and Word then refuses the whole file).
_NOT_XML = re.compile("[\ufffe\uffff]")
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
_PDF, _PDI = "\u202c", "\u2069"
# Characters an address keeps as they are; anything else (a space, a quote, a non-ASCII
# letter) is percent-encoded so the relationship's target is a well-formed URI.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"

# Zip entries dated at the earliest moment a zip file can record, for reproducible bytes.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def xml_text(text: str | None) -> str:
    """Text that XML 1.0 (and so python-docx) can hold, with ``"\\n"`` for every line end.

    Control characters other than the line break, lone surrogates and U+FFFE/U+FFFF are
    dropped (python-docx raises on the first two; Word rejects a file holding the last);
    a tab becomes a space, as in the other renderers. Explicit bidirectional embeddings
    and isolates are balanced (:func:`balance_bidi`), so a span cannot reorder the text
    after it.
    """
    return balance_bidi(_NOT_XML.sub("", clean(_NEWLINES.sub("\n", text or ""))))


def balance_bidi(text: str) -> str:
    """The text with every explicit bidirectional embedding or isolate it opens closed at its
    end, and every closing control it has no opener for dropped.

    Word applies such controls to the rest of the paragraph; balanced, they reach no further
    than the span of text that carries them.
    """
    if not any(c in _EMBEDDINGS or c in _ISOLATES or c in (_PDF, _PDI) for c in text):
        return text
    out: list[str] = []
    open_: list[str] = []
    for char in text:
        if char in _EMBEDDINGS or char in _ISOLATES:
            open_.append(char)
        elif char == _PDF:
            if not open_ or open_[-1] not in _EMBEDDINGS:
                continue
            open_.pop()
        elif char == _PDI:
            if not any(c in _ISOLATES for c in open_):
                continue
            while open_.pop() not in _ISOLATES:
                pass
        out.append(char)
    out.extend(_PDI if c in _ISOLATES else _PDF for c in reversed(open_))
    return "".join(out)


def link_run(paragraph: Paragraph, address: str) -> Run:
    """A new run at the end of `paragraph`, inside a hyperlink to `address`.

    The address must already be known to be ``http(s)``; it is percent-encoded where it
    holds characters a URI cannot, and stored as an external relationship of the part the
    paragraph belongs to (one relationship per address).
    """
    target = quote(address, safe=_URI_SAFE)
    rel_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    r = OxmlElement("w:r")
    link.append(r)
    return Run(r, paragraph)  # type: ignore[arg-type]


def repeat_header(row: _Row) -> None:
    """Mark `row` as a header row, repeated at the top of every page the table runs onto."""
    _tr_pr(row).append(OxmlElement("w:tblHeader"))


def keep_row_whole(row: _Row) -> None:
    """Keep `row` on one page (Word still splits a row taller than a page)."""
    _tr_pr(row).append(OxmlElement("w:cantSplit"))


def _tr_pr(row: _Row) -> BaseOxmlElement:
    return row._tr.get_or_add_trPr()


def shade(cell: _Cell, fill: str) -> None:
    """Fill `cell` with the colour ``#RRGGBB``."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#"))
    _tc_pr(cell).append(shd)


def left_bar(cell: _Cell, colour: str, eighths: int = 24) -> None:
    """A coloured bar down the left edge of `cell` and no other border (a callout's look)."""
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        if side == "left":
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), str(eighths))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), colour.lstrip("#"))
        else:
            edge.set(qn("w:val"), "nil")
        borders.append(edge)
    # tcBorders comes before shd in a cell's properties.
    pr = _tc_pr(cell)
    shd = pr.find(qn("w:shd"))
    if shd is None:
        pr.append(borders)
    else:
        shd.addprevious(borders)


def _tc_pr(cell: _Cell) -> BaseOxmlElement:
    return cell._tc.get_or_add_tcPr()


def drop_first_paragraph(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with, once the cell holds something
    else (a cell must always end with a paragraph, so a trailing one is kept)."""
    tc = cell._tc
    paragraphs = tc.findall(qn("w:p"))
    if len(paragraphs) > 1 and not paragraphs[0].xpath("string()"):
        tc.remove(paragraphs[0])


def bottom_border(paragraph: Paragraph, colour: str) -> None:
    """A thin line under `paragraph` (a rule)."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", colour)):
        bottom.set(qn(f"w:{name}"), value.lstrip("#"))
    border.append(bottom)
    # pBdr sits before spacing, indentation and alignment in a paragraph's properties.
    pr = paragraph._p.get_or_add_pPr()
    later = [pr.find(qn(f"w:{tag}")) for tag in ("shd", "tabs", "spacing", "ind", "jc")]
    following = next((e for e in later if e is not None), None)
    if following is None:
        pr.append(border)
    else:
        following.addprevious(border)


def numbered_from(document: Document, paragraph: Paragraph, start: int) -> int:
    """Number `paragraph` in a new list that starts at `start`; returns the list's id.

    Word counts every "List Number" paragraph of a document as one list unless told
    otherwise, so each numbered list of the report gets a list instance of its own (the
    same numbering definition, restarted at `start`). Give the returned id to
    :func:`numbered_in` for the list's other items.
    """
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(max(0, start))
    numbered_in(paragraph, num.numId)
    return int(num.numId)


def numbered_in(paragraph: Paragraph, list_id: int) -> None:
    """Make `paragraph` an item of the list `list_id` (from :func:`numbered_from`)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = list_id


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> Run:
    """A field (``PAGE``, ``NUMPAGES``) at the end of `paragraph`, showing `shown` until the
    reader's word processor works it out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    paragraph._p.append(field)
    r = OxmlElement("w:r")
    field.append(r)
    run = Run(r, paragraph)  # type: ignore[arg-type]
    run.text = shown
    return run


def set_language(document: Document, tag: str) -> None:
    """The language of all text that says no other (the document defaults in styles.xml)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        holder = OxmlElement("w:rPrDefault")
        r_pr = OxmlElement("w:rPr")
        holder.append(r_pr)
        defaults.insert(0, holder)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def set_fonts(document: Document, name: str) -> None:
    """Set the default font (Latin and complex scripts) for all text, replacing the template's
    theme fonts; styles that name a theme font of their own lose it and inherit this one."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is None:
        return
    fonts = defaults.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        defaults.insert(0, fonts)
    for attribute in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def drop_thumbnail(document: Document) -> None:
    """Leave out the template's preview picture (a blank page, which would misrepresent the
    report in a file browser)."""
    rels = document.part.package.rels
    for rel_id in [r for r, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rel_id)


def fixed_zip(data: bytes) -> bytes:
    """The same zip archive with every entry dated :data:`ZIP_EPOCH` and given the same
    attributes, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# Style ids by style name, for the document being written. python-docx looks a style up by
# name, and checks it against the default style, by going over every style of the document
# for each paragraph: most of the time a long report took. The document is held weakly (and
# is not hashable, so one entry, by identity), so none is kept alive by it.
_style_ids: tuple[weakref.ref[Document], dict[str, str | None]] | None = None


def add_styled_paragraph(container: Any, document: Document, style: str) -> Paragraph:
    """A new paragraph at the end of `container` in the paragraph style named `style`: the
    same XML as ``container.add_paragraph(style=style)``."""
    paragraph = container.add_paragraph()
    set_style(paragraph, document, style)
    return paragraph


def set_style(paragraph: Paragraph, document: Document, style: str) -> None:
    """``paragraph.style = style`` (no style mark for the default style), with the style's id
    looked up once per document."""
    global _style_ids
    last = _style_ids
    if last is None or last[0]() is not document:
        last = _style_ids = (weakref.ref(document), {})
    ids = last[1]
    if style not in ids:
        found = document.styles[style]
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        ids[style] = (
            None if default is not None and found.style_id == default.style_id else found.style_id
        )
    paragraph._p.style = ids[style]  # the one private API this needs: CT_P's pStyle setter
