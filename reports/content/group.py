"""The workshop report's own sections, and every sentence a group assessment words
differently from a single one (worded once, here).

A group assessment's report is the single report of its consensus result
(:func:`reports.content.build_group_content` builds it with the same section builders) plus
what only a group has:

* **who took part**: the number of participants per group, the dates they answered over,
  and their names only when the caller says names are shown (never for an anonymous
  assessment);
* **where views differ**: the spread per pillar (the lowest and highest of the participants'
  own pillar scores) and the by-group chart with the leadership-frontline gap read in plain
  words, its figures in a table beside it;
* **the disagreements and how each was resolved**: every question whose answers were
  :data:`~scoring.aggregate.DISAGREEMENT` points or more apart, most divided first, with the
  answers given and the agreed answer and rationale, or "no agreement recorded";
* **the recorded dissent**, in the dissenters' words;
* **the knowledge gaps by group**, in place of the single report's knowledge gaps: each
  "don't know" counted per group per question.

Decisions:

* Group names are shown as the aggregate reports them (lower case, so ``Leadership`` and
  ``leadership`` are one group), capitalised at the start of a table cell.
* The by-group table lists every group when there are at most :data:`TABLE_GROUPS`;
  beyond that only the two whose gap is read (the chart still shows all).
* Every number is a value the aggregate's JSON carries, written by :mod:`scoring.present`:
  scores, spreads and consensus values; a gap is the difference of two shown scores
  (:func:`scoring.present.change`), as the aggregate works it out.
* A group's "don't know" is left out of a question's consensus rather than counted as 0, so
  the sentences that say "counted as 0" in a single report are replaced here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from questionnaire.schema import Responses
from reports.content.actions import KNOWLEDGE_GAPS
from reports.content.context import Context
from reports.content.model import (
    Align,
    Block,
    BulletList,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Section,
    Table,
    em,
    muted,
    strong,
    text,
)
from reports.content.summary import who_answered
from reports.groupchart import group_chart_data
from reports.text import end_sentence, fmt_date, plural, sentence_case, shorten
from scoring.aggregate import DISAGREEMENT, NO_GROUP, Agreed, GroupResult, QuestionSpread
from scoring.present import answer_label, level_label, score_text, signed_text

#: The workshop report's own sections, in the order they follow the summary (the knowledge
#: gaps by group take the single report's "knowledge-gaps" place).
GROUP_SECTIONS = ("participants", "views", "disagreements", "dissent")
#: The disagreements set out in full (the most divided); the rest are listed in a table.
DETAILED = 8
#: The most groups the by-group table gives a column each.
TABLE_GROUPS = 5

ABOUT_GROUP = {
    "participants": "who took part",
    "views": "where views differ (the spread per pillar and the gap between two groups)",
    "disagreements": "the disagreements and how each was resolved",
    "dissent": "the dissent recorded",
}


@dataclass(frozen=True)
class Workshop:
    """What a workshop report reads besides the consensus result.

    Attributes:
        group: the aggregate.
        people: the participants' own responses, for their names and dates (may be empty:
            the report then gives the latest date only and no names).
        names_shown: whether names may be printed (False for an anonymous assessment).
        agreed: question id -> what the group agreed (answer, rationale, dissent).
        high, low: the two groups whose gap is read (``high`` minus ``low``).
    """

    group: GroupResult
    people: tuple[Responses, ...] = ()
    names_shown: bool = False
    agreed: Mapping[str, Agreed] = field(default_factory=dict)
    high: str = "leadership"
    low: str = "frontline"

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """The first and last dates the participants answered on (None when none gave one)."""
        dates = [p.assessed_on for p in self.people if p.assessed_on is not None]
        if not dates:
            latest = self.group.result.responses.assessed_on
            return (latest, latest) if latest else None
        return min(dates), max(dates)

    def took_part(self, name: str) -> bool:
        """Whether anyone of a group took part."""
        return self.group.groups.get(name, 0) > 0


def _numbers_right(columns: int) -> tuple[Align, ...]:
    """A text column, then `columns` of numbers."""
    right: Align = "right"
    return ("left", *([right] * columns))


def group_label(name: str) -> str:
    """A group's name at the start of a cell or sentence: ``Leadership``; the participants
    who gave no group are "No group given"."""
    if name == NO_GROUP:
        return "No group given"
    words = shorten(name, 60)
    return words[:1].upper() + words[1:]


def _group_words(name: str) -> str:
    return "no group given" if name == NO_GROUP else shorten(name, 60)


def groups_text(w: Workshop) -> str:
    """``4 leadership, 6 frontline and 2 specialist``."""
    parts = [f"{n} {_group_words(g)}" for g, n in w.group.groups.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def dates_text(w: Workshop) -> str:
    """`` on 3 March 2027`` / `` between 3 March 2027 and 14 March 2027`` ("" when undated)."""
    period = w.period
    if period is None:
        return ""
    first, last = period
    if first == last:
        return f" on {fmt_date(first)}"
    return f" between {fmt_date(first)} and {fmt_date(last)}"


def participants_text(w: Workshop) -> str:
    """Who took part, for the cover: ``12 participants (4 leadership, 6 frontline and 2
    specialist), answering between ...``."""
    people = plural(w.group.participants, "participant")
    return (
        f"{people} ({groups_text(w)}), answering{dates_text(w)}"
        if w.period
        else (f"{people} ({groups_text(w)})")
    )


def summary_intro(w: Workshop) -> Paragraph:
    """The summary's first line: that this is a group assessment, of whom, when."""
    answered = f", who answered{dates_text(w)}" if w.period else ""
    return Paragraph(
        text(
            strong("A group assessment. "),
            f"These results are the consensus of {plural(w.group.participants, 'participant')} "
            f"({groups_text(w)}){answered}: each question’s median answer, or the answer the "
            "group agreed.",
        )
    )


def summary_gaps(ctx: Context, w: Workshop) -> Paragraph | None:
    """The summary's line on "don't know" answers (None when there were none)."""
    answers = sum(q.unknown for q in w.group.questions)
    if not answers:
        return None
    questions = sum(1 for q in w.group.questions if q.unknown)
    where = " (see “Appendix: knowledge gaps”)" if ctx.has("knowledge-gaps") else ""
    unscored = len(ctx.result.knowledge_gaps)
    nobody = (
        f"; {plural(unscored, 'question', words=True)} nobody could score "
        f"{'is' if unscored == 1 else 'are'} left out of the scores"
        if unscored
        else ""
    )
    return Paragraph(
        text(
            f"Participants answered “don’t know” {plural(answers, 'time')} on "
            f"{plural(questions, 'question')}; each is left out of its question’s consensus"
            f"{nobody}{where}."
        ),
        "small",
    )


def cover_note(included: Sequence[str]) -> Paragraph | None:
    """The cover's line on what a workshop report holds besides a single report's sections."""
    parts = [ABOUT_GROUP[i] for i in GROUP_SECTIONS if i in included]
    if not parts:
        return None
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return Paragraph(text(f"As a group assessment, it also sets out {listed}."))


# --- who took part -------------------------------------------------------------------------


def participants(ctx: Context, w: Workshop) -> Section:
    """Who took part: the numbers per group, the dates, and names only when shown."""
    g = w.group
    blocks: list[Block] = [
        Paragraph(
            text(
                f"{plural(g.participants, 'participant')} took part{dates_text(w)}, each "
                "answering the questionnaire on their own."
            )
        ),
        Table(
            header=(text("Group"), text("Participants")),
            rows=(
                *((text(group_label(name)), text(str(n))) for name, n in g.groups.items()),
                (text(strong("All")), text(strong(str(g.participants)))),
            ),
            widths=(3.0, 1.2),
            align=("left", "right"),
            caption="Participants by group",
        ),
    ]
    absent = [name for name in (w.high, w.low) if not w.took_part(name)]
    if absent:
        blocks.append(
            Paragraph(
                text(f"No {' or '.join(_group_words(a) for a in absent)} participants took part.")
            )
        )
    if w.names_shown and w.people:
        blocks.append(Heading(2, text("Participants")))
        blocks.append(BulletList(tuple(text(who_answered(p)) for p in w.people)))
    else:
        blocks.append(
            Paragraph(
                text(
                    "Names are not shown: the participants took part anonymously."
                    if not w.names_shown
                    else "No names were recorded."
                ),
                "small",
            )
        )
    return Section(id="participants", title="Who took part", blocks=tuple(blocks))


# --- where views differ --------------------------------------------------------------------


def spread_table(ctx: Context, w: Workshop) -> Table:
    """Per pillar: the consensus score and the lowest and highest participant's own score."""
    rows = []
    for pr in ctx.result.pillars:
        found = w.group.spread(pr.id)
        low, high = (score_text(found[0]), score_text(found[1])) if found else ("–", "–")
        rows.append((text(pr.name), text(score_text(pr.score, "–")), text(low), text(high)))
    return Table(
        header=(text("Pillar"), text("Consensus"), text("Lowest"), text("Highest")),
        rows=tuple(rows),
        widths=(3.4, 1.1, 1.0, 1.0),
        align=("left", "right", "right", "right"),
        caption="Consensus and the lowest and highest participant’s own score, per pillar",
    )


def _widest(ctx: Context, w: Workshop) -> Paragraph | None:
    spans = [
        (found[1] - found[0], pr.name, found)
        for pr in ctx.result.pillars
        if (found := w.group.spread(pr.id)) is not None
    ]
    if len(spans) < 2 or w.group.participants < 2:
        return None
    _, name, (low, high) = max(spans, key=lambda s: s[0])
    return Paragraph(
        text(
            f"Views differ most on {name}, where participants’ own scores run from "
            f"{score_text(low)} to {score_text(high)}."
        )
    )


def gap_reading(ctx: Context, w: Workshop) -> list[Block]:
    """The leadership-frontline gap in plain words: which pillars the `high` group rates
    higher, by how much, and when either group took no part."""
    hi, lo = _group_words(w.high), _group_words(w.low)
    missing = [name for name in (w.high, w.low) if not w.took_part(name)]
    if missing:
        who = " or ".join(_group_words(m) for m in missing)
        return [
            Paragraph(
                text(
                    f"No {who} participants took part, so the gap between {hi} and {lo} "
                    "cannot be read; the chart shows the groups that did."
                )
            )
        ]
    gaps = []
    for pr in ctx.result.pillars:
        by = w.group.by_group.get(pr.id, {})
        gaps.append((pr.name, w.group.gap(pr.id, w.high, w.low), by.get(w.high), by.get(w.low)))
    compared = [x for x in gaps if x[1] is not None]
    higher = sorted((x for x in compared if (x[1] or 0) > 0), key=lambda x: -(x[1] or 0))
    lower = sorted((x for x in compared if (x[1] or 0) < 0), key=lambda x: x[1] or 0)
    level = [x[0] for x in compared if x[1] == 0]
    apart = [x[0] for x in gaps if x[1] is None]
    blocks: list[Block] = []
    if not compared:
        return [
            Paragraph(
                text(f"No pillar was scored by both {hi} and {lo} participants, so no gap shows.")
            )
        ]
    counted = (
        f"all {plural(len(compared), 'pillar', words=True)}"
        if len(higher) == len(compared) and len(compared) > 1
        else f"{len(higher)} of {plural(len(compared), 'pillar')}"
    )
    lead = f"{sentence_case(hi)} participants rate {counted} higher than {lo} participants do"
    if higher:
        name, gap, a, b = higher[0]
        lead += (
            f"; the widest gap is on {name}: {score_text(a)} against {score_text(b)}, "
            f"{score_text(abs(gap or 0))} points."
        )
    else:
        lead += "."
    blocks.append(Paragraph(text(lead)))
    items: list[Inline] = []

    def listed(rows: list[tuple[str, float | None, float | None, float | None]]) -> str:
        return "; ".join(f"{name} by {score_text(abs(gap or 0))}" for name, gap, _, _ in rows)

    if higher:
        items.append(text(strong(f"Rated higher by {hi}: "), end_sentence(listed(higher))))
    if lower:
        items.append(text(strong(f"Rated higher by {lo}: "), end_sentence(listed(lower))))
    if level:
        items.append(text(strong("Rated the same: "), end_sentence(", ".join(level))))
    if apart:
        items.append(
            text(
                strong("Not compared "),
                f"(one of the two groups scored nothing there): {end_sentence(', '.join(apart))}",
            )
        )
    blocks.append(BulletList(tuple(items)))
    return blocks


def gap_table(ctx: Context, w: Workshop) -> Table:
    """The by-group chart's figures: each group's score per pillar, and the gap."""
    shown = list(w.group.groups)
    if len(shown) > TABLE_GROUPS:
        shown = [g for g in (w.high, w.low) if g in w.group.groups]
    header = (
        text("Pillar"),
        *(text(group_label(g)) for g in shown),
        text("Consensus"),
        text("Gap"),
    )
    rows = []
    for pr in ctx.result.pillars:
        by = w.group.by_group.get(pr.id, {})
        gap = w.group.gap(pr.id, w.high, w.low)
        rows.append(
            (
                text(pr.name),
                *(text(score_text(by.get(g), "–")) for g in shown),
                text(score_text(pr.score, "–")),
                text("–" if gap is None else signed_text(gap)),
            )
        )
    columns = len(shown) + 2
    return Table(
        header=header,
        rows=tuple(rows),
        widths=(1.7, *([1.0] * columns)),
        align=_numbers_right(columns),
        caption=(
            f"Pillar scores by group, the consensus and the gap ({_group_words(w.high)} "
            f"minus {_group_words(w.low)})"
        ),
    )


def _gap_alt(ctx: Context, w: Workshop) -> str:
    parts = []
    for pr in ctx.result.pillars:
        by = w.group.by_group.get(pr.id, {})
        scores = ", ".join(f"{_group_words(g)} {score_text(v)}" for g, v in by.items())
        parts.append(f"{pr.name}: {scores or 'no group scored it'}")
    return "Pillar scores by group, out of 100. " + "; ".join(parts) + "."


def views(ctx: Context, w: Workshop) -> Section:
    """The spread per pillar, then the by-group chart with the gap read in words."""
    hi, lo = _group_words(w.high), _group_words(w.low)
    blocks: list[Block] = [
        Heading(2, text("The spread per pillar")),
        Paragraph(
            text(
                "Each participant’s answers were also scored on their own, as one assessment "
                "(“don’t know” left out). The lowest and the highest of those pillar scores show "
                "how far views differ; the consensus is the group’s score."
            )
        ),
        spread_table(ctx, w),
    ]
    if (widest := _widest(ctx, w)) is not None:
        blocks.append(widest)
    blocks.append(Heading(2, text(f"{sentence_case(hi)} and {lo}")))
    blocks += gap_reading(ctx, w)
    blocks.append(
        Chart(
            kind="bars",
            data=group_chart_data(w.group, w.high, w.low),
            title="Pillar scores by group",
            alt=_gap_alt(ctx, w),
            caption=text(
                "Each marker is one group’s score on that pillar (its shape is in the key); "
                f"the grey line joins {hi} and {lo}, and the dark upright marks the group’s "
                f"consensus. The gap is {hi} minus {lo}."
            ),
            table=gap_table(ctx, w),
            print_table=True,
        )
    )
    return Section(
        id="views", title="Where views differ", blocks=tuple(blocks), break_before="space"
    )


# --- disagreements and dissent -------------------------------------------------------------


def quoted(words: str) -> str:
    """Words in quotation marks, without a full stop of their own before the closing mark
    (so the sentence they sit in ends once)."""
    return f"“{words.strip().rstrip('.')}”"


def answers_given(ctx: Context, q: QuestionSpread) -> str:
    """Each answer given and how many gave it, one per line: ``3 × “Partly”``."""
    model = ctx.result.model
    return "\n".join(f"{n} × {quoted(answer_label(model, q.id, a))}" for a, n in q.counts.items())


def _question_line(ctx: Context, qid: str) -> Paragraph:
    number = ctx.numbers().get(qid, "")
    return Paragraph(text(strong(f"{number} {ctx.question_text(qid)}".strip())))


def resolution(ctx: Context, w: Workshop, q: QuestionSpread, *, short: bool = False) -> Inline:
    """How a question was settled: the agreed answer and why, or the median it was left at
    (`short`: without the answer's words, for a table cell)."""
    agreed = w.agreed.get(q.id)
    model = ctx.result.model
    if agreed is None and short:
        left = "nobody scored it" if q.consensus is None else f"median {score_text(q.consensus)}"
        return text(f"No agreement recorded; {left}.")
    if agreed is None:
        consensus = (
            f"the consensus is the median of the answers, {score_text(q.consensus)}, nearest "
            f"{quoted(answer_label(model, q.id, ctx.result.responses.answers.get(q.id)))}."
            if q.consensus is not None
            else "nobody scored it."
        )
        return text(strong("No agreement recorded: "), consensus)
    out = text(strong("Agreed: "), f"{quoted(answer_label(model, q.id, agreed.answer))}.")
    if agreed.rationale and agreed.rationale.strip():
        out = text(out, " ", em("Why: "), end_sentence(agreed.rationale.strip()))
    if agreed.dissent and agreed.dissent.strip():
        where = " (see “Recorded dissent”)" if ctx.has("dissent") else ""
        out = text(out, " ", muted(f"Dissent was recorded{where}.", small=False))
    return out


def disagreements(ctx: Context, w: Workshop) -> Section:
    """Every question that divided the participants, most divided first, and how each was
    resolved; then the answers agreed where there was no disagreement."""
    split = [q for q in w.group.disagreements() if q.disagreement]
    total = len(w.group.questions)
    blocks: list[Block] = []
    if not split:
        blocks.append(
            Paragraph(
                text(
                    f"No question divided the participants: on each of the {total} questions "
                    f"their answers were less than {DISAGREEMENT} points apart."
                )
            )
        )
    else:
        blocks.append(
            Paragraph(
                text(
                    f"{sentence_case(plural(len(split), 'question', words=True))} of {total} "
                    f"divided the participants: their answers were {DISAGREEMENT} points or more "
                    "apart. The most divided come first."
                )
            )
        )
    # The agreed ones first among equals is not wanted: the order is the spread's. The
    # first DETAILED are set out in full; the rest, in a table, keep the report short.
    for q in split[:DETAILED]:
        blocks.append(
            Group(
                (
                    _question_line(ctx, q.id),
                    Paragraph(
                        text(
                            f"Spread: {score_text(q.spread)} points. Answers given:\n",
                            answers_given(ctx, q),
                        ),
                        "note",
                    ),
                    Paragraph(resolution(ctx, w, q), "note"),
                )
            )
        )
    rest = split[DETAILED:]
    if rest:
        blocks.append(Heading(2, text("The other disagreements")))
        blocks.append(
            Table(
                header=(text("Question"), text("Spread"), text("How it was resolved")),
                rows=tuple(
                    (
                        text(
                            f"{ctx.numbers().get(q.id, '')} "
                            f"{shorten(ctx.question_text(q.id), 140)}".strip()
                        ),
                        text(score_text(q.spread)),
                        resolution(ctx, w, q, short=True),
                    )
                    for q in rest
                ),
                widths=(3.2, 0.8, 3.0),
                align=("left", "right", "left"),
                caption="The other disagreements, most divided first",
            )
        )
    settled = [q for q in w.group.questions if not q.disagreement and q.id in w.agreed]
    if settled:
        blocks.append(Heading(2, text("Also agreed in the room")))
        for q in settled:
            blocks.append(
                Group((_question_line(ctx, q.id), Paragraph(resolution(ctx, w, q), "note")))
            )
    return Section(
        id="disagreements",
        title="Disagreements and how each was resolved",
        blocks=tuple(blocks),
        break_before="space",
    )


def dissent(ctx: Context, w: Workshop) -> Section:
    """The dissent recorded against agreed answers, in the dissenters' own words."""
    model = ctx.result.model
    blocks: list[Block] = []
    for q in w.group.questions:
        agreed = w.agreed.get(q.id)
        if agreed is None or not (agreed.dissent and agreed.dissent.strip()):
            continue
        blocks.append(
            Group(
                (
                    _question_line(ctx, q.id),
                    Paragraph(
                        text(
                            "Agreed: ",
                            em(answer_label(model, q.id, agreed.answer)),
                            " · Dissent, as recorded:",
                        ),
                        "note",
                    ),
                    Paragraph(text(f"“{agreed.dissent.strip()}”"), "body"),
                )
            )
        )
    if not blocks:
        blocks.append(Paragraph(text("No dissent was recorded against any agreed answer.")))
    else:
        blocks.insert(
            0,
            Paragraph(
                text(
                    "Where some disagreed with the answer the group agreed, their view was "
                    "recorded in their own words, shown here as written."
                )
            ),
        )
    return Section(
        id="dissent", title="Recorded dissent", blocks=tuple(blocks), break_before="space"
    )


# --- knowledge gaps by group ---------------------------------------------------------------


def knowledge_gaps(ctx: Context, w: Workshop) -> Section:
    """Each question some participants answered "don't know", with how many in each group
    (this replaces the single report's knowledge gaps: a group's "don't know" is left out of
    the consensus, not counted as 0)."""
    asked = [q for q in w.group.questions if q.unknown]
    groups = [g for g in w.group.groups if any(q.unknown_by_group.get(g) for q in asked)]
    blocks: list[Block] = [
        Paragraph(
            text(
                f"Participants answered “don’t know” on {plural(len(asked), 'question')}. Each "
                "is left out of its question’s consensus; a question nobody could score is left "
                "out of the pillar’s score. Finding out is often the quickest way to a truer "
                "picture: ask the people who own each area."
            )
        )
    ]
    unscored = set(ctx.result.knowledge_gaps)
    if unscored:
        blocks.append(
            Paragraph(
                text(
                    strong("Nobody could score: "),
                    end_sentence(
                        "; ".join(
                            f"{ctx.numbers().get(qid, '')} {ctx.question_text(qid)}".strip()
                            for qid in ctx.result.knowledge_gaps
                        )
                    ),
                )
            )
        )
    rows = []
    for q in asked:
        number = ctx.numbers().get(q.id, "")
        label = text(f"{number} {shorten(ctx.question_text(q.id), 160)}".strip())
        if len(groups) <= TABLE_GROUPS:
            cells = [text(str(q.unknown_by_group.get(g, 0))) for g in groups]
        else:
            cells = [
                text(
                    ", ".join(f"{_group_words(g)} {n}" for g, n in q.unknown_by_group.items() if n)
                )
            ]
        rows.append((label, *cells, text(str(q.unknown))))
    if len(groups) <= TABLE_GROUPS:
        header = (text("Question"), *(text(group_label(g)) for g in groups), text("All"))
        widths = (4.0, *([0.9] * (len(groups) + 1)))
        align = _numbers_right(len(groups) + 1)
    else:
        header = (text("Question"), text("By group"), text("All"))
        widths, align = (3.6, 2.2, 0.7), ("left", "left", "right")
    blocks.append(
        Table(
            header=header,
            rows=tuple(rows),
            widths=widths,
            align=align,
            caption="“Don’t know” answers per question, by group",
        )
    )
    return Section(id="knowledge-gaps", title=KNOWLEDGE_GAPS, blocks=tuple(blocks))


# --- method --------------------------------------------------------------------------------

SCORES_HEADING = Heading(2, text("How the scores work"))


def scoring_paragraph(ctx: Context) -> Paragraph:
    """How a group's answers become scores (in place of the single report's paragraph)."""
    model = ctx.result.model
    return Paragraph(
        text(
            "Each participant answered on their own, and each answer scores from 0 to 100. A "
            "question’s consensus is the median of the participants’ scores (the mean of the "
            "two middle ones when their number is even); “don’t know” and “not applicable” "
            "answers are left out of it, and each “don’t know” is counted as a knowledge gap. "
            "An answer the group agreed replaces the median. Answers "
            f"{DISAGREEMENT} points or more apart make a disagreement. A pillar’s score is the "
            "weighted mean of its questions’ consensus scores, each group’s pillar score is "
            "worked out the same way from that group’s answers alone, and the overall score is "
            "the weighted mean of the assessed pillars. Levels, targets and the model’s rules "
            "then apply as for one assessment; the default target is "
            f"{level_label(model, model.scale.target_level)}."
        )
    )


def method(section: Section, ctx: Context) -> Section:
    """The single report's method appendix with its scoring paragraph worded for a group."""
    blocks = list(section.blocks)
    at = next((i for i, b in enumerate(blocks) if b == SCORES_HEADING), None)
    if at is not None and at + 1 < len(blocks) and isinstance(blocks[at + 1], Paragraph):
        blocks[at + 1] = scoring_paragraph(ctx)
    else:  # the single wording moved: still say how a group is scored, first
        blocks[:0] = [SCORES_HEADING, scoring_paragraph(ctx)]
    return Section(section.id, section.title, tuple(blocks), section.break_before, section.one_page)


def answers_intro(ctx: Context) -> Paragraph:
    """The answers appendix's opening, for a group's consensus answers."""
    model = ctx.result.model
    return Paragraph(
        text(
            f"Every question of {model.title} (version {model.version}) with the group’s "
            "answer: the one it agreed or, failing that, the option nearest the median of the "
            "participants’ scores, and the score the question carries (the median itself). "
            "Participants’ own notes are theirs and are not shown."
            + (
                " “Then” gives the earlier assessment’s answer where it differs."
                if ctx.comparison
                else ""
            )
        )
    )
