"""Plain-text helpers for report wording: cleaning, shortening, dates, plurals.

Nothing here produces markup; each renderer escapes text for its own format (the PDF's
reportlab markup is :mod:`reports.markup`). Numbers are shown by :mod:`scoring.present`.
"""

from __future__ import annotations

import datetime as dt
import re

from questionnaire.rule_words import NUMBER_WORDS

# C0/C1 control characters other than tab and newline, and lone UTF-16 surrogates (which a
# JSON "\ud800" escape can produce): none has a glyph, and a surrogate cannot be encoded.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

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


def fmt_date(value: dt.date | None) -> str:
    """A date written out in British style (``27 November 2026``); "" for None.

    Month names are spelt out here rather than by ``strftime`` so the locale cannot change
    the report.
    """
    if value is None:
        return ""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def plural(
    count: int, singular: str, plural_form: str | None = None, *, words: bool = False
) -> str:
    """``1 question`` / ``3 questions``; with `words`, ``one question`` / ``three questions``
    for counts up to ten (prose reads better so), digits beyond."""
    word = singular if count == 1 else (plural_form or singular + "s")
    number = NUMBER_WORDS[count] if words and 0 <= count < len(NUMBER_WORDS) else str(count)
    return f"{number} {word}"


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised (for a sentence that starts with a number
    written in words)."""
    return text[:1].upper() + text[1:]


def one_line(value: str | None, limit: int) -> str | None:
    """Text for a one-line setting (a marking, who prepared a report): spacing folded, None
    when blank.

    Raises:
        ValueError: when the text is longer than `limit` or holds unprintable characters.
    """
    cleaned = " ".join((value or "").split())
    if not cleaned:
        return None
    if len(cleaned) > limit or not cleaned.isprintable():
        raise ValueError(f"needs one line of text, at most {limit} characters")
    return cleaned
