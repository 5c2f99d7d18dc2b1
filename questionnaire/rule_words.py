"""What each rule of a model does, in plain words: the one wording the model's documentation
(`maturity docs`) and the report's method appendix both use.

Each description is one sentence without its full stop, naming pillars and questions as the
model names them; the caller escapes it for its format.
"""

from __future__ import annotations

from questionnaire.schema import CapRule, ConflictRule, CriticalRule, FlagRule, Model, Rule

# Counts up to ten in words, as prose reads them (reports.text.plural uses the same).
NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
)  # fmt: skip


def levels(count: int) -> str:
    """``one level`` / ``two levels``: a count of levels in words up to ten."""
    number = NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)
    return f"{number} level" if count == 1 else f"{number} levels"


def _number(value: float) -> str:
    return f"{value:g}"


def _pillar(model: Model, pillar_id: str) -> str:
    pillar = model.pillar(pillar_id)
    return pillar.name if pillar else pillar_id


def _question(model: Model, question_id: str) -> str:
    question = model.question(question_id)
    return f"“{question.text}”" if question else question_id


def _level(model: Model, number: int) -> str:
    level = model.level(number)
    return f"level {number} ({level.name})" if level else f"level {number}"


def label(rule: Rule) -> str:
    """The rule's kind as a reader calls it: Cap, Warning, Critical control, Conflict."""
    if isinstance(rule, CapRule):
        return "Cap"
    if isinstance(rule, FlagRule):
        return "Warning"
    if isinstance(rule, CriticalRule):
        return "Critical control"
    return "Conflict"


def describe(model: Model, rule: Rule) -> str:
    """What `rule` does, in one sentence without its full stop."""
    if isinstance(rule, CapRule):
        return (
            f"The overall level is held at no more than {levels(rule.max_above)} above the "
            f"level of {_pillar(model, rule.pillar)}"
        )
    if isinstance(rule, FlagRule):
        return (
            f"A warning when {_pillar(model, rule.ahead)} is {levels(rule.by)} or more ahead "
            f"of {_pillar(model, rule.behind)}"
        )
    if isinstance(rule, CriticalRule):
        return (
            f"When {_question(model, rule.question)} is answered below "
            f"{_number(rule.below)} points, or “don’t know”, the overall level is held at "
            f"{_level(model, rule.max_level)} at most"
        )
    assert isinstance(rule, ConflictRule)
    parts = []
    for condition in rule.when:
        if condition.at_least is not None:
            bound = f"at least {_number(condition.at_least)}"
        else:
            bound = f"at most {_number(condition.at_most or 0)}"
        parts.append(f"{_question(model, condition.question)} scores {bound}")
    return "A warning when " + " and ".join(parts) + " (“don’t know” counts as 0)"
