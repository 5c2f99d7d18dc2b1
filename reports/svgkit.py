"""What the SVG charts share: measuring and wrapping labels, placed text, shapes, colours.

Label sizes come from the metrics of DejaVu Sans, the bundled typeface. The HTML report asks
for the reader's system font, and the common ones (Segoe UI, San Francisco, Roboto, Arial,
Liberation Sans) are narrower than DejaVu, so a label measured here fits wherever it is
drawn; a character DejaVu lacks (an emoji, a CJK ideograph) is counted as wider than any font
draws it. Every placed label keeps its box, so the layout can be checked for overlaps, by the
charts themselves and by the tests.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.ttfonts import TTFontFile

from reports import palette
from reports.typefaces import FONT_DIR
from scoring.present import score_text, threshold_text

# Colours of the charts. Every mark that carries meaning has at least 3:1 contrast against
# white and against the darkest level band; text has at least 4.5:1 (tested).
INK = "#1F2933"
MUTED = "#5F6B7A"
GRID = "#6B7785"  # level thresholds and spokes: 3.6:1 on the darkest band
SCORE = "#2A7F8E"
SCORE_FILL = "#2A7F8E"
SCORE_FILL_OPACITY = 0.2
TARGET = "#B5541C"
WHITE = "#FFFFFF"
BANDS = palette.BANDS  # lightest first; longer scales reuse them
SERIES = ("#0072B2", "#C24E00", "#00785A", "#A4407D", "#8A6100", "#5E4FA2", "#4D5A66")
DASHES = ("", "7 4", "2 3", "9 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "down")

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif'
)

PAD = 3  # room around a layout for glyphs that reach a little past their advance width
_WIDE = 1.3  # ems for a character DejaVu Sans has no glyph for (emoji are about 1.2)
_SPACE = re.compile(r"\s+")

# Characters an HTML document may not contain: C0 controls other than tab, newline and
# carriage return; DEL and the C1 controls; lone surrogates; and the noncharacters.
_NONCHARACTERS = "".join(
    f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17)
)
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
_NEWLINES = re.compile(r"\r\n|\r")


def clean(text: str | None) -> str:
    """Text with every character HTML forbids removed and line ends made ``"\\n"``."""
    if not text:
        return ""
    return _FORBIDDEN.sub("", _NEWLINES.sub("\n", text))


@functools.cache
def _advances(bold: bool) -> dict[int, float]:
    """Advance widths in ems by code point, read once from the bundled font file."""
    face = TTFontFile(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")))
    return {code: w / 1000 for code, w in face.charWidths.items()}


def _char_ems(char: str, advances: dict[int, float]) -> float:
    advance = advances.get(ord(char))
    if advance is not None:
        return advance
    # Marks and format characters take no room; anything else the font lacks is wide.
    return 0.0 if unicodedata.category(char) in ("Mn", "Me", "Cf") else _WIDE


@functools.lru_cache(maxsize=8192)
def _ems(text: str, bold: bool) -> float:
    advances = _advances(bold)
    return sum(_char_ems(char, advances) for char in text)


_SLACK = 1.03  # a little room for kerning and hinting differences


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in user units (an upper bound; see the module note)."""
    return _ems(text, bold) * size * _SLACK


def band_fill(index: int, count: int) -> str:
    """The fill of level band `index` of `count`, lightest first (:func:`palette.band_colour`)."""
    return palette.band_colour(index, count)


def esc(value: object) -> str:
    """Text or an attribute value escaped for SVG inside HTML (quotes too)."""
    return html.escape(str(value), quote=True)


def num(value: float) -> str:
    """A coordinate, short: ``12.5``, ``40``."""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _cut(word: str, limit: float, bold: bool) -> list[tuple[str, float]]:
    """A word too wide for a line, cut into pieces that fit (widths in ems)."""
    advances = _advances(bold)
    pieces: list[tuple[str, float]] = []
    current, width = "", 0.0
    for char in word:
        w = _char_ems(char, advances)
        if current and width + w > limit:
            pieces.append((current, width))
            current, width = char, w
        else:
            current, width = current + char, width + w
    return [*pieces, (current, width)] if current else pieces


def wrap(text: str, size: float, limit: float, max_lines: int = 3, bold: bool = False) -> list[str]:
    """Break text into at most `max_lines` lines no wider than `limit`.

    Words wider than a line are cut; text that needs more lines ends in an ellipsis, so a
    label never runs past the room it was given. Always at least one (maybe empty) line.
    """
    # No line holds more than limit / (0.25 em) characters: the rest can only be cut off.
    room = int((max_lines + 1) * limit / (0.25 * size)) + 2
    room_ems = limit / (size * _SLACK)
    space = _ems(" ", bold)
    lines: list[str] = []
    current, width = "", 0.0
    for word in _SPACE.sub(" ", clean(text[:room])).strip().split(" "):
        w = _ems(word, bold)
        for piece, pw in [(word, w)] if w <= room_ems else _cut(word, room_ems, bold):
            if not current:
                current, width = piece, pw
            elif width + space + pw > room_ems:
                lines.append(current)
                current, width = piece, pw
            else:
                current, width = f"{current} {piece}", width + space + pw
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines or [""]
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + "…", size, bold) > limit:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def one_line(text: str, size: float, limit: float, bold: bool = False) -> str:
    """The text on one line, shortened with an ellipsis to fit `limit`."""
    return wrap(text, size, limit, 1, bold)[0]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in user units (y grows downwards, as in SVG)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two boxes come closer than `gap` on both axes."""
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.bottom + gap <= other.top
            or other.bottom + gap <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        """Whether the box lies within ``0..width`` x ``0..height``."""
        eps = 0.01
        return (
            self.left >= -eps
            and self.top >= -eps
            and self.right <= width + eps
            and self.bottom <= height + eps
        )


@dataclass(frozen=True)
class Label:
    """One line of text at a baseline position, with the box it needs."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start, middle or end
    bold: bool = False
    fill: str = INK
    halo: bool = False  # a white outline behind the letters (text drawn over marks)

    @property
    def box(self) -> Box:
        w = text_width(self.text, self.size, self.bold)
        left = self.x - (w if self.anchor == "end" else w / 2 if self.anchor == "middle" else 0)
        return Box(left, self.y - self.size * 0.95, left + w, self.y + self.size * 0.27)

    def svg(self) -> str:
        attrs = [f'x="{num(self.x)}"', f'y="{num(self.y)}"', f'font-size="{num(self.size)}"']
        if self.anchor != "start":
            attrs.append(f'text-anchor="{self.anchor}"')
        if self.bold:
            attrs.append('font-weight="700"')
        attrs.append(f'fill="{self.fill}"')  # an attribute, so no stylesheet overrides it
        if self.halo:
            attrs.append('class="halo"')
        return f"<text {' '.join(attrs)}>{esc(clean(self.text))}</text>"


def block(
    x: float,
    top: float,
    lines: Sequence[str],
    size: float,
    *,
    anchor: str = "start",
    bold: Sequence[bool] = (),
    fill: Sequence[str] = (),
    leading: float = 1.25,
) -> list[Label]:
    """Lines of text whose first line's top is at `top` (one label per line)."""
    return [
        Label(
            x,
            top + size * 0.95 + i * size * leading,
            line,
            size,
            anchor,
            bold[i] if i < len(bold) else False,
            fill[i] if i < len(fill) else INK,
        )
        for i, line in enumerate(lines)
    ]


@dataclass(frozen=True)
class NameRow:
    """One row of a horizontal chart: the row's name wrapped, that name's height, the row's."""

    lines: list[str]
    names_h: float
    height: float

    def place(
        self, top: float, x0: float, zone: float, size: float, narrow: bool
    ) -> tuple[list[Label], float]:
        """The name's labels for a row whose top is at `top`, and the middle of its bar
        zone: on a narrow chart the name sits above the zone, otherwise beside it."""
        if narrow:
            return block(x0, top + 5, self.lines, size), top + 5 + self.names_h + 1 + zone / 2
        mid = top + self.height / 2
        return block(0, mid - self.names_h / 2, self.lines, size), mid


def name_rows(
    names: Sequence[str], size: float, width: float, name_w: float, zone: float, narrow: bool
) -> list[NameRow]:
    """Each row's name wrapped to at most three lines (across the chart when narrow, else in
    the name column) and the row's height around a bar zone `zone` high."""
    rows = []
    for name in names:
        lines = wrap(name, size, width - 4 if narrow else name_w, 3)
        names_h = len(lines) * size * 1.25
        height = names_h + 6 + zone + 6 if narrow else max(names_h, zone) + 12
        rows.append(NameRow(lines, names_h, height))
    return rows


def block_box(labels: Sequence[Label]) -> Box:
    """The box around several labels."""
    boxes = [label.box for label in labels]
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def clashes(boxes: Sequence[Box], gap: float = 1.0) -> list[tuple[int, int]]:
    """The pairs of boxes that overlap (sorted sweep over the left edges)."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].left)
    found = []
    for k, i in enumerate(order):
        for j in order[k + 1 :]:
            if boxes[j].left >= boxes[i].right + gap:
                break
            if boxes[i].overlaps(boxes[j], gap):
                found.append((min(i, j), max(i, j)))
    return found


def marker(kind: str, x: float, y: float, r: float, fill: str, stroke: str = WHITE) -> str:
    """A marker shape centred on (x, y): circle, square, triangle, diamond or down (a
    downward triangle). Drawn with a thin outline so it stands out from a line under it."""
    style = f'fill="{fill}" stroke="{stroke}" stroke-width="1"'
    if kind == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" {style}/>'
    if kind == "square":
        s = r * 0.9
        return (
            f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" '
            f'height="{num(2 * s)}" {style}/>'
        )
    points = {
        "triangle": [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)],
        "down": [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)],
    }.get(kind, [(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)])
    return f'<polygon points="{polyline(points)}" {style}/>'


def polyline(points: Iterable[tuple[float, float]]) -> str:
    """SVG ``points`` for a polygon or polyline."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def svg_document(
    width: float,
    height: float,
    ident: str,
    title: str,
    desc: str,
    body: Iterable[str],
    css_class: str,
) -> str:
    """An inline ``<svg role="img">`` named by its ``<title>`` and described by ``<desc>``,
    showing ``0..width`` x ``0..height`` with a small margin all round."""
    return (
        f'<svg class="{css_class}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="-{PAD} -{PAD} {num(width + 2 * PAD)} {num(height + 2 * PAD)}" width="100%">'
        f'<title id="{ident}-title">{esc(clean(title))}</title>'
        f'<desc id="{ident}-desc">{esc(clean(desc))}</desc>' + "".join(body) + "</svg>"
    )


# --- layouts and finished drawings ----------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """One size a chart is laid out at (viewBox width and label sizes, in user units)."""

    name: str
    width: float
    size: float
    small: float
    narrow: bool


WIDE = Layout("wide", 720.0, 13.0, 12.0, narrow=False)
NARROW = Layout("narrow", 360.0, 12.5, 11.5, narrow=True)
LAYOUTS = (WIDE, NARROW)


@dataclass(frozen=True)
class Drawing:
    """A laid-out chart: its size, its shapes and its labels (drawn last, on top)."""

    width: float
    height: float
    shapes: tuple[str, ...]
    labels: tuple[Label, ...]

    def svg(self, ident: str, title: str, desc: str, css_class: str) -> str:
        """The chart as an ``<svg role="img">`` element."""
        body = [*self.shapes, *(label.svg() for label in self.labels)]
        return svg_document(self.width, self.height, ident, title, desc, body, css_class)


def shown(value: float) -> str:
    """A score as the report shows it (``62.5``); a dash for a value that is not a number."""
    return score_text(value) if math.isfinite(value) else "–"


def threshold(value: float) -> str:
    """A level threshold as the model wrote it (``40``)."""
    return threshold_text(value) if math.isfinite(value) else "–"


def clip(value: float) -> float:
    """A score kept within 0..100 (anything not a number counts as 0)."""
    return max(0.0, min(100.0, value)) if math.isfinite(value) else 0.0


def target_mark(x: float, mid: float, reach: float) -> str:
    """A dark vertical line through a target, `reach` above and below `mid` (dark, so it shows
    in greyscale on any band and on a band edge)."""
    return (
        f'<line x1="{num(x)}" y1="{num(mid - reach)}" x2="{num(x)}" y2="{num(mid + reach)}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )


# --- legend --------------------------------------------------------------------------------


def swatch(kind: str, x: float, y: float, colour: str = SCORE, dash: str = "") -> str:
    """A legend sample 22 units wide, centred vertically on `y`."""
    if kind == "area":
        return (
            f'<rect x="{num(x)}" y="{num(y - 6)}" width="22" height="12" fill="{SCORE_FILL}" '
            f'fill-opacity="{SCORE_FILL_OPACITY}" stroke="{SCORE}" stroke-width="2"/>'
        )
    if kind == "bar":
        return f'<rect x="{num(x)}" y="{num(y - 6)}" width="22" height="12" fill="{SCORE}"/>'
    if kind == "target":
        return target_mark(x + 11, y, 9) + marker("diamond", x + 11, y, 5, TARGET)
    if kind == "ring":
        return (
            f'<line x1="{num(x)}" y1="{num(y)}" x2="{num(x + 22)}" y2="{num(y)}" '
            f'stroke="{TARGET}" stroke-width="2.5" stroke-dasharray="5 3"/>'
        ) + marker("diamond", x + 11, y, 4, TARGET)
    shape, _, stroke = kind.partition(":")
    line = (
        f'<line x1="{num(x)}" y1="{num(y)}" x2="{num(x + 22)}" y2="{num(y)}" stroke="{colour}" '
        f'stroke-width="{stroke or 2.5}"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
    )
    if shape == "ring":
        return (
            line
            + f'<circle cx="{num(x + 11)}" cy="{num(y)}" r="4" fill="{WHITE}" '
            + (f'stroke="{colour}" stroke-width="2.5"/>')
        )
    return line + marker(shape, x + 11, y, 4, colour)


def legend(
    items: Sequence[tuple[str, str]], top: float, width: float, size: float
) -> tuple[list[str], list[Label], float]:
    """A legend row (wrapping when it must): (swatch kind, words) per item.

    Returns:
        The swatches, the labels and the height used.
    """
    shapes: list[str] = []
    labels: list[Label] = []
    x, line = 0.0, 0
    step = size * 1.6
    for kind, words in items:
        room = width - 30
        words = one_line(words, size, room)
        need = 30 + text_width(words, size) + 16
        if x > 0 and x + need > width:
            x, line = 0.0, line + 1
        mid = top + line * step + size * 0.6
        shapes.append(swatch(kind, x + 1, mid))
        labels.append(Label(x + 28, mid + size * 0.35, words, size))
        x += need
    return shapes, labels, (line + 1) * step
