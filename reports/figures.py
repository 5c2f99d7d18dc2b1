"""Plotly figures for the app, built from the same values as the PDF's charts.

Each builder mirrors one in :mod:`reports.charts` and takes the same data from
:mod:`reports.chartdata`, so the app and the PDF cannot disagree. Nothing is explained by
colour alone: scores, levels and targets are in the hover text and in labels, and targets
are drawn dashed (radar) or as diamond markers (bars). Plotly shows trace text as text, not
markup, but names still go through :func:`_plain` so an ``<img>`` in a pillar name is shown,
not interpreted by Plotly's small HTML subset.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from reports import palette
from reports.chartdata import ChartData, GroupData, TrendData
from reports.text import shorten
from scoring.present import score_text

_FONT = {"family": "DejaVu Sans, Verdana, Arial, sans-serif", "size": 13, "color": palette.INK}
_MARKERS = ("circle", "square", "triangle-up", "diamond")
BAND_LABEL_MIN = 10.0  # points of score: a narrower band is too narrow for "L3" on a phone


def _plain(text: str, limit: int = 120) -> str:
    """Text for Plotly labels: shortened and HTML-escaped (Plotly renders a subset of HTML
    tags in labels, so an unescaped ``<b>`` in a name would be obeyed)."""
    return html.escape(shorten(text, limit), quote=False)


def _wrapped(text: str, width: int = 22, limit: int = 90) -> str:
    """Break a label into lines of about `width` characters with ``<br>`` (the text cut to
    `limit` characters first; the full name is in the table beside every chart)."""
    words, lines, current = _plain(text, limit).split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "<br>".join(lines)


def _hover(data: ChartData, i: int) -> str:
    if not data.assessed[i]:
        score = "not assessed"
    else:
        band = data.band(data.levels[i])
        score = (
            f"{score_text(data.scores[i])} (L{data.levels[i]} {_plain(band.name) if band else ''})"
        )
    target = data.band(data.target_levels[i])
    target_name = _plain(target.name) if target else ""
    return (
        f"<b>{_plain(data.names[i])}</b><br>Score: {score}<br>"
        f"Target: L{data.target_levels[i]} {target_name} ({data.target_scores[i]:g})"
    )


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font=_FONT,
        height=height,
        margin={"l": 40, "r": 40, "t": 40, "b": 40},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.12},
    )
    return fig


def radar_figure(data: ChartData) -> go.Figure:
    """The radar of pillar scores against targets (bars when there are fewer than three
    pillars, as in the PDF).

    Args:
        data: from :func:`reports.chartdata.chart_data`.

    Returns:
        A Plotly figure: the score area, the dashed target ring, level thresholds as ticks.
    """
    if len(data) < 3:
        return bars_figure(data)
    # Short lines, and the plot kept to the middle of the figure, so the names fit beside
    # the radar even on a 390-pixel phone.
    labels = [_wrapped(n, 13, 40) for n in data.names]
    closed = [*labels, labels[0]]
    hover = [_hover(data, i) for i in range(len(data))]
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=[*data.target_scores, data.target_scores[0]],
            theta=closed,
            mode="lines",
            name="Target",
            line={"color": palette.TARGET, "dash": "dash", "width": 2},
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatterpolar(
            r=[*data.scores, data.scores[0]],
            theta=closed,
            mode="lines+markers",
            name="Score",
            fill="toself",
            fillcolor="rgba(42,127,142,0.22)",
            line={"color": palette.TEAL, "width": 2},
            text=[*hover, hover[0]],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        polar={
            "domain": {"x": [0.2, 0.8]},
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [b.min for b in data.bands],
                "ticktext": [f"L{b.level}" for b in data.bands],
                "tickfont": {"size": 9, "color": palette.MUTED},
                "gridcolor": palette.RULE,
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": palette.RULE,
                "tickfont": {"size": 11},
            },
        },
        showlegend=True,
    )
    return _layout(fig, 480)


def bars_figure(data: ChartData) -> go.Figure:
    """Horizontal bars of the pillar scores over the level bands, with target markers.

    Args:
        data: from :func:`reports.chartdata.chart_data`.

    Returns:
        A Plotly figure: bars with their score and level written in the right margin (where
        no bar or target marker can cover them), diamonds at the targets, and the level bands
        shaded and numbered along the top (the caption beside the chart names them).
    """
    names = [_wrapped(n, 16, 60) for n in data.names]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=list(data.scores),
            y=names,
            orientation="h",
            name="Score",
            marker={"color": palette.TEAL},
            hovertext=[_hover(data, i) for i in range(len(data))],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(data.target_scores),
            y=names,
            mode="markers",
            name="Target",
            marker={
                "symbol": "diamond",
                "size": 12,
                "color": palette.TARGET,
                "line": {"color": "#FFFFFF", "width": 1.5},
            },
            text=[f"target L{t}" for t in data.target_levels],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    for k, band in enumerate(data.bands):
        # A band too narrow for its number is left unnumbered rather than overprinted.
        wide = band.max - band.min >= BAND_LABEL_MIN
        fig.add_vrect(
            x0=band.min,
            x1=band.max,
            fillcolor=palette.band_colour(k, len(data.bands)),
            line_width=0,
            layer="below",
        )
        if wide:  # above the plot, where no bar can cover it
            fig.add_annotation(
                x=(band.min + band.max) / 2,
                y=1.0,
                yref="paper",
                yanchor="bottom",
                text=f"L{band.level}",
                showarrow=False,
                font={"size": 10, "color": palette.MUTED},
            )
    for i, name in enumerate(names):
        fig.add_annotation(
            x=1.0,
            xref="paper",
            xanchor="left",
            xshift=6,
            y=name,
            text=data.score_label(i),
            showarrow=False,
            font={"size": 12, "color": palette.INK},
        )
    fig.update_xaxes(range=[0, 100], tickvals=sorted({b.min for b in data.bands} | {100.0}))
    fig.update_yaxes(autorange="reversed", automargin=True)
    _layout(fig, 120 + 48 * len(data))
    fig.update_layout(margin={"l": 10, "r": 96, "t": 40, "b": 40})
    return fig


def trend_figure(trend: TrendData) -> go.Figure:
    """Each pillar's score (and the overall score) across assessments.

    Args:
        trend: from :func:`reports.chartdata.trend_data`, oldest first.

    Returns:
        A Plotly figure: one line per pillar with its own marker shape, named in the legend
        and at its last point, over the level bands.
    """
    fig = go.Figure()
    x = list(trend.labels)
    for i, series in enumerate(trend.series):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=list(series.values),
                mode="lines+markers",
                name=_plain(series.name, 60),
                line={"color": palette.SERIES[i % len(palette.SERIES)], "width": 2},
                marker={"symbol": _MARKERS[i % len(_MARKERS)], "size": 8},
                connectgaps=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=list(trend.overall),
            mode="lines+markers",
            name="Overall",
            line={"color": palette.INK, "width": 4},
        )
    )
    # The level bands as plain layout shapes and labels, set in one update: Plotly's
    # add_hrect validates the whole figure on every call (about 30 ms a band).
    shapes, labels = [], []
    for k, band in enumerate(trend.bands):
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": band.min,
                "y1": band.max,
                "fillcolor": palette.band_colour(k, len(trend.bands)),
                "line": {"width": 0},
                "layer": "below",
            }
        )
        labels.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": band.max,
                "yanchor": "top",
                "text": f"L{band.level} {_plain(band.name, 30)}",
                "showarrow": False,
                "font": {"size": 10, "color": palette.MUTED},
            }
        )
    fig.update_layout(shapes=shapes, annotations=labels)
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 100], title_text="Score")
    return _layout(fig, 420)


def group_figure(data: GroupData) -> go.Figure:
    """Each pillar's score per group, as grouped horizontal bars, with the group
    assessment's consensus marked.

    Every bar is labelled with its score and every group has its own pattern as well as its
    colour, so the chart reads in greyscale; the table beside it holds the same figures.
    """
    fig = go.Figure()
    names = [_wrapped(n, 26) for n in data.names]
    patterns = ("", "/", ".", "x", "-", "|", "+")
    for i, group in enumerate(data.groups):
        values = list(data.scores[i])
        fig.add_trace(
            go.Bar(
                y=names,
                x=[v if v is not None else 0 for v in values],
                orientation="h",
                name=_plain(group.capitalize(), 40),
                marker={
                    "color": palette.SERIES[i % len(palette.SERIES)],
                    "pattern": {"shape": patterns[i % len(patterns)]},
                },
                text=[score_text(v) if v is not None else "none" for v in values],
                textposition="outside",
                cliponaxis=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=list(data.consensus),
            mode="markers",
            name="Group consensus",
            marker={"symbol": "diamond", "size": 12, "color": palette.INK},
        )
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(range=[0, 110], title_text="Score")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, 120 + 70 * max(1, len(data.names)))
