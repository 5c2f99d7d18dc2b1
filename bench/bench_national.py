"""Benchmark: one organisation's history and export, and the national summary, at two sizes.

On the consultancy of :mod:`bench.datasets` (workshops of 30 and a single assessment a year,
10 years per organisation), at two database sizes that differ tenfold in organisations:

1. history, stored scores: one organisation's overall and pillar scores over time, from
   ``pillar_scores`` (what a trend chart needs);
2. history, full: ``Store.catalogue(organisation)`` and ``store.history.history`` (every
   assessment rebuilt and scored, each group assessment aggregated from its participants, and
   compared with the one before), as ``maturity history`` does;
3. export: ``Store.export`` of one organisation as JSON;
4. national summary: ``Store.national_summary`` (median and IQR per pillar and by group).

The first three should cost the same at both sizes (they follow the organisation's data);
the summary reads one latest assessment per organisation, so it follows the number of
organisations, never their history. Budget: 1 s each.

SQLite databases are generated once and kept under ``/tmp/maturity-bench`` (keyed by the
schema revision, the generator's own text, scale and seed); PostgreSQL (when PG* variables name a server) is generated afresh in a throwaway
schema at smaller sizes (``BENCH_NATIONAL_PG_SCALES``, default ``0.02,0.2``), since a
``pg_virtualenv`` cluster does not outlive the run.

Prints figures; asserts nothing. Run: ``.venv/bin/python bench/bench_national.py``.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

# bench/ is not a package: its modules import each other by name, as mypy sees them.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import generate, organisation_name
from table import Figure, render, timed

from store import Store
from store.db import head_revision
from store.history import history
from store.scores import WHOLE
from store.tables import Organisation, PillarScore
from store.testing import postgres_configured, temporary_database

CACHE = Path("/tmp/maturity-bench")
SEED = 1
SQLITE_SCALES = (0.1, 1.0)
RUNS = 7
BUDGET_MS = 1000.0


def cached_sqlite(scale: float, seed: int = SEED) -> str:
    """The URL of the generated SQLite database for this scale and seed, made once (per
    schema revision: a database made before a migration is not one the code can read)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(Path(generate.__code__.co_filename).read_bytes()).hexdigest()[:8]
    final = CACHE / f"consultancy-r{head_revision()}-{digest}-scale{scale:g}-seed{seed}.db"
    if not final.exists():
        partial = final.with_suffix(".partial")
        for leftover in CACHE.glob(f"{partial.name}*"):
            leftover.unlink()
        generate(f"sqlite:///{partial}", scale=scale, seed=seed)
        # The last connection to close has checkpointed the WAL; move any side file along.
        for side in ("-wal", "-shm"):
            extra = partial.with_name(partial.name + side)
            if extra.exists():
                extra.rename(final.with_name(final.name + side))
        partial.rename(final)
    return f"sqlite:///{final}"


def trend(store: Store, organisation: str, model_id: str) -> list[tuple[object, ...]]:
    """One organisation's stored scores over time (what a trend figure is drawn from)."""
    with store.session(write=False) as s:
        org_id = s.scalar(select(Organisation.id).where(Organisation.name == organisation))
        return list(
            s.execute(
                select(PillarScore.assessed_on, PillarScore.pillar_id, PillarScore.score)
                .where(
                    PillarScore.organisation_id == org_id,
                    PillarScore.model_id == model_id,
                    PillarScore.part == WHOLE,
                    PillarScore.source != "participant",
                )
                .order_by(PillarScore.assessed_on, PillarScore.assessment_id)
            ).all()
        )


def _figures_for(url: str, backend: str, scale: float) -> list[Figure]:
    size = f"{backend}, {round(200 * scale)} organisations"
    with Store(url) as store:
        model_id = store.engine.connect().execute(select(PillarScore.model_id).limit(1)).scalar()
        assert model_id is not None
        name = organisation_name(0)
        jobs: list[tuple[str, Callable[[], object]]] = [
            ("history of one organisation, stored scores", lambda: trend(store, name, model_id)),
            (
                "history of one organisation, scored and compared",
                lambda: history(store.catalogue(name).scored),
            ),
            (
                "export of one organisation (JSON)",
                lambda: store.export(io.StringIO(), organisation=name),
            ),
            ("national summary", lambda: store.national_summary(model_id)),
        ]
        return [
            Figure(what, "ms", timed(job, RUNS), BUDGET_MS, note=size, group="national")
            for what, job in jobs
        ]


def figures() -> list[Figure]:
    """The figures at both sizes, on SQLite and (when configured) PostgreSQL."""
    found: list[Figure] = []
    for scale in SQLITE_SCALES:
        found += _figures_for(cached_sqlite(scale), "SQLite", scale)
    if postgres_configured():
        scales = os.environ.get("BENCH_NATIONAL_PG_SCALES", "0.02,0.2")
        for scale in (float(s) for s in scales.split(",")):
            with (
                tempfile.TemporaryDirectory() as tmp,
                temporary_database("postgresql", Path(tmp)) as url,
            ):
                generate(url, scale=scale, seed=SEED)
                found += _figures_for(url, "PostgreSQL", scale)
    return found


def main() -> int:
    print(render(figures()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
