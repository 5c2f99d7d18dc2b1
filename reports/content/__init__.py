"""The report content model: the report as frozen blocks, built from scored results with no
knowledge of any renderer (the block types are in :mod:`reports.content.model`).

:func:`build_content` is the one place a report's findings are worded; the PDF
(:mod:`reports.pdf`), the HTML report (:mod:`reports.html`) and the app's results pages draw
what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reports.content.actions import flags, knowledge_gaps, next_steps
from reports.content.appendix import appendix, glossary, sources
from reports.content.context import Context
from reports.content.findings import priorities, scores, strengths
from reports.content.history import since_last_time
from reports.content.model import Options, Report, Section
from reports.content.summary import cover, summary
from reports.text import clean, shorten
from scoring.compare import compare
from scoring.result import Result

__all__ = ["Options", "Report", "build_content", "ordered"]


def ordered(previous: Sequence[Result]) -> tuple[Result, ...]:
    """Earlier assessments oldest first: dated ones by date, undated ones after them (in the
    order given)."""
    dated = sorted(
        (r for r in previous if r.responses.assessed_on is not None),
        key=lambda r: r.responses.assessed_on or dt.date.min,
    )
    return (*dated, *(r for r in previous if r.responses.assessed_on is None))


def build_content(
    result: Result, previous: Sequence[Result] = (), options: Options | None = None
) -> Report:
    """The whole report of one assessment, as blocks.

    Args:
        result: the scored assessment the report is about.
        previous: earlier assessments of the same organisation, in any order; with one or
            more the report gains "Since last time" (against the latest of them), and with
            two or more a trend chart.
        options: how the report is put together (date prepared, who answered).

    Returns:
        The report, cover first, then summary, scores, strengths, priority areas, next steps,
        knowledge gaps, rule flags, since last time, appendix, glossary (the model's terms the
        report uses) and sources.
    """
    options = options or Options()
    earlier = ordered(previous)
    ctx = Context(
        result=result,
        previous=earlier,
        comparison=compare(earlier[-1], result) if earlier else None,
        options=options,
    )
    parts: list[Section | None] = [
        cover(ctx),
        summary(ctx),
        scores(ctx),
        strengths(ctx),
        priorities(ctx),
        next_steps(ctx),
        knowledge_gaps(ctx),
        flags(ctx),
        since_last_time(ctx),
        appendix(ctx),
    ]
    written = [s for s in parts if s is not None]
    parts += [glossary(ctx, written), sources(ctx)]
    respondent = result.responses.respondent
    author = (
        options.prepared_by
        or (respondent.name if respondent and respondent.name else None)
        or ctx.organisation
    )
    return Report(
        title=shorten(f"AI maturity report: {ctx.organisation}", 300),
        organisation=ctx.organisation,
        author=shorten(author, 300),
        subject=shorten(f"{clean(result.model.title)}, version {clean(result.model.version)}", 300),
        keywords=("AI maturity", "self-assessment", clean(result.model.id)),
        footer=clean(f"{ctx.organisation} · AI maturity assessment"),
        sections=tuple(s for s in parts if s is not None),
        marking=options.marking,
        draft=options.draft,
    )
