"""User and model text is shown as typed: Markdown in it is escaped, never obeyed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.text import MARKDOWN_SPECIAL, md_escape


def unescape(text: str) -> str:
    """What CommonMark shows for backslash escapes (a backslash before punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize(
    "hostile",
    [
        "[click me](http://evil.example)",
        "![img](http://evil.example/x.png)",
        "<script>alert(1)</script>",
        "**bold** _em_ ~~gone~~ `code`",
        "# Heading",
        "> quote",
        "- item",
        "1. item",
        "| a | b |",
        "$x^2$",
        ":red[coloured] :material/home:",
        "www.evil.example and https://evil.example and a@b.example",
        "&lt;entity&gt;",
    ],
)
def test_markdown_in_user_text_is_escaped(hostile):
    escaped = md_escape(hostile)
    assert unescape(escaped) == hostile
    for char in "[]()<>*_~`#|$:&!":
        assert re.search(r"(?<!\\)" + re.escape(char), escaped) is None, char


@given(st.text(max_size=200))
def test_escaping_keeps_the_text_and_leaves_no_special_character_bare(text):
    escaped = md_escape(text)
    assert unescape(escaped) == " ".join(text.split())
    bare = re.sub(r"\\.", "", escaped)
    special = set(MARKDOWN_SPECIAL) - {"."}
    assert not special & set(bare)
    assert not re.search(r"(?<![0-9])\.|\.(?![0-9])", bare)


def test_scores_and_versions_stay_readable():
    assert md_escape("48.3") == "48.3"
    assert md_escape("v1.2.0") == "v1.2.0"
    assert md_escape("Siân O’Neill, Head of Digital") == "Siân O’Neill, Head of Digital"


def test_multi_line_notes_keep_their_paragraphs_and_line_breaks():
    assert md_escape("one\ntwo\n\n\nthree", inline=False) == "one\\\ntwo\n\nthree"
    assert md_escape("  - not a list", inline=False) == "\\- not a list"


def test_nothing_gives_nothing():
    assert md_escape(None) == ""
    assert md_escape("") == ""
