"""What the by-group chart of a workshop report draws, and how each group is marked.

The chart's figures are :class:`reports.chartdata.GroupData` (:func:`reports.chartdata.group_data`,
the one home of the by-group numbers, which the app's Plotly figure draws too). The PDF drawing
(:func:`reports.charts.group_drawings`) and the HTML SVG (:func:`reports.svggroups.groups`)
both take their marks from :func:`group_mark` here, so a group looks the same in both.

:class:`GroupChartData` carries the figures through the report content model. The content
model's :class:`~reports.content.model.Chart` holds a ``ChartData``; a ``GroupChartData`` *is*
one (the consensus result's own pillar chart) with the by-group figures attached. Renderers
that know it (the PDF's bar drawings and the HTML's SVG) draw the groups; one that does not
yet (the app's Plotly view) draws the consensus bars, a true if lesser chart, and the table
beside it holds every group's figures either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from reports.chartdata import ChartData, GroupData, chart_data, group_data
from reports.text import clean, shorten
from scoring.aggregate import GroupResult
from scoring.present import score_text, signed_text

#: Each group's marker shape, in the order the groups are drawn: shape as well as colour, so
#: the chart reads in greyscale (the legend names the shapes).
MARKERS = ("circle", "square", "triangle", "down", "diamond")
#: Each group's colour (Okabe-Ito, as :data:`reports.svgkit.SERIES`).
COLOURS = ("#0072B2", "#C24E00", "#00785A", "#A4407D", "#8A6100", "#5E4FA2", "#4D5A66")
#: The longest group name a chart shows (the tables show it whole).
NAME_CHARS = 28


@dataclass(frozen=True)
class GroupChartData(ChartData):
    """The consensus pillar chart of a group assessment with its by-group figures."""

    groups: GroupData = field(kw_only=True)


def group_chart_data(
    group: GroupResult, high: str = "leadership", low: str = "frontline"
) -> GroupChartData:
    """The chart data of a workshop's by-group chart (`high` minus `low` is the gap shown)."""
    base = chart_data(group.result)
    values = {f.name: getattr(base, f.name) for f in fields(base)}
    return GroupChartData(**values, groups=group_data(group, high, low))


def group_mark(index: int) -> tuple[str, str]:
    """The marker shape and colour of the `index`-th group drawn."""
    return MARKERS[index % len(MARKERS)], COLOURS[index % len(COLOURS)]


def group_name(name: str) -> str:
    """A group's name as a chart shows it: cleaned, capitalised, shortened."""
    words = shorten(clean(name), NAME_CHARS)
    return words[:1].upper() + words[1:]


def group_part(data: GroupData, start: int, stop: int) -> GroupData:
    """Pillars ``start`` to ``stop - 1`` only (one of several charts sharing out a model
    with more pillars than one chart can hold)."""
    return replace(
        data,
        names=data.names[start:stop],
        pillars=data.pillars[start:stop],
        scores=tuple(row[start:stop] for row in data.scores),
        consensus=data.consensus[start:stop],
        gaps=data.gaps[start:stop],
    )


def gap_words(data: GroupData, i: int) -> tuple[str, str]:
    """The two lines at the end of pillar `i`'s row: the gap, and the two scores it is the
    difference of (or why there is none)."""
    names = [data.high, data.low]
    index = {g: k for k, g in enumerate(data.groups)}
    values = [data.scores[index[g]][i] if g in index else None for g in names]
    gap = data.gaps[i]
    if gap is None:
        missing = [group_name(g) for g, v in zip(names, values, strict=True) if v is None]
        return "no gap", f"{' and '.join(missing)}: no score"
    high, low = values
    return (
        f"gap {signed_text(gap)}",
        f"{score_text(high)} against {score_text(low)}",
    )
