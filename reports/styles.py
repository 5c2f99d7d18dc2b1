"""Page geometry and paragraph styles of the report (A4, DejaVu Sans, calm colours)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from reports import palette
from reports.typefaces import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 20 * mm
COVER_BAND = 34 * mm  # the navy band across the top of the cover
MARGIN_BOTTOM = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BODY_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM


def rgb(hex_value: str) -> Color:
    """A reportlab colour from ``#RRGGBB``."""
    return HexColor(hex_value)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles the sections use."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    item: ParagraphStyle
    note: ParagraphStyle
    cover_org: ParagraphStyle
    cover_org_mid: ParagraphStyle
    cover_org_small: ParagraphStyle
    cover_fact: ParagraphStyle
    callout: ParagraphStyle


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": REGULAR,
        "bulletFontName": REGULAR,
        "fontSize": 9.5,
        "leading": 13.5,
        "textColor": rgb(palette.INK),
        "alignment": TA_LEFT,
        "splitLongWords": 1,
        "spaceAfter": 5,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@cache
def styles() -> Styles:
    """The report's styles (built once; registers the fonts first)."""
    register_fonts()
    navy, muted = rgb(palette.NAVY), rgb(palette.MUTED)
    return Styles(
        title=_style(
            "title", fontName=BOLD, fontSize=26, leading=32, textColor=navy, spaceAfter=10
        ),
        subtitle=_style("subtitle", fontSize=13, leading=18, textColor=muted, spaceAfter=18),
        h1=_style(
            "h1",
            fontName=BOLD,
            fontSize=17,
            leading=22,
            textColor=navy,
            spaceBefore=18,
            spaceAfter=10,
            keepWithNext=1,
        ),
        h2=_style(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=16,
            textColor=navy,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=_style(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=_style("body"),
        lead=_style("lead", fontSize=11, leading=16, spaceAfter=8),
        small=_style("small", fontSize=8.5, leading=11.5, textColor=muted),
        caption=_style("caption", fontSize=7.5, leading=10, textColor=muted, spaceAfter=8),
        cell=_style("cell", fontSize=8.5, leading=11, spaceAfter=0),
        cell_bold=_style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        cell_head=_style(
            "cell_head", fontName=BOLD, fontSize=8, leading=10, textColor=muted, spaceAfter=0
        ),
        cell_right=_style("cell_right", fontSize=8.5, leading=11, spaceAfter=0, alignment=2),
        item=_style("item", leftIndent=14, bulletIndent=2, spaceAfter=4),
        note=_style(
            "note", fontSize=8.5, leading=11.5, leftIndent=12, textColor=muted, spaceAfter=3
        ),
        cover_org=_style(
            "cover_org", fontName=BOLD, fontSize=20, leading=26, textColor=navy, spaceAfter=14
        ),
        cover_org_mid=_style(
            "cover_org_mid", fontName=BOLD, fontSize=15, leading=19, textColor=navy, spaceAfter=12
        ),
        cover_org_small=_style(
            "cover_org_small", fontName=BOLD, fontSize=11, leading=14, textColor=navy, spaceAfter=10
        ),
        cover_fact=_style("cover_fact", fontSize=10, leading=14, spaceAfter=0),
        callout=_style("callout", fontSize=11, leading=16, spaceAfter=0),
    )
