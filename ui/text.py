"""Text helpers: user and model text is data, never markup.

Streamlit renders Markdown (with GitHub extensions, LaTeX between ``$`` signs, coloured text
directives and automatic links) in ``st.markdown``, captions and widget labels. HTML is
already off there, but Markdown alone can turn an organisation name into a link or a heading.
:func:`md_escape` backslash-escapes every character that Markdown could read as syntax
(CommonMark allows a backslash before any ASCII punctuation), so the text shows exactly as
typed.
"""

from __future__ import annotations

import re

from reports.text import plural as plural  # one wording of counts, shared with the reports

# Every character that starts or ends Markdown, GitHub-flavoured Markdown or Streamlit syntax:
# emphasis, code, links and images, autolinks (``:``, ``/``, ``@``, ``.``), headings, lists,
# quotes, tables, HTML and entities, LaTeX (``$``) and directives such as ``:red[...]``.
# Commas, quotes and other prose punctuation are left alone so the source stays readable.
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&=^@/"
# A dot between digits (a score such as 48.3) cannot start a list or complete a web address.
_PUNCTUATION = re.compile(
    "((?<![0-9])\\.|\\.(?![0-9])|[" + re.escape(MARKDOWN_SPECIAL.replace(".", "")) + "])"
)
_SPACE = re.compile(r"\s+")
_INLINE_SPACE = re.compile(r"[^\S\n]+")


def md_escape(text: str | None, *, inline: bool = True) -> str:
    """Escape text so Markdown shows it literally.

    Args:
        text: free text from a person or a model file (None gives "").
        inline: fold line breaks and runs of spaces into one space, for labels, headings
            and list items. With False, paragraphs (blank lines) are kept and single line
            breaks are shown as line breaks.

    Returns:
        The text with every Markdown-significant character backslash-escaped.
    """
    if not text:
        return ""
    if inline:
        return _PUNCTUATION.sub(r"\\\1", _SPACE.sub(" ", text).strip())
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    escaped = []
    for paragraph in paragraphs:
        lines = [
            _PUNCTUATION.sub(r"\\\1", " ".join(line.split())) for line in paragraph.split("\n")
        ]
        # A backslash at the end of a line is a hard line break in CommonMark.
        escaped.append("\\\n".join(line for line in lines if line))
    return "\n\n".join(escaped)


def md_span(text: str | None) -> str:
    """Escape a run of text for Markdown, keeping it exactly as spaced.

    Unlike :func:`md_escape` the text is not trimmed (a run may start or end with the space
    that separates it from the next), runs of spaces fold into one, and each line break
    becomes a Markdown hard break.
    """
    if not text:
        return ""
    lines = re.split(r"\r\n|\r|\n", text)
    return "\\\n".join(_PUNCTUATION.sub(r"\\\1", _INLINE_SPACE.sub(" ", line)) for line in lines)


def escaped_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows for ``st.table`` (which renders Markdown in cells) with every text cell escaped."""
    return [
        {
            column: md_escape(value) if isinstance(value, str) else value
            for column, value in row.items()
        }
        for row in rows
    ]
