"""Five people answering at once on one app server lose nothing (issue 16).

The same run as `bench/bench_users.py` (which `make bench` runs with 20 people and times):
one `streamlit run app.py` on a fresh SQLite database, one Debian chromium with a browser
context per person, all driven at once; each completes a whole assessment of the bundled
model. The store must then hold every answer each person gave, and every assessment must be
complete. No timing is asserted (speed is the benchmark's business).

Skipped with a reason when chromium is absent; MATURITY_REQUIRE_BROWSER=1 (CI) makes that a
failure.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_users  # noqa: E402
from table import Skipped  # noqa: E402

pytestmark = pytest.mark.e2e

PEOPLE = 5


def test_five_people_at_once_lose_no_answer_and_all_finish(tmp_path: Path) -> None:
    try:
        outcome = bench_users.drive(PEOPLE, tmp_path, log=tmp_path / "streamlit.log")
    except Skipped as why:
        skip_or_fail("MATURITY_REQUIRE_BROWSER", f"Debian chromium not installed ({why})")
    assert outcome.problems == [], "\n".join(outcome.problems)
    assert len(outcome.people) == PEOPLE
    assert len({p.code for p in outcome.people}) == PEOPLE  # five different assessments
    questions = len(bench_users.load_bundled().questions())
    for person in outcome.people:
        assert person.finished, person.number
        assert len(person.given) == questions, person.number
    assert outcome.lost == 0
    assert outcome.unfinished == 0
