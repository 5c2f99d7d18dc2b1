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
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from html_samples import results, stress_report  # noqa: E402

from reports.content import build_content  # noqa: E402
from reports.content.model import Report  # noqa: E402
from reports.html import render_html  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from table import Figure, render, timed  # noqa: E402

BUDGET_MS = 150.0


def _render(build: Callable[[], Report]) -> str:
    return render_html(build())


def figures(runs: int = 50) -> list[Figure]:
    """The bundled model's report (budget 150 ms, warm) and the 40-pillar hostile one."""
    latest, *earlier = reversed(results())
    stress = stress_report(40, 10)
    cases: list[tuple[str, Callable[[], Report], float | None]] = [
        ("HTML report, content + render", lambda: build_content(latest, earlier), BUDGET_MS),
        ("HTML report, render only, 40 pillars x 10 levels", lambda: stress, None),
    ]
    found = []
    for name, build, budget in cases:
        size = len(render_html(build()).encode("utf-8"))  # the first also reads font metrics
        times = timed(partial(_render, build), runs, warmup=2)
        found.append(Figure(name, "ms", times, budget, note=f"warm, {size / 1024:.0f} KiB"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed renders per report")
    args = parser.parse_args()
    print(render(figures(args.runs)))


if __name__ == "__main__":
    main()
