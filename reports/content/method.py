"""The method appendix: how the answers were given and scored, the scale, the model's rules
(and which fired), how the targets were set, and how the issues and actions were chosen.

Method text lives here, not in the body: the body says what was found; this says how.
"""

from __future__ import annotations

from typing import cast

from questionnaire import rule_words
from questionnaire.schema import CapRule, CriticalRule
from reports.content.board import HORIZON, ISSUES, IssueKind
from reports.content.context import Context
from reports.content.model import (
    Block,
    BulletList,
    Heading,
    Inline,
    Paragraph,
    Section,
    Table,
    em,
    strong,
    text,
)
from reports.content.trust import confidence_text, method_text, targets_text
from reports.text import end_sentence, plural
from scoring.present import held_down, level_label, threshold_text

METHOD = "Appendix: method"


def _scale(ctx: Context) -> Table:
    levels = ctx.result.model.scale.levels
    return Table(
        header=(text("Level"), text("Starts at"), text("What it means")),
        rows=tuple(
            (
                text(f"{lv.level} {lv.name}"),
                text(threshold_text(lv.min_score)),
                text(lv.description or ""),
            )
            for lv in levels
        ),
        widths=(1.3, 0.8, 4.9),
        align=("left", "right", "left"),
        caption="The levels of the scale",
    )


def _rules(ctx: Context) -> list[Block]:
    r = ctx.result
    if not r.model.rules:
        return [Paragraph(text("The model has no rules."))]
    intro = Paragraph(
        text(
            "The model’s rules stop a profile looking better than it is. A ",
            em("cap"),
            " keeps the overall level within reach of a foundation pillar; a ",
            em("warning"),
            " marks one pillar running ahead of another it depends on, or answers that do not "
            "sit together, and changes no score; a ",
            em("critical control"),
            " holds the overall level down while an answer that matters on its own is weak.",
        )
    )
    items: list[Inline] = []
    for index, rule in enumerate(r.model.rules):
        fired = [f for f in r.flags if f.rule == index]
        state = "applies to these answers" if fired else "does not apply"
        words = rule_words.describe(r.model, rule)
        label = rule_words.label(rule)
        item = text(strong(f"{label} ({state})."), f" {end_sentence(rule.message or words)}")
        if isinstance(rule, CapRule | CriticalRule) and fired and (held := held_down(r)):
            item = text(item, f" The overall level is {held}.")
        items.append(item)
    return [intro, BulletList(tuple(items))]


def method(ctx: Context) -> Section:
    """How the answers were given and scored, and how the report chose what it says."""
    r = ctx.result
    model = r.model
    blocks: list[Block] = [
        Heading(2, text("Who answered and how")),
        Paragraph(text(method_text(ctx), " ", confidence_text(ctx))),
        Paragraph(text(strong("Targets. "), targets_text(ctx))),
        Heading(2, text("How the scores work")),
        Paragraph(
            text(
                "Each answer scores from 0 to 100. A pillar’s score is the weighted mean of its "
                "scored answers; “don’t know” counts as 0 and “not applicable” is left out. The "
                "overall score is the weighted mean of the assessed pillars. Each level of the "
                "scale starts at a threshold score, and a score’s level is the highest threshold "
                f"it reaches. The default target is {level_label(model, model.scale.target_level)}."
            )
        ),
        _scale(ctx),
        Heading(2, text("Rules of the model")),
        *_rules(ctx),
        Heading(2, text("How the issues and actions were chosen")),
        Paragraph(
            text(
                f"The summary raises up to {plural(ISSUES, 'issue', words=True)}, chosen from "
                "the answers themselves rather than the pillar averages, in this order: an "
                "answer that breaks a critical control; a rule holding the overall level down; a "
                "rule’s warning; answers a rule says do not sit together; an answer at its question’s "
                "lowest option (a cause of concern); a “don’t know” in a pillar a rule names; an "
                "answer in the lowest quarter of its question’s scores. Actions are listed for "
                "every pillar short of its target and every pillar with a cause of concern. "
                "Within a pillar, a cause of concern comes first, then the step whose move would "
                "change most: lifting a rule that holds the level down, then bringing the pillar "
                "to its target or a higher level, then the points it adds."
            )
        ),
        Paragraph(
            text(
                "Suggested horizons: "
                + "; ".join(
                    f"{what} {HORIZON[kind].lower()}"
                    for what, kind in cast(
                        "tuple[tuple[str, IssueKind], ...]",
                        (
                            ("a critical control,", "critical"),
                            ("answers that do not sit together,", "conflict"),
                            ("finding out a “don’t know”,", "unknown"),
                            ("a cause of concern,", "concern"),
                            ("a weak answer,", "weak"),
                            ("a warning,", "warning"),
                            ("a rule holding the level down,", "cap"),
                            ("any other step,", "step"),
                        ),
                    )
                )
                + (
                    ". Owners are the roles the model names; where it names none, the chief "
                    "officer group names one."
                    if any(s.owner for s in ctx.result.next_steps)
                    else ". The model does not name owners, so each is to be named by the chief "
                    "officer group."
                )
            )
        ),
    ]
    return Section(id="method", title=METHOD, blocks=tuple(blocks), break_before="space")
