"""What to do: next steps by priority pillar, the knowledge gaps, and the rule flags."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable

from reports.blocks import PAGE_SPACE, Context, bullets, keep, p
from reports.palette import MUTED
from reports.summary import question_text
from reports.text import (
    answer_label,
    end_sentence,
    fmt_points,
    level_label,
    para_text,
    plural,
    sentence_case,
)
from scoring.result import NextStep


def _sources(step: NextStep) -> str:
    if not step.sources:
        return ""
    cited = ", ".join(para_text(s) for s in step.sources)
    return f" <font color='{MUTED}'>[{cited}]</font>"


def _question_step(ctx: Context, step: NextStep) -> str:
    model = ctx.result.model
    qr = ctx.result.question(step.question or "")
    now = para_text(answer_label(model, qr.id, qr.answer)) if qr else ""
    gain = (
        f"adds about <b>+{fmt_points(step.uplift)} points</b> overall"
        if step.uplift
        else "strengthens the pillar"
    )
    return (
        f"{para_text(step.text)}{_sources(step)}<br/>"
        f"<font size=8 color='{MUTED}'>Now: “{question_text(ctx, step.question or '', 110)}”, "
        f"answered <i>{end_sentence(now)}</i> Moving up one answer {gain}.</font>"
    )


def next_steps(ctx: Context) -> list[Flowable]:
    """Next steps grouped by priority pillar (most pressing first), ranked by uplift."""
    st, r = ctx.st, ctx.result
    out: list[Flowable] = [CondPageBreak(PAGE_SPACE), p("Next steps", st.h1)]
    if not r.priorities:
        return [
            *out,
            p(
                f"Every assessed pillar of {ctx.org} meets its target, so the model has no "
                "priority steps to suggest. Consider raising the targets for the pillars that "
                "matter most, and run the assessment again.",
                st.body,
            ),
        ]
    out.append(
        p(
            "Steps are grouped by priority area, most pressing first. Each group opens with the "
            "advice for the pillar’s current level, then lists actions on specific answers, "
            "ranked by how many points each would add to the overall score if that answer "
            "moved up one option.",
            st.body,
        )
    )
    for rank, priority in enumerate(r.priorities, 1):
        pr = ctx.pillar(priority.pillar)
        steps = [s for s in r.next_steps if s.pillar == pr.id]
        advice = [s for s in steps if s.kind == "pillar"]
        actions = sorted(
            (s for s in steps if s.kind == "question"), key=lambda s: -(s.uplift or 0.0)
        )
        unknown = [s for s in steps if s.kind == "unknown"]
        block: list[Flowable] = [
            p(f"{rank}. {ctx.pillar_name(pr.id)}", st.h2),
            p(
                f"Now at {para_text(level_label(r.model, pr.level))}; target "
                f"{para_text(level_label(r.model, pr.target_level))}.",
                st.small,
            ),
        ]
        if advice:
            block.append(p("<b>For this pillar</b>", st.body))
            block += bullets([para_text(s.text) + _sources(s) for s in advice], ctx)
        items = bullets([_question_step(ctx, s) for s in actions], ctx, numbered=True)
        if items:
            block.append(p("<b>Actions, highest impact first</b>", st.body))
        # The heading stays with the first step; the rest may flow on to the next page.
        out.append(keep(block + items[:1]))
        out += items[1:]
        if unknown:
            out.append(
                p(
                    f"And find out the {plural(len(unknown), 'answer', words=True)} marked "
                    "“don’t know” in this pillar (see “Knowledge gaps”).",
                    st.small,
                )
            )
        if not advice and not actions and not unknown:
            out.append(
                p("The model offers no specific step for this pillar at its level.", st.small)
            )
    return out


def knowledge_gaps(ctx: Context) -> list[Flowable]:
    """Every "don't know" answer, as a question to find out, grouped by pillar."""
    st, r = ctx.st, ctx.result
    out: list[Flowable] = [p("Knowledge gaps", st.h1)]
    if not r.knowledge_gaps:
        return [*out, p("There were no “don’t know” answers.", st.body)]
    out.append(
        p(
            f"{sentence_case(plural(len(r.knowledge_gaps), 'question', words=True))} "
            f"{'was' if len(r.knowledge_gaps) == 1 else 'were'} answered “don’t know”. Each "
            "counts as 0 until it is answered, so finding out is often the quickest way to a "
            "truer picture. Ask the people who own each area:",
            st.body,
        )
    )
    uplift = {s.question: s.uplift for s in r.next_steps if s.kind == "unknown"}
    for pr in r.pillars:
        ids = [q.id for q in pr.questions if q.id in r.knowledge_gaps]
        if not ids:
            continue
        items = []
        for qid in ids:
            question = r.model.question(qid)
            item = f"<b>{question_text(ctx, qid)}</b>"
            if question and question.help:
                item += f"<br/><font size=8 color='{MUTED}'>{para_text(question.help)}</font>"
            above = (
                sorted((o for o in question.options if o.score > 0), key=lambda o: o.score)
                if question
                else []
            )
            if above and uplift.get(qid):
                item += (
                    f"<br/><font size=8 color='{MUTED}'>If the answer is at least "
                    f"“{para_text(above[0].label.rstrip('. '))}”, the overall score rises by "
                    f"{fmt_points(uplift[qid])} points or more.</font>"
                )
            items.append(item)
        out.append(keep([p(ctx.pillar_name(pr.id), st.h3), *bullets(items[:1], ctx)]))
        out += bullets(items[1:], ctx)
    return out


def flags(ctx: Context) -> list[Flowable]:
    """The rules that fired (caps and warnings), each explained."""
    st, r = ctx.st, ctx.result
    out: list[Flowable] = [p("Rule flags and caps", st.h1)]
    if not r.model.rules:
        return [*out, p("The model has no rules, so none applies.", st.body)]
    out.append(
        p(
            "The model’s rules stop a profile looking better than it is. A <i>cap</i> keeps the "
            "overall level within reach of a foundation pillar; a <i>warning</i> marks one "
            "pillar running ahead of another it depends on.",
            st.body,
        )
    )
    if not r.flags:
        return [*out, p("No rule was triggered by these answers.", st.body)]
    items = []
    for flag in r.flags:
        names = [para_text(pr.name) for pid in flag.pillars if (pr := r.pillar(pid))]
        if flag.kind == "cap":
            o = r.overall
            text = f"<b>Cap.</b> {end_sentence(para_text(flag.message))}"
            if o.uncapped_level is not None:
                alone = para_text(level_label(r.model, o.uncapped_level))
                text += (
                    f" The score alone would give {alone}; the overall level is held at "
                    f"{para_text(level_label(r.model, o.level))}"
                )
                text += f" until {names[0]} improves." if names else "."
        else:
            text = f"<b>Warning.</b> {end_sentence(para_text(flag.message))}"
            levels = [
                f"{para_text(pr.name)} is at {para_text(level_label(r.model, pr.level))}"
                for pid in flag.pillars
                if (pr := r.pillar(pid))
            ]
            if levels:
                text += " (" + "; ".join(levels) + ".) This does not change any score."
        items.append(text)
    return out + bullets(items, ctx)
