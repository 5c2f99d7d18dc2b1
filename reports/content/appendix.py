"""The appendix (every question, the answer given and the notes) and the model's sources."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reports.content.actions import action_plan, sources_span
from reports.content.context import Context
from reports.content.history import answer_change_cell
from reports.content.model import (
    Block,
    BulletList,
    Group,
    Heading,
    Inline,
    Paragraph,
    Rule,
    Section,
    Span,
    em,
    muted,
    section_text,
    strong,
    text,
)
from reports.text import end_sentence
from scoring.present import answer_label, score_text

_WEB = re.compile(r"^https?://", re.IGNORECASE)
_CITED = re.compile(r"\[([^\[\]\n]+)\]")


def appendix(ctx: Context) -> Section:
    """Every question of the model, pillar by pillar, with the answer and any notes.

    Questions carry their number (``2.3``), never their internal id.
    """
    r = ctx.result
    c = ctx.comparison
    changed = {qc.later_id: qc for qc in c.answer_changes} if c else {}
    # The steps "Issues and actions" has no room for, beside the answers they are about.
    further = {
        x.step.question: x.step for part in action_plan(ctx) for x in part.more if x.step.question
    }
    then = (
        " Where an answer differs from the earlier assessment compared, “Then” gives the earlier answer."
        if c
        else ""
    )
    blocks: list[Block] = [
        Paragraph(
            text(
                f"Every question of {r.model.title} (version {r.model.version}), the answer "
                f"{ctx.org} gave, the score it carries, and the respondent’s notes.{then}"
            )
        )
    ]
    for n, pillar in enumerate(r.model.pillars, 1):
        pr = ctx.pillar(pillar.id)
        answers = {q.id: q for q in pr.questions}
        blocks.append(Heading(2, text(f"{n}. {pillar.name}")))
        if pillar.description:
            blocks.append(Paragraph(text(pillar.description), "small"))
        for m, question in enumerate(pillar.questions, 1):
            qr = answers.get(question.id)
            answer = qr.answer if qr else None
            scored = (
                f" · scores {score_text(qr.score)}"
                if qr and qr.score is not None and qr.weight > 0
                else ""
            )
            weight = f" · weight {question.weight:g}" if question.weight != 1 else ""
            detail = muted(scored + weight, small=False) if scored or weight else None
            answer_line: Inline = text(
                "Answer: ",
                em(answer_label(r.model, question.id, answer)),
                *([detail] if detail else []),
            )
            # Keep the question with its answer; a long note may run on to the next page.
            blocks.append(
                Group(
                    (
                        Paragraph(text(strong(f"{n}.{m} {question.text}"))),
                        Paragraph(answer_line, "note"),
                    )
                )
            )
            change = changed.get(question.id)
            if change is not None and c is not None:
                blocks.append(
                    Paragraph(
                        text(
                            "Then: ",
                            em(
                                answer_label(
                                    c.earlier.model, change.earlier_id, change.earlier_answer
                                )
                            ),
                            " · ",
                            answer_change_cell(change),
                        ),
                        "note",
                    )
                )
            if question.id in further:
                step = further[question.id]
                blocks.append(Paragraph(text("Next step: ", step.text, sources_span(step)), "note"))
            note = qr.note if qr else None
            if note and note.strip():
                blocks.append(Paragraph(text(f"Notes: {note.strip()}"), "note"))
            given = qr.evidence if qr else None
            if given and given.strip():
                blocks.append(Paragraph(text(f"Evidence given: {given.strip()}"), "note"))
            if question.evidence:
                asked = "; ".join(item.rstrip(".") for item in question.evidence)
                blocks.append(
                    Paragraph(
                        text(muted(f"An inspector would ask to see: {asked}.", small=False)),
                        "note",
                    )
                )
        blocks.append(Rule())
    return Section(
        id="answers",
        title="Appendix: answers",
        blocks=tuple(blocks),
        break_before="page",
    )


def sources(ctx: Context, written: Iterable[Section]) -> Section | None:
    """The public sources the `written` sections cite (``[S1, S2]`` after a step), in the
    model's order, with their links; None when they cite none. Sources the model lists but
    this report never points to are left out: they are in the model's own documentation."""
    model = ctx.result.model
    shown = "\n".join(section_text(s) for s in written)
    cited = {ref.strip() for group in _CITED.findall(shown) for ref in group.split(",")}
    listed = [source for source in model.sources if source.id in cited]
    if not listed:
        return None
    items = []
    for source in listed:
        item = text(strong(f"[{source.id}]"), f" {end_sentence(source.title)}")
        if source.publisher:
            item = text(item, f" {end_sentence(source.publisher)}")
        if source.url:
            # The schema allows only http(s) addresses; anything else is never made a link.
            link = Span(source.url, href=source.url) if _WEB.match(source.url) else Span(source.url)
            item = text(item, " ", link)
        items.append(item)
    return Section(
        id="sources",
        title="Sources",
        blocks=(
            Paragraph(
                text(
                    "The steps in this report draw on these public sources; the references in "
                    "square brackets point here."
                )
            ),
            BulletList(tuple(items)),
        ),
    )


def glossary(ctx: Context, written: Iterable[Section]) -> Section | None:
    """The model's glossary terms that the report uses, alphabetically; None when it uses
    none. A term counts as used when it appears as a whole word (or words) in any section."""
    terms = ctx.result.model.glossary
    if not terms:
        return None
    words = "\n".join(section_text(s) for s in written)
    used = [t for t in terms if re.search(rf"(?<!\w){re.escape(t.term)}(?!\w)", words)]
    if not used:
        return None
    used.sort(key=lambda t: t.term.casefold())
    return Section(
        id="glossary",
        title="Glossary",
        blocks=(
            BulletList(tuple(text(strong(t.term), f": {end_sentence(t.meaning)}") for t in used)),
        ),
    )
