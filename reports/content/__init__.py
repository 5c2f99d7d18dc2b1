"""The report content model: the report as frozen blocks, built from scored results with no
knowledge of any renderer (the block types are in :mod:`reports.content.model`).

:func:`build_content` is the one place a report's findings are worded; the PDF
(:mod:`reports.pdf`), the HTML report (:mod:`reports.html`) and the app's results pages draw
what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reports.content.actions import actions, knowledge_gaps
from reports.content.appendix import appendix, glossary, sources
from reports.content.board import issues
from reports.content.commentary import COMMENTARY_TITLE, commentary_blocks
from reports.content.context import Context
from reports.content.history import since_last_time
from reports.content.judgements import judgements
from reports.content.method import method
from reports.content.model import SECTIONS, Options, Report, Section
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
        The report: the cover, then the sections of :data:`SECTIONS` that `options` asks for
        (all by default) in that order, with the assessor's commentary after the summary when
        there is one. Knowledge gaps appear only when there is a "don't know", "since last
        time" only with an earlier assessment, the glossary only for the terms the report
        uses, and the sources only those its steps cite.
    """
    options = options or Options()
    earlier = ordered(previous)
    ctx = Context(
        result=result,
        previous=earlier,
        comparison=compare(earlier[-1], result) if earlier else None,
        options=options,
    )
    wanted = set(SECTIONS if options.sections is None else options.sections)
    # Other sections point to the summary's issues only when the summary is there.
    raised = issues(ctx)
    pointed = raised if "summary" in wanted else []
    body: dict[str, Section | None] = {
        "summary": summary(ctx, raised),
        "judgements": judgements(ctx, pointed),
        "actions": actions(ctx, pointed),
        "change": since_last_time(ctx),
        "answers": appendix(ctx),
        "knowledge-gaps": knowledge_gaps(ctx) if result.knowledge_gaps else None,
        "method": method(ctx),
    }
    parts: list[Section] = []
    for name, section in body.items():
        if name in wanted and section is not None:
            parts.append(section)
        if name == "summary" and options.commentary and options.commentary.strip():
            parts.append(
                Section(
                    id="commentary",
                    title=COMMENTARY_TITLE,
                    blocks=commentary_blocks(options.commentary),
                )
            )
    if "glossary" in wanted and (terms := glossary(ctx, parts)) is not None:
        parts.append(terms)
    if "sources" in wanted and (cited := sources(ctx, parts)) is not None:
        parts.append(cited)
    parts.insert(0, cover(ctx, [s.id for s in parts]))
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
        sections=tuple(parts),
        marking=options.marking,
        draft=options.draft,
        logo=options.logo,
    )
