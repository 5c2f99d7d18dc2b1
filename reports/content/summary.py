"""The cover and the one-page summary, and the sentences they are made of."""

from __future__ import annotations

from collections.abc import Sequence

from questionnaire.schema import Responses
from reports.chartdata import ChartData, chart_data
from reports.content.board import Issue
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Callout,
    Chart,
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
from reports.content.trust import confidence_text, method_text, targets_text
from reports.text import DONT_KNOW_ANSWER, end_sentence, fmt_date, plural, sentence_case, shorten
from scoring.present import (
    answer_label,
    critical_flags,
    evidence_counts,
    evidence_text,
    held_down,
    level_label,
    score_text,
    threshold_text,
    warnings_naming,
)


def warned(ctx: Context, pillar_id: str) -> Inline:
    """`` Warning: ...`` for each warning flag that names the pillar, so a pillar is never
    called a strength without the warning beside it."""
    out: Inline = ()
    for message in warnings_naming(ctx.result, pillar_id):
        out = text(out, " ", strong("Warning:"), f" {end_sentence(message)}")
    return out


def respondent_text(ctx: Context) -> str:
    """Who answered, in words ("Not recorded" when nobody is named)."""
    if ctx.options.respondent:
        return ctx.options.respondent
    return who_answered(ctx.result.responses)


def who_answered(responses: Responses) -> str:
    """``Name, role (group)`` of a responses' respondent; "Not recorded" when none is named."""
    who = responses.respondent
    parts = [x for x in (who.name, who.role) if x] if who else []
    words = ", ".join(parts)
    if who and who.group:
        words += f" ({who.group})" if words else who.group
    return words or "Not recorded"


# What each section holds, for the cover's "About this report".
# The most the summary holds while it is kept to one page: past these, shrinking it to fit
# would leave text too small to read (the bundled model has 6 pillars and about 1,500
# characters of issues).
ONE_PAGE_PILLARS = 12
ONE_PAGE_ISSUE_CHARS = 4_000

ABOUT = {
    "summary": "a one-page summary with the verdict and the issues for the chief officer group",
    "commentary": "the assessor’s commentary",
    "judgements": "a judgement of each pillar, with what is working and what is of concern",
    "actions": "the actions to take, in order, with a suggested horizon for each",
    "change": "what changed since the earlier assessment",
    "answers": "every question with the answer given and any notes",
    "knowledge-gaps": "the questions nobody could answer, to find out",
    "method": "how the answers were scored and the issues chosen",
    "glossary": "the terms used",
    "sources": "the public sources the steps draw on",
}


def about_text(ctx: Context, included: Sequence[str]) -> str:
    """What the report holds, in the order it holds it."""
    parts = [ABOUT[i] for i in included if i in ABOUT]
    if not parts:
        return f"This report gives the details of the assessment of {ctx.org} above."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"This report sets out where {ctx.org} stands on the adoption of artificial "
        f"intelligence, against the targets set for it. It holds {listed}."
    )


def cover(ctx: Context, included: Sequence[str] = ()) -> Section:
    """The cover: organisation, date, model, respondent, how far to trust the result, and what
    the report holds (`included`: the ids of the sections after the cover)."""
    r = ctx.result
    resp = r.responses
    facts = [
        ("Assessed on", fmt_date(resp.assessed_on) or "Not recorded"),
        ("Model", f"{r.model.title}, version {r.model.version}"),
        (ctx.options.respondent_label, respondent_text(ctx)),
        ("Method", method_text(ctx)),
        ("Targets", targets_text(ctx)),
        ("Confidence", confidence_text(ctx)),
    ]
    if ctx.options.prepared_by:
        facts.append(("Prepared by", ctx.options.prepared_by))
    if ctx.options.generated_on:
        facts.append(("Prepared on", fmt_date(ctx.options.generated_on)))
    return Section(
        id="cover",
        title=None,
        one_page=True,
        blocks=(
            Paragraph(text("Report for the chief officer group"), "title"),
            Paragraph(text(ctx.organisation), "organisation"),
            Paragraph(text(r.model.title), "subtitle"),
            Table(
                header=(),
                rows=tuple((text(k), text(v)) for k, v in facts),
                widths=(1, 3.6),
                caption="About this assessment",
            ),
            Heading(2, text("About this report")),
            Paragraph(text(about_text(ctx, included))),
        ),
    )


def overall_box(ctx: Context) -> Callout:
    """The overall level, its score and what it means, in a tinted box."""
    r = ctx.result
    o = r.overall
    if o.score is None or o.level is None:
        return Callout(
            (
                Paragraph(text(strong("No overall level yet")), "lead"),
                Paragraph(
                    text(
                        "No question was answered with a scored option, so nothing could be scored."
                    )
                ),
            )
        )
    level = r.model.level(o.level)
    assessed = [pr for pr in r.pillars if pr.assessed]
    blocks: list[Block] = [
        Paragraph(text(f"Level {o.level}: {o.level_name}"), "headline"),
        Paragraph(
            text(
                f"{ctx.org_start} scores ",
                strong(score_text(o.score)),
                " out of 100 overall, across "
                f"{plural(len(assessed), 'assessed pillar', words=True)}.",
            )
        ),
    ]
    held = held_down(r)
    if held:
        where = " (see “Appendix: method”)" if ctx.has("method") else ""
        blocks.append(Paragraph(text(f"The overall level is {held}{where}.")))
    if level and level.description:
        # A level the force is held at by a rule is described as the model describes it, and
        # said to be so: the force's own answers may fall short of that description.
        lead = (
            "What the model says of this level (the force is held here by a rule, so parts of "
            "it may not describe the force):"
            if held
            else "At this level:"
        )
        blocks.append(Paragraph(text(em(lead), f" {level.description}")))
    for flag in r.flags:
        if flag.kind in ("flag", "conflict"):
            label = "Warning:" if flag.kind == "flag" else "Answers that do not sit together:"
            blocks.append(Paragraph(text(strong(label), f" {end_sentence(flag.message)}")))
    return Callout(tuple(blocks), tone="warning" if held or r.flags else "info")


def stop_box(ctx: Context) -> Callout | None:
    """ "Stop and put right": each critical control the answers break, with the answer given
    and what it holds the overall level to; None when none is broken."""
    r = ctx.result
    broken = critical_flags(r)
    if not broken:
        return None
    # One paragraph per control (not a list: the verdict's count of issues is the list of
    # issues that follows, and this box is not that list).
    items: list[Inline] = []
    for flag in broken:
        for question_id in flag.questions:
            qr = r.question(question_id)
            answer = answer_label(r.model, question_id, qr.answer if qr else None)
            number = ctx.numbers().get(question_id, "")
            items.append(
                text(
                    strong(f"Question {number}: {ctx.question_text(question_id)}"),
                    f" Answered “{_bare(answer)}”. {end_sentence(flag.message)}",
                )
            )
    held = held_down(r)
    blocks: list[Block] = [Paragraph(item) for item in items]
    if held:
        blocks.append(Paragraph(text(f"Until it is put right, the overall level is {held}.")))
    return Callout(tuple(blocks), tone="stop")


def _bare(label: str) -> str:
    return label.strip().rstrip(".")


def evidence_line(ctx: Context) -> Paragraph | None:
    """How many scored answers name their evidence, across the assessment; None when none is
    scored."""
    questions = [q for pr in ctx.result.pillars for q in pr.questions]
    words = evidence_text(questions)
    if words is None:
        return None
    given, _ = evidence_counts(questions)
    tail = "" if given else ": every score here is self-reported"
    return Paragraph(text(f"{words}{tail}."), "small")


def chart_caption(data: ChartData, mark: str) -> Inline:
    """The caption under a pillar chart: what the bands and the target `mark` mean."""
    levels = "; ".join(f"L{b.level} {b.name} from {threshold_text(b.min)}" for b in data.bands)
    return text(f"Levels by score: {levels}. The {mark} marks each pillar’s target.")


def pillar_alt(ctx: Context) -> str:
    """The text alternative of a pillar chart: every pillar's score, level and target."""
    model = ctx.result.model
    parts = []
    for pr in ctx.result.pillars:
        if pr.assessed:
            parts.append(
                f"{pr.name} {score_text(pr.score)}, {level_label(model, pr.level)}, "
                f"target {level_label(model, pr.target_level)}"
            )
        else:
            parts.append(f"{pr.name} not assessed")
    return "Pillar scores out of 100: " + "; ".join(parts) + "."


def pillar_table(ctx: Context) -> Table:
    """The figures behind the pillar charts: score, level and target per pillar."""
    model = ctx.result.model
    rows = []
    for pr in ctx.result.pillars:
        target = model.level(pr.target_level)
        rows.append(
            (
                text(pr.name),
                text(score_text(pr.score, "–")),
                text(f"{pr.level} {pr.level_name}" if pr.level else "not assessed"),
                text(f"{pr.target_level} {target.name if target else ''}".rstrip()),
            )
        )
    return Table(
        header=(text("Pillar"), text("Score"), text("Level"), text("Target")),
        rows=tuple(rows),
        widths=(3.3, 0.8, 1.5, 1.5),
        align=("left", "right", "left", "left"),
        caption="Pillar scores, levels and targets",
    )


def verdict(ctx: Context, raised: Sequence[Issue]) -> Inline:
    """The one-line verdict: how many pillars meet their targets and how many issues need a
    decision."""
    r = ctx.result
    assessed = [pr for pr in r.pillars if pr.assessed]
    if not assessed:
        return text("Nothing could be scored: no question was answered with a scored option.")
    meeting = len(assessed) - len(r.priorities)
    words = (
        f"{ctx.org_start} meets its targets in {meeting} of "
        f"{plural(len(assessed), 'assessed pillar')}"
    )
    broken = critical_flags(r)
    if broken:
        words += (
            f", and {plural(len(broken), 'critical control', words=True)} "
            f"{'is' if len(broken) == 1 else 'are'} not in place"
        )
    elif r.overall.capped:
        words += ", and a rule of the model holds its overall level down"
    ask = (
        f"; {plural(len(raised), 'issue', words=True)} below "
        f"{'needs' if len(raised) == 1 else 'need'} a decision by the chief officer group."
        if raised
        else "; no answer calls for a decision by the chief officer group."
    )
    return text(strong("Verdict: "), words, ask)


def issue_item(issue: Issue) -> Inline:
    """An issue: the finding, the respondent's note, the decision, the owner and horizon."""
    item = text(strong(issue.finding))
    if issue.note:
        item = text(item, " ", em(f"Note: “{shorten(issue.note, 300)}”"))
    return text(
        item,
        "\n",
        f"Decision asked for: {end_sentence(issue.decision)}",
        "\n",
        muted(
            f"Owner: {issue.owner} · Suggested horizon: {issue.horizon[:1].lower()}{issue.horizon[1:]}"
        ),
    )


def summary(ctx: Context, raised: Sequence[Issue], *, evidence: bool = True) -> Section:
    """The board's page: the verdict, the overall level, the issues for the chief officer
    group and the pillar bars against their targets; with `evidence`, how many answers name
    their evidence (a group's consensus has no evidence of its own, so it leaves this out)."""
    r = ctx.result
    data = chart_data(r)
    blocks: list[Block] = [Paragraph(verdict(ctx, raised), "lead")]
    stop = stop_box(ctx)
    if stop is not None:
        blocks.append(stop)
    blocks.append(overall_box(ctx))
    if raised:
        blocks.append(Heading(2, text("Issues for the chief officer group")))
        blocks.append(BulletList(tuple(issue_item(i) for i in raised), numbered=True))
    blocks.append(
        Chart(
            kind="bars",
            data=data,
            title="Pillar scores against their targets",
            alt=pillar_alt(ctx),
            caption=chart_caption(data, "diamond"),
            table=pillar_table(ctx),
        )
    )
    missing = [pr.name for pr in r.pillars if not pr.assessed]
    if missing:
        blocks.append(
            Paragraph(text(f"Not assessed (no scored answers): {', '.join(missing)}."), "small")
        )
    line = evidence_line(ctx) if evidence else None
    if line is not None:
        blocks.append(line)
    if r.knowledge_gaps:
        gaps = sentence_case(plural(len(r.knowledge_gaps), DONT_KNOW_ANSWER, words=True))
        blocks.append(
            Paragraph(
                text(
                    gaps
                    + (
                        " counted as 0: see “Appendix: knowledge gaps”."
                        if ctx.has("knowledge-gaps")
                        else " counted as 0."
                    )
                ),
                "small",
            )
        )
    # One page only while its bars and issues fit one at a readable size; a bigger model's
    # summary runs on (paged output then draws the bars in parts) rather than shrinking to
    # an unreadable page.
    fits = len(r.pillars) <= ONE_PAGE_PILLARS and _issue_chars(raised) <= ONE_PAGE_ISSUE_CHARS
    return Section(id="summary", title="Summary", blocks=tuple(blocks), one_page=fits)


def _issue_chars(raised: Sequence[Issue]) -> int:
    return sum(len(i.finding) + len(i.decision) for i in raised)
