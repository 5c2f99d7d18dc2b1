"""The report's typeface: DejaVu Sans, shipped in ``reports/fonts/`` with its licence.

The base-14 fonts and the Vera fonts inside reportlab have no ŵ or ŷ, so Welsh names would
print as boxes; DejaVu Sans covers Welsh, accented Latin, Greek, Cyrillic, Hebrew, Arabic
letters, curly quotes, dashes and arrows. The fonts are embedded as subsets with a ToUnicode
map, so the text stays selectable and searchable.

DejaVu has no glyph for most emoji (👮, 🚓, 🚨, 🤖 ...). Symbola, shipped alongside it with
its licence, is the fallback: :func:`with_fallback` puts each run of characters DejaVu lacks
but Symbola has in a ``<font name="Symbola">`` tag, and :func:`font_runs` splits plain text
the same way for strings drawn on the canvas. Symbola is embedded (as a subset) only in
reports that use it.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

FONT_DIR = Path(__file__).resolve().parent / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = REGULAR
FALLBACK = "Symbola"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "Symbola.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the DejaVu Sans family and the Symbola fallback with reportlab (safe to call
    any number of times).

    After this, ``fontName="DejaVuSans"`` works in styles and drawings, ``<b>`` / ``<i>``
    in Paragraph markup pick the bold and oblique faces, and ``<font name="Symbola">`` works
    inside them (Symbola has one face, so it is drawn upright and regular there).
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(ttfonts.TTFont(name, str(FONT_DIR / filename)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        for bold, italic in ((1, 1), (0, 1), (1, 0), (0, 0)):  # (0, 0) last: ps2tt reads it
            addMapping(FALLBACK, bold, italic, FALLBACK)
        _fix_to_unicode_beyond_bmp()
        _registered = True


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab 5.1 writes such a code point as five hex digits (``<1F600>``), which readers
    take as U+1F60, so a 😀 in a name would be extracted as "ὠ". Characters within the BMP
    are written exactly as before.
    """
    cmap: str = _original_to_unicode_cmap(fontname, subset)
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{i:02X}> <{code:04X}>\n", f"<{i:02X}> <{utf16}>\n", 1)
    return cmap


_original_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _fix_to_unicode_beyond_bmp() -> None:
    # Replaces a module-level helper reportlab calls by name when it writes each font subset.
    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# Variation selectors ask for text or emoji presentation of the character before them.
# reportlab does no glyph substitution, so neither font can act on them: they are dropped.
_VARIATION_SELECTORS = {0xFE0E: None, 0xFE0F: None}


@functools.cache
def _fallback_pattern() -> re.Pattern[str]:
    """A pattern matching each run of characters DejaVu Sans lacks and Symbola has (built
    once per process from the two fonts' cmaps)."""
    register_fonts()
    dejavu = pdfmetrics.getFont(REGULAR).face.charToGlyph
    symbola = pdfmetrics.getFont(FALLBACK).face.charToGlyph
    # Only characters beyond ASCII, so no part of a tag or an entity is ever matched.
    codes = sorted(c for c in symbola if c > 0x7F and c not in dejavu)
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    members = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{members}]+")


def with_fallback(markup: str) -> str:
    """Paragraph markup with each run of characters DejaVu lacks (most emoji) set in Symbola.

    Args:
        markup: escaped Paragraph markup (tags and entities are ASCII and left alone).

    Returns:
        The markup with such runs wrapped in ``<font name="Symbola">``, and variation
        selectors (U+FE0E, U+FE0F) removed. ASCII markup is returned as it is.
    """
    if markup.isascii():
        return markup
    markup = markup.translate(_VARIATION_SELECTORS)
    return _fallback_pattern().sub(_wrap_run, markup)


def _wrap_run(match: re.Match[str]) -> str:
    return f'<font name="{FALLBACK}">{match[0]}</font>'


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """Plain text split into (text, font name) runs for drawing on a canvas: characters
    DejaVu lacks and Symbola has get Symbola, the rest `font`; variation selectors dropped.
    """
    if text.isascii():
        return [(text, font)] if text else []
    text = text.translate(_VARIATION_SELECTORS)
    runs: list[tuple[str, str]] = []
    at = 0
    for match in _fallback_pattern().finditer(text):
        if match.start() > at:
            runs.append((text[at : match.start()], font))
        runs.append((match[0], FALLBACK))
        at = match.end()
    if at < len(text):
        runs.append((text[at:], font))
    return runs
