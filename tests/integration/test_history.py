"""History over time, across model versions: correct deltas, and the model's changes named so
they are never read as changes in the force.

Three assessments of one force: two on tiny 1.0.0, then one on tiny 1.1.0, in which
gov-policy became gov-ai-policy (``replaces:``), data-quality was reworded, data-sharing was
added and data-catalogue removed. Scores by hand (governance weighs 2, data 1; gov-review
weighs 3 within governance; data-catalogue weighs 0):

* 2024: gov (0 + 3x60)/4 = 45.0, data 40.0, overall (2x45 + 40)/3 = 43.3
* 2025: gov (50 + 3x60)/4 = 57.5, data 80.0, overall (115 + 80)/3 = 65.0
* 2026: gov 100.0, data (80 + 50)/2 = 65.0, overall (200 + 65)/3 = 88.3
* like for like 2025 -> 2026 (only the questions in both versions): data 80 -> 80, overall
  65.0 -> (200 + 80)/3 = 93.3, so +28.3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from store import Store
from store.history import history

TINY = str(FIXTURES / "tiny-model.yaml")
TINY_11 = str(FIXTURES / "tiny-model-1.1.yaml")
FILES = {
    # written in this order, imported newest first: history must sort by date
    "2026.yaml": 'model_version: "1.1.0"\nassessed_on: 2026-11-01\n'
    "answers: {gov-ai-policy: approved, gov-review: always, data-quality: good, "
    "data-sharing: some}\n",
    "2024.yaml": "assessed_on: 2024-11-01\n"
    "answers: {gov-policy: none, gov-review: sometimes, data-quality: fair, "
    "data-catalogue: 'yes'}\n",
    "2025.yaml": "assessed_on: 2025-11-01\n"
    "answers: {gov-policy: draft, gov-review: sometimes, data-quality: good, "
    "data-catalogue: 'yes'}\n",
    "other.yaml": "assessed_on: 2025-06-01\norganisation: Another force\n"
    "answers: {gov-policy: approved}\n",
}


@pytest.fixture
def db(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database the CLI uses in this test, on each backend."""
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    return url


@pytest.fixture
def three_years(db: str, tmp_path: Path, capsys) -> str:
    paths = []
    for name, body in FILES.items():
        organisation = "" if "organisation:" in body else "organisation: North Force\n"
        path = tmp_path / name
        path.write_text(f"model: tiny\n{organisation}{body}", encoding="utf-8")
        paths.append(str(path))
    assert main(["import", *paths, "--model", TINY, "--model", TINY_11]) == 0
    capsys.readouterr()
    return db


def test_history_of_three_assessments_across_two_model_versions(three_years, capsys):
    assert main(["history", "North Force", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)

    assert [e["assessed_on"] for e in entries] == ["2024-11-01", "2025-11-01", "2026-11-01"]
    assert [e["model"]["version"] for e in entries] == ["1.0.0", "1.0.0", "1.1.0"]
    assert [e["overall"]["score"] for e in entries] == [43.3, 65.0, 88.3]
    assert [[p["score"] for p in e["pillars"]] for e in entries] == [
        [45.0, 40.0],
        [57.5, 80.0],
        [100.0, 65.0],
    ]
    assert entries[0]["change"] is None

    second = entries[1]["change"]
    assert second["overall"] == 21.7 and second["same_model"] is True
    assert {p["id"]: p["change"] for p in second["pillars"]} == {"gov": 12.5, "data": 40.0}
    assert second["model_changes"] == {"added": [], "removed": [], "reworded": [], "renamed": []}
    assert second["like_for_like"] is None

    third = entries[2]["change"]
    assert third["since"]["assessed_on"] == "2025-11-01"
    assert third["overall"] == 23.3 and third["same_model"] is False
    assert {p["id"]: p["change"] for p in third["pillars"]} == {"gov": 42.5, "data": -15.0}
    assert third["model_changes"] == {
        "added": ["data-sharing"],
        "removed": ["data-catalogue"],
        "reworded": ["data-quality"],
        "renamed": [{"from": "gov-policy", "to": "gov-ai-policy"}],
    }
    assert third["like_for_like"] == {"overall": 28.3, "pillars": {"gov": 42.5, "data": 0.0}}
    assert {"question": "gov-ai-policy", "earlier": "draft", "later": "approved"} in third[
        "answers_changed"
    ]


def test_history_as_text_names_the_changed_questions(three_years, capsys):
    assert main(["history", "north force"]) == 0  # case does not matter when unambiguous
    out = capsys.readouterr().out
    assert out.index("2024-11-01") < out.index("2025-11-01") < out.index("2026-11-01")
    assert "Overall  88.3 level 4 Leading  (+23.3)" in out
    assert "tiny 1.0.0 -> tiny 1.1.0" in out
    for line in (
        "added: data-sharing",
        "removed: data-catalogue",
        "reworded: data-quality",
        "renamed: gov-policy -> gov-ai-policy",
        "overall +28.3",
    ):
        assert line in out


def test_stored_history_matches_the_store_api(three_years):
    with Store(three_years) as store:
        entries = history(store.assessments("North Force"))
        assert store.organisations() == ["Another force", "North Force"]
    comparison = entries[2].comparison
    assert comparison is not None
    assert [q.later_id for q in comparison.reworded] == ["data-quality"]
    assert entries[2].assessment.result.model.version == "1.1.0"
    assert entries[1].assessment.result.model.question("data-catalogue") is not None


def test_history_of_an_unknown_organisation_suggests_a_stored_one(three_years, capsys):
    assert main(["history", "North Forse"]) == 2
    err = capsys.readouterr().err
    assert "North Forse: no complete assessments" in err and "'North Force'" in err


def test_a_stored_assessment_is_a_previous_report(three_years, capsys):
    from store import resolve_previous

    with Store(three_years) as store:
        first = store.assessments("North Force")[0]
    previous = resolve_previous(f"db:{first.id}")
    assert previous.model.version == "1.0.0" and round(previous.overall.score or 0, 1) == 43.3
