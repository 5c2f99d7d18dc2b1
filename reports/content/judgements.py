"""Pillar judgements, as an inspection report gives them: a judgement in words for each pillar,
what is working, areas for improvement and causes of concern.

* **What is working**: up to two answers at or above the score the pillar's target level
  starts at, best first.
* **Areas for improvement**: up to two answers below that score that are not causes of
  concern, weakest first; and the pillar's "don't know" answers, counted.
* **Causes of concern**: every answer at its question's lowest option
  (:func:`reports.content.board.is_concern`), whatever the pillar's average. An answer the
  summary already puts to the chief officer group is pointed to, not repeated.
"""

from __future__ import annotations

from reports.content.board import Issue, is_concern
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Group,
    Heading,
    Inline,
    Paragraph,
    Section,
    Table,
    strong,
    text,
)
from reports.content.summary import warned
from reports.text import DONT_KNOW_ANSWER, plural, sentence_case, shorten
from scoring.present import (
    NO_EVIDENCE,
    any_evidence,
    dont_know_counted,
    evidence_text,
    level_label,
    points_text,
    rests_on_no_evidence,
    score_text,
    strongest,
    weakest,
)
from scoring.result import PillarResult, QuestionResult

WORKING = 2  # answers shown as working, per pillar
IMPROVE = 2  # areas for improvement shown, per pillar (the weakest first)


def judgement(pr: PillarResult) -> str:
    """A pillar's judgement in words, from its level against its target."""
    if not pr.assessed or pr.level is None:
        return "Not assessed"
    if pr.level > pr.target_level:
        return "Beyond its target"
    if pr.level == pr.target_level and not pr.gap:
        return "Meets its target"
    if pr.target_level - pr.level >= 2:
        return "Well short of its target"
    return "Short of its target"


def standing(ctx: Context, pr: PillarResult) -> str:
    """``level 3 (Defined) with 45.0; target level 4 (Managed), 15.0 points short.``"""
    model = ctx.result.model
    if not pr.assessed:
        return "no question of this pillar was answered with a scored option."
    words = (
        f"{level_label(model, pr.level)} with {score_text(pr.score)}; target "
        f"{level_label(model, pr.target_level)}"
    )
    if pr.gap:
        return f"{words}, {points_text(pr.gap)} points short."
    return f"{words}."


def judgements_table(ctx: Context) -> Table:
    """Every pillar's judgement, score, level, target, gap and answers."""
    r = ctx.result
    rows = []
    for pr in r.pillars:
        target = r.model.level(pr.target_level)
        rows.append(
            (
                text(pr.name),
                text(judgement(pr)),
                text(score_text(pr.score, "–")),
                text(f"{pr.level} {pr.level_name}" if pr.level else "–"),
                text(f"{pr.target_level} {target.name if target else ''}".rstrip()),
                text(points_text(pr.gap) if pr.gap else "–"),
                text(f"{pr.answered} of {pr.total}"),
            )
        )
    return Table(
        header=tuple(
            text(h) for h in ("Pillar", "Judgement", "Score", "Level", "Target", "Gap", "Answers")
        ),
        rows=tuple(rows),
        widths=(2.2, 1.6, 0.75, 1.25, 1.1, 0.65, 0.95),
        align=("left", "left", "right", "left", "left", "right", "right"),
        caption="Judgement, score, level, target and gap by pillar",
    )


def _answer(ctx: Context, qr: QuestionResult, raised: dict[str, int]) -> Inline:
    """``2.3 The answer given.`` with the question, shortened, beside it; an answer raised with
    the chief officer group points to its issue instead."""
    number = ctx.numbers().get(qr.id, "")
    if qr.id in raised:
        return text(
            f"{number} {shorten(ctx.question_text(qr.id), 90)}: issue {raised[qr.id]} for the "
            "chief officer group (see the summary)."
        )
    question = ctx.result.model.question(qr.id)
    label = next((o.label for o in question.options if o.id == qr.answer), "") if question else ""
    return text(f"{number} {label.strip()}")


def _list(title: str, items: list[Inline]) -> list[Block]:
    if not items:
        return []
    return [Paragraph(text(strong(title)), "small"), BulletList(tuple(items))]


def pillar_judgement(ctx: Context, pr: PillarResult, raised: dict[str, int]) -> Group:
    """One pillar's judgement with what is working, areas for improvement and concerns."""
    model = ctx.result.model
    chosen = [q for q in pr.questions if q.score is not None and q.weight > 0]
    concern = [q for q in chosen if is_concern(model, q)]
    working = [
        q for q in strongest(pr, WORKING) if (q.score or 0) >= pr.target_score and q not in concern
    ]
    improve = [
        q
        for q in weakest(pr, len(pr.questions))
        if (q.score or 0) < pr.target_score and q not in concern
    ][:IMPROVE]
    blocks: list[Block] = [
        Heading(3, text(pr.name)),
        Paragraph(text(strong(f"{judgement(pr)}:"), f" {standing(ctx, pr)}", warned(ctx, pr.id))),
    ]
    blocks += _list("What is working", [_answer(ctx, q, raised) for q in working])
    improvements = [_answer(ctx, q, raised) for q in improve]
    if pr.unknown:
        improvements.append(
            text(
                sentence_case(plural(pr.unknown, DONT_KNOW_ANSWER, words=True)),
                (", counted as 0" if dont_know_counted(pr.questions) else ", left out of the score")
                + (" (see “Appendix: knowledge gaps”)." if ctx.has("knowledge-gaps") else "."),
            )
        )
    blocks += _list("Areas for improvement", improvements)
    blocks += _list("Causes of concern", [_answer(ctx, q, raised) for q in concern])
    # With no evidence named anywhere, the summary says once that every score is
    # self-reported; the figure is repeated per pillar only when some answers name evidence.
    evidence = evidence_text(pr.questions)
    if evidence is not None and any_evidence(ctx.result):
        plain = rests_on_no_evidence(pr)
        blocks.append(
            Paragraph(
                text(f"{evidence}.", text(" ", strong(NO_EVIDENCE)) if plain else ()), "small"
            )
        )
    return Group(tuple(blocks))


def judgements(ctx: Context, raised: list[Issue]) -> Section:
    """The judgements of every pillar, in model order."""
    numbered = {issue.question: n for n, issue in enumerate(raised, 1) if issue.question}
    blocks: list[Block] = [
        Paragraph(
            text(
                "Each pillar is judged on its level against its target. A cause of concern is an "
                "answer at the lowest option of its question: it needs action whatever the "
                "pillar’s average."
            )
        ),
        judgements_table(ctx),
    ]
    blocks += [pillar_judgement(ctx, pr, numbered) for pr in ctx.result.pillars]
    return Section(id="judgements", title="Pillar judgements", blocks=tuple(blocks))
