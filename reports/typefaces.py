"""The report's typeface: DejaVu Sans, shipped in ``reports/fonts/`` with its licence.

The base-14 fonts and the Vera fonts inside reportlab have no ŵ or ŷ, so Welsh names would
print as boxes; DejaVu Sans covers Welsh, accented Latin, Greek, Cyrillic, Hebrew, Arabic
letters, curly quotes, dashes and arrows. The fonts are embedded as subsets with a ToUnicode
map, so the text stays selectable and searchable.
"""

from __future__ import annotations

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

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the DejaVu Sans family with reportlab (safe to call any number of times).

    After this, ``fontName="DejaVuSans"`` works in styles and drawings, and ``<b>`` / ``<i>``
    in Paragraph markup pick the bold and oblique faces.
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
