"""Evidence is saved as it is typed, by the notes' own mechanism (issue 15; ui/client.py).

A person types evidence and reloads at once, never leaving the box: the evidence is there
after the reload, and in the store. The pillar page, with a question's evidence prompts and
its evidence box, passes axe-core (WCAG 2.2 AA, headings in order).

Runs on the two-pillar fixture model with evidence prompts added, so it does not depend on
the bundled model's content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_run import ALSO, axe_path, run_axe
from conftest import skip_or_fail
from playwright.sync_api import expect
from test_browser import AppServer, start_assessment, wait_for_app
from test_focus import TINY, browser_context_args, browser_type_launch_args  # noqa: F401

from questionnaire.loader import load_model
from questionnaire.schema import Model
from store import Store
from ui.questionnaire import PROMPTS_HEADING

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

EVIDENCE = re.compile(r"^Evidence for question 1\.1 ")
PROMPTS = ["The DPIA register, with review dates", "Minutes of the board that approved it"]


def model_file(directory: Path) -> Path:
    """The tiny model with evidence prompts on its first question."""
    data: dict[str, Any] = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data["pillars"][0]["questions"][0]["evidence"] = PROMPTS
    path = directory / "evidence-model.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(name="evidence_model")
def evidence_model_fixture(tmp_path: Path) -> Model:
    return load_model(model_file(tmp_path))


@pytest.fixture(name="server")
def server_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, evidence_model: Model
) -> Iterator[AppServer]:
    monkeypatch.setenv("MATURITY_MODEL", str(tmp_path / "evidence-model.yaml"))
    app = AppServer(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "streamlit.log")
    yield app
    app.stop()


def stored_evidence(server: AppServer, code: str) -> dict[str, str]:
    with Store(server.database_url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return dict(draft.evidence)


def test_evidence_typed_then_reloaded_at_once_is_kept(
    server: AppServer, page: Any, evidence_model: Model
) -> None:
    code = start_assessment(page, server.start(), evidence_model)
    question = evidence_model.pillars[0].questions[0].id
    box = page.get_by_label(EVIDENCE)
    box.click()
    page.keyboard.type("DPIA register, reviewed October")
    page.reload()  # at once: no blur, no pause
    expect(page.locator("h1").first).to_have_text(evidence_model.pillars[0].name, timeout=30000)
    wait_for_app(page)
    expect(page.get_by_label(EVIDENCE)).to_have_value("DPIA register, reviewed October")
    assert stored_evidence(server, code) == {question: "DPIA register, reviewed October"}


def test_the_pillar_page_with_prompts_and_evidence_passes_axe(
    server: AppServer, page: Any, evidence_model: Model
) -> None:
    script = axe_path()
    if not script.is_file():
        skip_or_fail("MATURITY_REQUIRE_BROWSER", f"axe-core not found at {script}")
    start_assessment(page, server.start(), evidence_model)
    prompts = page.locator(".st-key-question-" + evidence_model.pillars[0].questions[0].id)
    expect(prompts.get_by_text(PROMPTS_HEADING)).to_be_visible()
    expect(prompts.get_by_role("listitem")).to_have_text(PROMPTS)
    page.get_by_label(EVIDENCE).fill("Policy v3")
    result = run_axe(page, script, "pillar page with evidence", also=ALSO)
    failing = [
        v
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"
    ]
    assert not failing, json.dumps(failing, indent=1)[:4000]
