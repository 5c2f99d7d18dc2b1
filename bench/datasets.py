"""A consultancy's database for benchmarks: organisations x years x workshop participants.

At ``--scale 1``: 200 organisations, each holding one workshop (a group assessment) a year
for 10 years, of 30 participants (10 leadership, 15 frontline, 5 specialist), and its head of
digital's own assessment in the app each year: 60,000 participants' assessments, 2,000 group
assessments, 2,000 single ones, about 2 million answers (2.3 million with the bundled model's
36 questions). The
scale multiplies the organisations (``--scale 10``: 2,000 of them, 600,000 assessments), so
one organisation's data stays the same size while the database grows around it.

Deterministic from ``--seed``: the same seed and scale give the same rows. The spread is
meant to look like real forces: each organisation has its own starting maturity and pace of
improvement, each pillar its own offset, leaders answer more kindly than the front line, and
about one answer in twenty is "don't know" ("not applicable" where a question allows it).

Rows are written as the product writes them, through the same tables and the same scoring:
every single assessment's stored scores come from ``scoring.score`` and every group
assessment's from ``scoring.aggregate`` (via :func:`store.scores.score_rows`; a participant's
own answers have none, as in the product), but inserted with
SQLAlchemy Core ``executemany`` in one transaction per organisation instead of one per
answer. The database must be new (or empty): row ids are assigned here.

Run: ``.venv/bin/python bench/datasets.py sqlite:////tmp/consultancy.db --scale 0.1``
(PostgreSQL: a ``postgresql+psycopg://`` URL, or ``pg`` for the PG* variables' server).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, text

from questionnaire.loader import default_model_path
from questionnaire.schema import NA, UNKNOWN, Model, Respondent, Responses
from scoring import aggregate, score
from store import Store
from store.imports import load_model_file
from store.scores import score_rows
from store.tables import Answer, Assessment, Organisation, PillarScore, Workshop
from store.testing import POSTGRES_URL

ORGANISATIONS = 200
YEARS = 10
FIRST_YEAR = 2017
GROUPS = (("leadership", 10, 0.08), ("frontline", 15, -0.06), ("specialist", 5, 0.02))
UNKNOWN_SHARE = 0.05
NA_SHARE = 0.03


@dataclass(frozen=True)
class Generated:
    """What a run wrote, and how long it took."""

    organisations: int
    assessments: int
    answers: int
    seconds: float


def organisation_name(n: int) -> str:
    """The name of the ``n``-th generated organisation (a benchmark looks one up by it)."""
    return f"Constabulary {n:05d}"


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


class _Ids:
    """Row ids handed out here (the database is new), continuing after any existing row."""

    def __init__(self, conn: Connection) -> None:
        self.next = {
            t: (conn.scalar(select(func.max(t.id))) or 0) + 1
            for t in (Organisation, Assessment, Workshop)
        }

    def take(self, table: Any) -> int:
        found = self.next[table]
        self.next[table] = found + 1
        return found


def _answers(model: Model, rng: random.Random, maturity: float, offsets: dict[str, float]):
    answers: dict[str, str] = {}
    for pillar in model.pillars:
        level = maturity + offsets[pillar.id]
        for question in pillar.questions:
            draw = rng.random()
            if draw < UNKNOWN_SHARE:
                answers[question.id] = UNKNOWN
                continue
            if question.allow_na and draw < UNKNOWN_SHARE + NA_SHARE:
                answers[question.id] = NA
                continue
            options = sorted(question.options, key=lambda o: o.score)
            at = min(max(level + rng.gauss(0, 0.18), 0.0), 0.999)
            answers[question.id] = options[int(at * len(options))].id
    return answers


def _workshop(
    model: Model, rng: random.Random, name: str, year: int, maturity: float, offsets: dict
) -> tuple[dt.date, list[Responses]]:
    held = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    people = []
    for group, count, kindness in GROUPS:
        for _ in range(count):
            people.append(
                Responses(
                    model=model.id,
                    model_version=model.version,
                    organisation=name,
                    respondent=Respondent(group=group),
                    assessed_on=held,
                    answers=_answers(model, rng, maturity + kindness, offsets),
                )
            )
    return held, people


def _organisation_rows(
    ids: _Ids, model: Model, version_id: int, rng: random.Random, n: int
) -> Iterator[tuple[Any, list[dict[str, Any]]]]:
    """(table, rows) to insert for one organisation, parents before children."""
    name = organisation_name(n)
    org_id = ids.take(Organisation)
    start = rng.uniform(0.1, 0.6)
    pace = rng.uniform(0.0, 0.04)
    offsets = {p.id: rng.uniform(-0.12, 0.12) for p in model.pillars}
    created = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC)
    yield Organisation, [{"id": org_id, "name": name, "created_at": created}]
    workshops, assessments, answers, scores = [], [], [], []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        held, people = _workshop(
            model, rng, name, year, start + pace * (year - FIRST_YEAR), offsets
        )
        when = dt.datetime.combine(held, dt.time(12), tzinfo=dt.UTC)
        workshop_id = ids.take(Workshop)
        workshops.append(
            {
                "id": workshop_id,
                "organisation_id": org_id,
                "model_version_id": version_id,
                "title": f"Annual workshop {year}",
                "facilitator": None,
                "join_hash": _hex(rng),
                "join_code": None,
                "facilitator_hash": _hex(rng),
                "status": "closed",
                "held_on": held,
                "closes_on": None,
                "groups": json.dumps([g for g, _, _ in GROUPS]),
                "anonymous": True,
                "created_at": when,
                "closed_at": when,
            }
        )
        common = {
            "organisation_id": org_id,
            "model_version_id": version_id,
            "workshop_id": workshop_id,
            "respondent_name": None,
            "respondent_role": None,
            "assessed_on": held,
            "status": "complete",
            "resume_hash": None,
            "content_hash": None,
            "created_at": when,
            "updated_at": when,
            "completed_at": when,
        }
        for person in people:
            own = ids.take(Assessment)
            group = person.respondent.group if person.respondent else None
            assessments.append(
                common
                | {"id": own, "uid": _hex(rng)[:32], "respondent_group": group}
                | {"source": "participant", "resume_hash": _hex(rng)}
            )
            answers += [
                {"assessment_id": own, "question_id": q, "answer": a, "note": None}
                | {"updated_at": when}
                for q, a in person.answers.items()
            ]
        # The head of digital's own assessment each year, answered in the app.
        alone = Responses(
            model=model.id,
            model_version=model.version,
            organisation=name,
            respondent=Respondent(role="Head of digital", group="leadership"),
            assessed_on=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            answers=_answers(model, rng, start + pace * (year - FIRST_YEAR), offsets),
        )
        single_id = ids.take(Assessment)
        alone_at = dt.datetime.combine(alone.assessed_on or held, dt.time(9), tzinfo=dt.UTC)
        assessments.append(
            common
            | {"id": single_id, "uid": _hex(rng)[:32], "workshop_id": None, "source": "app"}
            | {"respondent_role": "Head of digital", "respondent_group": "leadership"}
            | {"assessed_on": alone.assessed_on, "resume_hash": _hex(rng)}
            | {"created_at": alone_at, "updated_at": alone_at, "completed_at": alone_at}
        )
        answers += [
            {"assessment_id": single_id, "question_id": q, "answer": a, "note": None}
            | {"updated_at": alone_at}
            for q, a in alone.answers.items()
        ]
        scores += score_rows(
            single_id,
            organisation_id=org_id,
            source="app",
            assessed_on=alone.assessed_on,
            result=score(model, alone),
        )
        combined = aggregate(model, people)
        group_id = ids.take(Assessment)
        assessments.append(
            common
            | {"id": group_id, "uid": _hex(rng)[:32], "respondent_group": None, "source": "group"}
        )
        answers += [
            {"assessment_id": group_id, "question_id": q, "answer": a, "note": None}
            | {"updated_at": when}
            for q, a in sorted(combined.result.responses.answers.items())
        ]
        scores += score_rows(
            group_id,
            organisation_id=org_id,
            source="group",
            assessed_on=held,
            result=combined.result,
            by_group=combined.by_group,
        )
    yield Workshop, workshops
    yield Assessment, assessments
    yield Answer, answers
    yield PillarScore, scores


def generate(
    url: str, *, scale: float = 1.0, seed: int = 1, model_path: str | None = None
) -> Generated:
    """Fill the database at ``url`` with ``round(200 * scale)`` organisations' workshops."""
    started = time.perf_counter()
    model, model_text = load_model_file(model_path or default_model_path())
    count = max(1, round(ORGANISATIONS * scale))
    with Store(url) as store:
        version_id = store.register_model(model, model_text)
        totals = {Assessment: 0, Answer: 0}
        with store.engine.connect() as conn:
            ids = _Ids(conn)
        for n in range(count):
            rng = random.Random(hashlib.sha256(f"{seed}:{n}".encode()).digest())
            with store.engine.begin() as conn:
                for table, rows in _organisation_rows(ids, model, version_id, rng, n):
                    conn.execute(insert(table), rows)
                    if table in totals:
                        totals[table] += len(rows)
        if store.engine.dialect.name == "postgresql":
            with store.engine.begin() as conn:
                for table in ("organisations", "assessments", "workshops"):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))"
                        )
                    )
    return Generated(count, totals[Assessment], totals[Answer], time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="database URL ('pg': the server the PG* variables name)")
    parser.add_argument("--scale", type=float, default=1.0, help="x 200 organisations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", help="model file (default: the configured model)")
    args = parser.parse_args(argv)
    url = POSTGRES_URL if args.url == "pg" else args.url
    done = generate(url, scale=args.scale, seed=args.seed, model_path=args.model)
    print(
        f"{done.organisations} organisations, {done.assessments:,} assessments, "
        f"{done.answers:,} answers in {done.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
