"""The optional glossary: a report explains the model's terms it uses, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from questionnaire.loader import load_model, load_responses
from questionnaire.yamlio import InputError
from reports.content import build_content
from reports.content.model import plain

GLOSSARY = """
glossary:
  - {term: SIRO, meaning: "Senior Information Risk Owner: the senior officer accountable for information risk."}
  - {term: DPIA, meaning: Data protection impact assessment}
  - {term: Five Case Model, meaning: The Treasury's way of writing a business case}
"""


def model_with(tmp_path: Path, glossary: str):
    text = (FIXTURES / "four-pillar-model.yaml").read_text(encoding="utf-8") + glossary
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_glossary_lists_the_terms_the_report_uses_alphabetically(tmp_path: Path):
    model = load_model(model_with(tmp_path, GLOSSARY))
    report = build_content(
        __import__("scoring").score(
            model, load_responses(FIXTURES / "four-pillar-responses.yaml", model)
        )
    )
    section = report.section("glossary")
    assert section is not None
    items = [plain(i) for b in section.blocks for i in getattr(b, "items", ())]
    # DPIA appears in the report's text; SIRO and the Five Case Model do not.
    assert items == ["DPIA: Data protection impact assessment."]
    ids = [s.id for s in report.sections]
    assert ids.index("answers") < ids.index("method") < ids.index("glossary")


def test_a_term_explained_twice_is_a_located_problem(tmp_path: Path):
    path = model_with(tmp_path, GLOSSARY + "  - {term: siro, meaning: again}\n")
    with pytest.raises(InputError) as caught:
        load_model(path)
    assert any("explained twice" in p.message and p.line for p in caught.value.problems)
