""" "Since last time" compares like with like: another organisation's file is refused unless
asked for (and then the page says so), the earlier respondent is named, and moves between
"don't know" and an answer are reported as knowledge gained or lost, not as performance."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from pypdf import PdfReader

from cli import main
from questionnaire.loader import load_model
from questionnaire.schema import Responses
from reports.content import build_content
from reports.content.model import Paragraph, block_text, plain
from scoring import compare, score

MODEL = FIXTURES / "four-pillar-model.yaml"
CURRENT = str(FIXTURES / "four-pillar-responses.yaml")
OTHER = "model: four-pillar\norganisation: Northmoor Constabulary\nanswers: {lead-owner: 'no'}\n"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_previous_assessment_of_another_organisation_is_refused(tmp_path: Path, capsys):
    other = tmp_path / "other.yaml"
    other.write_text(OTHER, encoding="utf-8")
    out = tmp_path / "r.pdf"
    code = main(
        ["report", CURRENT, "--model", str(MODEL), "-o", str(out), "--previous", str(other)]
    )
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert f"{other}: is an assessment of 'Northmoor Constabulary', not of 'Heddlu" in err
    assert "--other-organisation" in err and "Traceback" not in err


def test_with_other_organisation_the_page_says_it_compares_another_organisation(
    tmp_path: Path, capsys
):
    other = tmp_path / "other.yaml"
    other.write_text(OTHER, encoding="utf-8")
    out = tmp_path / "r.pdf"
    argv = ["report", CURRENT, "--model", str(MODEL), "-o", str(out), "--previous", str(other)]
    assert main([*argv, "--other-organisation"]) == 0
    text = squeeze(" ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "with an assessment of Northmoor Constabulary" in text
    assert "another organisation" in text
    assert "the previous assessment" not in text


def test_names_that_differ_only_in_case_and_spacing_are_one_organisation(tmp_path: Path):
    same = tmp_path / "same.yaml"
    same.write_text(
        "model: four-pillar\norganisation: '  heddlu gogledd cymru –  uned ŵ '\n"
        "answers: {lead-owner: 'no'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.pdf"
    assert (
        main(["report", CURRENT, "--model", str(MODEL), "-o", str(out), "--previous", str(same)])
        == 0
    )


@pytest.fixture(scope="module")
def knowledge():
    """The same force twice: one question from "don't know" to an answer, one the other way,
    one changed in practice."""
    model = load_model(MODEL)

    def scored(answers: dict[str, str], name: str):
        return score(
            model,
            Responses.model_validate(
                {
                    "model": "four-pillar",
                    "organisation": "Gwent Police",
                    "respondent": {"name": name, "role": "Head of Digital"},
                    "answers": answers,
                }
            ),
        )

    earlier = scored(
        {"lead-owner": "unknown", "data-quality": "good", "lead-plan": "none"}, "A. Jones"
    )
    later = scored(
        {"lead-owner": "named", "data-quality": "unknown", "lead-plan": "draft"}, "B. Evans"
    )
    return earlier, later


def test_moves_to_and_from_dont_know_are_knowledge_not_performance(knowledge):
    earlier, later = knowledge
    c = compare(earlier, later)
    assert [q.later_id for q in c.knowledge_gained] == ["lead-owner"]
    assert [q.later_id for q in c.knowledge_lost] == ["data-quality"]
    section = build_content(later, [earlier]).section("change")
    assert section is not None
    words = " ".join(plain(b.text) for b in section.blocks if isinstance(b, Paragraph))
    assert (
        "One question answered “don’t know” last time has an answer now (knowledge gained)" in words
    )
    assert "one question answered last time is “don’t know” now (knowledge lost)" in words
    assert (
        "The earlier one was answered by A. Jones, Head of Digital; this one by B. Evans" in words
    )
    # Each changed answer is in the answers appendix, with the earlier answer and the change.
    answers = build_content(later, [earlier]).section("answers")
    assert answers is not None
    lines = [block_text(b) for b in answers.blocks]
    question = load_model(MODEL).question

    def then_line(question_id: str) -> str:
        text = question(question_id).text  # type: ignore[union-attr]
        at = next(i for i, line in enumerate(lines) if text in line)
        return next(line for line in lines[at + 1 :] if line.startswith("Then: "))

    assert then_line("lead-owner").endswith("· knowledge gained")
    assert then_line("data-quality").endswith("· knowledge lost")
    assert "▲" in then_line("lead-plan")


def test_the_pdf_says_knowledge_gained_and_lost(knowledge):
    from reports.pdf import render_pdf

    earlier, later = knowledge
    pdf = render_pdf(build_content(later, [earlier]), invariant=True)
    text = squeeze(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "knowledge gained" in text and "knowledge lost" in text
