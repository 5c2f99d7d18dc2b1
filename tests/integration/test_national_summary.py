"""`maturity summary`, in-process on SQLite and PostgreSQL: figures only from 5 organisations
up, no organisation named (text or JSON) unless asked for, the median and quartiles of each
organisation's latest assessment, and an unknown organisation as bad input."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from questionnaire.loader import load_model
from questionnaire.schema import Respondent
from scoring.present import score_text
from store.national_text import SUPPRESSED
from store.repository import Store

TINY = FIXTURES / "tiny-model.yaml"
OPTIONS = ("none", "draft", "approved")  # gov-policy: 0, 50, 100
NAMES = [f"Constabulary {c}" for c in "ABCDEFG"]


@pytest.fixture
def tiny():
    return load_model(TINY), TINY.read_text(encoding="utf-8")


def _fill(url: str, tiny, count: int, tmp_path: Path) -> None:
    """``count`` organisations, each with an older assessment and a latest one; the odd ones
    leadership, the even ones frontline; one also ran a workshop earlier."""
    model, text = tiny
    with Store(url) as store:
        for n, name in enumerate(NAMES[:count]):
            group = "leadership" if n % 2 else "frontline"
            for year, answer in ((2024, "none"), (2025, OPTIONS[n % 3])):
                code = store.start_draft(
                    model, text, name, Respondent(group=group), dt.date(year, 5, 1 + n)
                )
                store.save_answer(code, "gov-policy", answer)
                store.save_answer(code, "data-quality", "good")
                store.complete(code)


def _run(monkeypatch, url: str, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    code = main(["summary", "--model", "tiny", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_four_organisations_show_no_figure_at_all(url, tiny, tmp_path, monkeypatch, capsys):
    _fill(url, tiny, 4, tmp_path)
    code, out, _ = _run(monkeypatch, url, capsys)
    assert code == 0
    assert "4 organisations" in out
    for line in out.splitlines()[3:]:
        assert line.endswith(SUPPRESSED), line
    code, out, _ = _run(monkeypatch, url, capsys, "--json")
    found = json.loads(out)
    for row in found["pillars"]:
        assert "median" not in row and row["suppressed"] == SUPPRESSED
        for cell in row.get("by_group", {}).values():
            assert "median" not in cell


def test_five_organisations_show_the_median_and_quartiles_of_each_ones_latest(
    url, tiny, tmp_path, monkeypatch, capsys
):
    _fill(url, tiny, 5, tmp_path)
    code, out, _ = _run(monkeypatch, url, capsys, "--json")
    assert code == 0
    found = json.loads(out)
    assert found["organisations"] == 5
    gov = next(r for r in found["pillars"] if r["pillar"] == "gov")
    # latest gov-policy answers: 0, 50, 100, 0, 50 (gov-review unanswered): gov = those
    latest = [0.0, 50.0, 100.0, 0.0, 50.0]
    lower, median, upper = statistics.quantiles(latest, n=4, method="inclusive")
    assert (gov["lower_quartile"], gov["median"], gov["upper_quartile"]) == (lower, median, upper)
    assert gov["organisations"] == 5
    # by group: 3 frontline, 2 leadership organisations: both below 5, so no figure
    assert gov["by_group"]["frontline"] == {"organisations": None, "suppressed": SUPPRESSED}
    code, text, _ = _run(monkeypatch, url, capsys)
    assert f"Governance: {score_text(median)} (IQR {score_text(lower)}" in text


def test_no_organisation_is_named_unless_asked_for(url, tiny, tmp_path, monkeypatch, capsys):
    _fill(url, tiny, 6, tmp_path)
    for args in ((), ("--json",)):
        _, out, err = _run(monkeypatch, url, capsys, *args)
        assert not any(name in out or name in err for name in NAMES)
        assert "Constabulary" not in out
    code, out, _ = _run(monkeypatch, url, capsys, "--organisation", NAMES[2], "--json")
    assert code == 0
    found = json.loads(out)
    assert found["organisation"]["name"] == NAMES[2]
    assert not any(name in out for name in NAMES if name != NAMES[2])
    gov = next(p for p in found["organisation"]["pillars"] if p["pillar"] == "gov")
    # its latest gov-policy is "approved": 100, the highest of all
    assert gov["score"] == 100.0 and gov["place"] == "100.0, above the upper quartile"


def test_an_unknown_organisation_is_bad_input_and_names_no_other(
    url, tiny, tmp_path, monkeypatch, capsys
):
    _fill(url, tiny, 5, tmp_path)
    code, out, err = _run(monkeypatch, url, capsys, "--organisation", "Nowhere Police")
    assert code == 2 and out == ""
    assert "--organisation" in err and "Nowhere Police" in err
    assert not any(name in err for name in NAMES)
    code, _, err = _run(monkeypatch, url, capsys, "--model", "no-such-model")
    assert code == 2 and "no-such-model" in err


def test_a_workshop_counts_once_per_group_with_its_groups_aggregated_scores(
    url, tiny, monkeypatch, capsys
):
    model, text = tiny
    with Store(url) as store:
        for n, name in enumerate(NAMES[:5]):
            codes = store.create_workshop(model, text, name, "Workshop")
            workshop = store.workshop_by_facilitator(codes.facilitator)
            assert workshop is not None
            for person, (group, answer) in enumerate(
                (("leadership", "approved"), ("leadership", OPTIONS[n % 3]), ("frontline", "none"))
            ):
                joined = store.join_workshop(codes.join, f"P{person}", group)
                store.save_answer(joined, "gov-policy", answer)
            store.close_workshop(workshop.id)
    code, out, _ = _run(monkeypatch, url, capsys, "--json")
    assert code == 0
    gov = next(r for r in json.loads(out)["pillars"] if r["pillar"] == "gov")
    # each workshop's leadership score is the median of its two leaders: (100 + x) / 2
    leaders = [(100 + 50 * (n % 3)) / 2 for n in range(5)]
    lower, median, upper = statistics.quantiles(leaders, n=4, method="inclusive")
    assert gov["by_group"]["leadership"] == {
        "organisations": 5,
        "median": median,
        "lower_quartile": lower,
        "upper_quartile": upper,
    }
    assert gov["by_group"]["frontline"]["median"] == 0.0
    assert "unspecified" not in gov["by_group"]
