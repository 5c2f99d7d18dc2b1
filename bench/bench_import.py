"""Benchmark: ``maturity import`` of many responses files into a new SQLite database.

1,000 distinct responses files of the configured model (every question answered, random
options from a fixed seed, 40 organisations), written once to a temporary directory:

1. the whole process, ``maturity import FILE...`` (start-up, migration of the new database
   and the model read included), as assessments per second of wall time;
2. in-process, ``Store.import_files`` on an open store (what the batch itself costs).

Budget: >= 500 assessments per second (issue 16). The note gives the CPU seconds too: on a
shared machine the wall time also counts other people's work.

Prints figures; asserts nothing. Run: ``.venv/bin/python bench/bench_import.py``.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Figure, render

from store import Store
from store.imports import default_model

FILES = 1000
RUNS = 3
BUDGET = 500.0
ROOT = Path(__file__).resolve().parent.parent


def write_files(directory: Path, count: int = FILES, seed: int = 3) -> list[Path]:
    """``count`` distinct responses files of the configured model."""
    model = default_model()[0]
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        answers = {q.id: rng.choice(q.options).id for p in model.pillars for q in p.questions}
        doc = {
            "model": model.id,
            "organisation": f"Force {i % 40}",
            "respondent": {"group": rng.choice(["leadership", "frontline"])},
            "assessed_on": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "answers": answers,
        }
        path = directory / f"r{i:04d}.yaml"
        path.write_text(yaml.safe_dump(doc), encoding="utf-8")
        paths.append(path)
    return paths


def _process(paths: list[Path], database: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``maturity import`` process."""
    env = os.environ | {"MATURITY_DATABASE_URL": f"sqlite:///{database}"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cli", "import", *map(str, paths)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _in_process(paths: list[Path], database: Path) -> tuple[float, float]:
    with Store(f"sqlite:///{database}") as store:
        store.import_files(paths[:1])  # warm: model read, statements compiled
        started, cpu = time.perf_counter(), time.process_time()
        for _ in store.import_files(paths[1:]):
            pass
        return time.perf_counter() - started, time.process_time() - cpu


def figures() -> list[Figure]:
    """The import rates, whole process and in-process."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        paths = write_files(directory)
        for name, run, count in (
            ("maturity import of 1,000 files into SQLite, whole process", _process, FILES),
            ("Store.import_files of 999 files into SQLite, in-process", _in_process, FILES - 1),
        ):
            rates, cpus = [], []
            for n in range(RUNS):
                database = directory / f"{run.__name__}-{n}.db"
                wall, cpu = run(paths, database)
                rates.append(count / wall)
                cpus.append(cpu)
            note = f"CPU {min(cpus):.2f} s for {count} files"
            found.append(Figure(name, "assessments/s", tuple(rates), BUDGET, "higher", note))
    return found


def main() -> int:
    print(render(figures()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
