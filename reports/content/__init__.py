"""The report content model: the report as frozen blocks, built from scored results with no
knowledge of any renderer (the block types are in :mod:`reports.content.model`).

:func:`build_content` is the one place a report's findings are worded; the PDF
(:mod:`reports.pdf`), the HTML report (:mod:`reports.html`) and the app's results pages draw
what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from questionnaire.schema import Responses
from reports.content import group as group_sections
from reports.content.actions import actions, knowledge_gaps
from reports.content.appendix import appendix, glossary, sources
from reports.content.board import Issue, issues
from reports.content.commentary import COMMENTARY_TITLE, commentary_blocks
from reports.content.context import Context
from reports.content.history import since_last_time
from reports.content.judgements import judgements
from reports.content.method import method
from reports.content.model import SECTIONS, Options, Report, Section
from reports.content.summary import cover, summary
from reports.text import clean, shorten
from scoring.aggregate import Agreed, GroupResult
from scoring.compare import compare
from scoring.result import Result

__all__ = ["Options", "Report", "build_content", "build_group_content", "ordered"]


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
    return _assemble(result, previous, options or Options(), None)


def build_group_content(
    group: GroupResult,
    previous: Sequence[Result] = (),
    options: Options | None = None,
    *,
    names_shown: bool,
    people: Sequence[Responses] = (),
    dissent: Mapping[str, Agreed] | None = None,
    high: str = "leadership",
    low: str = "frontline",
) -> Report:
    """The workshop report of a group assessment, as blocks: the single report of its
    consensus result with the group's own sections (:mod:`reports.content.group`).

    Args:
        group: the aggregate (:func:`scoring.aggregate.aggregate`).
        previous: earlier assessments of the organisation (single or group), as for
            :func:`build_content`.
        options: as for :func:`build_content`; who answered, the label and the number of
            participants are set from the group (the caller's values for them are ignored).
        names_shown: whether participants' names may be printed; False for an anonymous
            assessment, and then no name appears anywhere in the report.
        people: the participants' own responses (as aggregated), for their names and the
            dates they answered over; without them the report gives the latest date only.
        dissent: question id -> what the group agreed (answer, rationale, dissent); by
            default the agreed answers the aggregate carries (``group.questions[].agreed``).
        high, low: the two groups whose gap is read, ``high`` minus ``low``.

    Returns:
        The report: the cover and summary (saying it is a group assessment of how many, over
        which dates), the commentary, who took part, where views differ (the spread per pillar
        and the by-group chart), the disagreements and how each was resolved, the recorded
        dissent, then the single report's sections, with the knowledge gaps counted by group.
        `options.sections` may name the group sections (:data:`group.GROUP_SECTIONS`) too.
    """
    agreed = (
        dict(dissent)
        if dissent is not None
        else {q.id: q.agreed for q in group.questions if q.agreed is not None}
    )
    workshop = group_sections.Workshop(
        group=group,
        people=tuple(people),
        names_shown=names_shown,
        agreed=agreed,
        high=high,
        low=low,
    )
    options = replace(
        options or Options(),
        respondent_label="Participants",
        respondent=group_sections.participants_text(workshop),
        participants=group.participants,
    )
    return _assemble(group.result, previous, options, workshop)


def _assemble(
    result: Result,
    previous: Sequence[Result],
    options: Options,
    workshop: group_sections.Workshop | None,
) -> Report:
    """The report of one assessment, or of a group's consensus when `workshop` is given
    (its sections added and its wording used where a group's differs)."""
    earlier = ordered(previous)
    ctx = Context(
        result=result,
        previous=earlier,
        comparison=compare(earlier[-1], result) if earlier else None,
        options=options,
    )
    names = SECTIONS + (group_sections.GROUP_SECTIONS if workshop else ())
    wanted = set(names if options.sections is None else options.sections)
    # Other sections point to the summary's issues only when the summary is there.
    raised = issues(ctx)
    pointed = raised if "summary" in wanted else []
    body: dict[str, Section | None] = {"summary": summary(ctx, raised)}
    if workshop is not None:
        w = workshop
        body = {
            "summary": _group_summary(ctx, raised, w),
            "participants": group_sections.participants(ctx, w),
            "views": group_sections.views(ctx, w),
            "disagreements": group_sections.disagreements(ctx, w),
            "dissent": group_sections.dissent(ctx, w),
        }
    body |= {
        "judgements": judgements(ctx, pointed),
        "actions": actions(ctx, pointed),
        "change": since_last_time(ctx),
        "answers": appendix(ctx),
        "knowledge-gaps": knowledge_gaps(ctx) if result.knowledge_gaps else None,
        "method": method(ctx),
    }
    if workshop is not None:
        answers = body["answers"]
        if answers is not None:  # its opening says what a group's answer is
            body["answers"] = replace(
                answers, blocks=(group_sections.answers_intro(ctx), *answers.blocks[1:])
            )
        unknown = any(q.unknown for q in workshop.group.questions)
        body["knowledge-gaps"] = group_sections.knowledge_gaps(ctx, workshop) if unknown else None
        if (done := body["method"]) is not None:
            body["method"] = group_sections.method(done, ctx)
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
    front = cover(ctx, [s.id for s in parts])
    if workshop is not None and (note := group_sections.cover_note([s.id for s in parts])):
        front = replace(front, blocks=(*front.blocks, note))
    parts.insert(0, front)
    respondent = result.responses.respondent
    author = (
        options.prepared_by
        or (respondent.name if respondent and respondent.name else None)
        or ctx.organisation
    )
    kind = "group assessment" if workshop is not None else "assessment"
    return Report(
        title=shorten(
            f"AI maturity report: {ctx.organisation}"
            + (" (group assessment)" if workshop is not None else ""),
            300,
        ),
        organisation=ctx.organisation,
        author=shorten(author, 300),
        subject=shorten(f"{clean(result.model.title)}, version {clean(result.model.version)}", 300),
        keywords=(
            "AI maturity",
            "self-assessment",
            *(("group assessment",) if workshop is not None else ()),
            clean(result.model.id),
        ),
        footer=clean(f"{ctx.organisation} · AI maturity {kind}"),
        sections=tuple(parts),
        marking=options.marking,
        draft=options.draft,
        logo=options.logo,
    )


def _group_summary(ctx: Context, raised: Sequence[Issue], w: group_sections.Workshop) -> Section:
    """The summary of a group's consensus: it opens by saying it is a group assessment, and
    its line on "don't know" answers is a group's (left out, not counted as 0)."""
    # The single summary's "counted as 0" line is left out by handing it no knowledge gaps;
    # the group's own line takes its place.
    quiet = replace(ctx, result=replace(ctx.result, knowledge_gaps=()))
    single = summary(quiet, raised, evidence=False)
    gaps = group_sections.summary_gaps(ctx, w)
    blocks = (
        group_sections.summary_intro(w),
        *single.blocks,
        *((gaps,) if gaps is not None else ()),
    )
    return replace(single, blocks=blocks)
