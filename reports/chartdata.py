"""What the charts show, worked out once for both renderers.

The PDF's reportlab drawings (:mod:`reports.charts`) and the app's Plotly figures
(:mod:`reports.figures`) are both built from these values, so the two cannot disagree. Pure:
no I/O, no drawing, any number of pillars and levels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from questionnaire.schema import Model
from scoring.present import score_text
from scoring.result import Result

if TYPE_CHECKING:
    from scoring.aggregate import GroupResult

SCORE_MAX = 100.0


@dataclass(frozen=True)
class LevelBand:
    """One level of the scale as a range of scores: ``min`` <= score < ``max``."""

    level: int
    name: str
    min: float
    max: float

    @property
    def label(self) -> str:
        """``L2 Developing``."""
        return f"L{self.level} {self.name}"


@dataclass(frozen=True)
class ChartData:
    """One assessment's pillar scores, targets and the scale's level bands.

    The tuples run in model order and have one entry per pillar. A pillar that was not
    assessed has score 0 and ``assessed`` False, so charts can draw it and say why.
    """

    pillar_ids: tuple[str, ...]
    names: tuple[str, ...]
    scores: tuple[float, ...]
    assessed: tuple[bool, ...]
    levels: tuple[int | None, ...]
    target_scores: tuple[float, ...]
    target_levels: tuple[int, ...]
    bands: tuple[LevelBand, ...]
    overall: float | None = None

    def __len__(self) -> int:
        return len(self.pillar_ids)

    def band(self, level: int | None) -> LevelBand | None:
        """The band of a level number, or None."""
        return next((b for b in self.bands if b.level == level), None)

    def part(self, start: int, stop: int) -> ChartData:
        """Pillars ``start`` to ``stop - 1`` only, on the same bands (one of several charts
        that share out a model with more pillars than one chart can hold)."""
        return replace(
            self,
            pillar_ids=self.pillar_ids[start:stop],
            names=self.names[start:stop],
            scores=self.scores[start:stop],
            assessed=self.assessed[start:stop],
            levels=self.levels[start:stop],
            target_scores=self.target_scores[start:stop],
            target_levels=self.target_levels[start:stop],
        )

    def score_label(self, i: int) -> str:
        """Pillar `i`'s score as charts label it: ``50.0 (L2)``, or ``not assessed``."""
        if not self.assessed[i]:
            return "not assessed"
        level = self.levels[i]
        return score_text(self.scores[i]) + (f" (L{level})" if level is not None else "")

    def value_label(self, i: int) -> str:
        """Pillar `i`'s score and target as charts label them: ``50.0 (L2), target L3``."""
        return f"{self.score_label(i)}, target L{self.target_levels[i]}"


@dataclass(frozen=True)
class TrendSeries:
    """One pillar's score across assessments (None where it was not assessed or not in
    that assessment's model)."""

    pillar_id: str
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class TrendData:
    """Scores of several assessments of one organisation, oldest first."""

    labels: tuple[str, ...]
    series: tuple[TrendSeries, ...]
    overall: tuple[float | None, ...]
    bands: tuple[LevelBand, ...]

    def __len__(self) -> int:
        return len(self.labels)

    def part(self, start: int, stop: int) -> TrendData:
        """Series ``start`` to ``stop - 1`` only, with the overall line and the same bands."""
        return replace(self, series=self.series[start:stop])


def level_bands(model: Model) -> tuple[LevelBand, ...]:
    """The model's scale as score ranges; the top level runs to 100."""
    levels = model.scale.levels
    bands = []
    for i, lv in enumerate(levels):
        upper = levels[i + 1].min_score if i + 1 < len(levels) else SCORE_MAX
        bands.append(LevelBand(lv.level, lv.name, float(lv.min_score), float(upper)))
    return tuple(bands)


def chart_data(result: Result) -> ChartData:
    """The values the radar and bar charts draw for one scored assessment.

    Args:
        result: a scored assessment.

    Returns:
        Pillar ids, names, scores (0 where not assessed, with ``assessed`` False), levels,
        targets and the scale's level bands, in model order.
    """
    pillars = result.pillars
    return ChartData(
        pillar_ids=tuple(p.id for p in pillars),
        names=tuple(p.name for p in pillars),
        scores=tuple(p.score if p.score is not None else 0.0 for p in pillars),
        assessed=tuple(p.score is not None for p in pillars),
        levels=tuple(p.level for p in pillars),
        target_scores=tuple(float(p.target_score) for p in pillars),
        target_levels=tuple(p.target_level for p in pillars),
        bands=level_bands(result.model),
        overall=result.overall.score,
    )


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def assessment_label(result: Result, position: int) -> str:
    """A short label for an assessment on a time axis: ``27 Nov 2026``, or ``No. n`` when
    the assessment has no date."""
    on = result.responses.assessed_on
    return f"{on.day} {_MONTHS[on.month - 1]} {on.year}" if on else f"No. {position}"


def trend_data(results: Sequence[Result]) -> TrendData:
    """Per-pillar series across assessments, matched by pillar id.

    Args:
        results: assessments of one organisation, oldest first (the order is kept). They may
            answer different model versions: pillars are matched by id, named as in the
            latest assessment that has them, and ordered as in the latest model, then any
            pillars only earlier models had.

    Returns:
        One label per assessment, one series per pillar and the overall scores; the level
        bands come from the latest model.
    """
    if not results:
        return TrendData((), (), (), ())
    order: list[str] = []
    names: dict[str, str] = {}
    for result in reversed(results):
        for p in result.pillars:
            if p.id not in names:
                names[p.id] = p.name
                order.append(p.id)
    series = []
    for pillar_id in order:
        values = []
        for result in results:
            found = result.pillar(pillar_id)
            values.append(found.score if found else None)
        series.append(TrendSeries(pillar_id, names[pillar_id], tuple(values)))
    return TrendData(
        labels=tuple(assessment_label(r, i + 1) for i, r in enumerate(results)),
        series=tuple(series),
        overall=tuple(r.overall.score for r in results),
        bands=level_bands(results[-1].model),
    )


@dataclass(frozen=True)
class GroupData:
    """Each pillar's score per group of a group assessment, and the gap between two groups.

    Attributes:
        names: pillar names, in model order.
        pillars: pillar ids, in the same order.
        groups: the groups that scored anything, in the order they were offered / first seen.
        scores: ``scores[g][p]``: group ``g``'s score on pillar ``p`` (None: no scored answer).
        consensus: the group assessment's own pillar scores (None: not assessed).
        high, low: the two groups whose gap is shown (``high`` minus ``low``).
        gaps: per pillar, ``high`` minus ``low`` as the difference of the two shown scores
            (None when either group is missing there).
    """

    names: tuple[str, ...]
    pillars: tuple[str, ...]
    groups: tuple[str, ...]
    scores: tuple[tuple[float | None, ...], ...]
    consensus: tuple[float | None, ...]
    high: str
    low: str
    gaps: tuple[float | None, ...]


def group_data(group: GroupResult, high: str = "leadership", low: str = "frontline") -> GroupData:
    """The figures of the by-group chart and table, from an aggregate."""
    from scoring.present import change

    result = group.result
    pillars = tuple(p.id for p in result.pillars)
    seen: list[str] = []
    for by in group.by_group.values():
        seen += [g for g in by if g not in seen]
    ordered = [g for g in group.groups if g in seen] + [g for g in seen if g not in group.groups]
    scores = tuple(tuple(group.by_group.get(p, {}).get(g) for p in pillars) for g in ordered)
    gaps = []
    for p in pillars:
        by = group.by_group.get(p, {})
        a, b = by.get(high), by.get(low)
        # high minus low, as the difference of the two shown scores (the one rule)
        gaps.append(change(b, a))
    return GroupData(
        names=tuple(p.name for p in result.pillars),
        pillars=pillars,
        groups=tuple(ordered),
        scores=scores,
        consensus=tuple(p.score for p in result.pillars),
        high=high,
        low=low,
        gaps=tuple(gaps),
    )
