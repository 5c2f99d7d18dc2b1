"""Evidence in the app (issue 15): each question's evidence prompts, an evidence box saved as
it is given and there again in a new session, hostile text kept as text, and the action plan
offered as CSV and Markdown on the Results page (marked DRAFT for a draft).

The model is the tiny fixture model with evidence prompts and owners added here, so nothing
depends on the bundled model's wording.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
import streamlit
import yaml
from finish_support import finish_now
from streamlit.testing.v1 import AppTest
from test_app_hostile_text import assert_nothing_obeyed, markdown_texts
from test_app_support import FIXTURES, app_env, new_app, no_problems, open_page, start, title

from questionnaire import limits
from questionnaire.loader import load_model
from questionnaire.markdown import md_escape as markdown_escape
from questionnaire.schema import Model
from store.repository import Store
from ui.downloads import PLAN_DRAFT_LINE
from ui.pages import pillar_paths
from ui.questionnaire import PROMPTS_HEADING, evidence_label
from ui.text import md_escape

__all__ = ["app_env"]

PROMPTS = ["The DPIA register, with review dates", "Minutes of the board that approved it"]
HOSTILE_PROMPT = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> $x^2$ # heading"
HOSTILE = '=HYPERLINK("http://evil.example") [link](javascript:alert(1)) <script>x</script>'
ORGANISATION = "=[Heddlu](javascript:alert(1)) Prawf"
FORMULA_STEP = "=cmd|' /C calc'!A0 Write a policy"


@pytest.fixture
def model(app_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Model:
    """The tiny model with evidence prompts on its first question (one of them hostile), none
    on the second, and a next step with a formula and an owner (for the action plan)."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "tiny-model.yaml").read_text("utf-8"))
    first = data["pillars"][0]["questions"][0]
    first["evidence"] = [*PROMPTS, HOSTILE_PROMPT]
    first["options"][0]["next_step"] = {"text": FORMULA_STEP, "owner": "@SIRO"}
    path = tmp_path / "evidence-model.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("MATURITY_MODEL", str(path))
    return load_model(path)


def stored_evidence(url: str, code: str) -> dict[str, str]:
    with Store(url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return dict(draft.evidence)


def test_the_prompts_are_shown_beside_their_question_and_only_where_the_model_gives_them(
    model: Model,
):
    at = new_app()
    start(at)
    first, second = model.pillars[0].questions[:2]
    lists = [m.value for m in at.markdown if m.value.startswith(PROMPTS_HEADING)]
    assert lists == [
        f"{PROMPTS_HEADING}:\n\n" + "\n".join(f"- {md_escape(p)}" for p in first.evidence)
    ]
    # Every question has its own evidence box, numbered, held to the evidence limit.
    for number, question in enumerate(model.pillars[0].questions, start=1):
        box = at.text_area(key=f"evidence-{question.id}")
        assert box.label == evidence_label(f"1.{number}")
        assert box.max_chars == limits.EVIDENCE_CHARS
        assert box.value == ""
    assert at.text_area(key=f"evidence-{second.id}").label.startswith("Evidence for question 1.2")


def test_evidence_is_saved_as_given_and_is_there_in_a_new_session(model: Model, app_env: str):
    at = new_app()
    code = start(at)
    first = model.pillars[0].questions[0]
    at.text_area(key=f"evidence-{first.id}").input("  DPIA register, reviewed October  ").run()
    no_problems(at)
    assert stored_evidence(app_env, code) == {first.id: "DPIA register, reviewed October"}
    assert at.session_state["current"].evidence == {first.id: "DPIA register, reviewed October"}
    assert "answer-" + first.id in at.session_state  # the answer is untouched (None)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.answers == {}

    again = new_app({"resume": code})  # a refresh, a closed tab or a restarted server
    no_problems(again)
    open_page(again, pillar_paths(model)[model.pillars[0].id])
    assert again.text_area(key=f"evidence-{first.id}").value == "DPIA register, reviewed October"

    again.text_area(key=f"evidence-{first.id}").input("   ").run()  # a blank box clears it
    no_problems(again)
    assert stored_evidence(app_env, code) == {}


def test_hostile_prompts_and_evidence_stay_text(model: Model, app_env: str):
    at = new_app()
    code = start(at)
    first = model.pillars[0].questions[0]
    texts = markdown_texts(at)
    assert_nothing_obeyed(texts)
    assert any(md_escape(HOSTILE_PROMPT) in t for t in texts)
    at.text_area(key=f"evidence-{first.id}").input(HOSTILE).run()
    no_problems(at)
    assert stored_evidence(app_env, code) == {first.id: HOSTILE}
    assert at.text_area(key=f"evidence-{first.id}").value == HOSTILE
    assert_nothing_obeyed(markdown_texts(at))


def test_evidence_the_store_refuses_is_undone_and_the_person_is_told(model: Model, app_env: str):
    at = new_app()
    code = start(at)
    first = model.pillars[0].questions[0]
    at.text_area(key=f"evidence-{first.id}").input("kept").run()
    at.text_area(key=f"evidence-{first.id}").input("bell\x07here").run()
    assert not at.exception
    assert any("control character" in e.value and "undone" in e.value for e in at.error)
    assert at.text_area(key=f"evidence-{first.id}").value == "kept"
    # Past the limit (a browser enforces max_chars; a forged request does not).
    at.text_area(key=f"evidence-{first.id}").input("x" * (limits.EVIDENCE_CHARS + 1)).run()
    assert not at.exception
    assert at.text_area(key=f"evidence-{first.id}").value == "kept"
    assert stored_evidence(app_env, code) == {first.id: "kept"}


class Offered:
    """Every ``st.download_button`` the page drew this run: key -> (file name, data)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: dict[str, tuple[str, bytes]] = {}
        real = streamlit.download_button

        def spy(label: str, data: Any, file_name: str | None = None, **kwargs: Any) -> Any:
            raw = data.encode("utf-8") if isinstance(data, str) else data
            self.files[str(kwargs.get("key"))] = (str(file_name), raw)
            return real(label, data, file_name=file_name, **kwargs)

        monkeypatch.setattr(streamlit, "download_button", spy)


def answered_lowest(at: AppTest, model: Model, organisation: str) -> str:
    """Start, and answer every question with its lowest option; returns the resume code."""
    code = start(at, organisation=organisation)
    paths = pillar_paths(model)
    for pillar in model.pillars:
        open_page(at, paths[pillar.id])
        for question in pillar.questions:
            at.radio(key=f"answer-{question.id}").set_value(question.options[0].id)
        at.run()
        no_problems(at)
    return code


def plan_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "a byte order mark, so a spreadsheet reads UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_results_offer_the_action_plan_as_csv_and_markdown_with_neutralised_cells(
    model: Model, monkeypatch: pytest.MonkeyPatch
):
    offered = Offered(monkeypatch)
    at = new_app()
    answered_lowest(at, model, ORGANISATION)
    open_page(at, "finish")
    finish_now(at)
    no_problems(at)
    assert title(at) == "Results"
    labels = [b.label for b in at.download_button]
    assert labels[-2:] == [
        "Download the action plan (CSV)",
        "Download the action plan (Markdown)",
    ]
    name, data = offered.files["download-plan-csv"]
    assert name.endswith("-action-plan.csv") and "draft" not in name
    rows = plan_rows(data)
    assert rows and list(rows[0])[:3] == ["rank", "pillar", "pillar_name"]
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r")]
    step = next(row for row in rows if FORMULA_STEP in row["text"])
    assert step["text"] == "'" + FORMULA_STEP and step["owner"] == "'@SIRO"
    md_name, markdown = offered.files["download-plan-md"]
    assert md_name == name.removesuffix(".csv") + ".md"
    text = markdown.decode("utf-8")
    assert text.startswith("# Action plan: " + markdown_escape(ORGANISATION) + "\n")
    assert not re.search(r"(?<!\\)\]\(", text), "no Markdown link survives"
    assert PLAN_DRAFT_LINE not in text


def test_a_draft_preview_offers_the_action_plan_marked_draft(
    model: Model, monkeypatch: pytest.MonkeyPatch
):
    offered = Offered(monkeypatch)
    at = new_app()
    answered_lowest(at, model, "Heddlu Prawf")
    open_page(at, "results")
    no_problems(at)
    csv_name, data = offered.files["draft-plan-csv"]
    md_name, markdown = offered.files["draft-plan-md"]
    assert csv_name.endswith("-draft-action-plan.csv") and md_name.endswith("-draft-action-plan.md")
    assert plan_rows(data), "the draft's plan has its steps"
    assert markdown.decode("utf-8").startswith(PLAN_DRAFT_LINE + "\n\n# Action plan: ")
    assert any("action plan are named as a draft" in c.value for c in at.caption)


def test_an_action_plan_that_cannot_be_made_is_said_and_the_other_downloads_stay(
    model: Model, monkeypatch: pytest.MonkeyPatch
):
    import reports.plan

    def refuse(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("no plan today")

    at = new_app()
    answered_lowest(at, model, "Heddlu Prawf")
    open_page(at, "finish")
    finish_now(at)
    monkeypatch.setattr(reports.plan, "plan_csv", refuse)
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("The action plan (CSV) could not be made" in e for e in errors), errors
    assert not any("RuntimeError" in e or "no plan today" in e for e in errors), errors
    labels = [b.label for b in at.download_button]
    assert "Download the action plan (Markdown)" in labels
    assert "Download the action plan (CSV)" not in labels
    assert "Download the PDF report" in labels
