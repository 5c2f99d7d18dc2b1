"""How validation, scoring and the reports grow with the size of the model and its text.

Prints seconds per step for the bundled model (1x), the bundled model with ten times its
questions (10x), the largest model the limits allow (40 pillars, 1,000 questions, 20 options,
10 levels, long names and texts), one pillar holding all 1,000 questions (the worst case for
anything done per question within a pillar), and texts at their limits (a note of NOTE_CHARS
on every answer, an organisation and respondent of RESPONDENT_CHARS, and the same with no
spaces at all); then ``score()`` response sets per second on the bundled model. Every report
is drawn with two earlier assessments, so the comparison and the trend chart are in it.
In `make bench` each case is two rows (validation; scoring to reports, without Word).
Asserts nothing (speed is never a test; these machines are shared and noisy).

    .venv/bin/python bench/bench_scale.py [--only NAME ...] [--no-docx]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from big_models import AT_LIMITS, Size, model_data, responses_data, scaled_data  # noqa: E402

from questionnaire import limits  # noqa: E402
from questionnaire.loader import DEFAULT_MODEL, model_from_text, responses_from_text  # noqa: E402
from questionnaire.schema import Model  # noqa: E402
from questionnaire.yamlio import InputError  # noqa: E402
from reports.content import Options, build_content  # noqa: E402
from reports.docx import render_docx  # noqa: E402
from reports.html import render_html  # noqa: E402
from reports.pdf import render_pdf  # noqa: E402
from scoring import score  # noqa: E402
from scoring.ranking import ranked_steps  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from table import Figure  # noqa: E402

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def _bundled() -> dict[str, Any]:
    loaded = yaml.safe_load(DEFAULT_MODEL.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def cases() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """name -> (model data, responses options)."""
    bundled = _bundled()
    short: dict[str, Any] = {"note_chars": 80}
    at_limit: dict[str, Any] = {
        "note_chars": limits.NOTE_CHARS,
        "respondent_chars": limits.RESPONDENT_CHARS,
    }
    return {
        "1x": (bundled, short),
        "10x": (scaled_data(bundled, 10), short),
        "limits": (model_data(AT_LIMITS), short),
        "one-pillar": (model_data(Size(pillars=1, questions=limits.QUESTIONS, options=5)), short),
        "notes": (model_data(Size()), at_limit),
        "no-spaces": (
            model_data(Size(name_chars=limits.NAME_CHARS, long_chars=5_000, spaces=False)),
            {**at_limit, "spaces": False},
        ),
    }


def run(name: str, data: dict[str, Any], answers: dict[str, Any], docx: bool) -> list[Figure]:
    """Print one case's line; return its two figures (validation, and scoring to reports)."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)
    try:
        model, validate = timed(lambda: model_from_text(text, f"<{name}>"))
        how = "validate"
    except InputError as refused:
        # The loader's own limits (file size, values in a document) can refuse a model whose
        # counts are all within theirs; the schema alone then stands in, and the line says so.
        print(f"{name:>10}: the loader refuses it: {str(refused).splitlines()[0]}")
        model, validate = timed(lambda: Model.model_validate(data))
        how = "schema"

    def responses(seed: int, when: str) -> Any:
        raw = yaml.safe_dump(responses_data(model, seed=seed, assessed_on=when, **answers))
        return responses_from_text(raw, model)

    results = [score(model, responses(s, w)) for s, w in ((1, "2024-11-01"), (2, "2025-11-01"))]
    current = responses(0, "2026-11-27")
    result, scoring = timed(lambda: score(model, current))
    _, ranking = timed(lambda: ranked_steps(result))
    report, content = timed(lambda: build_content(result, results, Options()))
    pdf, pdf_s = timed(lambda: render_pdf(report, invariant=True))
    _, html_s = timed(lambda: render_html(report))
    word = f"  docx {timed(lambda: render_docx(report, invariant=True))[1]:6.2f}" if docx else ""
    print(
        f"{name:>10}: {len(model.pillars):3} pillars {len(model.questions()):5} questions "
        f"{len(text) / 1e6:5.2f} MB | {how} {validate:6.2f}  score {scoring:6.3f}  "
        f"rank {ranking:6.3f}  content {content:6.2f}  pdf {pdf_s:6.2f} "
        f"({len(pdf) / 1e6:.1f} MB)  html {html_s:6.2f}{word}  s",
        flush=True,
    )
    size = f"{len(model.pillars)} pillars, {len(model.questions())} questions"
    rest = (scoring + ranking + content + pdf_s + html_s) * 1000
    return [
        Figure(f"scale {name}: {how}", "ms", (validate * 1000,), note=size),
        Figure(f"scale {name}: score, rank, content, PDF, HTML", "ms", (rest,), note=size),
    ]


def figures() -> list[Figure]:
    """Every case without the Word report (the score() rate is bench_scoring's figure)."""
    found = []
    for name, (data, answers) in cases().items():
        found += run(name, data, answers, docx=False)
    return found


def throughput(seconds: float = 3.0) -> None:
    model = model_from_text(DEFAULT_MODEL.read_text(encoding="utf-8"))
    raw = yaml.safe_dump(responses_data(model, note_chars=80))
    responses = responses_from_text(raw, model)
    score(model, responses)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        score(model, responses)
        count += 1
    rate = count / (time.perf_counter() - start)
    print(f"score() on the bundled model: {rate:,.0f} response sets per second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--no-docx", action="store_true", help="skip the Word report")
    args = parser.parse_args()
    for name, (data, answers) in cases().items():
        if not args.only or name in args.only:
            run(name, data, answers, not args.no_docx)
    if not args.only or "rate" in args.only:
        throughput()


if __name__ == "__main__":
    main()
