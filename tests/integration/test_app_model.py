"""The Model page: the model in use, and custom models checked like `maturity validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_support import (
    FIXTURES,
    app_env,
    current_model,
    model_path,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

from questionnaire.loader import load_model, model_from_text
from questionnaire.yamlio import InputError
from ui.text import md_escape

__all__ = ["app_env"]

FOUR = FIXTURES / "four-pillar-model.yaml"


def upload(at, name: str, raw: bytes):
    """Upload a file on the Model page, as choosing it in the file picker would."""
    at.file_uploader(key="model-upload").set_value((name, raw, "application/x-yaml"))
    return at.run()


def test_model_page_shows_the_model_and_version_in_use(app_env):
    at = new_app(page="model")
    no_problems(at)
    model = load_model(model_path())
    text = "\n".join(m.value for m in at.markdown)
    assert f"`{model.id}`" in text
    assert md_escape(model.version) in text


@pytest.mark.parametrize(
    "broken", sorted((FIXTURES / "broken").glob("*.yaml"))[:6], ids=lambda p: p.name
)
def test_an_invalid_upload_is_refused_with_the_clis_located_errors(app_env, broken: Path):
    at = new_app(page="model")
    raw = broken.read_bytes()
    upload(at, broken.name, raw)
    assert not at.exception
    with pytest.raises(InputError) as refused:
        model_from_text(raw, broken.name)
    expected = "\n".join(str(p) for p in refused.value.problems)
    assert [c.value for c in at.code] == [expected]
    assert any("refused" in e.value for e in at.error)
    # The app keeps running on the model it had: a new assessment still starts with it.
    open_page(at, "")
    start(at)
    assert current_model(at) == load_model(model_path())


def test_a_valid_upload_is_used_for_new_assessments_and_a_resumed_draft_keeps_its_model(app_env):
    at = new_app(page="model")
    upload(at, FOUR.name, FOUR.read_bytes())
    no_problems(at)
    assert any("is a valid model" in s.value for s in at.success)
    at.button(key="model-use").click().run()
    no_problems(at)
    open_page(at, "")
    code = start(at)
    four = load_model(FOUR)
    assert current_model(at) == four
    assert title(at) == md_escape(four.pillars[0].name)

    # A new session resumed from the code answers the model the draft was started with
    # (whatever is chosen for new assessments later: see test_app_model_kept.py).
    again = new_app({"resume": code})
    no_problems(again)
    assert current_model(again) == four


def test_a_broken_configured_model_is_explained_and_nothing_crashes(app_env, monkeypatch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Not A Slug\n", encoding="utf-8")
    monkeypatch.setenv("MATURITY_MODEL", str(bad))
    at = new_app()
    assert not at.exception
    assert any("has problems" in e.value for e in at.error)
    open_page(at, "model")
    assert not at.exception
    assert any(str(bad) in c.value for c in at.code)
