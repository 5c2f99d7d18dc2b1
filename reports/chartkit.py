"""Small helpers the chart builders share: wrapping labels, keeping them apart, colours."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.bidi import visual
from reports.text import clean
from reports.typefaces import BOLD, REGULAR

__all__ = [
    "BOLD",
    "REGULAR",
    "WIDTH",
    "colour",
    "drawing",
    "spread",
    "text_at",
    "text_lines",
    "width",
    "wrap",
]

WIDTH = 480.0  # the text width of an A4 page with 2 cm margins is about 482 pt


def colour(hex_value: str, alpha: float | None = None) -> colors.Color:
    """A reportlab colour from ``#RRGGBB``, optionally translucent."""
    base = colors.HexColor(hex_value)
    if alpha is None:
        return base
    return colors.Color(base.red, base.green, base.blue, alpha=alpha)


def width(text: str, font: str, size: float) -> float:
    """Width of `text` in points."""
    return float(stringWidth(text, font, size))


def _split_word(word: str, font: str, size: float, limit: float) -> list[str]:
    """Cut a word wider than `limit` into pieces that fit."""
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, font, size) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, limit: float, max_lines: int = 3) -> list[str]:
    """Break `text` into lines no wider than `limit` points, at most `max_lines` of them.

    Words wider than a line are cut; text that needs more lines ends in an ellipsis on the
    last line, so a label never runs off its drawing. Right-to-left runs are put in drawing
    order line by line.
    """
    words = " ".join(clean(text).split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        pieces = (
            [word] if width(word, font, size) <= limit else _split_word(word, font, size, limit)
        )
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if current and width(candidate, font, size) > limit:
                lines.append(current)
                current = piece
            else:
                current = candidate
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return [visual(line) for line in lines] or [""]
    kept = lines[:max_lines]
    last = kept[-1]
    while last and width(last + "…", font, size) > limit:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return [visual(line) for line in kept]


def spread(wanted: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Move 1-D label positions apart so neighbours are at least `gap` apart.

    Positions keep their order and stay within [low, high] where that is possible; each
    moves as little as a simple two-pass sweep allows.

    Args:
        wanted: where each label would like to be.
        gap: the smallest distance between neighbouring labels.
        low: the lowest allowed position.
        high: the highest allowed position.

    Returns:
        The positions, in the same order as `wanted`.
    """
    if not wanted:
        return []
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [max(low, min(high, wanted[i])) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - high
    if overflow > 0:
        placed[-1] -= overflow
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def text_lines(
    x: float,
    top: float,
    lines: Sequence[str],
    *,
    anchor: str = "start",
    font: str = REGULAR,
    size: float = 7.5,
    leading: float | None = None,
    fill: str = "#1F2933",
    fonts: Sequence[str] | None = None,
) -> Group:
    """Lines of text whose first baseline sits one font size below `top`.

    `fonts`, when given, sets the font of each line (e.g. bold name, regular value).
    """
    step = leading or size * 1.2
    group = Group()
    for i, line in enumerate(lines):
        group.add(
            String(
                x,
                top - size - i * step,
                line,
                fontName=fonts[i] if fonts and i < len(fonts) else font,
                fontSize=size,
                fillColor=colour(fill),
                textAnchor=anchor,
            )
        )
    return group


def drawing(width_pt: float, height_pt: float) -> Drawing:
    """An empty drawing whose initial font is DejaVu (not reportlab's default Helvetica,
    which would otherwise be listed, unembedded, in the PDF)."""
    d = Drawing(width_pt, height_pt)
    d.initialFontName = REGULAR
    d.initialFontSize = 8
    return d


def text_at(
    x: float,
    y: float,
    text: str,
    size: float,
    fill: str,
    anchor: str = "start",
    font: str = REGULAR,
) -> String:
    """A one-line text label (plain text: nothing in it is parsed)."""
    return String(
        x, y, text, fontName=font, fontSize=size, fillColor=colour(fill), textAnchor=anchor
    )
