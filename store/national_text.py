"""The national summary in words and as JSON: the one home of how it is shown.

``maturity summary`` and the app's page both render from here, so a suppressed cell, a
quartile and an organisation's place read the same everywhere. Every number goes through
``scoring.present`` (one decimal place, half up); a suppressed cell has no number at all,
only :data:`SUPPRESSED`.
"""

from __future__ import annotations

from typing import Any

from scoring.present import score_text, shown
from store.national import MIN_ORGANISATIONS, Cell, NationalSummary, Place, Row

SUPPRESSED = f"fewer than {MIN_ORGANISATIONS} organisations"
METHOD = (
    "median and interquartile range across organisations, each counted once by its latest "
    "finished assessment (quartiles: inclusive method); a figure drawn from fewer than "
    f"{MIN_ORGANISATIONS} organisations is not shown"
)


def cell_text(cell: Cell) -> str:
    """``52.5 (IQR 40.0–61.3, 12 organisations)``, or :data:`SUPPRESSED`."""
    if cell.spread is None:
        return SUPPRESSED
    lower, median, upper = cell.spread
    return (
        f"{score_text(median)} (IQR {score_text(lower)}–{score_text(upper)}, "
        f"{cell.organisations} organisations)"
    )


def place_text(place: Place, cell: Cell) -> str:
    """Where one organisation's figure falls against the cell, compared as shown."""
    if place.score is None:
        return "not assessed"
    own = score_text(place.score)
    if cell.spread is None:
        return f"{own} (no comparison: {SUPPRESSED})"
    lower, median, upper = (shown(v) for v in cell.spread)
    value = shown(place.score)
    assert value is not None and lower is not None and median is not None and upper is not None
    if value < lower:
        where = "below the lower quartile"
    elif value > upper:
        where = "above the upper quartile"
    elif value == median:
        where = "at the median"
    elif value < median:
        where = "between the lower quartile and the median"
    else:
        where = "between the median and the upper quartile"
    return f"{own}, {where}"


def summary_table(summary: NationalSummary) -> tuple[list[str], list[list[str]]]:
    """(header, rows): one row per figure (overall first), a column per respondent group,
    and the organisation asked for, when there is one, in the last column."""
    header = ["", "All organisations", *summary.groups]
    if summary.organisation is not None:
        header.append(summary.organisation)
    rows = []
    for row in summary.rows:
        cells = [row.name, cell_text(row.whole)]
        cells += [cell_text(row.by_group[g]) if g in row.by_group else "" for g in summary.groups]
        if summary.organisation is not None:
            cells.append(place_text(row.own, row.whole) if row.own else "not assessed")
        rows.append(cells)
    return header, rows


def summary_lines(summary: NationalSummary) -> list[str]:
    """The summary as plain lines for a terminal (user text is the caller's to make
    printable; the only user text here is the organisation asked for)."""
    lines = [
        f"National summary: {summary.model_title} ({summary.model_id})",
        f"{summary.organisations} organisations; {METHOD}.",
        "",
    ]
    for row in summary.rows:
        lines.append(f"{row.name}: {cell_text(row.whole)}")
        for group, cell in row.by_group.items():
            lines.append(f"  {group}: {cell_text(cell)}")
    if summary.organisation is not None:
        when = f" ({summary.organisation_date.isoformat()})" if summary.organisation_date else ""
        lines += ["", f"{summary.organisation}{when}:"]
        lines += [
            f"  {row.name}: {place_text(row.own, row.whole)}" for row in summary.rows if row.own
        ]
    return lines


def _cell_dict(cell: Cell) -> dict[str, Any]:
    if cell.spread is None:
        return {"organisations": None, "suppressed": SUPPRESSED}
    lower, median, upper = cell.spread
    return {
        "organisations": cell.organisations,
        "median": shown(median),
        "lower_quartile": shown(lower),
        "upper_quartile": shown(upper),
    }


def _row_dict(row: Row) -> dict[str, Any]:
    found: dict[str, Any] = {"pillar": row.pillar_id or None, "name": row.name}
    found |= _cell_dict(row.whole)
    if row.by_group:
        found["by_group"] = {g: _cell_dict(c) for g, c in row.by_group.items()}
    return found


def summary_dict(summary: NationalSummary) -> dict[str, Any]:
    """The summary as one JSON object (``pillars[0]`` is overall, its ``pillar`` null)."""
    found: dict[str, Any] = {
        "model": {"id": summary.model_id, "title": summary.model_title},
        "organisations": summary.organisations,
        "method": METHOD,
        "pillars": [_row_dict(r) for r in summary.rows],
    }
    if summary.organisation is not None:
        found["organisation"] = {
            "name": summary.organisation,
            "assessed_on": summary.organisation_date.isoformat()
            if summary.organisation_date
            else None,
            "pillars": [
                {
                    "pillar": r.pillar_id or None,
                    "score": shown(r.own.score),
                    "level": r.own.level,
                    "place": place_text(r.own, r.whole),
                }
                for r in summary.rows
                if r.own is not None
            ],
        }
    return found
