"""Who answered, how, who set the targets, and how far to trust the result: the facts a chief
officer group needs before it relies on a score.

Confidence is said in one plain word with its reasons, by these rules:

* **low** when fewer than four in five of the questions were answered, or more than one in
  five of the answers given are "don't know": the score then says as much about what is
  unknown as about the force;
* otherwise **moderate**: the answers are a self-assessment that nobody checked against
  evidence. (Nothing here is rated higher until answers can carry evidence.)
"""

from __future__ import annotations

from fractions import Fraction

from reports.content.context import Context
from reports.text import plural
from scoring.present import level_label

LOW_COVERAGE = Fraction(4, 5)  # answered questions / questions, below which confidence is low
HIGH_UNKNOWN = Fraction(1, 5)  # "don't know" answers / answers given, above which it is low


def method_text(ctx: Context) -> str:
    """How the answers were given."""
    people = ctx.options.participants
    who = "one respondent" if people == 1 else f"{people} participants"
    return f"Self-assessment by {who}; the answers were not checked against evidence."


def targets_text(ctx: Context) -> str:
    """Who set the targets: the answers (for which pillars) or the model's default."""
    r = ctx.result
    default = level_label(r.model, r.model.scale.target_level)
    chosen = [pr for pr in r.pillars if pr.id in r.responses.targets]
    if not chosen:
        return f"The model’s default ambition, {default}, for every pillar."
    named = "; ".join(f"{pr.name}, {level_label(r.model, pr.target_level)}" for pr in chosen)
    rest = (
        "" if len(chosen) == len(r.pillars) else f"; the model’s default, {default}, for the others"
    )
    return f"Set with the answers for {named}{rest}."


def confidence_text(ctx: Context) -> str:
    """``Moderate: ...`` or ``Low: ...``, with the reasons (see the module's rules)."""
    r = ctx.result
    answered = sum(pr.answered for pr in r.pillars)
    total = sum(pr.total for pr in r.pillars)
    unknown = sum(pr.unknown for pr in r.pillars)
    counts = f"{answered} of {plural(total, 'question')} answered"
    if unknown:
        counts += f", {plural(unknown, '“don’t know”', '“don’t know”s')} among them"
    reasons = []
    if total and Fraction(answered, total) < LOW_COVERAGE:
        reasons.append("too many questions are unanswered")
    if answered and Fraction(unknown, answered) > HIGH_UNKNOWN:
        reasons.append("too many answers are “don’t know”")
    if reasons:
        return f"Low: {' and '.join(reasons)} ({counts})."
    people = "one person’s" if ctx.options.participants == 1 else "the participants’"
    return f"Moderate: {people} view, not checked against evidence ({counts})."
