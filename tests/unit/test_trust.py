"""How far to trust a result: the cover's method, targets and confidence lines, by hand."""

from __future__ import annotations

from questionnaire.schema import Model, Responses
from reports.content.context import Context
from reports.content.model import Options
from reports.content.trust import confidence_text, method_text, targets_text
from scoring import score


def ctx(model: Model, answers: dict[str, str], **options: object) -> Context:
    responses = Responses.model_validate(
        {"model": model.id, "answers": answers, "targets": options.pop("targets", {})}
    )
    return Context(result=score(model, responses), options=Options(**options))  # type: ignore[arg-type]


def all_answered(model: Model, unknown: int = 0) -> dict[str, str]:
    answers = {}
    for n, (_, q) in enumerate(model.questions()):
        answers[q.id] = "unknown" if n < unknown else q.options[0].id
    return answers


def test_a_complete_self_assessment_is_moderate(tiny_model: Model):
    c = ctx(tiny_model, all_answered(tiny_model))
    assert confidence_text(c).startswith("Moderate: one person’s view, not checked")
    assert method_text(c) == (
        "Self-assessment by one respondent; the answers were not checked against evidence."
    )
    assert "participants" in method_text(ctx(tiny_model, {}, participants=8))


def test_too_few_answers_or_too_many_dont_knows_make_it_low(tiny_model: Model):
    questions = len(tiny_model.questions())
    assert questions >= 3
    few = dict(list(all_answered(tiny_model).items())[:1])  # under four in five answered
    assert confidence_text(ctx(tiny_model, few)).startswith(
        "Low: too many questions are unanswered"
    )
    unknowns = ctx(tiny_model, all_answered(tiny_model, unknown=questions))
    assert "too many answers are “don’t know”" in confidence_text(unknowns)


def test_targets_say_who_set_them(tiny_model: Model):
    assert targets_text(ctx(tiny_model, {})).startswith("The model’s default ambition, level")
    pillar = tiny_model.pillars[0]
    top = tiny_model.scale.levels[-1].level
    text = targets_text(ctx(tiny_model, {}, targets={pillar.id: top}))
    assert text.startswith(f"Set with the answers for {pillar.name}, level {top}")
    assert "for the others" in text
