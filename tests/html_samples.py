"""Reports built by hand for the HTML renderer's tests, benchmark and screenshots.

The content builder (:func:`reports.content.build_content`) is written elsewhere; until it
lands, :func:`sample_report` assembles a report shaped like the PDF's from a real scored
assessment of the bundled model (cover, summary with charts, findings, next steps, "since
last time" with a trend, a warning, an appendix and sources), and :func:`stress_report`
one with hostile text in every block and a chart of any number of pillars and levels.
"""

from __future__ import annotations

from pathlib import Path

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from reports.chartdata import ChartData, LevelBand, TrendData, TrendSeries, chart_data, trend_data
from reports.content.model import (
    Align,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Report,
    Rule,
    Section,
    Span,
    Table,
    em,
    muted,
    strong,
    text,
)
from scoring import score
from scoring.present import change_text, score_text
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


def _trend_table(trend: TrendData) -> Table:
    header = (text("Pillar"), *(text(label) for label in trend.labels))
    rows = [
        (text(strong("Overall")), *(text(score_text(v, "–")) for v in trend.overall)),
        *((text(s.name), *(text(score_text(v, "–")) for v in s.values)) for s in trend.series),
    ]
    return Table(
        header=header,
        rows=tuple(rows),
        widths=(3, *(1 for _ in trend.labels)),
        align=("left", *(RIGHT for _ in trend.labels)),
    )


def _change(earlier: float | None, later: float | None) -> Inline:
    words = change_text(earlier, later)
    if earlier is None or later is None or words == "0.0":
        return text(Span(f"► {words}", tone="muted"))
    up = words.startswith("+")
    return text(Span(f"{'▲' if up else '▼'} {words}", tone="up" if up else "down"))


def _name(result: Result, pillar_id: str) -> str:
    found = result.pillar(pillar_id)
    return found.name if found else pillar_id


def sample_report(current: Result | None = None, previous: list[Result] | None = None) -> Report:
    """A report shaped like the PDF's, for the latest example assessment."""
    if current is None:
        *previous, current = results()
    previous = previous or []
    data = chart_data(current)
    org = current.responses.organisation or "Your organisation"
    model = current.model
    overall = current.overall
    cover = Section(
        "cover",
        None,
        (
            Paragraph(text("AI maturity assessment"), "title"),
            Paragraph(text(org), "organisation"),
            Paragraph(text(model.title), "subtitle"),
            Table(
                header=(),
                rows=(
                    (text("Assessed on"), text(str(current.responses.assessed_on))),
                    (text("Model"), text(f"{model.title}, version {model.version}")),
                    (text("Answers"), text("All questions answered")),
                ),
                widths=(1, 3.6),
                caption="About this assessment",
            ),
            Heading(2, text("About this report")),
            Paragraph(
                text(
                    f"This report sets out where {org} stands on the adoption of artificial "
                    "intelligence, pillar by pillar, against the targets set for it."
                )
            ),
        ),
    )
    summary = Section(
        "summary",
        "Summary",
        (
            Callout(
                (
                    Paragraph(
                        text(
                            strong(f"Overall: level {overall.level} ({overall.level_name})"),
                            f" with a score of {score_text(overall.score)}",
                        ),
                        "headline",
                    ),
                    Paragraph(text("Scores run from 0 to 100."), "small"),
                ),
                "info",
            ),
            Chart(
                "radar",
                data,
                "Pillar scores against targets",
                f"A radar chart of the {len(data)} pillar scores against their targets.",
                text("The shaded area is the score; the dashed ring is the target."),
                _pillar_table(data, "Pillar scores, levels and targets"),
            ),
            Chart(
                "bars",
                data,
                "Pillar scores over the level bands",
                "Horizontal bars of each pillar's score over the level bands, with targets.",
                text("Each bar is a pillar's score; the diamond marks its target."),
            ),
        ),
        break_before="page",
        one_page=True,
    )
    priorities = Section(
        "priorities",
        "Priority areas",
        tuple(
            Group(
                (
                    Heading(2, text(_name(current, p.pillar))),
                    Paragraph(text(p.reason)),
                    BulletList(
                        (text(f"Gap: {score_text(p.gap)} points"), text(muted("from the model")))
                    ),
                )
            )
            for p in current.priorities
        ),
        break_before="space",
    )
    steps = [
        text(s.text, "\n", muted(f"Pillar: {_name(current, s.pillar)}"))
        for s in current.next_steps[:12]
    ]
    next_steps = Section(
        "next-steps",
        "Next steps",
        (
            Paragraph(text("Ranked by how much each would raise the overall score."), "lead"),
            BulletList(tuple(steps[:6]), numbered=True),
            Heading(3, text("Further steps")),
            BulletList(tuple(steps[6:]), numbered=True, start=7),
        ),
    )
    blocks: list[Block] = []
    if previous:
        trend = trend_data([*previous, current])
        last = previous[-1]
        rows = tuple(
            (
                text(p.name),
                text(score_text(lp.score if lp else None, "–")),
                text(score_text(p.score, "–")),
                _change(lp.score if lp else None, p.score),
            )
            for p in current.pillars
            for lp in [last.pillar(p.id)]
        )
        blocks += [
            Table(
                (text("Pillar"), text("Then"), text("Now"), text("Change")),
                rows,
                (3, 1, 1, 1),
                ("left", "right", "right", "right"),
                caption="Change since the last assessment",
            ),
            Chart(
                "trend",
                trend,
                "Scores across assessments",
                f"Lines of each pillar's score across {len(trend)} assessments.",
                text("Each line is a pillar; the thick line is the overall score."),
                _trend_table(trend),
            ),
        ]
    since = Section("since-last-time", "Since last time", tuple(blocks), break_before="page")
    flags = Section(
        "flags",
        "Points to note",
        (
            *(
                Callout(
                    (Paragraph(text(f.message)),), "stop" if f.kind == "critical" else "warning"
                )
                for f in current.flags
            ),
            Callout((Paragraph(text("Check that the answers were agreed.")),), "warning"),
            Rule(),
            Paragraph(text(em("Flags come from the model's rules.")), "note"),
        ),
    )
    appendix_rows = tuple(
        (text(q.id), text(q.answer or "Not answered"), text(score_text(q.score, "–")))
        for p in current.pillars
        for q in p.questions[:3]
    )
    appendix = Section(
        "appendix",
        "Appendix: questions and answers",
        (
            Table(
                (text("Question"), text("Answer"), text("Score")),
                appendix_rows,
                (3, 2, 1),
                ("left", "left", "right"),
            ),
            Paragraph(
                text(
                    "Sources: ",
                    Span("College of Policing", href="https://www.college.police.uk/"),
                    " and ",
                    Span("the ICO's AI guidance", href="https://ico.org.uk/"),
                    ".",
                ),
                "small",
            ),
        ),
    )
    return Report(
        title=f"AI maturity assessment: {org}",
        organisation=org,
        author="AI maturity self-assessment",
        subject=f"{model.title} {model.version}",
        keywords=("AI", "maturity", "policing"),
        footer=f"{org} · AI maturity assessment · OFFICIAL-SENSITIVE",
        sections=(cover, summary, priorities, next_steps, since, flags, appendix),
    )


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
