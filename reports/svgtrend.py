"""The trend chart as SVG: each pillar's score and the overall score across assessments.

Drawn by :func:`reports.svg.draw`; see there for what all the SVG charts share. Each line
has its own colour, dash pattern and marker shape, so no two neighbouring series differ by
colour alone; the overall score is the thickest line, with hollow rings. The key under the
chart names every line with its latest score, so the chart copes with any number of pillars.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from reports.chartdata import TrendData
from reports.svgkit import (
    DASHES,
    GRID,
    INK,
    MARKERS,
    MUTED,
    SERIES,
    WHITE,
    Drawing,
    Label,
    Layout,
    band_fill,
    clip,
    marker,
    num,
    one_line,
    polyline,
    shown,
    swatch,
    text_width,
    threshold,
)

_Line = tuple[str, tuple[float | None, ...], str, str, str, float]  # name, values, style


def _lines(data: TrendData) -> list[_Line]:
    lines: list[_Line] = [("Overall", data.overall, INK, "", "ring", 3.5)]
    for i, series in enumerate(data.series):
        colour = SERIES[i % len(SERIES)]
        lines.append(
            (series.name, series.values, colour, DASHES[i % len(DASHES)], MARKERS[i % 5], 2.2)
        )
    return lines


def trend(data: TrendData, lay: Layout) -> Drawing:
    """Lines of each pillar's score (and the overall score) across assessments, over the
    level bands, with a key naming each line."""
    w, s2 = lay.width, lay.small
    k = len(data)
    band_w = max((text_width(f"L{b.level}", s2, True) for b in data.bands), default=0.0) + 6
    x0 = band_w + text_width("100", s2) + 8
    x1 = w - 8
    plot_top = s2
    plot_bottom = plot_top + w * (0.62 if lay.narrow else 0.42)

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * clip(value) / 100

    pad = 18.0

    def x_of(i: int) -> float:
        return (x0 + x1) / 2 if k <= 1 else x0 + pad + (x1 - x0 - 2 * pad) * i / (k - 1)

    shapes: list[str] = []
    labels: list[Label] = []
    for j, band in enumerate(data.bands):
        top, bottom = y_of(band.max), y_of(band.min)
        shapes.append(
            f'<rect x="{num(x0)}" y="{num(top)}" width="{num(x1 - x0)}" '
            f'height="{num(max(0.0, bottom - top))}" fill="{band_fill(j, len(data.bands))}"/>'
        )
        if 0 < clip(band.min) < 100:
            shapes.append(
                f'<line x1="{num(x0)}" y1="{num(bottom)}" x2="{num(x1)}" y2="{num(bottom)}" '
                f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 3"/>'
            )
        if bottom - top >= s2 * 1.3:
            labels.append(
                Label(
                    0, (top + bottom) / 2 + s2 * 0.35, f"L{band.level}", s2, bold=True, fill=MUTED
                )
            )
    labels += _y_ticks(data, y_of, x0 - 4, s2)
    labels += _x_labels(data.labels, x_of, plot_bottom + 10 + s2 * 0.95, s2, w, x1 - x0)
    for _name, values, colour, dash, shape, stroke in _lines(data):
        shapes += _series(values, x_of, y_of, colour, dash, shape, stroke)
    key_shapes, key_labels, bottom = _key(data, plot_bottom + s2 * 1.6 + 16, lay)
    return Drawing(w, bottom + 4, tuple(shapes + key_shapes), tuple(labels + key_labels))


def _y_ticks(
    data: TrendData, y_of: Callable[[float], float], right: float, size: float
) -> list[Label]:
    values = sorted({clip(b.min) for b in data.bands} | {0.0, 100.0})
    labels: list[Label] = []
    for value in [0.0, 100.0, *(v for v in values if 0 < v < 100)]:
        label = Label(right, y_of(value) + size * 0.35, threshold(value), size, "end", fill=MUTED)
        if not any(label.box.overlaps(other.box, 2) for other in labels):
            labels.append(label)
    return labels


def _x_labels(
    names: Sequence[str],
    x_of: Callable[[int], float],
    baseline: float,
    size: float,
    width: float,
    room: float,
) -> list[Label]:
    """Assessment names under the plot: the latest always, earlier ones every `step` so
    that none overlaps its neighbour."""
    k = len(names)
    texts = [one_line(name, size, room) for name in names]
    for step in range(1, k + 1):
        labels = []
        for i in range(k):
            if (k - 1 - i) % step:
                continue
            half = text_width(texts[i], size) / 2
            x = max(half + 1, min(width - half - 1, x_of(i)))
            labels.append(Label(x, baseline, texts[i], size, "middle", fill=MUTED))
        if all(not a.box.overlaps(b.box, 6) for a, b in itertools.pairwise(labels)):
            return labels
    return []


def _series(
    values: Sequence[float | None],
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
    colour: str,
    dash: str,
    shape: str,
    stroke: float,
) -> list[str]:
    """One line, broken where a value is missing, with a marker on every value."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None or not math.isfinite(value):
            runs.append([])
        else:
            runs[-1].append((x_of(i), y_of(value)))
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    shapes = [
        f'<polyline points="{polyline(run)}" fill="none" stroke="{colour}" '
        f'stroke-width="{num(stroke)}" stroke-linejoin="round"{dashed}/>'
        for run in runs
        if len(run) > 1
    ]
    for run in runs:
        for x, y in run:
            if shape == "ring":
                shapes.append(
                    f'<circle cx="{num(x)}" cy="{num(y)}" r="4.5" fill="{WHITE}" '
                    f'stroke="{colour}" stroke-width="2.5"/>'
                )
            else:
                shapes.append(marker(shape, x, y, 4.5, colour))
    return shapes


def _latest(values: Sequence[float | None]) -> str:
    found = next((v for v in reversed(values) if v is not None), None)
    return shown(found) if found is not None else "–"


def _key(data: TrendData, top: float, lay: Layout) -> tuple[list[str], list[Label], float]:
    """Each line's sample, name and latest score; one column (narrow) or two (wide)."""
    s = lay.size
    lines = _lines(data)
    columns = 1 if lay.narrow else 2
    gap = 28.0
    col_w = (lay.width - gap * (columns - 1)) / columns
    values = [_latest(values) for _, values, *_ in lines]
    value_w = max(text_width(v, s, True) for v in values) + 10
    per_column = math.ceil(len(lines) / columns)
    step = s * 1.7
    shapes: list[str] = []
    labels: list[Label] = []
    for n, (name, _values, colour, dash, shape, stroke) in enumerate(lines):
        column, row = divmod(n, per_column)
        x, mid = column * (col_w + gap), top + row * step + s * 0.6
        shapes.append(swatch(f"{shape}:{num(min(stroke, 3))}", x + 1, mid, colour, dash))
        bold = n == 0
        text = one_line(name, s, col_w - 32 - value_w, bold)
        labels.append(Label(x + 30, mid + s * 0.35, text, s, bold=bold))
        labels.append(Label(x + col_w, mid + s * 0.35, values[n], s, "end", bold=True))
    return shapes, labels, top + per_column * step
