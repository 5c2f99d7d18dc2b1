"""Benchmark: aggregating a group assessment of 50 participants on the bundled model (what the
facilitator's live view does on every refresh), and its JSON object.

The participants' answers are drawn once from a seeded generator (every option, "don't know"
and, where allowed, "not applicable"; about one question in ten left unanswered) across the
four groups the app offers, with two agreed answers. Gives the median and the 90th
percentile against the 50 ms budget; asserts nothing (these machines are shared and noisy).
Run: `make bench` or `.venv/bin/python bench/bench_aggregate.py [PARTICIPANTS]`.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import NA, UNKNOWN, Model, Respondent, Responses
from scoring import Agreed, aggregate, group_to_dict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import Figure, render, timed

BUDGET_MS = 50.0
GROUPS = ("leadership", "frontline", "specialist", "other")


def participants(model: Model, count: int, seed: int = 13) -> list[Responses]:
    rnd = random.Random(seed)
    people = []
    for n in range(count):
        answers = {}
        for _, q in model.questions():
            if rnd.random() < 0.1:
                continue
            choices = [o.id for o in q.options] + [UNKNOWN] + ([NA] if q.allow_na else [])
            answers[q.id] = rnd.choice(choices)
        group = Respondent(group=GROUPS[n % len(GROUPS)])
        people.append(
            Responses(model=model.id, organisation="Bench Force", respondent=group, answers=answers)
        )
    return people


def figures(count: int = 50) -> list[Figure]:
    """Aggregation of ``count`` participants (budget 50 ms), and with its JSON object."""
    model = load_model(DEFAULT_MODEL)
    people = participants(model, count)
    first, second = (q for _, q in model.questions()[:2])
    agreed = {first.id: Agreed(first.options[-1].id), second.id: Agreed(UNKNOWN)}
    note = f"{count} participants, {len(model.questions())} questions"
    return [
        Figure(
            "group aggregation",
            "ms",
            timed(lambda: aggregate(model, people, agreed), 60),
            BUDGET_MS,
            note=note,
        ),
        Figure(
            "group aggregation + JSON object",
            "ms",
            timed(lambda: group_to_dict(aggregate(model, people, agreed)), 60),
            note=note,
        ),
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(render(figures(count)))


if __name__ == "__main__":
    main()
