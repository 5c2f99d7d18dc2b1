"""The bundled policing model: it loads, its ids are stable, its content follows the house rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.markdown import md_escape, render_markdown
from questionnaire.schema import Model
from scoring.engine import score

ROOT = Path(__file__).resolve().parents[2]
IDS_FILE = DEFAULT_MODEL.with_name("policing-ai.ids.txt")
DOCS_FILE = ROOT / "docs" / "policing-model.md"
EXAMPLES = ROOT / "examples"
MAX_QUESTION_WORDS = 35


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(DEFAULT_MODEL)


def committed_ids() -> list[str]:
    lines = IDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def model_ids(model: Model) -> list[str]:
    ids = []
    for pillar in model.pillars:
        ids.append(f"pillar {pillar.id}")
        ids += [f"question {pillar.id} {question.id}" for question in pillar.questions]
    return ids


def test_bundled_model_loads(model: Model):
    assert model.id == "policing-ai"
    assert [p.id for p in model.pillars] == [
        "strategy",
        "governance",
        "data",
        "technology",
        "expertise",
        "culture",
    ]
    assert len(model.questions()) == 30


def test_ids_match_the_committed_list(model: Model):
    committed, current = committed_ids(), model_ids(model)
    missing = [i for i in committed if i not in current]
    added = [i for i in current if i not in committed]
    assert current == committed, (
        f"The model's ids differ from {IDS_FILE.name}.\n"
        f"  in the list but not the model: {missing}\n"
        f"  in the model but not the list: {added}\n"
        "Ids are what stored assessments join on. Removing or renaming one must be deliberate: "
        "a renamed question must carry `replaces: <old-id>` in the model so history still "
        f"joins up, and {IDS_FILE.name} must be updated in the same change."
    )


def test_every_option_but_the_top_one_has_a_next_step(model: Model):
    missing = []
    for _, question in model.questions():
        top = max(option.score for option in question.options)
        missing += [
            f"{question.id}.{option.id}"
            for option in question.options
            if option.score < top and not option.next_step
        ]
    assert not missing, f"options without a next_step: {missing}"


def test_every_pillar_has_next_steps_for_every_level(model: Model):
    levels = {level.level for level in model.scale.levels}
    for pillar in model.pillars:
        covered = {number for step in pillar.next_steps for number in step.levels}
        assert covered >= levels, f"{pillar.id} has no next step for levels {levels - covered}"


def test_no_two_questions_share_text(model: Model):
    seen: dict[str, str] = {}
    for _, question in model.questions():
        key = " ".join(question.text.lower().split())
        assert key not in seen, f"{question.id} repeats the text of {seen[key]}"
        seen[key] = question.id


def test_question_texts_are_at_most_35_words(model: Model):
    long = {q.id: len(q.text.split()) for _, q in model.questions()}
    too_long = {qid: n for qid, n in long.items() if n > MAX_QUESTION_WORDS}
    assert not too_long, f"questions over {MAX_QUESTION_WORDS} words: {too_long}"


def test_every_question_has_help(model: Model):
    assert [q.id for _, q in model.questions() if not q.help] == []


def test_first_line_is_the_yaml_language_server_modeline():
    first = DEFAULT_MODEL.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/model.schema.json"


def test_docs_match_the_model(model: Model):
    assert DOCS_FILE.read_text(encoding="utf-8") == render_markdown(model), (
        f"{DOCS_FILE.relative_to(ROOT)} is out of date with the model; "
        "regenerate it with `maturity docs`"
    )


def test_md_escape_escapes_a_pipe_and_a_newline():
    escaped = md_escape("a | b\nc")
    assert "\n" not in escaped
    assert "\\|" in escaped
    assert escaped.replace("\\|", "").count("|") == 0


def test_markdown_is_deterministic(model: Model):
    assert render_markdown(model) == render_markdown(load_model(DEFAULT_MODEL))


@pytest.mark.parametrize(
    ("name", "level", "capped"),
    [
        ("force-early", 2, False),
        ("force-middle", 3, False),
        ("force-leading-weak-governance", 3, True),
    ],
)
def test_example_responses_score_at_their_named_level(
    model: Model, name: str, level: int, capped: bool
):
    responses = load_responses(EXAMPLES / f"{name}.yaml", model)
    assert set(responses.answers) == {q.id for _, q in model.questions()}
    result = score(model, responses)
    assert result.overall.level == level
    assert result.overall.capped is capped
