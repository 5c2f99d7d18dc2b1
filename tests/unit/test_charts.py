"""Chart data and chart builders: any number of pillars and levels, labels that stay apart and
on the drawing, and the same data behind the PDF drawings and the app's Plotly figures."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from questionnaire.schema import Model, Responses
from reports.chartdata import ChartData, chart_data, level_bands, trend_data
from reports.chartkit import spread, wrap
from reports.charts import bars_drawing, radar_drawing, trend_drawing
from reports.typefaces import REGULAR, register_fonts
from scoring import score
from scoring.result import Result

LONG_NAME = (
    "Governance, ethics, accountability and public trust in the use of automated decision "
    "support by officers, staff and partner agencies"
)


def make_model(pillars: int, levels: int, *, long_names: bool = False) -> Model:
    """A model with `pillars` pillars of two questions each and `levels` levels."""
    step = 100 / levels
    data: dict[str, Any] = {
        "id": "synthetic",
        "version": "1.0.0",
        "title": "Synthetic model",
        "scale": {
            "levels": [
                {"level": i + 1, "name": f"Stage {i + 1}", "min_score": round(i * step, 1)}
                for i in range(levels)
            ],
            "target_level": max(1, levels - 1),
        },
        "pillars": [
            {
                "id": f"p{i}",
                "name": f"{LONG_NAME} {i}" if long_names and i % 2 == 0 else f"Pillar {i}",
                "questions": [
                    {
                        "id": f"p{i}-q{j}",
                        "text": f"Question {j} of pillar {i}?",
                        "options": [
                            {"id": "low", "label": "Low", "score": 0, "next_step": "Start."},
                            {"id": "mid", "label": "Middle", "score": 50, "next_step": "Grow."},
                            {"id": "high", "label": "High", "score": 100},
                        ],
                    }
                    for j in range(2)
                ],
            }
            for i in range(pillars)
        ],
    }
    return Model.model_validate(data)


def scored(model: Model, pattern: str = "mid", **extra: Any) -> Result:
    """Score `model` with every question answered by cycling through `pattern`."""
    options = pattern.split(",")
    answers = {q.id: options[k % len(options)] for k, (_, q) in enumerate(model.questions())}
    responses = Responses.model_validate({"model": model.id, "answers": answers, **extra})
    return score(model, responses)


def strings(node: Any) -> list[String]:
    """Every String in a drawing, groups included."""
    found = []
    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            found.append(child)
        elif isinstance(child, Group):
            found += strings(child)
    return found


def box(s: String) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a String as drawn."""
    w = stringWidth(s.text, s.fontName, s.fontSize)
    left = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return left, s.y - 0.22 * s.fontSize, left + w, s.y + 0.78 * s.fontSize


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def assert_tidy(drawing: Drawing) -> None:
    """No text runs off the drawing, and no two strings overlap."""
    boxes = [(s.text, box(s)) for s in strings(drawing)]
    assert boxes
    for text, (left, bottom, right, top) in boxes:
        assert left >= -0.5 and right <= drawing.width + 0.5, f"{text!r} runs off the side"
        assert bottom >= -0.5 and top <= drawing.height + 0.5, f"{text!r} runs off the top/bottom"
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), f"{ta!r} overlaps {tb!r}"


# --- chart_data / trend_data -------------------------------------------------------------


def test_chart_data_has_one_entry_per_pillar_and_the_scale_as_bands() -> None:
    model = make_model(4, 3)
    data = chart_data(scored(model))
    assert data.pillar_ids == ("p0", "p1", "p2", "p3")
    assert data.scores == (50.0,) * 4
    assert data.assessed == (True,) * 4
    assert [(b.level, b.min, b.max) for b in data.bands] == [
        (1, 0.0, 33.3),
        (2, 33.3, 66.7),
        (3, 66.7, 100.0),
    ]
    assert data.target_levels == (2,) * 4
    assert data.target_scores == (33.3,) * 4


def test_a_pillar_not_assessed_is_drawn_at_zero_and_flagged() -> None:
    model = make_model(3, 5)
    responses = Responses.model_validate(
        {"model": model.id, "answers": {"p0-q0": "high", "p2-q1": "low"}}
    )
    data = chart_data(score(model, responses))
    assert data.scores == (100.0, 0.0, 0.0)
    assert data.assessed == (True, False, True)
    assert data.levels[1] is None


def test_chart_data_is_the_same_for_the_same_result() -> None:
    result = scored(make_model(5, 4))
    assert chart_data(result) == chart_data(result)


def test_level_bands_run_from_zero_to_100_without_gaps() -> None:
    bands = level_bands(make_model(2, 7))
    assert bands[0].min == 0 and bands[-1].max == 100
    assert all(a.max == b.min for a, b in itertools.pairwise(bands))


def test_trend_matches_pillars_by_id_across_model_versions() -> None:
    old = make_model(3, 3)
    dump = old.model_dump()
    dump["version"] = "2.0.0"
    dump["pillars"] = dump["pillars"][1:] + [
        {
            **dump["pillars"][0],
            "id": "new",
            "name": "New pillar",
            "questions": [{**q, "id": f"new-{q['id']}"} for q in dump["pillars"][0]["questions"]],
        }
    ]
    new = Model.model_validate(dump)
    first = scored(old, "low", assessed_on=dt.date(2024, 1, 5))
    second = scored(new, "high", assessed_on=dt.date(2025, 2, 6))
    trend = trend_data([first, second])
    assert trend.labels == ("5 Jan 2024", "6 Feb 2025")
    by_id = {s.pillar_id: s.values for s in trend.series}
    assert [s.pillar_id for s in trend.series] == ["p1", "p2", "new", "p0"]
    assert by_id["p1"] == (0.0, 100.0)
    assert by_id["new"] == (None, 100.0)
    assert by_id["p0"] == (0.0, None)
    assert trend.overall == (0.0, 100.0)


def test_trend_of_no_results_is_empty() -> None:
    assert len(trend_data([])) == 0


# --- drawings ----------------------------------------------------------------------------


@pytest.mark.parametrize(("pillars", "levels"), [(3, 2), (4, 3), (6, 5), (8, 4), (12, 7)])
@pytest.mark.parametrize("long_names", [False, True])
def test_radar_labels_stay_on_the_drawing_and_apart(
    pillars: int, levels: int, long_names: bool
) -> None:
    data = chart_data(scored(make_model(pillars, levels, long_names=long_names), "low,high,mid"))
    drawing = radar_drawing(data)
    assert isinstance(drawing, Drawing)
    assert_tidy(drawing)


@pytest.mark.parametrize("pillars", [1, 2])
def test_radar_of_fewer_than_three_pillars_falls_back_to_bars(pillars: int) -> None:
    data = chart_data(scored(make_model(pillars, 3)))
    drawing = radar_drawing(data)
    assert drawing.height == bars_drawing(data).height
    assert_tidy(drawing)


@pytest.mark.parametrize(("pillars", "levels"), [(1, 1), (4, 3), (6, 5), (12, 7)])
def test_bars_name_every_pillar_score_and_target_in_text(pillars: int, levels: int) -> None:
    data = chart_data(scored(make_model(pillars, levels, long_names=True)))
    drawing = bars_drawing(data)
    assert_tidy(drawing)
    texts = " ".join(s.text for s in strings(drawing))
    assert texts.count("target L") == pillars
    assert texts.count("50.0") == pillars


@pytest.mark.parametrize("count", [1, 2, 3, 8])
def test_trend_names_every_line_at_its_end(count: int) -> None:
    model = make_model(6, 5, long_names=True)
    results = [
        scored(model, pattern, assessed_on=dt.date(2020 + i, 3, 1))
        for i, pattern in zip(
            range(count), itertools.cycle(["low", "mid", "high,low"]), strict=False
        )
    ]
    drawing = trend_drawing(trend_data(results))
    assert_tidy(drawing)
    texts = [s.text for s in strings(drawing)]
    assert any(t.startswith("Overall ") for t in texts)
    assert sum(t.startswith(("Governance", "Pillar")) for t in texts) == 6


def test_charts_draw_names_as_text_not_markup() -> None:
    dump = make_model(3, 3).model_dump()
    dump["pillars"][0]["name"] = 'R&D <Unit> "Alpha" </para>'
    data = chart_data(scored(Model.model_validate(dump)))
    texts = " ".join(s.text for s in strings(radar_drawing(data)))
    assert 'R&D <Unit> "Alpha"' in texts


def test_chart_builders_write_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = chart_data(scored(make_model(5, 5)))
    radar_drawing(data)
    bars_drawing(data)
    trend_drawing(trend_data([scored(make_model(5, 5))] * 3))
    assert list(tmp_path.iterdir()) == []


# --- helpers -----------------------------------------------------------------------------


def test_wrap_cuts_long_words_and_ends_overflow_with_an_ellipsis() -> None:
    register_fonts()
    lines = wrap("W" * 300, REGULAR, 8, 100, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(stringWidth(line, REGULAR, 8) <= 100 for line in lines)


def test_spread_keeps_order_and_distance_within_bounds() -> None:
    placed = spread([50, 50, 51, 10, 99], 9, 0, 100)
    ordered = sorted(placed)
    assert all(b - a >= 9 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert min(placed) >= 0 and max(placed) <= 100
    assert placed[3] == min(placed) and placed[4] == max(placed)


# --- Plotly figures ----------------------------------------------------------------------


def test_figures_come_from_the_same_data_and_label_targets_in_text() -> None:
    from reports.figures import bars_figure, radar_figure, trend_figure

    model = make_model(4, 3)
    result = scored(model)
    data: ChartData = chart_data(result)
    radar = radar_figure(data)
    assert [t.name for t in radar.data] == ["Target", "Score"]
    assert list(radar.data[1].r[:-1]) == list(data.scores)
    bars = bars_figure(data)
    assert list(bars.data[0].x) == list(data.scores)
    assert list(bars.data[1].text) == ["target L2"] * 4
    trend = trend_figure(trend_data([result, result, result]))
    assert [t.name for t in trend.data][-1] == "Overall"
    assert len(trend.data) == 5


def test_figures_escape_markup_in_names() -> None:
    from reports.figures import radar_figure

    dump = make_model(3, 3).model_dump()
    dump["pillars"][0]["name"] = "<b>Bold</b> & <img src=x>"
    figure = radar_figure(chart_data(scored(Model.model_validate(dump))))
    label = figure.data[1].theta[0]
    assert "&lt;b&gt;Bold&lt;/b&gt;" in label and "&amp;" in label and "&lt;img" in label
    assert "<b>" not in label and "<img" not in label


def test_fewer_than_three_pillars_give_bars_in_the_app_too() -> None:
    from reports.figures import radar_figure

    figure = radar_figure(chart_data(scored(make_model(2, 3))))
    assert figure.data[0].type == "bar"


def test_app_bars_keep_their_labels_clear_of_bars_and_markers() -> None:
    # Seen on a 390-pixel phone: band names under the first bar, values under target
    # diamonds. Values now sit in the right margin and band numbers above the plot.
    from reports.figures import BAND_LABEL_MIN, bars_figure

    data = chart_data(scored(make_model(5, 4)))
    figure = bars_figure(data)
    assert not figure.data[0].text, "no value is printed on a bar, where a marker can cover it"
    values = [a for a in figure.layout.annotations if a.xref == "paper"]
    assert [a.text for a in values] == [data.score_label(i) for i in range(len(data))]
    assert all(a.x >= 1.0 and a.xanchor == "left" for a in values)
    bands = [a for a in figure.layout.annotations if a.yref == "paper"]
    wide = [b for b in data.bands if b.max - b.min >= BAND_LABEL_MIN]
    assert [a.text for a in bands] == [f"L{b.level}" for b in wide]
    assert all(a.y >= 1.0 and a.yanchor == "bottom" for a in bands)
