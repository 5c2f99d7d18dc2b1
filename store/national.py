"""The national summary: where organisations stand, per pillar and by respondent group.

Read from the stored scores (:mod:`store.scores`), never by re-scoring, so it costs one
indexed pass over the latest assessment of each organisation.

Who counts, and how:

* **each organisation once**: its latest finished assessment of the model id (by the date
  History lists it under, then the newest row), whatever model version it answered. One
  participant's answers in a group assessment never count on their own: the group
  assessment stands for the whole workshop, as in History.
* **overall and per pillar**: that assessment's own figures; a pillar it did not assess
  leaves the organisation out of that pillar only.
* **by respondent group**: the same latest assessment's figures for the group. A workshop
  (a group assessment) gives each group its participants' pillar scores as the aggregation
  worked them out (``GroupResult.by_group``), so a workshop of thirty counts once per group,
  as one organisation, however many of that group took part. One person's assessment counts
  for the group they gave. Groups are compared in the aggregation's normal form.
* **spread**: the median and the interquartile range across organisations, by
  :func:`quartiles` (the one home of the quantile method).
* **small numbers**: a cell drawn from fewer than :data:`MIN_ORGANISATIONS` organisations
  carries no figure at all (not even in the JSON); the words say why.
* **no organisation is named**, except the one asked for with ``organisation=``, whose own
  figures and place are added beside the summary.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Select, func, select

from store.records import StoreError
from store.scores import OVERALL, WHOLE
from store.tables import ModelVersion, Organisation, PillarScore

MIN_ORGANISATIONS = 5


class UnknownOrganisation(StoreError):
    """No finished assessment of this model for the organisation asked for."""


class UnknownModel(StoreError):
    """No finished assessment of this model id is stored."""


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """(lower quartile, median, upper quartile) of at least two values.

    The method is the "inclusive" one (linear interpolation between the closest ranks, with
    the smallest and largest values at the 0th and 100th percentiles; R's type 7, a
    spreadsheet's QUARTILE.INC), worked on the exact scores; only the result is rounded
    for show.
    """
    lower, median, upper = statistics.quantiles(values, n=4, method="inclusive")
    return lower, median, upper


@dataclass(frozen=True)
class Cell:
    """One figure of the summary: how many organisations, and (when there are enough) the
    median and interquartile range of their exact scores."""

    organisations: int
    spread: tuple[float, float, float] | None  # (lower quartile, median, upper quartile)

    @classmethod
    def of(cls, values: Sequence[float]) -> Cell:
        if len(values) < MIN_ORGANISATIONS:
            return cls(len(values), None)
        return cls(len(values), quartiles(values))

    @property
    def suppressed(self) -> bool:
        return self.spread is None


@dataclass(frozen=True)
class Place:
    """The organisation asked for: its own figure in one row, beside the cell."""

    score: float | None
    level: int | None


@dataclass(frozen=True)
class Row:
    """The overall figure (``pillar_id`` :data:`store.scores.OVERALL`) or one pillar's."""

    pillar_id: str
    name: str
    whole: Cell
    by_group: dict[str, Cell]
    own: Place | None = None


@dataclass(frozen=True)
class NationalSummary:
    """The summary of one model id across organisations."""

    model_id: str
    model_title: str
    organisations: int
    rows: tuple[Row, ...]
    groups: tuple[str, ...]
    organisation: str | None = None  # the one organisation asked for
    organisation_date: dt.date | None = None


def _latest(model_id: str) -> Select[tuple[int]]:
    """The latest listed assessment of each organisation for the model id."""
    ranked = (
        select(
            PillarScore.assessment_id,
            PillarScore.organisation_id,
            PillarScore.assessed_on,
            func.row_number()
            .over(
                partition_by=PillarScore.organisation_id,
                order_by=(PillarScore.assessed_on.desc(), PillarScore.assessment_id.desc()),
            )
            .label("rank"),
        )
        .where(
            PillarScore.model_id == model_id,
            PillarScore.pillar_id == OVERALL,
            PillarScore.part == WHOLE,
            PillarScore.source != "participant",
        )
        .subquery()
    )
    return select(ranked.c.assessment_id).where(ranked.c.rank == 1)


def _names(conn: Connection, model_id: str) -> tuple[str, dict[str, str], list[str]]:
    """The newest stored version's title, pillar names and pillar order for the model id."""
    from store import records

    row = conn.execute(
        select(ModelVersion.text, ModelVersion.content_hash)
        .where(ModelVersion.model_id == model_id)
        .order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        raise UnknownModel(f"no finished assessment of the model {model_id!r} is stored")
    try:
        model = records.stored_model(row.text, row.content_hash)
    except Exception:  # an unloadable model: fall back to its ids
        return model_id, {}, []
    return model.title, {p.id: p.name for p in model.pillars}, [p.id for p in model.pillars]


def national_summary(
    conn: Connection, model_id: str, organisation: str | None = None
) -> NationalSummary:
    """The national summary of ``model_id`` from the stored scores.

    Raises:
        UnknownModel: when no finished assessment of the model id is stored.
        UnknownOrganisation: when ``organisation`` has no finished assessment of it.
    """
    title, names, order = _names(conn, model_id)
    found = conn.execute(
        select(
            PillarScore.organisation_id,
            PillarScore.assessment_id,
            PillarScore.assessed_on,
            PillarScore.part,
            PillarScore.pillar_id,
            PillarScore.group_key,
            PillarScore.score,
            PillarScore.level,
        ).where(PillarScore.assessment_id.in_(_latest(model_id)))
    ).all()
    own_id = None
    if organisation is not None:
        own_id = conn.scalar(select(Organisation.id).where(Organisation.name == organisation))
        if own_id is None or not any(r.organisation_id == own_id for r in found):
            raise UnknownOrganisation(
                f"no finished assessment of the model {model_id!r} for {organisation!r}"
            )
    whole: dict[str, list[float]] = defaultdict(list)
    grouped: dict[tuple[str, str], list[float]] = defaultdict(list)
    own: dict[str, Place] = {}
    own_date = None
    for r in found:
        if r.organisation_id == own_id and r.part == WHOLE:
            own[r.pillar_id] = Place(r.score, r.level)
            own_date = r.assessed_on
        if r.score is None:
            continue
        if r.part == WHOLE:
            whole[r.pillar_id].append(r.score)
        if r.group_key is not None and r.pillar_id != OVERALL:
            grouped[(r.pillar_id, r.group_key)].append(r.score)
    groups = tuple(sorted({g for _, g in grouped}))
    pillars = order + sorted({p for p in whole if p != OVERALL and p not in order})
    rows = [
        Row(
            pillar_id,
            "Overall" if pillar_id == OVERALL else names.get(pillar_id, pillar_id),
            Cell.of(whole.get(pillar_id, [])),
            {g: Cell.of(grouped.get((pillar_id, g), [])) for g in groups}
            if pillar_id != OVERALL
            else {},
            own.get(pillar_id) if own_id is not None else None,
        )
        for pillar_id in [OVERALL, *pillars]
    ]
    return NationalSummary(
        model_id=model_id,
        model_title=title,
        organisations=len({r.organisation_id for r in found}),
        rows=tuple(rows),
        groups=groups,
        organisation=organisation,
        organisation_date=own_date,
    )


def summary_models(conn: Connection) -> list[str]:
    """The model ids that have stored scores, alphabetically."""
    return sorted(conn.execute(select(PillarScore.model_id).distinct()).scalars())


def summary_organisations(conn: Connection, model_id: str) -> list[str]:
    """The organisations with a finished (listed) assessment of the model id, by name."""
    names = conn.execute(
        select(Organisation.name)
        .join(PillarScore, PillarScore.organisation_id == Organisation.id)
        .where(
            PillarScore.model_id == model_id,
            PillarScore.pillar_id == OVERALL,
            PillarScore.part == WHOLE,
            PillarScore.source != "participant",
        )
        .distinct()
    ).scalars()
    return sorted(names, key=lambda n: (n.casefold(), n))
