"""The one rule for a CSV cell that a spreadsheet must show as text, never run.

Every CSV the tool writes (the store's export, the action plan) passes each cell through
:func:`neutralise`: text a spreadsheet would read as a formula gets a leading apostrophe.
"""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    # After any leading whitespace too (spaces, line breaks, no-break spaces): some
    # spreadsheets trim it before deciding whether a cell is a formula.
    if text.startswith(_FORMULA_STARTS) or text.lstrip().startswith(_FORMULA_STARTS):
        return "'" + text
    return text
