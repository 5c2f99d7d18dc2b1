"""The cover and the one-page summary, and the sentences they are made of."""

from __future__ import annotations

from questionnaire.schema import Responses
from reports.chartdata import ChartData, chart_data
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
from scoring import ranking
from scoring.present import (
    held_down,
    level_label,
    points_text,
    score_text,
    threshold_text,
    warnings_naming,
    weakest,
)

TOP = 3  # how many priorities and strengths the summary names


def priority_sentence(ctx: Context, pillar_id: str) -> Inline:
    """One sentence on why a pillar is a priority."""
    pr = ctx.pillar(pillar_id)
    model = ctx.result.model
    sentence = text(
        strong(pr.name),
        f" is at {level_label(model, pr.level)} with {score_text(pr.score)}, "
        f"{points_text(pr.gap)} points short of its target, {level_label(model, pr.target_level)}",
    )
    low = weakest(pr, 1)
    if low:
        question = shorten(ctx.question_text(low[0].id), 90)
        sentence = text(sentence, f"; its weakest answer is on “{question}”")
    return text(sentence, ".")


def strength_sentence(ctx: Context, pillar_id: str, relative: bool) -> Inline:
    """One sentence on a strength."""
    pr = ctx.pillar(pillar_id)
    model = ctx.result.model
    level = level_label(model, pr.level)
    if relative:
        return text(
            strong(pr.name),
            f" is the strongest pillar, at {level} with {score_text(pr.score)}, though still "
            f"below its target of {level_label(model, pr.target_level)}.",
            warned(ctx, pr.id),
        )
    above = (pr.level or 0) - pr.target_level
    beyond = (
        f", {plural(above, 'level', words=True)} above its target"
        if above > 0
        else ", meeting its target"
    )
    return text(
        strong(pr.name), f" is at {level} with {score_text(pr.score)}{beyond}.", warned(ctx, pr.id)
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


def cover(ctx: Context) -> Section:
    """The cover: organisation, date, model, respondent, and how to read the report."""
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
            Paragraph(text("AI maturity assessment"), "title"),
            Paragraph(text(ctx.organisation), "organisation"),
            Paragraph(text(r.model.title), "subtitle"),
            Table(
                header=(),
                rows=tuple((text(k), text(v)) for k, v in facts),
                widths=(1, 3.6),
                caption="About this assessment",
            ),
            Heading(2, text("About this report")),
            Paragraph(
                text(
                    f"This report sets out where {ctx.org} stands on the adoption of artificial "
                    "intelligence, pillar by pillar, against the targets set for it. It opens with "
                    "a one-page summary, then explains the strengths to build on, the priority "
                    "areas and the next steps for each, ranked by how much each would raise the "
                    "overall score. Every “don’t know” answer is listed as a question to find out. "
                    "The appendix records every question with the answer given and any notes, so "
                    "the report can be checked and pasted into an internal paper."
                )
            ),
            Paragraph(
                text(
                    "Scores run from 0 to 100. Each level of the scale starts at a threshold "
                    "score; a pillar’s level is the highest threshold its score reaches."
                )
            ),
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
        blocks.append(Paragraph(text(f"The overall level is {held} (see “Rule flags and caps”).")))
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
        if flag.kind == "flag":
            blocks.append(Paragraph(text(strong("Warning:"), f" {end_sentence(flag.message)}")))
    return Callout(tuple(blocks), tone="warning" if held or r.flags else "info")


def start_here(ctx: Context) -> list[Block]:
    """The three steps to take first, each with the reason it is first
    (:func:`scoring.ranking.start_here`)."""
    ranked = ranking.start_here(ctx.result)
    if not ranked:
        return []
    items = []
    for r in ranked:
        name = ctx.pillar(r.step.pillar).name
        # The pillar is named once: in the reason when it names it, else before the step.
        lead = () if name in r.reason else text(strong(name), ": ")
        items.append(text(lead, r.step.text, "\n", muted(r.reason)))
    return [Heading(2, text("Start here")), BulletList(tuple(items), numbered=True)]


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


def summary(ctx: Context) -> Section:
    """The one-page summary: overall level, the radar, top priorities and strengths."""
    r = ctx.result
    data = chart_data(r)
    blocks: list[Block] = [
        overall_box(ctx),
        *start_here(ctx),
        Chart(
            kind="radar" if len(data) >= 3 else "bars",
            data=data,
            title="Pillars against their targets",
            alt=pillar_alt(ctx),
            caption=chart_caption(data, "dashed line"),
            table=pillar_table(ctx),
        ),
    ]
    if r.priorities:
        blocks.append(Heading(2, text("Top priorities")))
        blocks.append(
            BulletList(
                tuple(priority_sentence(ctx, x.pillar) for x in r.priorities[:TOP]),
                numbered=True,
            )
        )
        if len(r.priorities) > TOP:
            more = sentence_case(plural(len(r.priorities) - TOP, "more pillar", words=True))
            blocks.append(Paragraph(text(more + " below target: see “Priority areas”."), "small"))
    else:
        blocks.append(Heading(2, text("Priorities")))
        blocks.append(Paragraph(text("Every assessed pillar meets its target.")))
    if r.strengths:
        heading = "Strengths" if not r.strengths[0].relative else "Relative strength"
        blocks.append(Heading(2, text(heading)))
        blocks.append(
            BulletList(
                tuple(strength_sentence(ctx, s.pillar, s.relative) for s in r.strengths[:TOP])
            )
        )
    missing = [pr.name for pr in r.pillars if not pr.assessed]
    if missing:
        blocks.append(
            Paragraph(text(f"Not assessed (no scored answers): {', '.join(missing)}."), "small")
        )
    if r.knowledge_gaps:
        gaps = sentence_case(plural(len(r.knowledge_gaps), DONT_KNOW_ANSWER, words=True))
        blocks.append(Paragraph(text(gaps + " counted as 0: see “Knowledge gaps”."), "small"))
    return Section(id="summary", title="Summary", blocks=tuple(blocks), one_page=True)
