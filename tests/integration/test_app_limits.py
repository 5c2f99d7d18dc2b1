"""The app's limits come from questionnaire.limits and are checked on the server.

Uploads: a model over ``FILE_BYTES`` is refused with the one over-limit wording, and a
hostile model (10,000 unknown keys, the adversarial run's D3 file) comes back with a plain,
located list of problems. Text boxes: each stops typing at its limit from the limits module,
and a value longer than that (sent past the browser) is refused, not saved.
"""

from __future__ import annotations

from test_app_model import upload
from test_app_results import finished
from test_app_support import app_env, new_app, start

from questionnaire import limits
from store.repository import Store
from ui.details import over_limits

__all__ = ["app_env"]


def problems_shown(at) -> str:
    return "\n".join(c.value for c in at.code)


def test_an_upload_over_the_file_limit_is_refused_with_the_limit(app_env):
    at = new_app(page="model")
    raw = b"id: x\n" + b"#" * limits.FILE_BYTES
    upload(at, "big.yaml", raw)
    assert not at.exception
    assert any("refused" in e.value for e in at.error)
    expected = limits.too_long("file", len(raw), limits.FILE_BYTES, "bytes")
    assert problems_shown(at) == f"big.yaml: {expected}"


def test_a_model_of_ten_thousand_unknown_keys_comes_back_with_a_plain_message(app_env):
    raw = ("id: x\n" + "".join(f"k{i}: 1\n" for i in range(10_000))).encode()
    at = new_app(page="model")
    upload(at, "keys.yaml", raw)
    assert not at.exception
    assert any("refused" in e.value for e in at.error), "the model is refused"
    shown = problems_shown(at)
    assert shown.startswith("keys.yaml:"), "each problem names the file"
    assert "Traceback" not in shown
    assert len(shown.splitlines()) <= limits.PROBLEMS_SHOWN + 1, "the list is capped"


def test_the_text_boxes_stop_at_the_limits(app_env):
    at = new_app()
    boxes = {t.key: t.max_chars for t in at.text_input}
    for key in ("start-organisation", "start-name", "start-role"):
        assert boxes[key] == limits.RESPONDENT_CHARS


def test_a_name_sent_past_the_browser_is_never_stored_over_the_limit(app_env):
    at = new_app()
    at.text_input(key="start-organisation").input("Heddlu Prawf")
    # set_value, unlike input, skips the box's max_chars: a value sent past the browser.
    # Streamlit's server cuts a text box's value to its max_chars, so the limit holds.
    at.text_input(key="start-name").set_value("n" * (limits.RESPONDENT_CHARS + 1))
    code = start(at)
    with Store(app_env) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.respondent is not None
    assert draft.respondent.name == "n" * limits.RESPONDENT_CHARS


def test_a_typed_group_over_the_limit_is_refused_with_the_limit():
    # A select box that takes new options has no max_chars: the app checks the length itself.
    # (AppTest cannot type a new option, so the check is called as the form calls it.)
    long = "g" * (limits.RESPONDENT_CHARS + 1)
    refusal = over_limits("Heddlu Prawf", None, None, long)
    assert refusal is not None
    assert limits.too_long("Your group", len(long), limits.RESPONDENT_CHARS) in refusal
    assert (
        over_limits("Heddlu Prawf", "Siân", "Head of Digital", "g" * limits.RESPONDENT_CHARS)
        is None
    )


def test_the_note_and_evidence_boxes_stop_at_their_limits(app_env):
    at = new_app()
    at.text_input(key="start-organisation").input("Heddlu Prawf")
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    assert at.text_area, "a questionnaire page with notes"
    limit = {"note": limits.NOTE_CHARS, "evidence": limits.EVIDENCE_CHARS}
    assert {t.key.split("-")[0] for t in at.text_area} == set(limit)
    assert all(t.max_chars == limit[t.key.split("-")[0]] for t in at.text_area)


def test_the_report_options_stop_at_the_limits(app_env):
    at, _ = finished()
    inputs = {t.key: t.max_chars for t in at.text_input}
    assert inputs["results-options-prepared-by"] == limits.OPTION_CHARS
    assert inputs["results-options-marking"] == limits.OPTION_CHARS
    areas = {t.key: t.max_chars for t in at.text_area}
    assert areas["results-options-commentary"] == limits.COMMENTARY_CHARS
