"""Stored scores: each finished assessment's overall and pillar scores, written once.

An organisation's history and the national summary read these rows instead of re-scoring
every assessment, so their cost follows the rows they need, not the size of the database.
They are written in the same transaction that finishes an assessment (the app's finish, an
import, the close of a group assessment) and removed with it (the foreign key cascades, and
reopening a group assessment deletes them), so they are never out of step with the answers.

What is stored is the engine's **exact** score (a double, as ``scoring.engine.score`` or
``scoring.aggregate.aggregate`` returned it) and the level it gave; nothing here rounds. The
figure a reader sees is ``scoring.present.score_text`` of that same double, exactly as the
report renders it, so a stored figure can never show a different number than the report.
A median of stored scores is worked out on the exact values and only then shown.

Which assessments: every finished one that History lists (``store.base.LISTED``): one
person's in the app or imported, and a closed group assessment. One participant's answers in
a group assessment are not stored on their own (:func:`stored`): the group assessment
stands for them, as it does in History, and holds each respondent group's figures.

One row per (assessment, part, pillar):

* ``pillar_id`` is a pillar id, or :data:`OVERALL` (``""``, which no pillar slug can be) for
  the overall score;
* ``part`` is :data:`WHOLE` (``""``) for the assessment's own figures; a group assessment
  also has one part per respondent group, its ``by_group`` pillar scores (no overall, no
  level: the aggregation gives a group's pillar scores only);
* ``group_key`` is the respondent group the figures are of, in the one normal form the
  aggregation compares groups by (``scoring.aggregate``: lower case, spaces collapsed):
  a single person's group for their own figures, the part for a group's part, NULL for a
  group assessment's whole figures or a person who gave no group.

``organisation_id``, ``model_id``, ``source`` and ``assessed_on`` are copied from the
assessment (none of them can change once it is finished), so the two indexes answer "this
organisation's history" and "every organisation's latest, per pillar" without a join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from scoring.aggregate import NO_GROUP
from scoring.aggregate import group_key as aggregate_group_key
from scoring.result import Result
from store.tables import PillarScore

GroupScores = Mapping[str, Mapping[str, float]]  # GroupResult.by_group: pillar -> group -> score

OVERALL = ""  # the pillar_id of the overall score (pillar ids are non-empty slugs)
WHOLE = ""  # the part of an assessment's own figures


def group_key(group: str | None) -> str | None:
    """A respondent group in its one normal form (the aggregation's), or None for none."""
    key = aggregate_group_key(group)
    return None if key == NO_GROUP else key


def shown_date(
    assessed_on: dt.date | None, completed_at: dt.datetime | None, created_at: dt.datetime
) -> dt.date:
    """The date an assessment is listed under: its own date, else the day it was finished
    (as ``store.records.AssessmentInfo.date``), so "latest" means the same everywhere."""
    if assessed_on is not None:
        return assessed_on
    return (completed_at or created_at).date()


def stored(source: str) -> bool:
    """Whether an assessment of this ``source`` has stored scores (not a participant's)."""
    return source != "participant"


def score_rows(
    assessment_id: int,
    *,
    organisation_id: int,
    source: str,
    assessed_on: dt.date | None,
    result: Result,
    by_group: GroupScores | None = None,
) -> list[dict[str, Any]]:
    """The rows to store for one finished assessment.

    Args:
        assessment_id: the assessment's row id.
        organisation_id: its organisation's row id.
        source: its ``source`` ("app", "import", "participant" or "group").
        assessed_on: its date as History shows it (:func:`shown_date`).
        result: its result, from ``score`` (or a group assessment's ``aggregate(...).result``).
        by_group: a group assessment's ``GroupResult.by_group`` (pillar -> group -> score).
    """
    if not stored(source):
        return []
    respondent = result.responses.respondent
    own_group = (
        None if by_group is not None else group_key(respondent.group if respondent else None)
    )
    common = {
        "assessment_id": assessment_id,
        "organisation_id": organisation_id,
        "model_id": result.model.id,
        "source": source,
        "assessed_on": assessed_on,
    }
    rows = [
        common
        | {
            "part": WHOLE,
            "pillar_id": OVERALL,
            "group_key": own_group,
            "score": result.overall.score,
            "level": result.overall.level,
        }
    ]
    rows += [
        common
        | {
            "part": WHOLE,
            "pillar_id": p.id,
            "group_key": own_group,
            "score": p.score,
            "level": p.level,
        }
        for p in result.pillars
    ]
    for pillar_id, groups in (by_group or {}).items():
        for name, value in groups.items():
            if name == NO_GROUP:
                continue
            rows.append(
                common
                | {
                    "part": name,
                    "pillar_id": pillar_id,
                    "group_key": name,
                    "score": value,
                    "level": None,
                }
            )
    return rows


def write_scores(conn: Connection | Session, rows: Iterable[dict[str, Any]]) -> None:
    """Insert score rows (one executemany); nothing when there are none."""
    batch = list(rows)
    if batch:
        # On a Connection this is a plain Core executemany (a Session would take the slower
        # ORM bulk path).
        bound = conn.connection() if isinstance(conn, Session) else conn
        bound.execute(insert(PillarScore), batch)
