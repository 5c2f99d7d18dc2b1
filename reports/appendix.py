"""The appendix (every question, the answer given and the notes) and the model's sources."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, PageBreak

from reports import palette
from reports.blocks import Context, keep, p, rule
from reports.text import answer_label, end_sentence, fmt_score, para_text

_MUTED = palette.MUTED
_WEB = re.compile(r"^https?://", re.IGNORECASE)


def appendix(ctx: Context) -> list[Flowable]:
    """Every question of the model, pillar by pillar, with the answer and any notes."""
    st, r = ctx.st, ctx.result
    out: list[Flowable] = [
        PageBreak(),
        p("Appendix: questions and answers", st.h1),
        p(
            f"Every question of {para_text(r.model.title)} (version "
            f"{para_text(r.model.version)}), the answer {ctx.org} gave, the score it carries, "
            "and the respondent’s notes.",
            st.body,
        ),
    ]
    for n, pillar in enumerate(r.model.pillars, 1):
        pr = ctx.pillar(pillar.id)
        out.append(p(f"{n}. {para_text(pillar.name)}", st.h2))
        if pillar.description:
            out.append(p(para_text(pillar.description), st.small))
        for m, question in enumerate(pillar.questions, 1):
            qr = next((q for q in pr.questions if q.id == question.id), None)
            answer = qr.answer if qr else None
            score = (
                f" · scores {fmt_score(qr.score)}"
                if qr and qr.score is not None and qr.weight > 0
                else ""
            )
            weight = f" · weight {question.weight:g}" if question.weight != 1 else ""
            block: list[Flowable] = [
                p(
                    f"<b>{n}.{m} {para_text(question.text)}</b> "
                    f"<font size=7 color='{_MUTED}'>{para_text(question.id)}</font>",
                    st.body,
                ),
                p(
                    f"Answer: <i>{para_text(answer_label(r.model, question.id, answer))}</i>"
                    f"<font color='{_MUTED}'>{score}{weight}</font>",
                    st.note,
                ),
            ]
            note = qr.note if qr else None
            if note and note.strip():
                block.append(p(f"Notes: {para_text(note.strip())}", st.note))
            # Keep the question with its answer; a long note may run on to the next page.
            out.append(keep(block[:2]))
            out += block[2:]
        out.append(rule(2))
    return out


def sources(ctx: Context) -> list[Flowable]:
    """The public sources the model cites, with their links."""
    st, model = ctx.st, ctx.result.model
    if not model.sources:
        return []
    out: list[Flowable] = [
        p("Sources", st.h1),
        p(
            "The model’s questions and advice draw on these public sources; references in "
            "square brackets in the next steps point here.",
            st.body,
        ),
    ]
    for source in model.sources:
        parts = [f"<b>[{para_text(source.id)}]</b> {end_sentence(para_text(source.title))}"]
        if source.publisher:
            parts.append(end_sentence(para_text(source.publisher)))
        if source.url:
            url = para_text(source.url)
            # The schema allows only http(s) addresses; anything else is never made a link.
            if _WEB.match(source.url):
                parts.append(f"<link href=\"{url}\" color='{palette.TEAL}'>{url}</link>")
            else:
                parts.append(url)
        out.append(p(" ".join(parts), st.item))
    return out
