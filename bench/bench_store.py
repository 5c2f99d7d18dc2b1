"""Benchmark: saving one answer (it runs on every click), and reading back stored history.

1. Per-answer save: `Store.save_answer` on a draft of the bundled policing model, cycling
   through its questions and options, each call one transaction (``BEGIN IMMEDIATE`` on
   SQLite). Budget: median 5 ms on SQLite, 10 ms on PostgreSQL.
2. Under contention: the same with 8 threads saving at once to one SQLite file.
3. History: `Store.assessments(organisation)` for 50 complete assessments of one
   organisation, each rebuilt from its stored model and scored; and the same on to the trend
   figure the history page draws (`trend_data`, `trend_figure`). Budget: 100 ms.
4. Faults (SQLite): how long a click waits before it is told its answer is not saved, on a
   read-only database (not retried) and on one whose lock outlasts a 50 ms busy timeout (the
   bounded retry of `store.faults`: at most 4 attempts within 3 s).

SQLite runs on a file in a temporary directory; PostgreSQL too when PG* variables name a
server (e.g. `pg_virtualenv .venv/bin/python bench/bench_store.py`).

Gives figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_store.py`.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from questionnaire.loader import default_model_path
from questionnaire.schema import Model
from store import Store
from store.imports import load_model_file
from store.testing import postgres_configured, temporary_database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import Figure, render, unmeasured

SAVES = 500
THREADS = 8
SAVES_PER_THREAD = 100
HISTORY = 50  # one organisation's assessments
SAVE_BUDGET_MS = {"sqlite": 5.0, "postgresql": 10.0}
TREND_BUDGET_MS = 100.0


def clicks(model: Model) -> list[tuple[str, str]]:
    """(question, answer) pairs that visit every option of every question."""
    pairs = [(q.id, o.id) for _, q in model.questions() for o in q.options]
    return pairs + [(q.id, "unknown") for _, q in model.questions()]


def timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def bench_saves(store: Store, model: Model, text: str) -> list[float]:
    code = store.start_draft(model, text, "Benchmark force")
    pairs = clicks(model)
    store.save_answer(code, *pairs[0])  # warm the model cache and the connection pool
    calls = [partial(store.save_answer, code, *pairs[i % len(pairs)]) for i in range(SAVES)]
    return timed(calls)


def bench_contention(store: Store, model: Model, text: str) -> list[float]:
    pairs = clicks(model)
    results: list[float] = []
    barrier = threading.Barrier(THREADS)

    def run() -> None:
        code = store.start_draft(model, text, "Benchmark force")
        barrier.wait()
        calls = [
            partial(store.save_answer, code, *pairs[i % len(pairs)])
            for i in range(SAVES_PER_THREAD)
        ]
        results.extend(timed(calls))

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def seed_history(store: Store, model: Model, text: str, organisation: str, count: int) -> None:
    """``count`` complete assessments of one organisation, each answering every question."""
    questions = [q for _, q in model.questions()]
    for n in range(count):
        code = store.start_draft(model, text, organisation)
        for i, q in enumerate(questions):
            store.save_answer(code, q.id, q.options[(n + i) % len(q.options)].id)
        store.complete(code)


def bench_history(store: Store, model: Model, text: str) -> list[float]:
    seed_history(store, model, text, "History force", HISTORY)
    return timed([partial(store.assessments, "History force")] * 20)


def trend_from_database(store: Store, organisation: str) -> object:
    """What the history page does: the organisation's assessments, scored, to its trend figure."""
    from reports.chartdata import trend_data
    from reports.figures import trend_figure

    stored = store.assessments(organisation)
    return trend_figure(trend_data([a.result for a in stored]))


def bench_trend(store: Store) -> list[float]:
    """Database to trend figure for the HISTORY assessments seeded by :func:`bench_history`."""
    trend_from_database(store, "History force")  # warm-up (imports Plotly)
    return timed([partial(trend_from_database, store, "History force")] * 20)


def bench_faults(directory: Path, model: Model, text: str) -> list[Figure]:
    import sqlite3

    import store.db
    from store.faults import DatabaseFault

    path = directory / "faults.db"
    with Store(f"sqlite:///{path}") as writable:
        code = writable.start_draft(model, text, "Fault force")
    question, option = clicks(model)[0]

    def refused(target: Store) -> float:
        began = time.perf_counter()
        try:
            target.save_answer(code, question, option)
        except DatabaseFault:
            return (time.perf_counter() - began) * 1000
        raise AssertionError("the save was not refused")

    found = []
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as read_only:
        found.append(Figure("sqlite: read-only, time to report", "ms", (refused(read_only),)))
    default, store.db.BUSY_TIMEOUT_MS = store.db.BUSY_TIMEOUT_MS, 50
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with Store(f"sqlite:///{path}") as locked:
            found.append(Figure("sqlite: locked, time to report", "ms", (refused(locked),)))
    finally:
        holder.close()
        store.db.BUSY_TIMEOUT_MS = default
    return found


def run(backend: str, directory: Path, model: Model, text: str) -> list[Figure]:
    budget = SAVE_BUDGET_MS[backend]
    with temporary_database(backend, directory) as url, Store(url) as store:
        saves = bench_saves(store, model, text)
        contention = bench_contention(store, model, text)
        history = bench_history(store, model, text)
        trend = bench_trend(store)
    return [
        Figure(f"{backend}: per-answer save", "ms", tuple(saves), budget, note="one writer"),
        Figure(f"{backend}: per-answer save, {THREADS} threads at once", "ms", tuple(contention)),
        Figure(
            f"{backend}: history of {HISTORY} assessments, read and scored", "ms", tuple(history)
        ),
        Figure(
            f"{backend}: history of {HISTORY} assessments, database to trend figure",
            "ms",
            tuple(trend),
            TREND_BUDGET_MS,
        ),
    ]


def figures() -> list[Figure]:
    model, text = load_model_file(default_model_path())
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        found += run("sqlite", Path(tmp), model, text)
        found += bench_faults(Path(tmp), model, text)
        if postgres_configured():
            found += run("postgresql", Path(tmp), model, text)
        else:
            why = "skipped: no PG* variables (run under pg_virtualenv)"
            found.append(unmeasured("postgresql: per-answer save", why, unit="ms"))
    return found


def main() -> None:
    print(render(figures()))


if __name__ == "__main__":
    main()
