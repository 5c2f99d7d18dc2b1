"""The bar chart as SVG: pillar scores over the level bands, with a target mark per pillar.

Drawn by :func:`reports.svg.draw`; see there for what all the SVG charts share.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reports.chartdata import ChartData, LevelBand
from reports.svgkit import (
    GRID,
    MUTED,
    SCORE,
    TARGET,
    WHITE,
    Box,
    Drawing,
    Label,
    Layout,
    band_fill,
    clean,
    clip,
    legend,
    marker,
    name_rows,
    num,
    target_mark,
    text_width,
    threshold,
)

# --- words on the charts -------------------------------------------------------------------


def _target_words(data: ChartData, i: int) -> str:
    return f"target L{data.target_levels[i]}: {threshold(data.target_scores[i])}"


# --- bars ----------------------------------------------------------------------------------


def bars(data: ChartData, lay: Layout) -> Drawing:
    """Horizontal bars of the pillar scores over the level bands, a target mark per pillar,
    and each pillar's score, level and target in words at the end of its row.

    The wide layout puts the pillar names in a column on the left; the narrow one puts each
    name on its own line above its bar.
    """
    w, s, s2 = lay.width, lay.size, lay.small
    n = len(data)
    shapes, labels, used = legend((("bar", "Score"), ("target", "Target")), 2, w, s2)
    scores = [data.score_label(i) for i in range(n)]
    targets = [_target_words(data, i) for i in range(n)]
    widest = max(
        [text_width(t, s, True) for t in scores] + [text_width(t, s2) for t in targets] + [30.0]
    )
    x1 = w - widest - 12
    name_w = 0.0 if lay.narrow else min(0.3 * w, x1 * 0.45)
    x0 = 2.0 if lay.narrow else name_w + 12

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * clip(value) / 100

    header, header_labels, leaders = band_header(data.bands, x_of, s2, w)
    plot_top = 2 + used + 6 + header
    labels += [_lift(label, plot_top) for label in header_labels]
    shapes += [_leader(x, plot_top, bottom) for x, bottom in leaders]
    words_h = s * 0.95 + s2 * 1.57
    zone = max(24.0, words_h + 4)  # the height of a bar with its words beside it
    rows = name_rows(data.names[:n], s, w, name_w, zone, lay.narrow)
    plot_bottom = plot_top + sum(r.height for r in rows)
    shapes += _band_fills(data.bands, x_of, plot_top, plot_bottom)
    top = plot_top
    for i, row in enumerate(rows):
        names, mid = row.place(top, x0, zone, s, lay.narrow)
        labels += names
        if data.assessed[i]:
            end = max(x0 + 1, x_of(data.scores[i]))
            shapes.append(
                f'<rect x="{num(x0)}" y="{num(mid - 7)}" width="{num(end - x0)}" height="14" '
                f'fill="{SCORE}"/>'
            )
        tx = x_of(data.target_scores[i])
        shapes.append(target_mark(tx, mid, 13) + marker("diamond", tx, mid, 5.5, TARGET))
        labels += two_lines(x1 + 10, mid - words_h / 2, scores[i], targets[i], lay, TARGET)
        top += row.height
        if i < n - 1:
            shapes.append(
                f'<line x1="{num(x0)}" y1="{num(top)}" x2="{num(x1)}" y2="{num(top)}" '
                f'stroke="{WHITE}" stroke-width="1.5"/>'
            )
    shapes += _thresholds(data.bands, x_of, plot_top, plot_bottom)
    ticks = axis_ticks(data.bands, x_of, plot_bottom + 4 + s2, s2, w)
    return Drawing(w, plot_bottom + s2 * 1.6 + 8, tuple(shapes), tuple(labels + ticks))


def two_lines(
    x: float, top: float, first: str, second: str, lay: Layout, colour: str, anchor: str = "start"
) -> list[Label]:
    """A bold line (a score) over a smaller one (its target) whose box starts at `top`."""
    b1 = top + lay.size * 0.95
    return [
        Label(x, b1, first, lay.size, anchor, bold=True),
        Label(x, b1 + lay.small * 1.3, second, lay.small, anchor, fill=colour),
    ]


def _lift(label: Label, plot_top: float) -> Label:
    """A band label laid out above y = 0, moved to sit above the plot."""
    return Label(label.x, label.y + plot_top, label.text, label.size, label.anchor, fill=MUTED)


def _leader(x: float, plot_top: float, bottom: float) -> str:
    return (
        f'<line x1="{num(x)}" y1="{num(bottom + plot_top)}" x2="{num(x)}" y2="{num(plot_top)}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )


def band_header(
    bands: Sequence[LevelBand], x_of: Callable[[float], float], size: float, width: float
) -> tuple[float, list[Label], list[tuple[float, float]]]:
    """The level bands named above a horizontal scale, with no two names overlapping.

    A band wide enough shows its full label (``L2 Developing``) or at least ``L2`` just above
    itself; a band too narrow for either gets ``L2`` on a higher row, joined to the band by
    a short line that passes no other label.

    Returns:
        (height, labels with y measured upwards from the plot as negative numbers, leader
        lines as (x, bottom y) in the same frame).
    """
    step = size * 1.35
    placed: list[tuple[int, Box, float]] = []  # (row, box, leader x or nan)
    labels: list[Label] = []
    for band in bands:
        left, right = x_of(band.min), x_of(max(band.min, band.max))
        centre, room = (left + right) / 2, right - left - 4
        short = f"L{band.level}"
        full = clean(band.label)
        text = full if text_width(full, size) <= room else short
        if text_width(text, size) <= room:
            label = Label(centre, -4 - size * 0.27, text, size, "middle")
            placed.append((0, label.box, math.nan))
            labels.append(label)
            continue
        half = text_width(short, size) / 2
        x = max(half + 1, min(width - half - 1, centre))
        top_row = max((r for r, _, _ in placed), default=0) + 1
        for row in range(1, top_row + 1):
            label = Label(x, -4 - row * step - size * 0.27, short, size, "middle")
            box = label.box
            blocked = any(
                (r == row and box.overlaps(b, 3))
                or (1 <= r < row and b.left - 2 <= centre <= b.right + 2)
                or (r > row and not math.isnan(lx) and box.left - 2 <= lx <= box.right + 2)
                for r, b, lx in placed
            )
            if not blocked:
                placed.append((row, box, centre))
                break
        else:
            # Every row's leader would cross a label: a new top row, with no leader line.
            row = top_row + 1
            label = Label(x, -4 - row * step - size * 0.27, short, size, "middle")
            placed.append((row, label.box, math.nan))
        labels.append(label)
    rows = max((r for r, _, _ in placed), default=0) + 1
    leaders = [(lx, b.bottom + 1) for r, b, lx in placed if r > 0 and not math.isnan(lx)]
    return (rows * step + 4 if bands else 0.0), labels, leaders


def _band_fills(
    bands: Sequence[LevelBand], x_of: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    return [
        f'<rect x="{num(x_of(b.min))}" y="{num(top)}" '
        f'width="{num(max(0.0, x_of(b.max) - x_of(b.min)))}" height="{num(bottom - top)}" '
        f'fill="{band_fill(k, len(bands))}"/>'
        for k, b in enumerate(bands)
    ]


def _thresholds(
    bands: Sequence[LevelBand], x_of: Callable[[float], float], top: float, bottom: float
) -> list[str]:
    return [
        f'<line x1="{num(x_of(b.min))}" y1="{num(top)}" x2="{num(x_of(b.min))}" '
        f'y2="{num(bottom)}" stroke="{GRID}" stroke-width="1" stroke-dasharray="3 3"/>'
        for b in bands
        if 0 < clip(b.min) < 100
    ]


def axis_ticks(
    bands: Sequence[LevelBand],
    x_of: Callable[[float], float],
    baseline: float,
    size: float,
    width: float,
) -> list[Label]:
    """Threshold numbers under a horizontal scale: 0 and 100 always, others where they fit."""
    values = sorted({clip(b.min) for b in bands} | {0.0, 100.0})
    order = [0.0, 100.0, *(v for v in values if 0 < v < 100)]
    labels: list[Label] = []
    for value in order:
        x = x_of(value)
        text = threshold(value)
        half = text_width(text, size) / 2
        label = Label(max(half, min(width - half, x)), baseline, text, size, "middle", fill=MUTED)
        if not any(label.box.overlaps(other.box, 4) for other in labels):
            labels.append(label)
    return labels
