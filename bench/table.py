"""One shape for every benchmark figure, so `make bench` prints one table and writes one JSON.

A bench script measures; it never asserts (these machines are shared and noisy). Each figure
is a :class:`Figure`: a name, its unit, the samples measured, and the budget it is held to,
with which way is better (a time should be at most its budget, a rate at least). The table
prints the median and the 90th percentile of the samples beside the budget and says whether
the median is within it. :func:`timed` measures a callable the same way everywhere: one
warm-up call, then ``runs`` timed calls in milliseconds.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Better = Literal["lower", "higher"]


def percentile(samples: Sequence[float], share: float) -> float:
    """The ``share`` (0-1) percentile of ``samples``, by the nearest-rank method."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Figure:
    """One measured figure and its budget.

    ``budget`` is None for a figure shown for information (a ratio, a size); ``note`` says what
    was measured when the name alone does not (for example the database size)."""

    name: str
    unit: str
    samples: tuple[float, ...]
    budget: float | None = None
    better: Better = "lower"
    note: str = ""
    group: str = field(default="")

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return percentile(self.samples, 0.9)

    @property
    def within(self) -> bool | None:
        """Whether the median meets the budget; None when there is no budget."""
        if self.budget is None:
            return None
        if self.better == "lower":
            return self.median <= self.budget
        return self.median >= self.budget

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "group": self.group,
            "unit": self.unit,
            "median": self.median,
            "p90": self.p90,
            "n": len(self.samples),
            "budget": self.budget,
            "better": self.better,
            "within": self.within,
            "note": self.note,
        }


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> tuple[float, ...]:
    """Milliseconds per call of ``fn``: ``warmup`` untimed calls, then ``runs`` timed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return tuple(times)


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _budget(figure: Figure) -> str:
    if figure.budget is None:
        return ""
    sign = "<=" if figure.better == "lower" else ">="
    return f"{sign} {_number(figure.budget)} {figure.unit}"


def _verdict(figure: Figure) -> str:
    return {None: "", True: "yes", False: "NO"}[figure.within]


def render(figures: Iterable[Figure]) -> str:
    """The figures as one plain-text table (figure, median, p90, budget, within)."""
    rows = [("figure", "median", "p90", "budget", "within")]
    for f in figures:
        name = f"{f.name} ({f.note})" if f.note else f.name
        rows.append(
            (
                name,
                f"{_number(f.median)} {f.unit}",
                f"{_number(f.p90)} {f.unit}",
                _budget(f),
                _verdict(f),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, 5)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(figures: Iterable[Figure], path: Path, machine: str) -> None:
    """The same figures as JSON, with a line naming the machine they were measured on."""
    payload = {"machine": machine, "figures": [f.as_dict() for f in figures]}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
