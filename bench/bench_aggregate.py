"""Benchmark: aggregating a group assessment of 50 participants on the bundled model (what the
facilitator's live view does on every refresh), and its JSON object.

The participants' answers are drawn once from a seeded generator (every option, "don't know"
and, where allowed, "not applicable"; about one question in ten left unanswered) across the
four groups the app offers, with two agreed answers. Prints the median and the 90th
percentile against the 50 ms budget; asserts nothing (these machines are shared and noisy).
Run: `make bench` or `.venv/bin/python bench/bench_aggregate.py [PARTICIPANTS]`.
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import NA, UNKNOWN, Model, Respondent, Responses
from scoring import Agreed, aggregate, group_to_dict

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


def timings_ms(fn, runs: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def line(what: str, times: list[float]) -> str:
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    verdict = "within" if p90 <= BUDGET_MS else "OVER"
    return (
        f"{what:<38} median {median:6.2f} ms  p90 {p90:6.2f} ms  "
        f"({verdict} the {BUDGET_MS:.0f} ms budget)"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    model = load_model(DEFAULT_MODEL)
    people = participants(model, count)
    first, second = (q for _, q in model.questions()[:2])
    agreed = {first.id: Agreed(first.options[-1].id), second.id: Agreed(UNKNOWN)}
    print(
        f"model: {model.id} {model.version}, {len(model.questions())} questions; {count} participants"
    )
    print(line("aggregate", timings_ms(lambda: aggregate(model, people, agreed), 60)))
    print(
        line(
            "aggregate + JSON object",
            timings_ms(lambda: group_to_dict(aggregate(model, people, agreed)), 60),
        )
    )


if __name__ == "__main__":
    main()
