"""The bundled policing model: it loads, its ids are stable, its content follows the house rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.markdown import md_escape, render_markdown
from questionnaire.schema import Model
from reports.content import build_content
from reports.content.model import BulletList, Heading
from scoring.compare import compare
from scoring.engine import score

ROOT = Path(__file__).resolve().parents[2]
IDS_FILE = DEFAULT_MODEL.with_name("policing-ai.ids.txt")
ARCHIVE = DEFAULT_MODEL.parent / "archive"
DOCS_FILE = ROOT / "docs" / "policing-model.md"
EXAMPLES = ROOT / "examples"
MAX_QUESTION_WORDS = 35
MAX_EVIDENCE_ITEMS = 3
# Capitalised words every reader knows, or names spelled out where they are used; any other
# abbreviation in the model's text must be explained in its glossary.
PLAIN_WORDS = {"AI", "IT", "UK", "HM"}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(DEFAULT_MODEL)


def ids_file_entries() -> list[list[str]]:
    lines = IDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def committed_ids() -> list[str]:
    return [" ".join(e) for e in ids_file_entries() if e[0] in ("pillar", "question")]


def replaced_entries() -> list[tuple[str, str, str, str]]:
    """(pillar, old id, new id, version) for every `replaced` line."""
    return [(e[1], e[2], e[3], e[4]) for e in ids_file_entries() if e[0] == "replaced"]


def retired_entries() -> list[tuple[str, str, str]]:
    """(pillar, id, version) for every `retired` line."""
    return [(e[1], e[2], e[3]) for e in ids_file_entries() if e[0] == "retired"]


def model_ids(model: Model) -> list[str]:
    ids = []
    for pillar in model.pillars:
        ids.append(f"pillar {pillar.id}")
        ids += [f"question {pillar.id} {question.id}" for question in pillar.questions]
    return ids


def archived_models() -> list[Model]:
    return [load_model(path) for path in sorted(ARCHIVE.glob("policing-ai-*.yaml"))]


def test_bundled_model_loads(model: Model):
    assert model.id == "policing-ai"
    assert model.version == "1.1.0"
    assert [p.id for p in model.pillars] == [
        "strategy",
        "governance",
        "data",
        "technology",
        "expertise",
        "culture",
    ]
    assert len(model.questions()) == 36


def test_ids_file_has_only_known_kinds_of_line():
    shapes = {"pillar": 2, "question": 3, "replaced": 5, "retired": 4}
    bad = [" ".join(e) for e in ids_file_entries() if shapes.get(e[0]) != len(e)]
    assert not bad, f"lines of {IDS_FILE.name} that are not one of {sorted(shapes)}: {bad}"


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


def test_every_replaces_key_is_recorded_in_the_ids_file_and_the_other_way_round(model: Model):
    in_model = {
        (pillar.id, old, question.id)
        for pillar, question in model.questions()
        for old in question.replaced_ids
    }
    in_file = {(pillar, old, new) for pillar, old, new, _ in replaced_entries()}
    assert in_model == in_file, (
        f"`replaces:` in the model and `replaced` lines in {IDS_FILE.name} differ: "
        f"only in the model {sorted(in_model - in_file)}, only in the file {sorted(in_file - in_model)}"
    )


def test_retired_and_replaced_ids_are_never_reused(model: Model):
    current = set(model.question_ids())
    gone = [i for _, i, _ in retired_entries()] + [old for _, old, _, _ in replaced_entries()]
    assert not [i for i in gone if i in current], "a retired or replaced id is used again"
    retired = {i for _, i, _ in retired_entries()}
    reused = [q.id for _, q in model.questions() if retired & set(q.replaced_ids)]
    assert not reused, f"questions claiming to replace a retired id: {reused}"
    assert len(gone) == len(set(gone)), "an id is retired or replaced twice"


def test_every_archived_id_is_kept_replaced_or_retired(model: Model):
    archived = archived_models()
    assert archived, f"no archived model in {ARCHIVE}"
    current = set(model.question_ids())
    replaced = {old for _, old, _, _ in replaced_entries()}
    retired = {i for _, i, _ in retired_entries()}
    for old_model in archived:
        lost = [i for i in old_model.question_ids() if i not in current | replaced | retired]
        assert not lost, (
            f"ids of {old_model.version} neither in the model, replaced nor retired: {lost}"
        )
        assert {p.id for p in old_model.pillars} <= {p.id for p in model.pillars}


def test_the_archived_1_0_0_model_is_the_one_that_was_released():
    old = load_model(ARCHIVE / "policing-ai-1.0.0.yaml")
    assert (old.id, old.version, len(old.questions())) == ("policing-ai", "1.0.0", 30)


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


def test_every_question_lists_one_to_three_evidence_prompts(model: Model):
    bad = {
        q.id: len(q.evidence)
        for _, q in model.questions()
        if not 1 <= len(q.evidence) <= MAX_EVIDENCE_ITEMS
    }
    assert not bad, f"questions without 1 to {MAX_EVIDENCE_ITEMS} evidence prompts: {bad}"


def test_every_next_step_names_its_owner(model: Model):
    options = [
        f"{q.id}.{o.id}"
        for _, q in model.questions()
        for o in q.options
        if o.step is not None and not o.step.owner
    ]
    pillars = [f"{p.id} {s.levels}" for p in model.pillars for s in p.next_steps if not s.owner]
    assert not options and not pillars, f"next steps without an owner: {options + pillars}"


def test_every_question_cites_a_source_the_model_lists(model: Model):
    listed = {s.id for s in model.sources}
    assert [q.id for _, q in model.questions() if not q.sources] == []
    cited = {i for _, q in model.questions() for i in q.sources}
    cited |= {i for _, q in model.questions() for o in q.options for i in o.sources}
    cited |= {i for p in model.pillars for s in p.next_steps for i in s.sources}
    assert cited <= listed
    assert listed <= cited, f"sources listed but never cited: {sorted(listed - cited)}"


def test_sources_are_not_hosted_copies_of_college_pages(model: Model):
    # The College of Policing's pages are cited at college.police.uk, not its hosting address.
    hosted = [s.id for s in model.sources if s.url and "copweb" in s.url]
    assert hosted == []


def test_top_answers_do_not_make_sharing_with_other_forces_the_bar(model: Model):
    tops = {q.id: max(q.options, key=lambda o: o.score) for _, q in model.questions()}
    sharing = [qid for qid, o in tops.items() if "other forces" in o.label.lower()]
    assert sharing == []


def test_no_answer_calls_on_premise_legacy(model: Model):
    assert [
        f"{q.id}.{o.id}"
        for _, q in model.questions()
        for o in q.options
        if "legacy" in o.label.lower()
    ] == []


def _model_texts(model: Model) -> list[str]:
    texts = [model.description]
    for pillar in model.pillars:
        texts += [pillar.name, pillar.description] + [s.text for s in pillar.next_steps]
        for question in pillar.questions:
            texts += [question.text, question.help or "", *question.evidence]
            for option in question.options:
                texts.append(option.label)
                if option.step is not None:
                    texts.append(option.step.text)
    return texts


def test_every_abbreviation_is_explained_in_the_glossary(model: Model):
    words = {w for t in _model_texts(model) for w in re.findall(r"\b[A-Z][\w&]*[A-Z][\w&]*\b", t)}
    explained = {word for term in model.glossary for word in term.term.split()}
    unexplained = sorted(
        w for w in words if w not in PLAIN_WORDS and w.removesuffix("s") not in explained
    )
    assert unexplained == [], f"abbreviations missing from the glossary: {unexplained}"


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
        ("force-strong-no-dpia", 2, True),
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


def test_the_strong_force_without_dpias_is_held_back_by_the_dpia_critical_control(model: Model):
    responses = load_responses(EXAMPLES / "force-strong-no-dpia.yaml", model)
    result = score(model, responses)
    assert result.overall.uncapped_level == 4
    assert [f.kind for f in result.flags if f.kind == "critical"] == ["critical"]
    assert all(p.level is not None and p.level >= 3 for p in result.pillars)


def test_the_1_0_0_example_still_scores_against_the_archived_model():
    old = load_model(ARCHIVE / "policing-ai-1.0.0.yaml")
    responses = load_responses(EXAMPLES / "1.0.0" / "force-middle.yaml", old)
    assert set(responses.answers) == set(old.question_ids())
    assert score(old, responses).overall.level == 3


def test_the_1_1_0_re_answer_compares_renamed_questions_as_renamed(model: Model):
    old = load_model(ARCHIVE / "policing-ai-1.0.0.yaml")
    earlier = score(old, load_responses(EXAMPLES / "1.0.0" / "force-middle.yaml", old))
    later = score(model, load_responses(EXAMPLES / "force-middle.yaml", model))
    comparison = compare(earlier, later)
    renamed = {(q.earlier_id, q.later_id) for q in comparison.renamed}
    assert renamed == {(old_id, new_id) for _, old_id, new_id, _ in replaced_entries()}
    assert set(comparison.removed) == {i for _, i, _ in retired_entries()}


def test_the_report_names_replaced_and_reworded_questions_as_such(model: Model):
    old = load_model(ARCHIVE / "policing-ai-1.0.0.yaml")
    earlier = score(old, load_responses(EXAMPLES / "1.0.0" / "force-middle.yaml", old))
    later = score(model, load_responses(EXAMPLES / "force-middle.yaml", model))
    report = build_content(later, [earlier])
    section = report.section("change")
    assert section is not None
    lists: dict[str, list[str]] = {}
    heading = ""
    for block in section.blocks:
        if isinstance(block, Heading):
            heading = "".join(s.text for s in block.text)
        elif isinstance(block, BulletList):
            lists[heading] = ["".join(s.text for s in item).split("\n")[0] for item in block.items]
    replaced = next(v for k, v in lists.items() if k.startswith("Questions that replace"))
    reworded = next(v for k, v in lists.items() if k.startswith("Questions reworded"))
    removed = next(v for k, v in lists.items() if k.startswith("Questions removed"))
    comparison = compare(earlier, later)
    assert replaced == [model.question(q.later_id).text for q in comparison.renamed]  # type: ignore[union-attr]
    assert not set(replaced) & set(reworded)
    assert removed == [old.question(q).text for q in comparison.removed]  # type: ignore[union-attr]
