"""Nothing in the app assumes six pillars or five levels: whole runs on other models."""

from __future__ import annotations

import json

import pytest
import yaml
from finish_support import finish_now
from test_app_support import (
    FIXTURES,
    answer_pillar,
    app_env,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

import cli
from questionnaire.loader import load_model
from ui.downloads import responses_json
from ui.pages import pillar_paths
from ui.text import md_escape, md_span

__all__ = ["app_env"]


@pytest.mark.parametrize("name", ["tiny-model.yaml", "four-pillar-model.yaml"])
def test_a_whole_assessment_on_another_model_matches_maturity_score(
    app_env, monkeypatch, tmp_path, capsys, name
):
    path = FIXTURES / name
    monkeypatch.setenv("MATURITY_MODEL", str(path))
    model = load_model(path)
    at = new_app()
    start(at)
    for seed, pillar in enumerate(model.pillars):
        assert title(at) == md_escape(pillar.name)
        levels = at.selectbox(key=f"target-{pillar.id}").options
        assert len(levels) == len(model.scale.levels)
        answer_pillar(at, model, pillar.id, seed=seed)
        at.button(key="next").click().run()
        no_problems(at)
    assert title(at) == "Check and finish"
    finish_now(at)
    no_problems(at)

    answers = tmp_path / "answers.json"
    answers.write_text(responses_json(at.session_state["current"].responses()), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["score", str(answers), "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    table = at.table[0].value
    assert list(table["Score"]) == [
        "–" if p["score"] is None else f"{p['score']:.1f}" for p in expected["pillars"]
    ]
    overall = expected["overall"]
    if overall["level"] is not None:
        assert at.subheader[0].value == md_span(
            f"Level {overall['level']}: {overall['level_name']}"
        )


def test_pillars_whose_ids_are_page_names_get_pages_of_their_own(app_env, monkeypatch, tmp_path):
    data = yaml.safe_load((FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8"))
    renames = {"gov": "results", "data": "history"}
    for pillar in data["pillars"]:
        pillar["id"] = renames[pillar["id"]]
    for rule in data["rules"]:
        for key in ("pillar", "ahead", "behind"):
            if key in rule:
                rule[key] = renames[rule[key]]
    path = tmp_path / "clashing.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    model = load_model(path)
    paths = pillar_paths(model)
    assert paths == {"results": "pillar-results", "history": "pillar-history"}

    monkeypatch.setenv("MATURITY_MODEL", str(path))
    at = new_app()
    start(at)
    assert title(at) == md_escape(model.pillars[0].name)
    at.button(key="next").click().run()
    assert title(at) == md_escape(model.pillars[1].name)
    open_page(at, "results")
    assert title(at) == "Results"
    open_page(at, "pillar-history")
    assert title(at) == md_escape(model.pillars[1].name)
