"""Benchmark: loading and checking the bundled model, scoring one assessment, and how many
response sets ``score()`` gets through in a second (exact arithmetic kept).

The throughput is counted over several half-second windows, one sample each, so the table's
median and 90th percentile say how steady it is. Budget: at least 20,000 response sets per
second. Asserts nothing (these machines are shared and noisy).
Run: `make bench` or `.venv/bin/python bench/bench_scoring.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.schema import Model, Responses
from scoring import compare, result_to_dict, score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from table import Figure, render, timed  # noqa: E402

RATE_BUDGET = 20_000.0  # response sets per second
WINDOWS = 8
WINDOW_S = 0.5


def responses(model: Model) -> Responses:
    """The first example assessment, or every question answered in its middle option."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if examples:
        return load_responses(examples[0], model)
    answers = {q.id: q.options[len(q.options) // 2].id for _, q in model.questions()}
    return Responses(model=model.id, answers=answers)


def rates(model: Model, given: Responses) -> tuple[float, ...]:
    """Response sets scored per second, one figure per window."""
    score(model, given)
    found = []
    for _ in range(WINDOWS):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < WINDOW_S:
            score(model, given)
            count += 1
        found.append(count / (time.perf_counter() - start))
    return tuple(found)


def figures() -> list[Figure]:
    model = load_model(DEFAULT_MODEL)
    given = responses(model)
    result = score(model, given)
    note = f"{model.id} {model.version}, {len(model.questions())} questions"
    return [
        Figure("score() throughput", "sets/s", rates(model, given), RATE_BUDGET, "higher", note),
        Figure(
            "load and validate the model file", "ms", timed(lambda: load_model(DEFAULT_MODEL), 30)
        ),
        Figure("score one assessment", "ms", timed(lambda: score(model, given), 200)),
        Figure(
            "score + JSON object", "ms", timed(lambda: result_to_dict(score(model, given)), 200)
        ),
        Figure("compare two assessments", "ms", timed(lambda: compare(result, result), 200)),
    ]


def main() -> None:
    print(render(figures()))


if __name__ == "__main__":
    main()
