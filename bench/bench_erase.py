"""Benchmark: erasing one organisation among many, and a purge (`store.erase`).

Seeds ORGANISATIONS organisations with ASSESSMENTS finished assessments each (every question
of the bundled model answered, with a note), then times the plan (read only), the erasure of
one organisation (rows in one transaction, then VACUUM and emptying the write-ahead log on
SQLite, VACUUM FULL of the affected tables on PostgreSQL) and a purge that finds nothing.
The erasure rewrites the whole database, so its time grows with the database, not with the
organisation.

Gives figures (one measurement each); asserts nothing (shared machines are noisy).
Run: `.venv/bin/python bench/bench_erase.py` (PostgreSQL too under `pg_virtualenv`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from questionnaire.loader import default_model_path
from questionnaire.schema import Model
from store import Store
from store.imports import load_model_file
from store.testing import postgres_configured, temporary_database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import Figure, render, unmeasured

T = TypeVar("T")
ORGANISATIONS = 20
ASSESSMENTS = 10


def seed(store: Store, model: Model, text: str) -> None:
    questions = [q for _, q in model.questions()]
    for org in range(ORGANISATIONS):
        for n in range(ASSESSMENTS):
            code = store.start_draft(model, text, f"Force {org}")
            for q in questions:
                store.save_answer(code, q.id, q.options[n % len(q.options)].id)
                store.save_note(code, q.id, f"note on {q.id} by respondent {n} " * 10)
            store.complete(code)


def timed_ms(call: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def run(backend: str, directory: Path, model: Model, text: str) -> list[Figure]:
    with temporary_database(backend, directory) as url, Store(url) as store:
        seed(store, model, text)
        size = ""
        database = directory / "maturity.db"
        if backend == "sqlite":
            size = f", file {database.stat().st_size / 1e6:.1f} MB"
        plan_ms, plan = timed_ms(lambda: store.erasure_plan("Force 0"))
        erase_ms, done = timed_ms(lambda: store.erase_organisation("Force 0"))
        purge_ms, _ = timed_ms(lambda: store.purge_plan(30))
    note = f"{ORGANISATIONS}x{ASSESSMENTS} assessments{size}"
    residue = ", residue left" if done.residue is not None else ""
    return [
        Figure(f"{backend}: erasure plan, one organisation", "ms", (plan_ms,), note=note),
        Figure(
            f"{backend}: erase one organisation",
            "ms",
            (erase_ms,),
            note=f"{plan.answers} answers{residue}",
        ),
        Figure(f"{backend}: purge plan finding nothing", "ms", (purge_ms,)),
    ]


def figures() -> list[Figure]:
    model, text = load_model_file(default_model_path())
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        found += run("sqlite", Path(tmp), model, text)
        if postgres_configured():
            found += run("postgresql", Path(tmp), model, text)
        else:
            why = "skipped: no PG* variables (run under pg_virtualenv)"
            found.append(unmeasured("postgresql: erase one organisation", why, unit="ms"))
    return found


def main() -> None:
    print(render(figures()))


if __name__ == "__main__":
    main()
