"""Text the command prints for people to read, made safe for a terminal.

Names, notes and file names come from users and from models, and a terminal acts on some of
the characters they may hold: ``ESC ] 0 ; ... BEL`` retitles the window, ``ESC [ 2 J`` clears
the screen, a carriage return or a backspace overwrites what was printed, and a right-to-left
override makes ``gpj.exe`` read as ``exe.jpg``. :func:`printable` shows each such character
as a visible escape instead, so the text still says what it holds and nothing acts on it.

Decisions:

- Shown as escapes: the C0 controls except newline and tab, DEL, the C1 controls
  (U+0080-U+009F, which some terminals act on even when they arrive as UTF-8), and the bidi
  embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). A C0 control, DEL or
  C1 control is written ``\\x1b`` (a carriage return ``\\r``); a bidi mark ``\\u202e``: the
  way Python's ``repr`` writes them, so a message that quotes a value with ``repr()`` reads
  the same.
- Newline and tab are kept: the output is made of lines, and a tab does no harm.
- A backslash is left as it is: the text is for reading, not for parsing back, and doubling
  every backslash of a Windows path would make the common case worse for a rare one.
- Data is not escaped: ``export`` (JSON or CSV, to a file or to standard output) and reports
  are documents whose bytes must be what was stored. ``--json`` output is data too, but it is
  also printed to terminals, so :func:`json_text` writes these characters as JSON ``\\u``
  escapes: still valid JSON that decodes to exactly the same values.
"""

from __future__ import annotations

import json
import re

# One class of every character a terminal may act on (see the module's decisions).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal could act on shown as a visible escape.

    Newlines and tabs are kept; everything else outside the unsafe set is unchanged, so plain
    text (accents, Welsh, emoji, right-to-left scripts without override marks) prints as is.
    """
    return _UNSAFE.sub(_shown, text)


def _json_escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: object) -> str:
    """``value`` as indented JSON (UTF-8 text kept readable) that is safe to print.

    ``json.dumps`` escapes the C0 controls but, with ``ensure_ascii=False``, writes DEL, the C1
    controls and bidi marks raw. Those can only occur inside JSON strings, where ``\\uXXXX``
    means the same character, so replacing them keeps the JSON valid and its data identical.
    """
    return _UNSAFE.sub(_json_escaped, json.dumps(value, indent=2, ensure_ascii=False))
