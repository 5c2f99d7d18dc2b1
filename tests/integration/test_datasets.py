"""The benchmark dataset generator (bench/datasets.py), on SQLite and PostgreSQL: its stored
scores are the engine's, as the product writes them, and the same seed gives the same rows."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT
from sqlalchemy import select
from test_stored_scores import _assert_stored_equal_fresh_scores

from store.repository import Store
from store.tables import Answer, Assessment, PillarScore

sys.path.insert(0, str(ROOT / "bench"))

from datasets import GROUPS, YEARS, generate


def _rows(url: str) -> list[object]:
    with Store(url) as store, store.engine.connect() as conn:
        return [
            sorted(conn.execute(select(Assessment.uid, Assessment.source, Assessment.assessed_on))),
            sorted(conn.execute(select(Answer.assessment_id, Answer.question_id, Answer.answer))),
            sorted(
                conn.execute(
                    select(
                        PillarScore.assessment_id,
                        PillarScore.part,
                        PillarScore.pillar_id,
                        PillarScore.score,
                    )
                )
            ),
        ]


def test_generated_scores_are_the_engines_and_the_shape_is_as_documented(url):
    done = generate(url, scale=0.005, seed=7)  # one organisation
    people = sum(count for _, count, _ in GROUPS)
    assert done.organisations == 1
    assert done.assessments == YEARS * (people + 2)
    with Store(url) as store:
        _assert_stored_equal_fresh_scores(store)
        assert len(store.assessments()) == 2 * YEARS  # a group and a single one each year


def test_the_same_seed_gives_the_same_rows(tmp_path: Path):
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db"))
    generate(first, scale=0.005, seed=3)
    generate(second, scale=0.005, seed=3)
    assert _rows(first) == _rows(second)
