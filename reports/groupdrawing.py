"""The by-group chart for the PDF: each pillar's score per group of a workshop, with the
leadership-frontline gap in words (reportlab Drawings).

Re-exported by :mod:`reports.charts`, which draws it in place of the bar chart when the chart
data is a :class:`reports.groupchart.GroupChartData`; see there for what all chart builders
share.

One row per pillar. Each group has a lane of its own in the row (so equal scores never hide
one another) and a marker of its own shape and colour (:func:`reports.groupchart.group_mark`);
a grey line joins the two groups whose gap is read, a dark tick marks the consensus, and the
end of the row gives the gap and the two scores it is the difference of, in words.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String

from reports import palette
from reports.chartdata import GroupData
from reports.chartkit import BOLD, REGULAR, colour, drawing, text_at, text_lines, width, wrap
from reports.groupchart import gap_words, group_mark, group_name, group_part
from reports.text import shorten
from reports.typefaces import register_fonts

_SIZE, _LEADING = 8.0, 9.6
_LANE = 6.5  # the height of one group's lane within a row
_AXIS = 14.0
_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)


def _marker(kind: str, x: float, y: float, fill: str, r: float = 3.0) -> Polygon | Circle:
    """A filled marker with a white edge (so it stands out from the line under it)."""
    style = {"fillColor": colour(fill), "strokeColor": colour("#FFFFFF"), "strokeWidth": 0.6}
    if kind == "circle":
        return Circle(x, y, r, **style)
    points = {
        "square": [x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r],
        "triangle": [x - r * 1.1, y - r * 0.8, x + r * 1.1, y - r * 0.8, x, y + r * 1.2],
        "down": [x - r * 1.1, y + r * 0.8, x + r * 1.1, y + r * 0.8, x, y - r * 1.2],
    }.get(kind, [x, y - r * 1.3, x + r * 1.1, y, x, y + r * 1.3, x - r * 1.1, y])
    return Polygon(points, **style)


def _names(data: GroupData, width_pt: float) -> list[list[str]]:
    name_w = min(140.0, width_pt * 0.29)
    return [wrap(shorten(n, 120), REGULAR, _SIZE, name_w, 3) for n in data.names]


def _row(data: GroupData, lines: list[str]) -> float:
    return max(24.0, len(lines) * _LEADING + 8, len(data.groups) * _LANE + 10)


def _legend_rows(data: GroupData, width_pt: float) -> list[list[tuple[str, str, str]]]:
    """The legend's items ((kind, colour, words)) wrapped into rows across the width."""
    items = [(*group_mark(i), group_name(g)) for i, g in enumerate(data.groups)]
    items.append(("consensus", palette.INK, "Group consensus"))
    rows: list[list[tuple[str, str, str]]] = [[]]
    used = 0.0
    for item in items:
        need = 16 + width(item[2], REGULAR, 7) + 12
        if rows[-1] and used + need > width_pt:
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += need
    return rows


def group_drawings(data: GroupData, width_pt: float, max_height: float) -> list[Drawing]:
    """The by-group chart as one drawing or, when its rows would be taller than `max_height`,
    several, each with its own legend and axis (so every part reads alone and none is too big
    for a page).

    Args:
        data: from :func:`reports.chartdata.group_data`.
        width_pt: drawing width in points.
        max_height: the tallest a drawing may be.

    Returns:
        The drawings, pillars in model order, at least one pillar in each.
    """
    register_fonts()
    rows = [_row(data, lines) for lines in _names(data, width_pt)]
    room = max_height - _AXIS - 12 * len(_legend_rows(data, width_pt)) - 8
    parts: list[Drawing] = []
    start, used = 0, 0.0
    for i, row in enumerate(rows):
        if i > start and used + row > room:
            parts.append(group_drawing(group_part(data, start, i), width_pt))
            start, used = i, 0.0
        used += row
    parts.append(group_drawing(group_part(data, start, len(rows)), width_pt))
    return parts


def group_drawing(data: GroupData, width_pt: float) -> Drawing:
    """One drawing of the by-group chart (see the module's description)."""
    register_fonts()
    name_w = min(140.0, width_pt * 0.29)
    words_w = 104.0
    x0, x1 = name_w + 10, width_pt - words_w - 6
    names = _names(data, width_pt)
    rows = [_row(data, lines) for lines in names]
    legend = _legend_rows(data, width_pt)
    header = 12 * len(legend) + 8
    height_pt = header + sum(rows) + _AXIS
    d = drawing(width_pt, height_pt)

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(100.0, value)) / 100

    d.add(_legend(legend, height_pt))
    plot_top, plot_bottom = height_pt - header, _AXIS
    d.add(
        Rect(
            x0,
            plot_bottom,
            x1 - x0,
            plot_top - plot_bottom,
            fillColor=colour(palette.PANEL),
            strokeColor=None,
        )
    )
    for tick in _TICKS:
        x = x_of(tick)
        d.add(Line(x, plot_bottom, x, plot_top, strokeColor=colour(palette.RULE), strokeWidth=0.6))
        d.add(text_at(x, plot_bottom - 9, f"{tick:g}", 6.5, palette.MUTED, "middle"))
    index = {g: k for k, g in enumerate(data.groups)}
    top = plot_top
    for i, lines in enumerate(names):
        row = rows[i]
        mid = top - row / 2
        d.add(text_lines(0, mid + len(lines) * _LEADING / 2, lines, size=_SIZE, leading=_LEADING))
        lanes = len(data.groups)

        def lane(k: int, mid: float = mid, lanes: int = lanes) -> float:
            return mid + ((lanes - 1) / 2 - k) * _LANE

        high, low = index.get(data.high), index.get(data.low)
        if high is not None and low is not None:
            a, b = data.scores[high][i], data.scores[low][i]
            if a is not None and b is not None:
                d.add(
                    Line(
                        x_of(a),
                        lane(high),
                        x_of(b),
                        lane(low),
                        strokeColor=colour(palette.MUTED),
                        strokeWidth=1.6,
                    )
                )
        consensus = data.consensus[i]
        if consensus is not None:
            cx = x_of(consensus)
            d.add(
                Line(
                    cx,
                    mid - row / 2 + 3,
                    cx,
                    mid + row / 2 - 3,
                    strokeColor=colour(palette.INK),
                    strokeWidth=1.2,
                )
            )
        for k in range(lanes):
            value = data.scores[k][i]
            if value is not None:
                kind, fill = group_mark(k)
                d.add(_marker(kind, x_of(value), lane(k), fill))
        first, second = gap_words(data, i)
        d.add(text_at(x1 + 6, mid + 1.5, first, 7.5, palette.INK, font=BOLD))
        d.add(text_at(x1 + 6, mid - 7.5, shorten(second, 40), 6.5, palette.MUTED))
        top -= row
        if i < len(names) - 1:
            d.add(Line(x0, top, x1, top, strokeColor=colour("#FFFFFF"), strokeWidth=1.2))
    return d


def _legend(rows: list[list[tuple[str, str, str]]], height_pt: float) -> Group:
    g = Group()
    y = height_pt - 8
    for items in rows:
        x = 0.0
        for kind, fill, words in items:
            if kind == "consensus":
                g.add(Line(x + 5, y - 2, x + 5, y + 6, strokeColor=colour(fill), strokeWidth=1.2))
            else:
                g.add(_marker(kind, x + 5, y + 2, fill))
            g.add(
                String(
                    x + 14, y, words, fontName=REGULAR, fontSize=7, fillColor=colour(palette.INK)
                )
            )
            x += 16 + width(words, REGULAR, 7) + 12
        y -= 12
    return g


__all__ = ["group_drawing", "group_drawings"]
