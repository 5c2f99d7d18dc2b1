"""The workshop report (issue 13): the consensus result's single report plus who took part,
where views differ, the disagreements and their resolution, the dissent and the knowledge
gaps by group, rendered as real PDF and HTML files.

Workshops come from ``tests/group_samples.py`` (the bundled model, 2 and 40 participants).
Every number shown must be one the aggregate's JSON carries (``group_to_dict``), as
``test_same_numbers_everywhere.py`` checks for the single report; names must appear only
when the caller says names are shown; hostile text must be shown literally everywhere.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from group_samples import participant, workshop
from pypdf import PdfReader

from reports.content import Options, build_group_content
from reports.content.model import Report, Table, section_text
from reports.html import render_html
from reports.pdf import render_pdf
from scoring.aggregate import Agreed, aggregate
from scoring.serialise import group_to_dict

# A one-decimal number standing alone (not part of a version such as 2.0.0 or a date).
NUMBER = re.compile(r"(?<![\d.])\d{1,3}\.\d(?![\d.])")
HOSTILE = "<script>alert(1)</script> </para><b>R&D</b> **bold** [x](javascript:alert(1))"


def pdf_text(report: Report) -> str:
    pdf = render_pdf(report, invariant=True)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_pages(report: Report) -> int:
    return len(PdfReader(io.BytesIO(render_pdf(report, invariant=True))).pages)


class _Text(HTMLParser):
    """Every piece of text in an HTML page (SVG labels included), and every element."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_of(report: Report) -> _Text:
    parser = _Text()
    parser.feed(render_html(report))
    return parser


def json_numbers(group: Any) -> set[str]:
    """Every number the aggregate's JSON carries, with one decimal place, and every gap:
    the difference of two by-group scores it carries (a gap is defined so)."""
    data = group_to_dict(group)
    values: list[Any] = [data["overall"]["score"]]
    for p in data["pillars"]:
        values += [p["score"], p["gap"], *p["by_group"].values(), *(p["range"] or [])]
        scores = list(p["by_group"].values())
        values += [round(abs(a - b), 1) for a in scores for b in scores]
    values += [p["gap"] for p in data["priorities"]]
    values += [s["uplift"] for s in data["next_steps"]]
    values += [s["uplift"] for s in data["start_here"]]
    values += [a["score"] for a in data["answers"]]
    values += [q["consensus"] for q in data["questions"]] + [q["spread"] for q in data["questions"]]
    return {f"{v:.1f}" for v in values if v is not None}


def check_numbers(shown: str, group: Any, where: str) -> None:
    # Question numbers (``2.3``) open lines or follow the word "question"; they are not scores.
    shown = re.sub(r"(?m)^[•\-*\s]*(\*\*)?\d+\.\d+(\*\*)? ", "", shown)
    shown = re.sub(r"(?i)\bquestions? \d+\.\d+(?:(?:, | and )\d+\.\d+)*", "", shown)
    found = set(NUMBER.findall(shown))
    extra = found - json_numbers(group)
    assert not extra, f"{where} shows {sorted(extra)} that the aggregate's JSON does not"


@pytest.fixture(scope="module")
def two() -> Any:
    return workshop(2)


@pytest.fixture(scope="module")
def forty() -> Any:
    return workshop(40)


@pytest.mark.parametrize("size", [2, 40])
def test_the_workshop_report_renders_for_2_and_40_participants_in_pdf_and_html(
    size: int, two: Any, forty: Any
) -> None:
    w = two if size == 2 else forty
    report = build_group_content(w.group, names_shown=False, people=w.people)
    ids = [s.id for s in report.sections]
    for wanted in ("cover", "summary", "participants", "views", "disagreements", "dissent"):
        assert wanted in ids
    for single in ("judgements", "actions", "answers", "method"):
        assert single in ids  # every section of the single report is there too
    assert pdf_pages(report) >= 8
    text = pdf_text(report)
    assert f"These results are the consensus of {size} participants" in " ".join(text.split())
    assert "between 1 March 2027 and" in " ".join(text.split())
    assert "Self-assessment by" in text and f"{size} participants" in text
    page = html_of(report)
    assert "svg" in page.tags and "Group consensus" in page.parts


@pytest.mark.parametrize("size", [2, 40])
def test_every_number_in_the_workshop_report_is_one_the_aggregate_json_carries(
    size: int, two: Any, forty: Any
) -> None:
    w = two if size == 2 else forty
    report = build_group_content(w.group, names_shown=True, people=w.people)
    check_numbers(pdf_text(report), w.group, "the PDF")
    check_numbers("\n".join(html_of(report).parts), w.group, "the HTML report")


def test_the_number_check_can_fail(two: Any) -> None:
    with pytest.raises(AssertionError, match=r"12\.3"):
        check_numbers("a score of 12.3 nobody worked out", two.group, "a made-up page")


def test_names_appear_only_when_names_are_shown(two: Any) -> None:
    people = (
        participant(two.model, 0, name="Alice Hartley", group="leadership"),
        participant(two.model, 1, name="Bob Okafor", group="frontline"),
    )
    group = aggregate(two.model, people)
    hidden = build_group_content(group, names_shown=False, people=people)
    shown = build_group_content(group, names_shown=True, people=people)
    for report, expected in ((hidden, False), (shown, True)):
        pdf = pdf_text(report)
        html = "\n".join(html_of(report).parts)
        for name in ("Alice Hartley", "Bob Okafor"):
            assert (name in pdf) is expected
            assert (name in html) is expected
        assert ("anonymously" in pdf) is not expected
    assert "Alice Hartley (leadership)" in pdf_text(shown)


def test_the_gap_reading_names_the_pillars_leaders_rate_higher_and_by_how_much(
    two: Any,
) -> None:
    report = build_group_content(two.group, names_shown=False, people=two.people)
    views = report.section("views")
    assert views is not None
    words = " ".join(section_text(views).split())
    rated = [p for p in two.group.result.pillars if (two.group.gap(p.id) or 0) > 0]
    assert rated, "the sample's leaders rate some pillar higher"
    assert "Rated higher by leadership:" in words
    for pillar in rated:
        gap = two.group.gap(pillar.id)
        assert f"{pillar.name} by {gap:.1f}" in words


def test_the_gap_reading_says_when_the_frontline_took_no_part(two: Any) -> None:
    people = tuple(participant(two.model, n, group="leadership") for n in range(3))
    group = aggregate(two.model, people)
    report = build_group_content(group, names_shown=False, people=people)
    words = " ".join(pdf_text(report).split())
    assert "No frontline participants took part, so the gap between leadership and frontline" in (
        words
    )
    assert "gap +" not in words  # no gap is drawn or written


def test_each_disagreement_shows_the_answers_and_how_it_was_resolved(two: Any) -> None:
    report = build_group_content(two.group, names_shown=False, people=two.people)
    section = report.section("disagreements")
    assert section is not None
    words = " ".join(section_text(section).split())
    split = [q for q in two.group.disagreements() if q.disagreement]
    assert split and any(q.id not in two.agreed for q in split)
    assert "Answers given:" in words and "1 × “" in words
    assert "Agreed: “" in words and "Why: The room agreed" in words
    assert "No agreement recorded: the consensus is the median of the answers" in words


def test_the_dissent_is_shown_in_the_dissenters_words(two: Any) -> None:
    report = build_group_content(two.group, names_shown=False, people=two.people)
    section = report.section("dissent")
    assert section is not None
    assert "“Two frontline sergeants said nothing has reached their teams.”" in section_text(
        section
    )
    quiet = build_group_content(two.group, names_shown=False, people=two.people, dissent={})
    none = quiet.section("dissent")
    assert none is not None and "No dissent was recorded" in section_text(none)


def test_the_knowledge_gaps_are_counted_by_group(forty: Any) -> None:
    report = build_group_content(forty.group, names_shown=False, people=forty.people)
    section = report.section("knowledge-gaps")
    assert section is not None
    table = next(b for b in section.blocks if isinstance(b, Table))
    header = [" ".join(s.text for s in cell) for cell in table.header]
    asked = [q for q in forty.group.questions if q.unknown]
    assert len(table.rows) == len(asked)
    for q, row in zip(asked, table.rows, strict=True):
        cells = ["".join(s.text for s in cell) for cell in row]
        for column, name in enumerate(header[1:-1], 1):
            assert cells[column] == str(q.unknown_by_group.get(name.lower(), 0))
        assert cells[-1] == str(q.unknown)


def test_a_workshop_report_never_says_a_dont_know_counts_as_0(forty: Any) -> None:
    report = build_group_content(forty.group, names_shown=False, people=forty.people)
    for section_id in ("summary", "method", "knowledge-gaps"):
        section = report.section(section_id)
        assert section is not None
    for section in report.sections:  # the pillar judgements too
        assert "as 0" not in section_text(section), section.id
    method = report.section("method")
    assert method is not None and "median of the participants’ scores" in section_text(method)


def test_hostile_names_rationale_and_dissent_are_shown_literally(two: Any) -> None:
    people = (
        participant(two.model, 0, name=HOSTILE, group="leadership"),
        participant(two.model, 1, name="Plain Name", group=HOSTILE),
    )
    group = aggregate(two.model, people)
    qid = group.questions[0].id
    answer = next(iter(group.questions[0].counts))
    agreed = {qid: Agreed(answer=answer, rationale=HOSTILE, dissent=HOSTILE)}
    group = aggregate(two.model, people, agreed)
    report = build_group_content(
        group, options=Options(prepared_by=HOSTILE), names_shown=True, people=people
    )
    page = render_html(report)
    parsed = html_of(report)
    assert "script" not in parsed.tags and "para" not in parsed.tags
    assert not re.search(r"(?i)(href|src)\s*=\s*[\"']?\s*javascript:", page)  # never a link
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    joined = "\n".join(parsed.parts)
    assert joined.count("**bold**") >= 3  # the name, the group, the rationale and the dissent
    pdf = " ".join(pdf_text(report).split())
    assert "<script>alert(1)</script> </para><b>R&D</b> **bold**" in pdf


def test_the_single_report_options_still_apply(two: Any) -> None:
    report = build_group_content(
        two.group,
        options=Options(sections=("summary", "views"), marking=None),
        names_shown=False,
        people=two.people,
    )
    assert [s.id for s in report.sections] == ["cover", "summary", "views"]
    assert report.marking is None


def test_a_question_the_whole_group_does_not_know_is_left_out_not_counted_as_0() -> None:
    from conftest import FIXTURES

    from questionnaire.loader import load_model
    from questionnaire.schema import Respondent, Responses
    from scoring.aggregate import aggregate

    model = load_model(FIXTURES / "tiny-model.yaml")
    people = [
        Responses(
            model="tiny",
            organisation="Org",
            respondent=Respondent(name=name, group=group),
            answers={
                q.id: ("unknown" if k == 0 else q.options[-1].id)
                for k, (_, q) in enumerate(model.questions())
            },
        )
        for name, group in (("A", "leadership"), ("B", "frontline"))
    ]
    group = aggregate(model, people)
    assert any(p.unknown for p in group.result.pillars)
    report = build_group_content(group, names_shown=True, people=people)
    judgements = report.section("judgements")
    assert judgements is not None
    assert "left out of the score" in section_text(judgements)
    for section in report.sections:
        assert "as 0" not in section_text(section), section.id
