"""Emoji in names and notes: drawn from the Symbola fallback where DejaVu Sans has no glyph,
extracted literally, still escaped, and Symbola embedded only in reports that need it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from questionnaire.loader import load_model, load_responses
from questionnaire.schema import Model, Responses
from reports.markup import para_text
from reports.pdf import build_report
from reports.typefaces import FALLBACK, font_runs
from scoring import score
from scoring.result import Result

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
MODEL = FIXTURES / "four-pillar-model.yaml"
CURRENT = FIXTURES / "four-pillar-responses.yaml"
EMOJI = "👮 🚓 🤖 😀 Heddlu ŵ"  # 👮 🚓 🤖 are not in DejaVu Sans; 😀 and ŵ are


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(MODEL)


def with_text(model: Model, **changes: Any) -> Result:
    base = load_responses(CURRENT, model)
    return score(model, Responses.model_validate({**base.model_dump(), **changes}))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def font_names(pdf: bytes) -> set[str]:
    """The base font name of every font any page uses."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font: Any = ref.get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), "font is not embedded"
    return names


def test_emoji_in_names_and_notes_are_drawn_and_extracted_literally(model: Model) -> None:
    result = with_text(model, organisation=EMOJI, notes={"lead-owner": f"Note: {EMOJI}"})
    pdf = build_report(result, invariant=True)
    pages = page_texts(pdf)
    assert EMOJI in pages[0]  # the cover
    assert f"Notes: Note: {EMOJI}" in "\n".join(pages)
    for page in pages[1:]:  # the footer of every page after the cover
        assert f"{EMOJI} · AI maturity assessment" in page
    assert any(FALLBACK in name for name in font_names(pdf))


def test_symbola_is_embedded_only_when_a_character_needs_it(model: Model) -> None:
    plain = font_names(build_report(with_text(model, organisation="Heddlu ŵ 😀 ☺")))
    assert plain and all("DejaVuSans" in name for name in plain), plain
    emoji = font_names(build_report(with_text(model, organisation="Heddlu 🚨")))
    assert any(FALLBACK in name for name in emoji), emoji


@pytest.mark.parametrize(
    "text",
    [
        "<b>👮</b>",
        '<font name="DejaVuSans">🚓</font> & </font>',
        "&lt;🤖&gt; &amp; 🚨 R&D",
        '<img src="/etc/passwd"/>🚓',
    ],
    ids=["bold-tag", "font-tag", "entities", "image"],
)
def test_markup_around_emoji_is_still_shown_literally(model: Model, text: str) -> None:
    result = with_text(model, organisation=text, notes={"lead-owner": text})
    pages = page_texts(build_report(result, invariant=True))
    assert text in pages[0]
    assert f"Notes: {text}" in "\n".join(pages)


def test_variation_selectors_are_dropped_and_joiners_and_flags_kept(model: Model) -> None:
    # 👮‍♀️ is 👮, a zero-width joiner, ♀ and VS16: drawn as 👮♀ (no sequence shaping),
    # extracted without the selector. A flag is two regional indicators, drawn by Symbola as
    # two letters in boxes and extracted as the same two characters.
    note = "Officer 👮\u200d♀\ufe0f, flag 🇬🇧, sign ⚠\ufe0f"
    result = with_text(model, notes={"lead-owner": note})
    text = "\n".join(page_texts(build_report(result)))
    assert "Officer 👮\u200d♀, flag 🇬🇧, sign ⚠" in text
    assert "\ufe0f" not in text


def test_invariant_mode_gives_the_same_bytes_with_emoji(model: Model) -> None:
    result = with_text(model, organisation=EMOJI, notes={"lead-owner": EMOJI})
    assert build_report(result, invariant=True) == build_report(result, invariant=True)


def test_para_text_sets_only_characters_dejavu_lacks_in_symbola() -> None:
    assert para_text("Heddlu ŵ 😀 R&D") == "Heddlu ŵ 😀 R&amp;D"
    assert para_text("<b>👮🚓</b> 🤖") == (
        '&lt;b&gt;<font name="Symbola">👮🚓</font>&lt;/b&gt; <font name="Symbola">🤖</font>'
    )
    assert para_text("🚨\ufe0f\nx") == '<font name="Symbola">🚨</font><br/>x'


def test_font_runs_split_plain_text_for_the_canvas() -> None:
    assert font_runs("", "DejaVuSans") == []
    assert font_runs("Unit 7", "DejaVuSans") == [("Unit 7", "DejaVuSans")]
    assert font_runs("A 👮🚓 ŵ\ufe0f", "DejaVuSans") == [
        ("A ", "DejaVuSans"),
        ("👮🚓", FALLBACK),
        (" ŵ", "DejaVuSans"),
    ]
