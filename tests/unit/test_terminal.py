"""cli.terminal: text made safe for a terminal, and JSON that stays the same data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.terminal import json_text, printable

UNSAFE = (
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J"),
        ("a\rb\x08c\x00", "a\\rb\\x08c\\x00"),
        ("del\x7f c1\x9b31m \x85", "del\\x7f c1\\x9b31m \\x85"),
        ("\u202egpj.exe \u2066x\u2069 \u202a", "\\u202egpj.exe \\u2066x\\u2069 \\u202a"),
    ],
)
def test_controls_and_bidi_marks_are_shown_as_the_escapes_repr_would_write(text: str, shown: str):
    assert printable(text) == shown
    for char in text:
        if char in UNSAFE:
            assert printable(char) == repr(char)[1:-1]


def test_newline_tab_and_ordinary_text_pass_unchanged():
    text = "Heddlu Dyfed-Powys\tSiân Ŵyn\nשלום مرحبا 👮 \\path\\to e\u0301 \u200d \xa0\xe9"
    assert printable(text) == text


@given(st.text())
def test_nothing_unsafe_is_left(text: str):
    assert not set(printable(text)) & set(UNSAFE)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    )
)
def test_json_text_is_valid_json_of_the_same_value_with_nothing_unsafe(value: object):
    text = json_text(value)
    assert json.loads(text) == value
    assert not set(text) & set(UNSAFE)


def test_json_text_escapes_what_json_dumps_leaves_raw():
    value = {"name": "C1\x9b DEL\x7f bidi\u202e Siân"}
    assert "\x9b" in json.dumps(value, ensure_ascii=False)  # why json_text exists
    assert json_text(value) == '{\n  "name": "C1\\u009b DEL\\u007f bidi\\u202e Siân"\n}'


def test_repr_already_writes_every_unsafe_character_as_a_visible_escape():
    """Problems quote user values with repr(): that is safe on its own, and printable() then
    leaves it unchanged."""
    for char in UNSAFE:
        quoted = repr(f"a{char}b")
        assert not set(quoted) & set(UNSAFE)
        assert printable(quoted) == quoted
