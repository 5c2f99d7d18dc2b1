"""One rule for every shown number: for random assessments, each one-decimal number in the PDF,
the HTML report and the app's results view is a value the JSON carries, written the same way,
and each pillar's score in the JSON is written out in all three.

The JSON is the reference: scores, gaps and uplifts in ``maturity score --json`` are
``scoring.present.shown`` values, and a change is the difference of two shown scores.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from questionnaire.loader import load_model
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from reports.content import build_content
from reports.html import render_html
from reports.pdf import build_report
from scoring import result_to_dict, score
from scoring.result import Result

MODEL: Model = load_model(FIXTURES / "four-pillar-model.yaml")
# A one-decimal number standing alone (not part of a version such as 2.0.0 or a date).
NUMBER = re.compile(r"(?<![\d.])\d{1,3}\.\d(?![\d.])")


@st.composite
def responses(draw: st.DrawFn) -> Responses:
    answers: dict[str, str] = {}
    for pillar in MODEL.pillars:
        for q in pillar.questions:
            choices = [o.id for o in q.options] + [UNKNOWN] + ([NA] if q.allow_na else [])
            picked = draw(st.one_of(st.none(), st.sampled_from(choices)))
            if picked is not None:
                answers[q.id] = picked
    levels = [lv.level for lv in MODEL.scale.levels]
    targets = draw(
        st.dictionaries(st.sampled_from([p.id for p in MODEL.pillars]), st.sampled_from(levels))
    )
    return Responses.model_validate(
        {
            "model": MODEL.id,
            "organisation": "Numbers Constabulary",
            "answers": answers,
            "targets": targets,
        }
    )


def json_numbers(result: Result) -> set[str]:
    """Every number the JSON carries, written with one decimal place."""
    data = result_to_dict(result)
    values: list[Any] = [data["overall"]["score"]]
    for p in data["pillars"]:
        values += [p["score"], p["gap"]]
    values += [p["gap"] for p in data["priorities"]]
    values += [s["uplift"] for s in data["next_steps"]]
    values += [s["uplift"] for s in data["start_here"]]
    values += [a["score"] for a in data["answers"]]
    return {f"{v:.1f}" for v in values if v is not None}


def pillar_scores(result: Result) -> set[str]:
    data = result_to_dict(result)
    return {f"{p['score']:.1f}" for p in data["pillars"] if p["score"] is not None}


def check(text: str, result: Result, where: str) -> None:
    allowed = json_numbers(result)
    # Question numbers (``2.3``) open the appendix's and the judgements' lines, or follow the
    # word "question"; they are not scores.
    text = re.sub(r"(?m)^[•\-*\s]*(\*\*)?\d+\.\d+(\*\*)? ", "", text)
    found = set(NUMBER.findall(re.sub(r"(?i)\bquestion \d+\.\d+", "", text)))
    assert found <= allowed, f"{where} shows {sorted(found - allowed)} that the JSON does not"
    missing = pillar_scores(result) - found
    assert not missing, f"{where} does not show the pillar scores {sorted(missing)}"


def pdf_text(result: Result) -> str:
    pdf = build_report(result, invariant=True)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


class _Text(HTMLParser):
    """Every piece of text in an HTML page (SVG labels included), one per line."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(result: Result) -> str:
    parser = _Text()
    parser.feed(render_html(build_content(result)))
    return "\n".join(parser.parts)


def app_results_view(result: Result) -> str:
    """The text the app draws for a result (the report view of the Results page)."""

    def view(result):  # type: ignore[no-untyped-def]  # run as a script: no annotations

        from reports.content import build_content
        from ui.report_view import show_report

        show_report(build_content(result), key="results")

    at = AppTest.from_function(view, args=(result,), default_timeout=30).run()
    assert not at.exception, [e.stack_trace for e in at.exception]
    texts = [
        str(getattr(e, "value", ""))
        for kind in ("markdown", "caption", "subheader", "header")
        for e in at.get(kind)
    ]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(texts)


FAST = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(responses())
def test_the_pdf_shows_the_numbers_of_the_json(answers: Responses) -> None:
    result = score(MODEL, answers)
    check(pdf_text(result), result, "the PDF")


@FAST
@given(responses())
def test_the_html_shows_the_numbers_of_the_json(answers: Responses) -> None:
    result = score(MODEL, answers)
    check(html_text(result), result, "the HTML report")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses())
def test_the_app_shows_the_numbers_of_the_json(answers: Responses) -> None:
    result = score(MODEL, answers)
    check(app_results_view(result), result, "the app")
