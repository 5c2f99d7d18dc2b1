"""One shape for every benchmark figure, so `make bench` prints one table and writes one JSON.

A bench script measures; it never asserts (these machines are shared and noisy). Each figure
is a :class:`Figure`: a name, its unit, the samples measured, and the budget it is held to,
with which way is better (a time should be at most its budget, a rate at least). The table
prints the median and the 90th percentile of the samples beside the budget and says whether
the median is within it. :func:`timed` measures a callable the same way everywhere: one
warm-up call, then ``runs`` timed calls in milliseconds.

A figure that could not be measured (no chromium, no PostgreSQL, a module that failed) is
still a row: :func:`unmeasured` gives it no samples and an ``outcome`` saying why, so the
table never hides what it did not measure. A module that cannot measure anything at all
raises :class:`Skipped` from its ``figures()``.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

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
    outcome: str = ""  # why there are no samples ("skipped: no chromium", "failed: ...")

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return percentile(self.samples, 0.9)

    @property
    def within(self) -> bool | None:
        """Whether the median meets the budget; None when there is no budget or no samples."""
        if self.budget is None or not self.samples:
            return None
        if self.better == "lower":
            return self.median <= self.budget
        return self.median >= self.budget

    def as_dict(self) -> dict[str, object]:
        measured = bool(self.samples)
        return {
            "name": self.name,
            "group": self.group,
            "unit": self.unit,
            "median": self.median if measured else None,
            "p90": self.p90 if measured else None,
            "n": len(self.samples),
            "budget": self.budget,
            "better": self.better,
            "within": self.within,
            "note": self.note,
            "outcome": self.outcome,
            "samples": list(self.samples),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        """The figure :meth:`as_dict` wrote (how the runner reads a module's child process)."""
        better: Better = "higher" if data.get("better") == "higher" else "lower"
        return cls(
            name=str(data["name"]),
            unit=str(data["unit"]),
            samples=tuple(float(x) for x in data.get("samples", ())),
            budget=None if data.get("budget") is None else float(data["budget"]),
            better=better,
            note=str(data.get("note", "")),
            group=str(data.get("group", "")),
            outcome=str(data.get("outcome", "")),
        )


class Skipped(Exception):
    """Raised by a module's ``figures()`` when it cannot measure anything here (the message
    says why, for example "no chromium")."""


def unmeasured(name: str, why: str, group: str = "", unit: str = "") -> Figure:
    """A row for a figure that was not measured, saying why."""
    return Figure(name=name, unit=unit, samples=(), group=group, outcome=why)


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
    if not figure.samples:
        return figure.outcome or "not measured"
    return {None: "", True: "yes", False: "NO"}[figure.within]


def render(figures: Iterable[Figure]) -> str:
    """The figures as one plain-text table (figure, median, p90, budget, within)."""
    rows = [("figure", "median", "p90", "budget", "within")]
    for f in figures:
        name = f"{f.name} ({f.note})" if f.note else f.name
        measured = bool(f.samples)
        rows.append(
            (
                name,
                f"{_number(f.median)} {f.unit}" if measured else "-",
                f"{_number(f.p90)} {f.unit}" if measured else "-",
                _budget(f),
                _verdict(f),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in range(1, 4)]
        cells.append(row[4].ljust(widths[4]))
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(figures: Iterable[Figure], path: Path, machine: str) -> None:
    """The same figures as JSON, with a line naming the machine they were measured on."""
    payload = {"machine": machine, "figures": [f.as_dict() for f in figures]}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
