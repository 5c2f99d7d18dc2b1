"""The assessor's commentary: a small Markdown subset read into report blocks.

What is understood: paragraphs (separated by a blank line), bullets (lines starting ``- `` or
``* ``), ``**strong**`` and ``*emphasis*`` (or ``_emphasis_``). Anything else is text, shown
exactly as written: HTML, links, headings and images are never rendered, because every piece
ends up as plain span text that each renderer escapes for its own format.
"""

from __future__ import annotations

import re

from questionnaire import limits
from reports.content.model import Block, BulletList, Inline, Paragraph, Span

# Characters of commentary (about three pages); the number lives in questionnaire.limits.
COMMENTARY_LIMIT = limits.COMMENTARY_CHARS
COMMENTARY_TITLE = "Assessor’s commentary"

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_EMPHASIS = re.compile(r"\*\*(?P<strong>[^*\n]+?)\*\*|(?<![\w*])[*_](?P<em>[^*_\n]+?)[*_](?![\w*])")


def inline(value: str) -> Inline:
    """Spans from one paragraph or bullet: ``**strong**`` and ``*emphasis*``, the rest plain."""
    spans: list[Span] = []
    at = 0
    for match in _EMPHASIS.finditer(value):
        if match.start() > at:
            spans.append(Span(value[at : match.start()]))
        if match.group("strong") is not None:
            spans.append(Span(match.group("strong"), strong=True))
        else:
            spans.append(Span(match.group("em"), emphasis=True))
        at = match.end()
    if at < len(value):
        spans.append(Span(value[at:]))
    return tuple(spans)


def commentary_blocks(source: str) -> tuple[Block, ...]:
    """The blocks of a commentary (see the module doc); empty text gives no blocks."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(inline(" ".join(paragraph))))
            paragraph.clear()
        if bullets:
            blocks.append(BulletList(tuple(inline(b) for b in bullets)))
            bullets.clear()

    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        bullet = _BULLET.match(raw)
        if not line:
            flush()
        elif bullet:
            if paragraph:
                flush()
            bullets.append(bullet.group(1).strip())
        elif bullets and raw[:1].isspace():
            bullets[-1] += " " + line  # a bullet's continuation line
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return tuple(blocks)
