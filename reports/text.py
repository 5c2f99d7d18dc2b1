"""Turning text from users and models into safe Paragraph markup, and small formatting helpers.

Every string that did not come from this package (organisation and respondent names, notes,
and model text too, since custom models are uploaded by users) reaches reportlab's Paragraph
only through :func:`para_text`. Paragraph parses its input as markup: unescaped, ``R&D``
gains a stray semicolon, ``a<b`` raises, ``<img src=...>`` opens a file and ``<a href>``
makes a live link. Escaped, every one of them is shown literally.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from reports.bidi import visual
from reports.typefaces import with_fallback
from scoring.present import answer_label as answer_label
from scoring.present import level_label as level_label
from scoring.present import points_text, score_text

# C0/C1 control characters other than tab and newline, and lone UTF-16 surrogates (which a
# JSON "\ud800" escape can produce): none has a glyph, and a surrogate cannot be encoded.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n|\r|\n")

DONT_KNOW_ANSWER = "“don’t know” answer"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def clean(text: str | None) -> str:
    """Plain text with unprintable characters removed, for canvas strings and metadata.

    Args:
        text: any string, or None.

    Returns:
        The text without control characters or lone surrogates ("" for None). Nothing is
        escaped: use :func:`para_text` for Paragraph markup.
    """
    if not text:
        return ""
    return _UNPRINTABLE.sub("", text.replace("\t", " "))


def para_text(text: str | None) -> str:
    """Escape user or model text for a reportlab Paragraph, keeping its line breaks.

    Args:
        text: any string, or None.

    Returns:
        Markup that shows the text literally: ``&``, ``<``, ``>`` and quotes are escaped,
        unprintable characters dropped, newlines turned into ``<br/>``, right-to-left runs
        put in drawing order (:mod:`reports.bidi`) and characters DejaVu Sans lacks (most
        emoji) set in the Symbola fallback font (:func:`reports.typefaces.with_fallback`).
        Long unbroken strings are wrapped by the paragraph styles (``splitLongWords``).
    """
    cleaned = visual(clean(text))
    escaped = escape(cleaned, {'"': "&quot;", "'": "&#x27;"})
    return with_fallback(_NEWLINES.sub("<br/>", escaped))


def cell_text(text: str | None, limit: int = 240) -> str:
    """Escaped markup for a table cell, cut to `limit` characters so no row can outgrow a
    page (the full text is in the appendix or elsewhere in the report)."""
    return para_text(shorten(text, limit))


def end_sentence(markup: str) -> str:
    """Markup ending in a full stop, unless it already ends a sentence (``.``, ``?``, ``!``,
    ``…``, or one of those inside closing quotes or brackets)."""
    stripped = markup.rstrip()
    core = stripped.rstrip("”’\"')]")
    if core.endswith((".", "?", "!", "…", ":")):
        return stripped
    return stripped + "."


def shorten(text: str | None, limit: int) -> str:
    """The text cut to at most `limit` characters, ending in an ellipsis when cut.

    Used where space is fixed (footers, chart labels, table cells); the full text always
    appears elsewhere in the report.
    """
    cleaned = " ".join(clean(text).split())
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[: max(1, limit - 1)].rstrip() + "…"


fmt_score = score_text
fmt_points = points_text


def fmt_date(value: dt.date | None) -> str:
    """A date written out in British style (``27 November 2026``); "" for None.

    Month names are spelt out here rather than by ``strftime`` so the locale cannot change
    the report.
    """
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def plural(
    count: int, singular: str, plural_form: str | None = None, *, words: bool = False
) -> str:
    """``1 question`` / ``3 questions``; with `words`, ``one question`` / ``three questions``
    for counts up to ten (prose reads better so), digits beyond."""
    word = singular if count == 1 else (plural_form or singular + "s")
    number = _WORDS[count] if words and 0 <= count < len(_WORDS) else str(count)
    return f"{number} {word}"


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised (for a sentence that starts with a number
    written in words)."""
    return text[:1].upper() + text[1:]
