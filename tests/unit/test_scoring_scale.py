"""Scoring, ranking and the report's content grow in step with the number of questions.

Finding D11: `score` took 22 s at 5,000 questions and 57 s at 8,000, quadratic in the questions
of a pillar (each next step re-scored a copy of its whole pillar). Time is never asserted
here (the machines are shared and noisy); instead the test counts the Python function calls
a step makes, which the machine's load does not change, for a pillar of n and of 4n
questions. Linear work grows about four times; quadratic work grows sixteen times.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from big_models import Size, big_model, big_responses

from reports.content import Options, build_content
from scoring import score
from scoring.compare import compare
from scoring.ranking import ranked_steps

SMALL, LARGE = 60, 240  # questions in the one pillar (and spread over four pillars)
LINEAR = 6.0  # LARGE / SMALL is 4: allow for fixed costs and logarithmic sorting


def calls(work: Callable[[], Any]) -> int:
    """Python and built-in function calls made by `work` (a measure of work, not time)."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def work(step: str, pillars: int, questions: int) -> Callable[[], Any]:
    """One step on a model of `questions` questions shared over `pillars` pillars."""
    model = big_model(Size(pillars=pillars, questions=questions // pillars, options=5))
    earlier = score(model, big_responses(model, seed=1, assessed_on="2025-11-01"))
    result = score(model, big_responses(model))
    steps: dict[str, Callable[[], Any]] = {
        "score": lambda: score(model, result.responses),
        "rank": lambda: ranked_steps(result),
        "compare": lambda: compare(earlier, result),
        "content": lambda: build_content(result, [earlier], Options()),
    }
    return steps[step]


def growth(step: str, pillars: int) -> float:
    small, large = (calls(work(step, pillars, n)) for n in (SMALL, LARGE))
    return large / small


@pytest.mark.parametrize("pillars", [1, 4])
@pytest.mark.parametrize("step", ["score", "rank", "compare", "content"])
def test_work_grows_linearly_with_the_questions(step: str, pillars: int) -> None:
    assert growth(step, pillars) < LINEAR
