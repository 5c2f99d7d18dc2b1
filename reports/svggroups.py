"""The by-group chart as SVG for the HTML report: each pillar's score per group of a workshop,
with the leadership-frontline gap in words.

Drawn by :func:`reports.svg.draw` when the chart data is a
:class:`reports.groupchart.GroupChartData`; it is the SVG twin of
:func:`reports.groupdrawing.group_drawing` (the same rows, lanes, marks and words), and see
:mod:`reports.svg` for what all the SVG charts share. The wide layout puts the pillar names
in a column on the left; the narrow one puts each name on its own line above its row.
"""

from __future__ import annotations

from reports.chartdata import GroupData
from reports.groupchart import gap_words, group_mark, group_name
from reports.svgkit import (
    GRID,
    INK,
    MUTED,
    WHITE,
    Drawing,
    Label,
    Layout,
    clip,
    marker,
    name_rows,
    num,
    one_line,
    text_width,
)

_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)
_PLOT = "#EEF2F6"  # the plot's panel (palette.PANEL)


def groups(data: GroupData, lay: Layout) -> Drawing:
    """The by-group chart at one size (see the module's description)."""
    w, s, s2 = lay.width, lay.size, lay.small
    n = len(data.names)
    shapes, labels, used = _legend(data, w, s2)
    words = [gap_words(data, i) for i in range(n)]
    widest = max(
        [text_width(a, s, True) for a, _ in words]
        + [text_width(one_line(b, s2, w * 0.3), s2) for _, b in words]
        + [30.0]
    )
    x1 = w - widest - 12
    name_w = 0.0 if lay.narrow else min(0.28 * w, x1 * 0.42)
    x0 = 2.0 if lay.narrow else name_w + 12

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * clip(value) / 100

    lane_h = s * 0.95
    lanes = len(data.groups)
    zone = max(s * 0.95 + s2 * 1.6 + 6, lanes * lane_h + 10)
    plot_top = 2 + used + 8
    rows = name_rows(data.names[:n], s, w, name_w, zone, lay.narrow)
    plot_bottom = plot_top + sum(r.height for r in rows)
    shapes.append(
        f'<rect x="{num(x0)}" y="{num(plot_top)}" width="{num(x1 - x0)}" '
        f'height="{num(plot_bottom - plot_top)}" fill="{_PLOT}"/>'
    )
    for tick in _TICKS:
        x = x_of(tick)
        shapes.append(
            f'<line x1="{num(x)}" y1="{num(plot_top)}" x2="{num(x)}" y2="{num(plot_bottom)}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    index = {g: k for k, g in enumerate(data.groups)}
    top = plot_top
    for i, row in enumerate(rows):
        names, mid = row.place(top, x0, zone, s, lay.narrow)
        labels += names

        def lane(k: int, mid: float = mid) -> float:
            return mid + (k - (lanes - 1) / 2) * lane_h

        high, low = index.get(data.high), index.get(data.low)
        if high is not None and low is not None:
            a, b = data.scores[high][i], data.scores[low][i]
            if a is not None and b is not None:
                shapes.append(
                    f'<line x1="{num(x_of(a))}" y1="{num(lane(high))}" x2="{num(x_of(b))}" '
                    f'y2="{num(lane(low))}" stroke="{MUTED}" stroke-width="3"/>'
                )
        consensus = data.consensus[i]
        if consensus is not None:
            cx = x_of(consensus)
            reach = zone / 2 - 1
            shapes.append(
                f'<line x1="{num(cx)}" y1="{num(mid - reach)}" x2="{num(cx)}" '
                f'y2="{num(mid + reach)}" stroke="{INK}" stroke-width="2"/>'
            )
        for k in range(lanes):
            value = data.scores[k][i]
            if value is not None:
                kind, fill = group_mark(k)
                shapes.append(marker(kind, x_of(value), lane(k), lane_h * 0.42, fill))
        first, second = words[i]
        b1 = mid - (s * 0.95 + s2 * 1.3) / 2 + s * 0.95
        labels.append(Label(x1 + 10, b1, first, s, bold=True))
        labels.append(Label(x1 + 10, b1 + s2 * 1.3, one_line(second, s2, w * 0.3), s2, fill=MUTED))
        top += row.height
        if i < n - 1:
            shapes.append(
                f'<line x1="{num(x0)}" y1="{num(top)}" x2="{num(x1)}" y2="{num(top)}" '
                f'stroke="{WHITE}" stroke-width="2"/>'
            )
    ticks = []
    for tick in _TICKS:
        words_ = f"{tick:g}"
        half = text_width(words_, s2) / 2
        x = max(half, min(w - half, x_of(tick)))
        ticks.append(Label(x, plot_bottom + 4 + s2, words_, s2, "middle", fill=MUTED))
    return Drawing(w, plot_bottom + s2 * 1.6 + 8, tuple(shapes), tuple(labels + ticks))


def _legend(data: GroupData, width: float, size: float) -> tuple[list[str], list[Label], float]:
    """The legend: each group's marker and name, then the consensus tick (wrapping rows)."""
    items = [(*group_mark(i), group_name(g)) for i, g in enumerate(data.groups)]
    items.append(("consensus", INK, "Group consensus"))
    shapes: list[str] = []
    labels: list[Label] = []
    x, line = 0.0, 0
    step = size * 1.6
    for kind, fill, words in items:
        words = one_line(words, size, width - 30)
        need = 22 + text_width(words, size) + 16
        if x > 0 and x + need > width:
            x, line = 0.0, line + 1
        mid = 2 + line * step + size * 0.6
        if kind == "consensus":
            shapes.append(
                f'<line x1="{num(x + 8)}" y1="{num(mid - 7)}" x2="{num(x + 8)}" '
                f'y2="{num(mid + 7)}" stroke="{fill}" stroke-width="2"/>'
            )
        else:
            shapes.append(marker(kind, x + 8, mid, 5.5, fill))
        labels.append(Label(x + 20, mid + size * 0.35, words, size))
        x += need
    return shapes, labels, (line + 1) * step
