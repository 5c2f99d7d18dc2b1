"""The report drawn in the page: the same content blocks the PDF and the HTML report draw.

:func:`show_report` takes a :class:`reports.content.model.Report` (from
:func:`reports.content.build_content`) and draws each section with Streamlit: headings,
paragraphs, lists, tables, the Plotly charts (each with its figures as a table, so no chart
is explained by colour or shape alone) and boxes. Nothing here words a finding or works out
a number; every piece of text is escaped for Markdown as it is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from reports.content.model import (
    CALLOUT_LABELS,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Report,
    Rule,
    Section,
    Span,
    Table,
)
from ui.text import md_span

CHART_CONFIG = {"displayModeBar": False, "responsive": True}
# Long sections the page folds away (their headings stay visible as the fold's label).
FOLDED = ("answers", "knowledge-gaps", "method", "glossary", "sources")


def markdown(inline: Inline) -> str:
    """An Inline as escaped Markdown (bold, italics; line breaks kept)."""
    return "".join(_span(s) for s in inline)


def _span(span: Span) -> str:
    body = md_span(span.text)
    if not body.strip():
        return body
    # Emphasis markers must touch the words: keep surrounding spaces outside them.
    lead = body[: len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()) :]
    core = body.strip()
    if span.emphasis:
        core = f"*{core}*"
    if span.strong:
        core = f"**{core}**"
    return f"{lead}{core}{trail}"


def table_rows(table: Table) -> list[dict[str, str]]:
    """A Table as rows for ``st.table`` (columns named by the header, cells escaped)."""
    names: list[str] = []
    for cell in table.header or tuple(() for _ in table.widths):
        name = markdown(cell) or " "
        while name in names:  # st.table needs distinct column names
            name += " "
        names.append(name)
    return [dict(zip(names, (markdown(c) for c in row), strict=False)) for row in table.rows]


def _figure(chart: Chart) -> Any:
    from reports.chartdata import ChartData, TrendData
    from reports.figures import bars_figure, group_figure, radar_figure, trend_figure
    from reports.groupchart import GroupChartData

    if chart.kind == "trend" and isinstance(chart.data, TrendData):
        return trend_figure(chart.data)
    if isinstance(chart.data, GroupChartData):  # a group assessment's by-group chart
        return group_figure(chart.data.groups)
    if isinstance(chart.data, ChartData):
        return radar_figure(chart.data) if chart.kind == "radar" else bars_figure(chart.data)
    raise ValueError(f"a {chart.kind} chart cannot draw {type(chart.data).__name__}")


def _chart(chart: Chart, key: str) -> None:
    st.plotly_chart(_figure(chart), key=key, config=CHART_CONFIG)
    if chart.caption:
        st.caption(markdown(chart.caption))
    if chart.table is None:
        return
    if chart.print_table:
        st.table(table_rows(chart.table))
    else:
        with st.expander(f"{chart.title}: the figures"):
            st.table(table_rows(chart.table))


def _paragraph(block: Paragraph) -> None:
    text = markdown(block.text)
    if block.role == "headline":
        st.subheader(text, anchor=False)
    elif block.role in ("small", "caption", "note"):
        st.caption(text)
    else:
        st.markdown(text)


def _list(block: BulletList) -> None:
    lines = []
    for number, item in enumerate(block.items, block.start):
        marker = f"{number}." if block.numbered else "-"
        # A line break inside an item continues the item (indented under its marker).
        lines.append(f"{marker} " + markdown(item).replace("\\\n", "\\\n    "))
    st.markdown("\n".join(lines))


def heading(text: str, level: int, depth: list[int]) -> None:
    """A heading one level below the enclosing one at most (``depth[0]``, the last drawn),
    so a page's headings never skip a level whatever the content's own levels are."""
    shown = min(level + 1, depth[0] + 1)
    depth[0] = shown
    if shown <= 3:
        st.subheader(text, anchor=False)
    else:
        st.markdown(f"#### {text}")


def show_blocks(blocks: Iterable[Block], *, key: str, depth: list[int] | None = None) -> None:
    """Draw blocks in order; ``key`` keeps chart ids unique; ``depth`` holds the level of the
    heading drawn last (2: a section's heading)."""
    depth = depth if depth is not None else [2]
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            heading(markdown(block.text), block.level, depth)
        elif isinstance(block, Paragraph):
            _paragraph(block)
        elif isinstance(block, BulletList):
            _list(block)
        elif isinstance(block, Table):
            st.table(table_rows(block))
        elif isinstance(block, Chart):
            _chart(block, f"{key}-{i}")
        elif isinstance(block, Callout):
            with st.container(border=True, key=f"{key}-{i}-box"):
                label = CALLOUT_LABELS.get(block.tone, "")
                if label:
                    st.markdown(f"**{label}**")
                show_blocks(block.blocks, key=f"{key}-{i}", depth=depth)
        elif isinstance(block, Group):
            show_blocks(block.blocks, key=f"{key}-{i}", depth=depth)
        elif isinstance(block, Rule):
            st.divider()


def show_section(section: Section, *, key: str) -> None:
    """One section under its heading (long reference sections folded away)."""
    title = section.title or ""
    if section.id in FOLDED:
        with st.expander(md_span(title)):
            show_blocks(section.blocks, key=f"{key}-{section.id}")
        return
    st.header(md_span(title), anchor=False)
    show_blocks(section.blocks, key=f"{key}-{section.id}")


def show_report(report: Report, *, key: str, skip: Sequence[str] = ("cover",)) -> None:
    """Draw a report's sections in order, leaving out those in ``skip`` (the cover, whose
    facts the page already shows)."""
    for section in report.sections:
        if section.id not in skip:
            show_section(section, key=key)
