"""Workshops of any size on the bundled model, for the workshop report's tests and for looking
at its rendered pages.

Deterministic: the same size gives the same participants. Participants cycle through the
groups leadership, frontline, specialist and other; leaders answer a step higher than the
frontline on most questions (the gap the report reads), some answer "don't know" or "not
applicable", and they answer over a fortnight. The agreed answers settle the first two
disagreements, one of them with dissent.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from scoring.aggregate import Agreed, GroupResult, aggregate

GROUPS = ("leadership", "frontline", "specialist", "other")
FIRST_DAY = dt.date(2027, 3, 1)


@dataclass(frozen=True)
class Workshop:
    """A generated workshop: the model, the participants, the agreed answers and the
    aggregate."""

    model: Model
    people: tuple[Responses, ...]
    agreed: dict[str, Agreed]
    group: GroupResult


def bundled() -> Model:
    """The bundled policing model."""
    return load_model(DEFAULT_MODEL)


def participant(
    model: Model,
    n: int,
    *,
    group: str | None = None,
    name: str | None = None,
    organisation: str = "Severn Vale Police",
) -> Responses:
    """Participant `n` (0-based): answers that depend on the group and on `n`."""
    group = group if group is not None else GROUPS[n % len(GROUPS)]
    lift = {"leadership": 1.2, "frontline": -0.6, "specialist": 0.4}.get(group, 0.0)
    draw = random.Random(n)  # the same participant answers the same way every time
    answers: dict[str, str] = {}
    for p, pillar in enumerate(model.pillars):
        # Leaders see some pillars much more brightly than others.
        tilt = lift * (1 + p % 3) / 2
        for q in pillar.questions:
            pick = draw.random()
            if pick < 0.08:
                answers[q.id] = UNKNOWN
                continue
            if pick < 0.12 and q.allow_na:
                answers[q.id] = NA
                continue
            options = sorted(q.options, key=lambda o: o.score)
            step = round(draw.gauss(1.5 + tilt, 0.9))
            answers[q.id] = options[max(0, min(len(options) - 1, step))].id
    return Responses.model_validate(
        {
            "model": model.id,
            "model_version": model.version,
            "organisation": organisation,
            "assessed_on": (FIRST_DAY + dt.timedelta(days=n % 14)).isoformat(),
            "respondent": {"name": name or f"Participant {n + 1}", "group": group},
            "answers": answers,
        }
    )


def workshop(size: int, *, model: Model | None = None, dissent: str | None = None) -> Workshop:
    """A workshop of `size` participants, the first two disagreements agreed (the first with
    `dissent`, or a plain one)."""
    model = model or bundled()
    people = tuple(participant(model, n) for n in range(size))
    first = aggregate(model, people)
    split = [q for q in first.disagreements() if q.disagreement][:2]
    agreed: dict[str, Agreed] = {}
    for i, q in enumerate(split):
        question = model.question(q.id)
        assert question is not None
        answer = sorted(question.options, key=lambda o: o.score)[1].id
        agreed[q.id] = Agreed(
            answer=answer,
            rationale="The room agreed the pilots are not yet force-wide.",
            dissent=(dissent or "Two frontline sergeants said nothing has reached their teams.")
            if i == 0
            else None,
        )
    return Workshop(model, people, agreed, aggregate(model, people, agreed))
