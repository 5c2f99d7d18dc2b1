"""User and model text as reportlab Paragraph markup (the PDF renderer's escaping).

Every string that did not come from this package (organisation and respondent names, notes,
and model text too, since custom models are uploaded by users) reaches reportlab's Paragraph
only through :func:`para_text`. Paragraph parses its input as markup: unescaped, ``R&D``
gains a stray semicolon, ``a<b`` raises, ``<img src=...>`` opens a file and ``<a href>``
makes a live link. Escaped, every one of them is shown literally.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reports.bidi import visual
from reports.text import clean
from reports.typefaces import with_fallback

_NEWLINES = re.compile(r"\r\n|\r|\n")


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
