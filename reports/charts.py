"""Vector charts for the PDF: each builder returns a reportlab ``Drawing`` and writes nothing.

A Drawing is a flowable, so it goes straight into a Platypus story, stays vector in the PDF
and needs no browser or image export. Every builder takes the values from
:mod:`reports.chartdata`, the same values the app's Plotly figures use, and copes with any
number of pillars and levels. Every mark is labelled in text as well as colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String

from reports import palette
from reports.chartdata import ChartData
from reports.chartkit import BOLD, REGULAR, WIDTH, colour, drawing, text_at, text_lines, width, wrap
from reports.groupchart import GroupChartData
from reports.groupdrawing import group_drawing, group_drawings
from reports.text import shorten
from reports.trendchart import trend_drawing
from reports.typefaces import register_fonts
from scoring.present import score_text

# --- radar -------------------------------------------------------------------------------


def radar_drawing(data: ChartData, width_pt: float = WIDTH, height_pt: float = 300.0) -> Drawing:
    """A radar of the pillar scores with the target ring and the level thresholds.

    Args:
        data: from :func:`reports.chartdata.chart_data`.
        width_pt: drawing width in points.
        height_pt: drawing height in points.

    Returns:
        The drawing; with fewer than three pillars (no area to draw) the bar chart instead.
    """
    register_fonts()
    n = len(data)
    if n < 3:
        return bars_drawing(data, width_pt)
    size = 7.5 if n <= 8 else 6.5 if n <= 12 else 5.5
    max_lines = 3 if n <= 8 else 2
    leading = size * 1.2
    side = min(112.0, width_pt * 0.24)
    block = (max_lines + 1) * leading
    radius = max(40.0, min(height_pt / 2 - block - 11, width_pt / 2 - side - 14))
    cx, cy = width_pt / 2, height_pt / 2
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]

    def point(i: int, value: float) -> tuple[float, float]:
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    d = drawing(width_pt, height_pt)
    _radar_grid(d, data, radius, cx, cy, point)
    target = [c for i in range(n) for c in point(i, data.target_scores[i])]
    d.add(
        Polygon(
            target,
            fillColor=None,
            strokeColor=colour(palette.TARGET),
            strokeWidth=1.3,
            strokeDashArray=[4, 2],
        )
    )
    scores = [c for i in range(n) for c in point(i, data.scores[i])]
    d.add(
        Polygon(
            scores,
            fillColor=colour(palette.TEAL_FILL, 0.22),
            strokeColor=colour(palette.TEAL),
            strokeWidth=1.6,
        )
    )
    for i in range(n):
        if data.assessed[i]:
            x, y = point(i, data.scores[i])
            d.add(Circle(x, y, 2.4, fillColor=colour(palette.TEAL), strokeColor=None))
    d.add(_radar_labels(data, angles, radius, cx, cy, side, size, max_lines, height_pt))
    d.add(_legend(4, height_pt - 4))
    return d


def _radar_grid(
    d: Drawing,
    data: ChartData,
    radius: float,
    cx: float,
    cy: float,
    point: Callable[[int, float], tuple[float, float]],
) -> None:
    n = len(data)
    grid = colour(palette.RULE)
    for value in [b.min for b in data.bands if b.min > 0] + [100.0]:
        ring = [c for i in range(n) for c in point(i, value)]
        d.add(Polygon(ring, fillColor=None, strokeColor=grid, strokeWidth=0.6))
    for i in range(n):
        x, y = point(i, 100.0)
        d.add(Line(cx, cy, x, y, strokeColor=grid, strokeWidth=0.5))
    last = -10.0
    for band in data.bands:
        r = radius * band.min / 100
        if band.min <= 0 or r - last < 7:  # too close to the previous ring to label
            continue
        last = r
        d.add(
            String(
                cx + 3,
                cy + r + 1.5,
                f"L{band.level}",
                fontName=REGULAR,
                fontSize=6,
                fillColor=colour(palette.MUTED),
            )
        )


def _radar_labels(
    data: ChartData,
    angles: list[float],
    radius: float,
    cx: float,
    cy: float,
    side: float,
    size: float,
    max_lines: int,
    height_pt: float,
) -> Group:
    n = len(data)
    leading = size * 1.2
    reach = radius + 8
    middle_width = max(70.0, min(160.0, 2 * reach * math.sin(2 * math.pi / n) - 10))
    blocks = []  # (group key, x, anchor, wanted top, height, lines)
    for i, angle in enumerate(angles):
        c, s = math.cos(angle), math.sin(angle)
        anchor = "start" if c > 0.25 else "end" if c < -0.25 else "middle"
        limit = middle_width if anchor == "middle" else side
        name = wrap(shorten(data.names[i], 90), BOLD, size, limit, max_lines)
        lines = [*name, data.value_label(i)]
        h = len(lines) * leading
        px, py = cx + reach * c, cy + reach * s
        top = py + h if s > 0.25 else py if s < -0.25 else py + h / 2
        blocks.append((anchor, px, top, h, lines, len(name)))
    # Keep the labels on each side from overlapping one another, top to bottom.
    for key in ("start", "end"):
        idx = sorted((i for i, b in enumerate(blocks) if b[0] == key), key=lambda i: -blocks[i][2])
        floor = height_pt
        for i in idx:
            anchor, px, top, h, lines, k = blocks[i]
            top = min(top, floor)
            blocks[i] = (anchor, px, top, h, lines, k)
            floor = top - h - 2
        lowest = min((blocks[i][2] - blocks[i][3] for i in idx), default=0.0)
        if lowest < 0:
            for i in idx:
                anchor, px, top, h, lines, k = blocks[i]
                blocks[i] = (anchor, px, top - lowest, h, lines, k)
    group = Group()
    for anchor, px, top, _h, lines, k in blocks:
        fonts = [BOLD] * k + [REGULAR]
        group.add(
            text_lines(px, top, lines, anchor=anchor, size=size, leading=leading, fonts=fonts)
        )
    return group


def _legend(x: float, top: float) -> Group:
    g = Group()
    y = top - 8
    g.add(
        Rect(
            x,
            y - 1,
            10,
            7,
            fillColor=colour(palette.TEAL_FILL, 0.22),
            strokeColor=colour(palette.TEAL),
            strokeWidth=1,
        )
    )
    g.add(String(x + 14, y, "Score", fontName=REGULAR, fontSize=7, fillColor=colour(palette.INK)))
    y -= 11
    g.add(
        Line(
            x,
            y + 2.5,
            x + 10,
            y + 2.5,
            strokeColor=colour(palette.TARGET),
            strokeWidth=1.3,
            strokeDashArray=[3, 1.5],
        )
    )
    g.add(String(x + 14, y, "Target", fontName=REGULAR, fontSize=7, fillColor=colour(palette.INK)))
    return g


# --- bars --------------------------------------------------------------------------------


_BAR_SIZE, _BAR_LEADING = 8.0, 9.6
_BAR_HEADER, _BAR_AXIS = 24.0, 14.0


def _bar_names(data: ChartData, width_pt: float) -> list[list[str]]:
    name_w = min(150.0, width_pt * 0.31)
    return [wrap(shorten(n, 120), REGULAR, _BAR_SIZE, name_w, 3) for n in data.names]


def _bar_row(lines: list[str]) -> float:
    return max(22.0, len(lines) * _BAR_LEADING + 8)


def bars_drawings(data: ChartData, width_pt: float, max_height: float) -> list[Drawing]:
    """The bar chart as one drawing or, when its rows would be taller than `max_height`
    (many pillars, long names), several, each no taller and each with its own level bands
    and axis, so every part can be read alone and no part is ever too big for a page.

    Args:
        data: from :func:`reports.chartdata.chart_data`.
        width_pt: drawing width in points.
        max_height: the tallest a drawing may be (a page's frame, less room for a caption).

    Returns:
        The drawings, pillars in model order, at least one pillar in each. For a workshop's
        :class:`~reports.groupchart.GroupChartData`, the by-group chart
        (:func:`~reports.groupdrawing.group_drawings`) in place of the bars.
    """
    if isinstance(data, GroupChartData):
        return group_drawings(data.groups, width_pt, max_height)
    register_fonts()
    rows = [_bar_row(lines) for lines in _bar_names(data, width_pt)]
    room = max_height - _BAR_HEADER - _BAR_AXIS
    parts: list[Drawing] = []
    start, used = 0, 0.0
    for i, row in enumerate(rows):
        if i > start and used + row > room:
            parts.append(bars_drawing(data.part(start, i), width_pt))
            start, used = i, 0.0
        used += row
    parts.append(bars_drawing(data.part(start, len(rows)), width_pt))
    return parts


def bars_drawing(data: ChartData, width_pt: float = WIDTH) -> Drawing:
    """Horizontal bars of the pillar scores over the scale's level bands, with targets.

    Args:
        data: from :func:`reports.chartdata.chart_data`.
        width_pt: drawing width in points; the height follows from the pillar names.

    Returns:
        The drawing: one row per pillar (name, bar, target mark, score and target in words).
    """
    register_fonts()
    size, leading = _BAR_SIZE, _BAR_LEADING
    name_w = min(150.0, width_pt * 0.31)
    value_w = 86.0
    x0, x1 = name_w + 10, width_pt - value_w - 6
    header, axis = _BAR_HEADER, _BAR_AXIS
    names = _bar_names(data, width_pt)
    rows = [_bar_row(lines) for lines in names]
    height_pt = header + sum(rows) + axis
    d = drawing(width_pt, height_pt)

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(100.0, value)) / 100

    plot_top, plot_bottom = height_pt - header, axis
    for k, band in enumerate(data.bands):
        left, right = x_of(band.min), x_of(band.max)
        d.add(
            Rect(
                left,
                plot_bottom,
                right - left,
                plot_top - plot_bottom,
                fillColor=colour(palette.band_colour(k, len(data.bands))),
                strokeColor=colour("#FFFFFF"),
                strokeWidth=1,
            )
        )
        # Every band is named: the level on one line and its name under it, the name
        # shortened only if even that cannot fit.
        room = right - left - 3
        name = band.name
        while name and width(name, REGULAR, 6.0) > room:
            name = name[:-2] + "…" if len(name) > 2 else ""
        mid_x = (left + right) / 2
        d.add(
            text_at(mid_x, plot_top + 13, f"L{band.level}", 6.5, palette.INK, "middle", font=BOLD)
        )
        if name:
            d.add(text_at(mid_x, plot_top + 4, name, 6.0, palette.MUTED, "middle"))
    for tick in sorted({b.min for b in data.bands} | {100.0}):
        d.add(text_at(x_of(tick), plot_bottom - 9, f"{tick:g}", 6.5, palette.MUTED, "middle"))
    top = plot_top
    for i, lines in enumerate(names):
        row = rows[i]
        mid = top - row / 2
        d.add(text_lines(0, mid + len(lines) * leading / 2, lines, size=size, leading=leading))
        if data.assessed[i]:
            d.add(
                Rect(
                    x0,
                    mid - 5,
                    max(0.8, x_of(data.scores[i]) - x0),
                    10,
                    fillColor=colour(palette.TEAL),
                    strokeColor=None,
                )
            )
        tx = x_of(data.target_scores[i])
        # Dark and with a white edge, so it shows in greyscale on any band and on a band edge.
        d.add(Line(tx, mid - 9, tx, mid + 9, strokeColor=colour(palette.INK), strokeWidth=1.4))
        d.add(
            Polygon(
                [tx, mid + 5.5, tx + 4.5, mid, tx, mid - 5.5, tx - 4.5, mid],
                fillColor=colour(palette.TARGET),
                strokeColor=colour("#FFFFFF"),
                strokeWidth=0.9,
            )
        )
        value = score_text(data.scores[i]) if data.assessed[i] else "not assessed"
        level = f" (L{data.levels[i]})" if data.assessed[i] else ""
        d.add(text_at(x1 + 6, mid + 1.5, value + level, 7.5, palette.INK, font=BOLD))
        d.add(
            text_at(
                x1 + 6,
                mid - 7.5,
                f"target L{data.target_levels[i]}: {data.target_scores[i]:g}",
                6.5,
                palette.TARGET,
            )
        )
        top -= row
        if i < len(names) - 1:
            d.add(Line(0, top, x1, top, strokeColor=colour("#FFFFFF"), strokeWidth=0.8))
    return d


__all__ = [
    "bars_drawing",
    "bars_drawings",
    "group_drawing",
    "group_drawings",
    "radar_drawing",
    "trend_drawing",
]
