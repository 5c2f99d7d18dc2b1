"""How long the HTML report takes, in process and warm: the content built from scored results
(`build_content`, Start here included) and rendered (`render_html`).

The report is the one the HTML tests use (tests/html_samples.py): the bundled model's latest
example assessment with two earlier ones, so it has a radar, bars, a trend, tables and lists,
each chart laid out twice (wide and narrow). A second figure renders a hand-built 40-pillar,
10-level report full of hostile text. Prints figures and asserts nothing (speed is never a
test). Budget: 150 ms per report.

    .venv/bin/python bench/bench_html.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from html_samples import results, stress_report  # noqa: E402

from reports.content import build_content  # noqa: E402
from reports.content.model import Report  # noqa: E402
from reports.html import render_html  # noqa: E402

BUDGET_MS = 150.0


def timings(build: Callable[[], Report], runs: int) -> tuple[float, list[float], int]:
    """Milliseconds for the first report, per report after three warm-up ones, and the page's
    size in bytes. (The first of the process also reads the font metrics.)"""
    start = time.perf_counter()
    page = render_html(build())
    first = (time.perf_counter() - start) * 1000
    for _ in range(2):
        render_html(build())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_html(build())
        times.append((time.perf_counter() - start) * 1000)
    return first, times, len(page.encode("utf-8"))


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed renders per report")
    args = parser.parse_args()
    latest, *earlier = reversed(results())
    stress = stress_report(40, 10)
    cases: list[tuple[str, Callable[[], Report]]] = [
        (
            "content + render, bundled model (6 pillars, 3 assessments)",
            lambda: build_content(latest, earlier),
        ),
        ("render only, 40 pillars, 10 levels, hostile text", lambda: stress),
    ]
    for name, build in cases:
        first, times, size = timings(build, args.runs)
        median = statistics.median(times)
        print(
            f"HTML report, {name}: median {median:.1f} ms, p90 {p90(times):.1f} ms, "
            f"max {max(times):.1f} ms over {len(times)} warm runs (first {first:.0f} ms); "
            f"{size / 1024:.0f} KiB "
            f"(budget {BUDGET_MS:.0f} ms: {'within' if p90(times) <= BUDGET_MS else 'OVER'})"
        )


if __name__ == "__main__":
    main()
