"""The trend chart for the PDF: each pillar's score across assessments (a reportlab Drawing).

Re-exported by :mod:`reports.charts`; see there for what all chart builders share.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect

from reports import palette
from reports.chartdata import TrendData
from reports.chartkit import BOLD, REGULAR, WIDTH, colour, drawing, spread, text_at, width, wrap
from reports.typefaces import register_fonts
from scoring.present import score_text

_MARKERS = ("circle", "square", "triangle", "diamond")


_DASHES: tuple[tuple[float, ...] | None, ...] = (None, (4, 2), (1.2, 1.6), (6, 2, 1.2, 2))


def _marker(kind: str, x: float, y: float, fill: str) -> Polygon | Circle:
    c = colour(fill)
    r = 2.6
    if kind == "circle":
        return Circle(x, y, r, fillColor=c, strokeColor=None)
    if kind == "square":
        return Polygon(
            [x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r], fillColor=c, strokeColor=None
        )
    if kind == "triangle":
        return Polygon([x - r, y - r, x + r, y - r, x, y + r * 1.2], fillColor=c, strokeColor=None)
    return Polygon(
        [x, y - r * 1.3, x + r, y, x, y + r * 1.3, x - r, y], fillColor=c, strokeColor=None
    )


def trend_drawing(trend: TrendData, width_pt: float = WIDTH, height_pt: float = 250.0) -> Drawing:
    """Lines of each pillar's score (and the overall score) across assessments.

    Args:
        trend: from :func:`reports.chartdata.trend_data`, oldest assessment first.
        width_pt: drawing width in points.
        height_pt: drawing height in points.

    Returns:
        The drawing: level bands behind, one line per pillar with its own colour and marker
        shape, and each line named at its right-hand end.
    """
    register_fonts()
    d = drawing(width_pt, height_pt)
    label_w = 170.0
    x0, x1 = 44.0, width_pt - label_w - 8
    y0, y1 = 26.0, height_pt - 8
    k = len(trend)

    def y_of(value: float) -> float:
        return y0 + (y1 - y0) * max(0.0, min(100.0, value)) / 100

    def x_of(i: int) -> float:
        if k <= 1:
            return (x0 + x1) / 2
        return x0 + 14 + (x1 - x0 - 28) * i / (k - 1)

    for j, band in enumerate(trend.bands):
        bottom, top = y_of(band.min), y_of(band.max)
        d.add(
            Rect(
                x0,
                bottom,
                x1 - x0,
                top - bottom,
                fillColor=colour(palette.band_colour(j, len(trend.bands))),
                strokeColor=colour("#FFFFFF"),
                strokeWidth=1,
            )
        )
        d.add(text_at(x0 - 4, bottom - 2, f"{band.min:g}", 6.5, palette.MUTED, "end"))
        if top - bottom >= 8:
            d.add(
                text_at(
                    2, (bottom + top) / 2 - 2.5, f"L{band.level}", 6.5, palette.MUTED, font=BOLD
                )
            )
    d.add(text_at(x0 - 4, y1 - 2, "100", 6.5, palette.MUTED, "end"))
    spacing = (x1 - x0 - 28) / max(1, k - 1)
    widest = max((width(label, REGULAR, 6.5) for label in trend.labels), default=0.0)
    step = max(1, math.ceil((widest + 6) / spacing)) if k > 1 else 1
    for i, label in enumerate(trend.labels):
        if (k - 1 - i) % step == 0:  # the latest is always labelled
            d.add(text_at(x_of(i), y0 - 11, label, 6.5, palette.MUTED, "middle"))
    lines: list[tuple[str | None, tuple[float | None, ...], str, str, float, int]] = [
        (s.name, s.values, palette.SERIES[i % len(palette.SERIES)], _MARKERS[i % 4], 1.3, i)
        for i, s in enumerate(trend.series)
    ]
    lines.append((None, trend.overall, palette.INK, "circle", 2.2, -1))  # None: the overall
    ends: list[tuple[float, float, list[str], str, str, str]] = []
    for name, values, fill, marker, stroke, series in lines:
        # A dash pattern as well as a colour and a marker, so lines part in greyscale print.
        dash = None if series < 0 else _DASHES[series % len(_DASHES)]
        for i in range(len(values) - 1):
            a, b = values[i], values[i + 1]
            if a is not None and b is not None:
                d.add(
                    Line(
                        x_of(i),
                        y_of(a),
                        x_of(i + 1),
                        y_of(b),
                        strokeColor=colour(fill),
                        strokeWidth=stroke,
                        strokeDashArray=dash,
                    )
                )
        for i, v in enumerate(values):
            if v is not None:
                d.add(_marker(marker, x_of(i), y_of(v), fill))
        last = next((i for i in range(len(values) - 1, -1, -1) if values[i] is not None), None)
        if last is not None:
            value = values[last] or 0.0
            text = f" {score_text(value)}"
            font = BOLD if name is None else REGULAR
            # The whole name, on two lines if it must (never cut short where one more line
            # holds it), with the score after it.
            words = wrap(f"{name or 'Overall'}{text}", font, 7, label_w - 24, 2)
            ends.append((x_of(last), y_of(value), words, fill, font, marker))
    gap = 17.5 if any(len(e[2]) > 1 for e in ends) else 9.5
    placed = spread([e[1] for e in ends], gap, y0, y1 - 4)
    lx = x1 + 12
    for (px, py, words, fill, font, marker), ly in zip(ends, placed, strict=True):
        d.add(Line(px + 3, py, lx - 1, ly + 2.5, strokeColor=colour(fill), strokeWidth=0.5))
        d.add(_marker(marker, lx + 3, ly + 2.5, fill))
        for n, line in enumerate(words):
            d.add(text_at(lx + 9, ly - 8 * n, line, 7, palette.INK, font=font))
    return d
