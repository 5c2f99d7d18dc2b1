"""Helpers for the app tests (AppTest): an isolated database, and the moves a person makes.

Every test gets its own SQLite file through ``MATURITY_DATABASE_URL``. The model is the
bundled policing model when it exists, otherwise the tiny fixture model (``MATURITY_MODEL``);
tests that must not depend on the bundled model's shape set ``MATURITY_MODEL`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from questionnaire.loader import DEFAULT_MODEL, load_model
from questionnaire.schema import NA, UNKNOWN, Model
from store.repository import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
APP = str(ROOT / "app.py")
TIMEOUT = 30


def model_path() -> Path:
    """The model the app tests answer: the bundled one, or the tiny fixture without it."""
    return DEFAULT_MODEL if DEFAULT_MODEL.exists() else FIXTURES / "tiny-model.yaml"


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database (its URL is yielded) and the test model, set in the environment."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    if not DEFAULT_MODEL.exists():
        monkeypatch.setenv("MATURITY_MODEL", str(model_path()))
    yield url


def new_app(query: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    """A new browser session (as after a refresh or a closed tab) opened at
    ``/<page>?<query>``, run once."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if query:
        at.query_params.update(query)
    if page is None:
        return at.run()
    return open_page(at, page)


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Go to a page by its URL path, as typing the address would.

    AppTest can only switch to file pages; our pages are functions, whose identity is the
    hash of their URL path (what ``st.Page`` computes), so the test asks for that hash.
    """
    at._page_hash = calc_hash(url_path)
    at.run()
    at._page_hash = ""  # later runs stay where the app's own navigation leads
    return at


def no_problems(at: AppTest) -> None:
    """The page ran without an exception or an error message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def start(at: AppTest, organisation: str = "Heddlu Prawf", **details: str) -> str:
    """Fill in and submit the start form; returns the resume code now in the URL."""
    at.text_input(key="start-organisation").input(organisation)
    for field, value in details.items():
        at.text_input(key=f"start-{field}").input(value)
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    no_problems(at)
    code = at.query_params.get("resume")
    assert code, "starting an assessment puts the resume code in the URL"
    return code if isinstance(code, str) else code[0]


def answer_ids(model: Model, question_id: str) -> list[str]:
    """Every answer a question offers, as ids: its options, ``unknown``, and ``na`` if allowed."""
    question = model.question(question_id)
    assert question is not None
    return [o.id for o in question.options] + [UNKNOWN] + ([NA] if question.allow_na else [])


def choose(at: AppTest, question_id: str, position: int) -> str:
    """Pick the answer at ``position`` (wrapping round) of a question; returns its id."""
    ids = answer_ids(current_model(at), question_id)
    value = ids[position % len(ids)]
    at.radio(key=f"answer-{question_id}").set_value(value).run()
    return value


def answer_pillar(at: AppTest, model: Model, pillar_id: str, seed: int = 0) -> dict[str, str]:
    """Answer every question of the pillar on screen (answers vary with ``seed``)."""
    pillar = model.pillar(pillar_id)
    assert pillar is not None
    chosen = {}
    for n, question in enumerate(pillar.questions):
        ids = answer_ids(model, question.id)
        value = ids[(seed + n) % len(ids)]
        at.radio(key=f"answer-{question.id}").set_value(value)
        chosen[question.id] = value
    at.run()
    no_problems(at)
    return chosen


def current_model(at: AppTest) -> Model:
    """The model of the session's open assessment."""
    return at.session_state["current"].model


def stored_answers(url: str, code: str) -> dict[str, str]:
    """What the database holds for a draft right now."""
    with Store(url) as store:
        draft = store.load_draft(code)
    assert draft is not None
    return dict(draft.answers)


def title(at: AppTest) -> str:
    """The page's title."""
    return at.title[0].value if at.title else ""


def test_the_fallback_model_loads() -> None:
    assert load_model(model_path()).pillars
