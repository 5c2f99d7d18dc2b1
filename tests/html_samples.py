"""Reports built by hand for the HTML renderer's tests, benchmark and screenshots.

:func:`sample_report` is the real report of three scored assessments of the bundled model,
from :func:`reports.content.build_content`; :func:`stress_report` is built by hand with
hostile text in every block and charts of any number of pillars and levels.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from reports.chartdata import ChartData, LevelBand, TrendData, TrendSeries
from reports.content import Options, build_content
from reports.content.model import (
    Align,
    BulletList,
    Callout,
    Chart,
    Heading,
    Paragraph,
    Report,
    Section,
    Span,
    Table,
    text,
)
from scoring import score
from scoring.present import score_text
from scoring.result import Result

RIGHT: Align = "right"
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    '<script>alert(1)</script> R&D "quoted" \'single\' "><img src=x onerror=alert(1)> '
    "שלום עולם مرحبا 👮🚓 \x00\x07\x1b\x7f\x85 \ud800 end"
)
LONG_WORD = "W" * 10_000


def results() -> list[Result]:
    """Three assessments of the bundled model, oldest first (the examples folder)."""
    model = load_model(DEFAULT_MODEL)
    names = ("force-early.yaml", "force-leading-weak-governance.yaml", "force-middle.yaml")
    scored = [score(model, load_responses(ROOT / "examples" / n, model)) for n in names]
    return sorted(scored, key=lambda r: str(r.responses.assessed_on))


def _pillar_table(data: ChartData, caption: str) -> Table:
    rows = tuple(
        (
            text(data.names[i]),
            text(score_text(data.scores[i]) if data.assessed[i] else "not assessed"),
            text(f"L{data.levels[i]}" if data.levels[i] else "–"),
            text(f"L{data.target_levels[i]}"),
        )
        for i in range(len(data))
    )
    return Table(
        header=(text("Pillar"), text("Score"), text("Level"), text("Target")),
        rows=rows,
        widths=(3, 1, 1, 1),
        align=("left", "right", "right", "right"),
        caption=caption,
    )


def sample_report(current: Result | None = None, previous: list[Result] | None = None) -> Report:
    """The real report of the bundled model's examples, from the content builder: the latest
    assessment with the earlier ones as "since last time" and a trend."""
    scored = results()
    if current is None:
        current = scored[-1]
    if previous is None:
        previous = scored[:-1]
    return build_content(current, previous, Options(generated_on=dt.date(2026, 11, 28)))


def synthetic_data(
    pillars: int, levels: int, *, long_names: bool = False, hostile: bool = False
) -> ChartData:
    """Chart data for `pillars` pillars on a scale of `levels` levels."""
    step = 100 / levels
    bands = tuple(
        LevelBand(
            i + 1,
            (HOSTILE if hostile else f"Stage name {i + 1}"),
            round(i * step, 1),
            round((i + 1) * step, 1) if i + 1 < levels else 100.0,
        )
        for i in range(levels)
    )

    def name(i: int) -> str:
        if hostile:
            return f"{HOSTILE} {i}" if i % 2 else LONG_WORD
        if long_names and i % 2 == 0:
            return f"Governance, ethics, accountability and public trust in automated decisions {i}"
        return f"Pillar {i + 1}"

    scores = tuple(((i * 37) % 101) * 1.0 for i in range(pillars))
    return ChartData(
        pillar_ids=tuple(f"p{i}" for i in range(pillars)),
        names=tuple(name(i) for i in range(pillars)),
        scores=scores,
        assessed=tuple(i % 7 != 3 for i in range(pillars)),
        levels=tuple(
            max(b.level for b in bands if b.min <= s) if i % 7 != 3 else None
            for i, s in enumerate(scores)
        ),
        target_scores=tuple(bands[max(0, levels - 2)].min for _ in range(pillars)),
        target_levels=tuple(max(1, levels - 1) for _ in range(pillars)),
        bands=bands,
        overall=50.0,
    )


def synthetic_trend(pillars: int, assessments: int, levels: int = 5) -> TrendData:
    """Trend data of `pillars` series over `assessments` assessments, with gaps."""
    data = synthetic_data(pillars, levels, long_names=True)
    series = tuple(
        TrendSeries(
            data.pillar_ids[i],
            data.names[i],
            tuple(
                None if (i + k) % 5 == 4 else float((i * 13 + k * 17) % 100)
                for k in range(assessments)
            ),
        )
        for i in range(pillars)
    )
    return TrendData(
        labels=tuple(f"{k + 1} Nov {2020 + k}" for k in range(assessments)),
        series=series,
        overall=tuple(float(40 + k) for k in range(assessments)),
        bands=data.bands,
    )


def stress_report(pillars: int = 40, levels: int = 10) -> Report:
    """Hostile text in every place a span can be, and charts of many pillars and levels."""
    data = synthetic_data(pillars, levels, hostile=True)
    evil = (
        Span(HOSTILE),
        Span(HOSTILE, strong=True, href="javascript:alert(1)"),
        Span(LONG_WORD, emphasis=True),
        Span("\u202eevil override", tone="down", small=True, href='https://example.org/?a=1&b="x"'),
    )
    return Report(
        title=HOSTILE,
        organisation=HOSTILE,
        author=HOSTILE,
        subject=HOSTILE,
        keywords=(HOSTILE, "x"),
        footer=HOSTILE,
        sections=(
            Section("cover", None, (Paragraph(evil, "organisation"), Paragraph(evil, "subtitle"))),
            Section(
                '"><script>',
                HOSTILE,
                (
                    Heading(3, evil),
                    Paragraph(evil, "lead"),
                    BulletList((evil, evil), numbered=True, start=3),
                    Table(
                        (evil, evil), ((evil, evil),), (1, 1), ("left", "right"), caption=HOSTILE
                    ),
                    Callout((Heading(2, evil), Paragraph(evil)), "stop"),
                    Chart("radar", data, HOSTILE, HOSTILE, evil, _pillar_table(data, "")),
                    Chart("bars", data, HOSTILE, HOSTILE, evil),
                    Chart("trend", synthetic_trend(pillars, 6, levels), HOSTILE, HOSTILE, evil),
                ),
            ),
        ),
        lang='en-GB"><script>',
    )
