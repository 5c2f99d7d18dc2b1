"""Benchmark: saving one answer (it runs on every click), and reading back stored history.

1. Per-answer save: `Store.save_answer` on a draft of the bundled policing model, cycling
   through its questions and options, each call one transaction (``BEGIN IMMEDIATE`` on
   SQLite). Target: median under 5 ms on SQLite.
2. Under contention: the same with 8 threads saving at once to one SQLite file.
3. History: `Store.assessments(organisation)` for 10 complete assessments, each rebuilt from
   its stored model and scored.
4. Faults (SQLite): how long a click waits before it is told its answer is not saved, on a
   read-only database (not retried) and on one whose lock outlasts a 50 ms busy timeout (the
   bounded retry of `store.faults`: at most 4 attempts within 3 s).

SQLite runs on a file in a temporary directory; PostgreSQL too when PG* variables name a
server (e.g. `pg_virtualenv .venv/bin/python bench/bench_store.py`).

Prints figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_store.py`.
"""

from __future__ import annotations

import statistics
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

SAVES = 500
THREADS = 8
SAVES_PER_THREAD = 100


def summary(times_ms: list[float]) -> str:
    """``median 0.9 ms, p90 1.2 ms (n=500)``."""
    ordered = sorted(times_ms)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.2f} ms, p90 {p90:.2f} ms (n={len(ordered)})"


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


def bench_saves(store: Store, model: Model, text: str) -> str:
    code = store.start_draft(model, text, "Benchmark force")
    pairs = clicks(model)
    store.save_answer(code, *pairs[0])  # warm the model cache and the connection pool
    calls = [partial(store.save_answer, code, *pairs[i % len(pairs)]) for i in range(SAVES)]
    return summary(timed(calls))


def bench_contention(store: Store, model: Model, text: str) -> str:
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
    return summary(results)


def bench_history(store: Store, model: Model, text: str) -> str:
    pairs = clicks(model)
    for n in range(10):
        code = store.start_draft(model, text, "History force")
        for q, a in pairs[n::3]:
            store.save_answer(code, q, a)
        store.complete(code)
    return summary(timed([partial(store.assessments, "History force")] * 20))


def bench_faults(directory: Path, model: Model, text: str) -> None:
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

    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as read_only:
        print(f"sqlite: read-only, time to report:   {summary([refused(read_only)])}")
    default, store.db.BUSY_TIMEOUT_MS = store.db.BUSY_TIMEOUT_MS, 50
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with Store(f"sqlite:///{path}") as locked:
            print(f"sqlite: locked, time to report:   {summary([refused(locked)])}")
    finally:
        holder.close()
        store.db.BUSY_TIMEOUT_MS = default


def run(backend: str, directory: Path, model: Model, text: str) -> None:
    with temporary_database(backend, directory) as url, Store(url) as store:
        print(f"{backend}: per-answer save, one writer:   {bench_saves(store, model, text)}")
        print(
            f"{backend}: per-answer save, {THREADS} threads:   "
            f"{bench_contention(store, model, text)}"
        )
        print(f"{backend}: history of 10 assessments:   {bench_history(store, model, text)}")


def main() -> None:
    model, text = load_model_file(default_model_path())
    print(f"model {model.id} {model.version}: {len(model.questions())} questions")
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", Path(tmp), model, text)
        bench_faults(Path(tmp), model, text)
        if postgres_configured():
            run("postgresql", Path(tmp), model, text)
        else:
            print("postgresql: skipped (no PG* variables; run under pg_virtualenv to include it)")


if __name__ == "__main__":
    main()
