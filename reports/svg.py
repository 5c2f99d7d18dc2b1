"""Charts as inline SVG for the HTML report, from the values the PDF and app charts draw.

The same :class:`reports.chartdata.ChartData` and ``TrendData`` feed these, the reportlab
drawings (:mod:`reports.charts`) and the Plotly figures (:mod:`reports.figures`), so the
three cannot disagree. Each chart is laid out twice: a wide version for screens and paper and
a narrow one that a 390 px phone shows with labels of about 12 px (the stylesheet shows one
of the two). A layout is fixed in viewBox units and scales as a whole, so a label that fits
once fits at every size; every label's box is kept and checked, and a radar whose names
would collide numbers its spokes instead and names the pillars in a key.

Every mark that carries meaning has a shape or dash as well as a colour: the score is a
solid filled shape, the target a dashed ring or a diamond with a line through the bar, and
each trend series has its own marker and dash pattern.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reports.chartdata import ChartData, LevelBand, TrendData
from reports.groupchart import GroupChartData
from reports.svgbars import bars
from reports.svggroups import groups
from reports.svgkit import (
    GRID,
    LAYOUTS,
    MUTED,
    NARROW,
    SCORE,
    SCORE_FILL,
    SCORE_FILL_OPACITY,
    TARGET,
    WIDE,
    Box,
    Drawing,
    Label,
    Layout,
    block,
    block_box,
    clashes,
    clip,
    legend,
    marker,
    num,
    one_line,
    polyline,
    text_width,
    wrap,
)
from reports.svgtrend import trend

__all__ = ["LAYOUTS", "NARROW", "WIDE", "Drawing", "Layout", "chart_svg", "draw"]


def chart_svg(kind: str, data: ChartData | TrendData, ident: str, title: str, desc: str) -> str:
    """Both layouts of a chart, as two ``<svg>`` elements the stylesheet chooses between.

    Args:
        kind: ``radar``, ``bars`` or ``trend`` (a radar of fewer than three pillars is drawn
            as bars, as in the PDF; trend data is always drawn as a trend).
        data: the chart's values.
        ident: a prefix for the ids of the ``<title>`` and ``<desc>`` (unique in the page).
        title: the accessible name.
        desc: the text alternative.
    """
    return "".join(
        draw(kind, data, layout).svg(
            f"{ident}-{layout.name}", title, desc, f"chart-svg chart-{layout.name}"
        )
        for layout in LAYOUTS
    )


def draw(kind: str, data: ChartData | TrendData, layout: Layout) -> Drawing:
    """Lay out one chart at one size (a workshop's by-group chart whatever the kind)."""
    if isinstance(data, GroupChartData):
        return groups(data.groups, lay=layout)
    if isinstance(data, TrendData):
        return trend(data, layout)
    if kind == "radar" and len(data) >= 3:
        return radar(data, layout)
    return bars(data, layout)


# --- radar ---------------------------------------------------------------------------------


def radar(data: ChartData, lay: Layout) -> Drawing:
    """The pillar scores as an area against the dashed target ring, over the level rings.

    The wide layout names each pillar at its spoke (with its score, level and target) when
    the names fit without touching one another or the chart; otherwise, and always in the
    narrow layout, the spokes are numbered and a key below names them.
    """
    cx = lay.width / 2
    angles = [-math.pi / 2 + 2 * math.pi * i / len(data) for i in range(len(data))]
    if not lay.narrow and len(data) <= 12:
        for share in (0.22, 0.17):  # a smaller radar leaves more room for the names
            radius = lay.width * share
            groups = _named_labels(data, angles, radius, cx, lay)
            boxes = [block_box(b) for b in groups]
            if not clashes(boxes, 2) and not any(_near_circle(b, cx, radius + 4) for b in boxes):
                return _radar(data, lay, angles, radius, groups, keyed=False)
    radius = _keyed_radius(angles, cx, lay)
    return _radar(data, lay, angles, radius, _numbers(angles, radius, cx, lay.size), keyed=True)


def _radar(
    data: ChartData,
    lay: Layout,
    angles: list[float],
    radius: float,
    groups: list[list[Label]],
    keyed: bool,
) -> Drawing:
    """The radar around spoke labels already placed about a centre at y = 0."""
    shapes, labels, used = legend((("area", "Score"), ("ring", "Target")), 2, lay.width, lay.small)
    boxes = [block_box(b) for b in groups]
    cx = lay.width / 2
    cy = 2 + used + 8 - min([b.top for b in boxes] + [-radius - 4])
    for group in groups:
        labels += [_moved(label, cy) for label in group]
    shapes += _radar_grid(data, angles, radius, cx, cy)
    shapes += _radar_marks(data, angles, radius, cx, cy)
    labels += _ring_labels(data.bands, angles, radius, cx, cy, lay.small)
    bottom = max([b.bottom + cy for b in boxes] + [cy + radius + 4])
    if keyed:
        key_labels, bottom = _key(data, bottom + 14, lay)
        labels += key_labels
    return Drawing(lay.width, bottom + 6, tuple(shapes), tuple(labels))


def _moved(label: Label, dy: float) -> Label:
    return Label(
        label.x, label.y + dy, label.text, label.size, label.anchor, label.bold, label.fill
    )


def _near_circle(box: Box, cx: float, radius: float) -> bool:
    """Whether the box comes within `radius` of (cx, 0)."""
    nx = max(box.left, min(cx, box.right))
    ny = max(box.top, min(0.0, box.bottom))
    return math.hypot(nx - cx, ny) < radius


def _point(angle: float, radius: float, value: float, cx: float, cy: float) -> tuple[float, float]:
    r = radius * clip(value) / 100
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _named_labels(
    data: ChartData, angles: list[float], radius: float, cx: float, lay: Layout
) -> list[list[Label]]:
    """Name, score and target beside each spoke, centred on y = 0, kept apart on each side."""
    s, s2, w = lay.size, lay.small, lay.width
    reach = radius + 10
    groups: list[list[Label]] = []
    sides: dict[str, list[int]] = {"start": [], "end": []}
    for i, angle in enumerate(angles):
        c, sn = math.cos(angle), math.sin(angle)
        anchor = "start" if c > 0.25 else "end" if c < -0.25 else "middle"
        px, py = cx + reach * c, reach * sn
        room = w - px - 4 if anchor == "start" else px - 4 if anchor == "end" else w * 0.4
        lines = wrap(data.names[i], s, room, 3, bold=True)
        value = one_line(data.value_label(i), s2, room)
        height = len(lines) * s * 1.25 + s2 * 1.3
        top = py - height if sn < -0.25 else py if sn > 0.25 else py - height / 2
        group = block(px, top, lines, s, anchor=anchor, bold=(True,) * len(lines))
        baseline = group[-1].y + s * 0.27 + s2 * 1.03
        groups.append([*group, Label(px, baseline, value, s2, anchor, fill=MUTED)])
        if anchor in sides:
            sides[anchor].append(i)
    for side in sides.values():  # push overlapping labels on one side apart, downwards
        floor = -math.inf
        for i in sorted(side, key=lambda k: block_box(groups[k]).top):
            box = block_box(groups[i])
            if box.top < floor:
                groups[i] = [_moved(label, floor - box.top) for label in groups[i]]
            floor = block_box(groups[i]).bottom + 3
    return groups


def _keyed_radius(angles: list[float], cx: float, lay: Layout) -> float:
    """The smallest radius from the usual one up at which no two spoke numbers touch (more
    than 40 pillars on a phone may not get there: the largest radius that fits is used)."""
    radius = lay.width * (0.34 if lay.narrow else 0.28)
    widest = text_width(str(len(angles)), lay.size, True)
    largest = cx - widest / 2 - lay.size * 0.9 - 6
    while radius < largest:
        if not clashes([b[0].box for b in _numbers(angles, radius, cx, lay.size)], 2):
            return radius
        radius += 2
    return largest


def _numbers(angles: list[float], radius: float, cx: float, size: float) -> list[list[Label]]:
    """The pillar's number at the end of each spoke."""
    reach = radius + size * 0.9 + 4
    return [
        [
            Label(
                cx + reach * math.cos(a),
                reach * math.sin(a) + size * 0.35,
                str(i + 1),
                size,
                "middle",
                bold=True,
            )
        ]
        for i, a in enumerate(angles)
    ]


def _radar_grid(
    data: ChartData, angles: list[float], radius: float, cx: float, cy: float
) -> list[str]:
    rings = sorted({clip(b.min) for b in data.bands if clip(b.min) > 0} | {100.0})
    shapes = [
        f'<polygon points="{polyline(_point(a, radius, v, cx, cy) for a in angles)}" '
        f'fill="none" stroke="{GRID}" stroke-width="{1.4 if v == 100 else 0.8}"/>'
        for v in rings
    ]
    shapes += [
        f'<line x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" stroke="{GRID}" '
        f'stroke-width="0.6"/>'
        for x, y in (_point(a, radius, 100, cx, cy) for a in angles)
    ]
    return shapes


def _radar_marks(
    data: ChartData, angles: list[float], radius: float, cx: float, cy: float
) -> list[str]:
    score = [_point(a, radius, data.scores[i], cx, cy) for i, a in enumerate(angles)]
    target = [_point(a, radius, data.target_scores[i], cx, cy) for i, a in enumerate(angles)]
    shapes = [
        f'<polygon points="{polyline(score)}" fill="{SCORE_FILL}" '
        f'fill-opacity="{SCORE_FILL_OPACITY}" stroke="{SCORE}" stroke-width="2.5"/>',
        f'<polygon points="{polyline(target)}" fill="none" stroke="{TARGET}" '
        f'stroke-width="2.5" stroke-dasharray="7 4"/>',
    ]
    shapes += [marker("diamond", x, y, 4, TARGET) for x, y in target]
    shapes += [
        marker("circle", x, y, 4, SCORE) for i, (x, y) in enumerate(score) if data.assessed[i]
    ]
    return shapes


def _ring_labels(
    bands: Sequence[LevelBand],
    angles: list[float],
    radius: float,
    cx: float,
    cy: float,
    size: float,
) -> list[Label]:
    """``L2``, ``L3`` ... where the rings cross the line half-way between the first two spokes
    (clear of the score and target markers, which sit on the spokes)."""
    half = math.pi / len(angles)
    angle = angles[0] + half
    labels: list[Label] = []
    for band in bands:
        r = radius * clip(band.min) / 100 * math.cos(half)
        if r <= size or r > radius * math.cos(half) - size * 1.2:
            continue
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        label = Label(x, y + size * 0.35, f"L{band.level}", size, "middle", fill=MUTED, halo=True)
        if not any(label.box.overlaps(other.box, 1) for other in labels):
            labels.append(label)
    return labels


def _key(data: ChartData, top: float, lay: Layout) -> tuple[list[Label], float]:
    """The numbered pillars under a keyed radar: number, name (two lines at most) and score,
    in one column (narrow) or two (wide)."""
    s, s2 = lay.size, lay.small
    columns = 1 if lay.narrow else 2
    gap = 24.0
    col_w = (lay.width - gap * (columns - 1)) / columns
    digits = text_width(str(len(data)), s, True) + 8
    values = [data.value_label(i) for i in range(len(data))]
    value_w = max(text_width(v, s2) for v in values) + 10
    per_column = math.ceil(len(data) / columns)
    labels: list[Label] = []
    bottom = top
    for column in range(columns):
        x = column * (col_w + gap)
        y = top
        for i in range(column * per_column, min(len(data), (column + 1) * per_column)):
            lines = wrap(data.names[i], s, col_w - digits - value_w, 2)
            labels.append(Label(x + digits - 8, y + s * 0.95, str(i + 1), s, "end", bold=True))
            labels += block(x + digits, y, lines, s)
            labels.append(
                Label(x + col_w, y + s * 0.95 - (s - s2) * 0.3, values[i], s2, "end", fill=MUTED)
            )
            y += len(lines) * s * 1.25 + 6
        bottom = max(bottom, y)
    return labels, bottom
