"""Benchmark: loading and checking the bundled model, and scoring one assessment.

Prints median times; asserts nothing (these machines are shared and noisy).
Run: `make bench` or `.venv/bin/python bench/bench_scoring.py`.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.schema import Responses
from scoring import compare, result_to_dict, score

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    model = load_model(DEFAULT_MODEL)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if examples:
        responses = load_responses(examples[0], model)
    else:
        answers = {q.id: q.options[len(q.options) // 2].id for _, q in model.questions()}
        responses = Responses(model=model.id, answers=answers)
    result = score(model, responses)
    print(f"model: {model.id} {model.version}, {len(model.questions())} questions")
    print(
        f"load and validate the model file: {median_ms(lambda: load_model(DEFAULT_MODEL), 30):.2f} ms median"
    )
    print(
        f"score one assessment:             {median_ms(lambda: score(model, responses), 200):.3f} ms median"
    )
    print(
        f"score + JSON object:              {median_ms(lambda: result_to_dict(score(model, responses)), 200):.3f} ms median"
    )
    print(
        f"compare two assessments:          {median_ms(lambda: compare(result, result), 200):.3f} ms median"
    )


if __name__ == "__main__":
    main()
