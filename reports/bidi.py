"""Right-to-left runs (Hebrew, Arabic) put into the order they are drawn in.

reportlab draws every string left to right unless the optional ``rlbidi`` package is
installed, so a Hebrew name would come out back to front, and text extraction, which reads
a right-to-left run from right to left, would reverse it again. :func:`visual` reverses each
right-to-left run of a line (keeping numbers in reading order and marks on their letters,
and mirroring brackets), a small subset of the Unicode Bidirectional Algorithm for a
left-to-right document. Text with no right-to-left letter is returned unchanged.

Known limits: Arabic letters are drawn in their isolated forms (no shaping), and a
right-to-left run that wraps over several lines of a paragraph is reordered as a whole.
"""

from __future__ import annotations

import unicodedata

_RTL = frozenset({"R", "AL"})
_DIGITS = frozenset({"EN", "AN"})
_NUMBER_JOINERS = frozenset({"CS", "ES", "ET"})
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter."""
    return any(unicodedata.bidirectional(c) in _RTL for c in text)


def visual(text: str) -> str:
    """The text with each right-to-left run in drawing order (line by line).

    Args:
        text: text in logical (typing) order.

    Returns:
        The same characters, with right-to-left runs reversed for a left-to-right renderer.
    """
    if not has_rtl(text):
        return text
    return "\n".join(_visual_line(line) for line in text.split("\n"))


def _visual_line(line: str) -> str:
    kinds = [unicodedata.bidirectional(c) for c in line]
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if kinds[i] not in _RTL:
            out.append(line[i])
            i += 1
            continue
        # A run reaches from this letter to the last right-to-left letter before the next
        # left-to-right one, with the combining marks that follow it.
        last, j = i, i
        while j < n and kinds[j] != "L":
            if kinds[j] in _RTL:
                last = j
            j += 1
        while last + 1 < n and kinds[last + 1] == "NSM":
            last += 1
        out.append(_reverse_run(line[i : last + 1], kinds[i : last + 1]))
        i = last + 1
    return "".join(out)


def _reverse_run(run: str, kinds: list[str]) -> str:
    units: list[str] = []
    k, n = 0, len(run)
    while k < n:
        if kinds[k] in _DIGITS:
            end = k + 1
            while end < n and (
                kinds[end] in _DIGITS
                or (kinds[end] in _NUMBER_JOINERS and end + 1 < n and kinds[end + 1] in _DIGITS)
            ):
                end += 1
            units.append(run[k:end])
            k = end
            continue
        end = k + 1
        while end < n and kinds[end] == "NSM":
            end += 1
        unit = run[k:end]
        units.append(unit.translate(_MIRROR) if len(unit) == 1 else unit)
        k = end
    return "".join(reversed(units))
