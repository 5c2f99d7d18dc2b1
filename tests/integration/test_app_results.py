"""The Results page: what the app shows after finishing is what `maturity score` says."""

from __future__ import annotations

import json

from finish_support import finish_now
from test_app_support import (
    answer_pillar,
    app_env,
    current_model,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

import cli
from questionnaire import limits
from questionnaire.loader import responses_from_text
from reports.content import build_content
from reports.content.model import BulletList, Callout, Group, plain
from scoring import score
from store.repository import Store
from ui.downloads import responses_json
from ui.pages import pillar_paths
from ui.text import md_span

__all__ = ["app_env"]


def finished(seed_offset: int = 0, **details: str):
    """An app session that has answered every question and finished; (AppTest, code)."""
    at = new_app()
    code = start(at, **details)
    model = current_model(at)
    paths = pillar_paths(model)
    for seed, pillar in enumerate(model.pillars):
        open_page(at, paths[pillar.id])
        answer_pillar(at, model, pillar.id, seed=seed + seed_offset)
    last = model.pillars[-1]
    at.selectbox(key=f"target-{last.id}").set_value(model.scale.levels[-1].level).run()
    open_page(at, "finish")
    finish_now(at)
    no_problems(at)
    return at, code


def test_results_page_without_an_assessment_says_what_to_do(app_env):
    at = new_app(page="results")
    no_problems(at)
    # Without an open assessment the Results page is not in the menu: the start page shows.
    assert title(at)


def test_results_before_finishing_are_a_draft_that_points_to_the_check(app_env):
    at = new_app()
    start(at)
    open_page(at, "results")
    no_problems(at)
    assert at.header[0].value.endswith("Draft: not finished")
    assert any(link.label == "Check and finish" for link in at.get("page_link"))


def test_finishing_shows_the_results_maturity_score_gives_for_the_same_answers(
    app_env, tmp_path, capsys
):
    at, code = finished(name="Siân Jones", role="Head of Digital")
    assert title(at) == "Results"
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None
    stored = draft.responses()
    assert at.session_state["current"].responses() == stored

    answers = tmp_path / "answers.json"
    answers.write_text(responses_json(stored), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["score", str(answers), "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)

    overall = expected["overall"]
    assert at.subheader[0].value == md_span(f"Level {overall['level']}: {overall['level_name']}")
    shown = "\n".join(m.value for m in at.markdown)
    assert f"scores **{overall['score']:.1f}** out of 100 overall" in shown
    table = at.table[0].value  # the summary chart's figures
    assert list(table["Pillar"]) == [md_span(p["name"]) for p in expected["pillars"]]
    assert list(table["Score"]) == [
        "–" if p["score"] is None else f"{p['score']:.1f}" for p in expected["pillars"]
    ]
    assert [t.split(" ")[0] for t in table["Target"]] == [
        str(p["target_level"]) for p in expected["pillars"]
    ]
    # Every strength and priority is named on the page: in the text, or as the heading of
    # its judgement or its actions.
    named = shown + "\n" + "\n".join(h.value for h in at.subheader)
    names = {p["id"]: p["name"] for p in expected["pillars"]}
    for finding in expected["strengths"] + expected["priorities"]:
        assert md_span(names[finding["pillar"]]) in named
    assert len(at.get("plotly_chart")) == 1  # the pillar bars against their targets


def test_the_results_page_shows_the_issues_and_actions_of_the_report_in_order(app_env):
    at, _ = finished(seed_offset=3)
    cur = at.session_state["current"]
    report = build_content(score(cur.model, cur.responses()))
    actions = report.section("actions")
    assert actions is not None
    steps = [plain(item).split("\n")[0] for b in _lists(actions.blocks) for item in b.items]
    assert steps, "the report has no actions to compare"
    shown = "\n".join(m.value for m in at.markdown)
    at_ = 0
    for step in steps:
        found = shown.find(md_span(step), at_)
        assert found >= 0, f"{step!r} not shown, or out of order"
        at_ = found
    headings = [h.value for h in [*at.header, *at.subheader]]
    assert md_span("Issues for the chief officer group") in headings, headings


def _lists(blocks):  # type: ignore[no-untyped-def]
    for b in blocks:
        if isinstance(b, BulletList):
            yield b
        elif isinstance(b, Group | Callout):
            yield from _lists(b.blocks)


def test_the_answers_download_is_a_responses_file_maturity_score_reads(app_env):
    at, _ = finished()
    labels = [b.label for b in at.download_button]
    assert labels == [
        "Download the PDF report",
        "Download the HTML report",
        "Download the Word file",
        "Download the answers (JSON)",
        "Download the action plan (CSV)",
        "Download the action plan (Markdown)",
    ]
    cur = at.session_state["current"]
    again = responses_from_text(responses_json(cur.responses()), cur.model, "download.json")
    assert again == cur.responses()


def test_a_rerun_of_the_results_page_is_clean(app_env):
    at, _ = finished()
    at.run()
    no_problems(at)
    assert title(at) == "Results"


def test_report_options_check_the_marking_as_the_command_does(app_env):
    at, _ = finished()
    assert at.text_input(key="results-options-marking").value == "OFFICIAL-SENSITIVE"
    box = at.text_input(key="results-options-marking")
    assert box.max_chars == limits.OPTION_CHARS, "the box stops typing at the limit"
    box.set_value("OFFICIAL\x07").run()  # a control character, as the command refuses
    assert not at.exception
    assert any(f"at most {limits.OPTION_CHARS} characters" in e.value for e in at.error)
    at.text_input(key="results-options-marking").set_value("OFFICIAL").run()
    assert not at.error
