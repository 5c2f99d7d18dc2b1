"""The board report: counts that match what is listed, no section repeating another, the
issues put to the chief officer group, a body within six pages, sections chosen, commentary
and a logo, and the marking in the Word file."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import cli
from questionnaire.loader import default_model_path, load_model, load_responses
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from reports.content import build_content
from reports.content.board import ISSUES, issues
from reports.content.context import Context
from reports.content.model import (
    SECTIONS,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Options,
    Paragraph,
    Report,
    Table,
    plain,
)
from reports.pdf import render_pdf
from scoring import score
from scoring.result import Result

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "fixtures"
BUNDLED = load_model(default_model_path())
FOUR = load_model(FIXTURES / "four-pillar-model.yaml")

WORDS = {
    w: n
    for n, w in enumerate(
        ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
}
COUNTED = re.compile(
    r"(?<!up to )(?<!of )\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) "
    r"(?:more )?(issues?|questions?|answers?|steps?|actions?|terms?|sources?)\b",
    re.IGNORECASE,
)


def example(path: Path) -> Result:
    return score(BUNDLED, load_responses(path, BUNDLED))


def flat(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for b in blocks:
        if isinstance(b, Group | Callout):
            yield from flat(b.blocks)
        else:
            yield b


def units(block: Block) -> list[str]:
    """The pieces of text a reader meets one at a time: a paragraph, a list item, a row
    (headings are left out: a pillar's name heads its part of several sections)."""
    if isinstance(block, Paragraph):
        return [plain(block.text)]
    if isinstance(block, BulletList):
        return [plain(i) for i in block.items]
    if isinstance(block, Table):
        return [" | ".join(plain(c) for c in row) for row in block.rows]
    if isinstance(block, Chart):
        return [block.alt]
    return []


def normal(value: str) -> str:
    return " ".join(value.split()).strip(" .").lower()


def check_counts(report: Report) -> None:
    """Every "N things" a paragraph states equals the items of the lists after it, up to the
    next heading at the paragraph's own level or above."""
    for section in report.sections:
        blocks = list(flat(section.blocks))
        level = 1  # the level of the heading the paragraph sits under (1: the section's)
        for i, block in enumerate(blocks):
            if isinstance(block, Heading):
                level = block.level
            if not isinstance(block, Paragraph):
                continue
            items = 0
            for after in blocks[i + 1 :]:
                if isinstance(after, Heading) and after.level <= max(level, 2):
                    break
                if isinstance(after, BulletList):
                    items += len(after.items)
            if not items:
                continue
            for word, _noun in COUNTED.findall(plain(block.text)):
                stated = WORDS.get(word.lower())
                stated = int(word) if stated is None else stated
                assert stated == items, (section.id, plain(block.text), items)


def check_verdict(report: Report, result: Result) -> None:
    """The verdict's "meets its targets in N of M" matches the judgements' table."""
    summary = report.section("summary")
    judged = report.section("judgements")
    assert summary is not None and judged is not None
    verdict = plain(next(b for b in flat(summary.blocks) if isinstance(b, Paragraph)).text)
    found = re.search(r"in (\d+) of (\w+) assessed pillars?", verdict)
    if found is None:
        assert not any(pr.assessed for pr in result.pillars)
        return
    table = next(b for b in flat(judged.blocks) if isinstance(b, Table))
    verdicts = [plain(row[1]) for row in table.rows]
    meeting = sum(v in ("Meets its target", "Beyond its target") for v in verdicts)
    assessed = sum(v != "Not assessed" for v in verdicts)
    assert int(found.group(1)) == meeting
    assert found.group(2) in (str(assessed), next(k for k, n in WORDS.items() if n == assessed))
    raised = re.search(r"; (\w+) issues? below", verdict)
    if raised:
        issues_list = next(b for b in flat(summary.blocks) if isinstance(b, BulletList))
        assert WORDS[raised.group(1)] == len(issues_list.items)


def check_no_repeats(report: Report, result: Result) -> None:
    """No paragraph, list item or table row of any length appears in two sections, and the
    answer chosen for a question is quoted in at most two (the body once, and the appendix)."""
    where: dict[str, str] = {}
    for section in report.sections:
        for block in flat(section.blocks):
            for unit in units(block):
                key = normal(unit)
                if len(key) < 40:
                    continue
                other = where.setdefault(key, section.id)
                assert other == section.id, f"{unit!r} is in both {other} and {section.id}"
    texts = {
        s.id: normal(" ".join(u for b in flat(s.blocks) for u in units(b))) for s in report.sections
    }
    for pr in result.pillars:
        for qr in pr.questions:
            question = result.model.question(qr.id)
            if question is None or qr.answer in (None, NA, UNKNOWN):
                continue
            label = normal(next(o.label for o in question.options if o.id == qr.answer))
            if len(label) < 25:
                continue
            holding = [sid for sid, t in texts.items() if label in t]
            assert len(holding) <= 2, (label, holding)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_states_counts_that_match_and_repeats_nothing(path: Path) -> None:
    result = example(path)
    report = build_content(result)
    check_counts(report)
    check_verdict(report, result)
    check_no_repeats(report, result)


def answers_strategy(model: Model) -> st.SearchStrategy[Responses]:
    @st.composite
    def draw(d: st.DrawFn) -> Responses:
        answers = {}
        for pillar in model.pillars:
            for q in pillar.questions:
                choices = [o.id for o in q.options] + [UNKNOWN] + ([NA] if q.allow_na else [])
                pick = d(st.sampled_from([*choices, None]))
                if pick is not None:
                    answers[q.id] = pick
        return Responses.model_validate(
            {"model": model.id, "organisation": "Test", "answers": answers}
        )

    return draw()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_assessment_states_counts_that_match_and_repeats_nothing(data: st.DataObject) -> None:
    model = data.draw(st.sampled_from([BUNDLED, FOUR]))
    result = score(model, data.draw(answers_strategy(model)))
    report = build_content(result)
    check_counts(report)
    check_verdict(report, result)
    check_no_repeats(report, result)


def test_the_count_check_fails_on_a_count_that_disagrees() -> None:
    report = build_content(example(EXAMPLES[0]))
    gaps = report.section("knowledge-gaps")
    assert gaps is not None
    first = gaps.blocks[0]
    assert isinstance(first, Paragraph)
    wrong = Paragraph(tuple(s.__class__(re.sub(r"^\w+", "Nine", s.text)) for s in first.text[:1]))
    broken = Report(
        **{
            **report.__dict__,
            "sections": tuple(
                s
                if s.id != "knowledge-gaps"
                else s.__class__(s.id, s.title, (wrong, *s.blocks[1:]))
                for s in report.sections
            ),
        }
    )
    with pytest.raises(AssertionError):
        check_counts(broken)


# --- the issues for the chief officer group -------------------------------------------------


def test_issues_come_from_answers_whatever_the_pillar_average() -> None:
    """In the middle example the equality assessment done as paperwork (25 of 100, with a note
    about no testing by accent) is raised, though Governance averages 46."""
    result = example(ROOT / "examples" / "force-middle.yaml")
    raised = issues(Context(result=result))
    assert 1 <= len(raised) <= ISSUES
    equality = next(i for i in raised if i.question == "gov-equality")
    assert "accent" in (equality.note or "")
    assert equality.decision and equality.owner and equality.horizon
    assert len({i.pillar for i in raised}) == len(raised)  # one per pillar while there are others


def test_a_capped_force_sees_the_cap_and_the_warning_in_its_issues() -> None:
    result = example(ROOT / "examples" / "force-leading-weak-governance.yaml")
    kinds = [i.kind for i in issues(Context(result=result))]
    assert result.overall.capped
    assert kinds[0] == "cap" and "warning" in kinds
    summary = build_content(result).section("summary")
    assert summary is not None
    words = "\n".join(" ".join(units(b)) for b in flat(summary.blocks))
    assert "What the model says of this level (the force is held here by a rule" in words


def test_an_answer_at_the_lowest_option_is_a_cause_of_concern_in_its_pillar() -> None:
    base = load_responses(ROOT / "examples" / "force-middle.yaml", BUNDLED)
    answers = dict(base.answers)
    answers["tech-platform"] = BUNDLED.question("tech-platform").options[0].id  # type: ignore[union-attr]
    result = score(BUNDLED, base.model_copy(update={"answers": answers}))
    judged = build_content(result).section("judgements")
    assert judged is not None
    blocks = list(flat(judged.blocks))
    at = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and plain(b.text) == "Technology and infrastructure"
    )
    rest = blocks[at + 1 :]
    end = next(
        (i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level == 3), len(rest)
    )
    words = "\n".join(" ".join(units(b)) for b in rest[:end])
    assert "Causes of concern" in words and "4.2" in words


def test_a_pillar_meeting_its_target_still_gets_the_step_on_its_answer_of_concern() -> None:
    """Strategy meets its target in the middle example; its lowest answer still needs acting
    on: the issue asks for the option's own step, and "Issues and actions" lists it."""
    base = load_responses(ROOT / "examples" / "force-middle.yaml", BUNDLED)
    question = BUNDLED.question("strat-benefits")
    assert question is not None
    lowest = min(question.options, key=lambda o: o.score)
    answers = {**base.answers, "strat-benefits": lowest.id}
    result = score(BUNDLED, base.model_copy(update={"answers": answers}))
    assert "strategy" not in {p.pillar for p in result.priorities}
    step = lowest.step
    assert step is not None
    raised = {i.question: i for i in issues(Context(result=result), limit=10)}
    assert raised["strat-benefits"].decision == step.text
    assert raised["strat-benefits"].owner == step.owner
    actions = build_content(result).section("actions")
    assert actions is not None
    words = "\n".join(u for b in flat(actions.blocks) for u in units(b))
    assert step.text in words


# --- length, sections, commentary, logo ------------------------------------------------------


def body_pages(pdf: bytes) -> int:
    """Pages before the first appendix (the cover included)."""
    reader = PdfReader(io.BytesIO(pdf))
    for item in reader.outline:
        if not isinstance(item, list) and str(item.title).startswith("Appendix"):
            page = reader.get_destination_page_number(item)
            assert page is not None
            return page
    return len(reader.pages)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_body_of_each_example_is_within_six_pages(path: Path) -> None:
    result = example(path)
    earlier = score(BUNDLED, result.responses.model_copy(update={"answers": {}}))
    for previous in ((), (earlier,)):
        pdf = render_pdf(build_content(result, previous))
        assert body_pages(pdf) <= 6, (path.stem, len(previous))


def test_sections_chosen_are_the_only_ones_and_the_cover_says_so(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.pdf"
    path = str(ROOT / "examples" / "force-middle.yaml")
    assert cli.main(["report", path, "-o", str(out), "--sections", "actions, summary"]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Issues and actions" in text and "Summary" in text
    for absent in ("Pillar judgements", "Appendix: answers", "Appendix: method", "Sources"):
        assert absent not in text
    report = build_content(example(Path(path)), options=Options(sections=("summary",)))
    assert [s.id for s in report.sections] == ["cover", "summary"]
    assert cli.main(["report", path, "-o", str(out), "--sections", "summary,appendix"]) == 2
    assert "unknown section 'appendix'" in capsys.readouterr().err


def test_sections_keep_the_report_order_and_cited_sources_only() -> None:
    result = example(ROOT / "examples" / "force-middle.yaml")
    full = build_content(result)
    assert [s.id for s in full.sections if s.id != "cover"] == [
        s for s in SECTIONS if full.section(s) is not None
    ]
    sources = full.section("sources")
    assert sources is not None
    cited = {
        m
        for s in full.sections
        for b in flat(s.blocks)
        for u in units(b)
        for m in re.findall(r"\[(S\d+)", u)
    }
    listed = {re.match(r"\[(S\d+)\]", plain(i)).group(1) for i in sources.blocks[1].items}  # type: ignore[union-attr]
    assert listed <= cited | {c for u in cited for c in [u]}


def test_commentary_is_shown_after_the_summary_as_text(tmp_path: Path) -> None:
    note = tmp_path / "commentary.md"
    note.write_text(
        "The workshop was **well attended**.\n\n- Book the <b>equality</b> review\n- R&D *now*\n",
        encoding="utf-8",
    )
    path = str(ROOT / "examples" / "force-middle.yaml")
    out = tmp_path / "r.html"
    assert cli.main(["report", path, "-o", str(out), "--commentary", str(note)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<strong>well attended</strong>" in page
    assert "&lt;b&gt;equality&lt;/b&gt;" in page and "<b>equality" not in page
    assert "R&amp;D <em>now</em>" in page
    assert (
        page.index("Summary")
        < page.index("Assessor’s commentary")
        < page.index("Pillar judgements")
    )


def test_commentary_over_the_limit_or_not_utf8_is_refused(tmp_path: Path, capsys) -> None:
    path = str(ROOT / "examples" / "force-middle.yaml")
    big = tmp_path / "big.md"
    big.write_text("x" * 20_001, encoding="utf-8")
    assert cli.main(["report", path, "-o", str(tmp_path / "r.pdf"), "--commentary", str(big)]) == 2
    assert "at most 20,000" in capsys.readouterr().err
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"caf\xe9")
    assert cli.main(["report", path, "-o", str(tmp_path / "r.pdf"), "--commentary", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 110)).save(out, "PNG")
    return out.getvalue()


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">'
    '<rect width="300" height="100" fill="#123"/></svg>'
)


def test_a_logo_is_drawn_on_the_cover_of_the_pdf_html_and_word_file(tmp_path: Path, capsys) -> None:
    path = str(ROOT / "examples" / "force-middle.yaml")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(600, 200))
    for suffix in ("pdf", "html", "docx"):
        out = tmp_path / f"r.{suffix}"
        assert cli.main(["report", path, "-o", str(out), "--logo", str(logo)]) == 0
    cover = PdfReader(tmp_path / "r.pdf").pages[0]
    assert cover["/Resources"]["/XObject"]  # type: ignore[index]
    assert 'src="data:image/png;base64,' in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert docx.Document(str(tmp_path / "r.docx")).inline_shapes
    svg = tmp_path / "logo.svg"
    svg.write_text(SVG, encoding="utf-8")
    assert cli.main(["report", path, "-o", str(tmp_path / "s.pdf"), "--logo", str(svg)]) == 0
    assert cli.main(["report", path, "-o", str(tmp_path / "s.docx"), "--logo", str(svg)]) == 0
    assert "cannot hold an SVG logo" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (SVG.replace("<rect", "<script>alert(1)</script><rect"), "<script>"),
        (SVG.replace("<rect", '<image href="file:///etc/passwd"/><rect'), "<image>"),
        (SVG.replace('fill="#123"', 'fill="url(http://x.invalid/a)"'), "links outside"),
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]>' + SVG, "DOCTYPE"),
        ("GIF89a", "neither a PNG nor an SVG"),
        (None, "pixels"),
        ("<svg xmlns='http://www.w3.org/2000/svg'>" + "x" * 600_000 + "</svg>", "larger than"),
    ],
    ids=["script", "image", "outside-url", "entities", "gif", "huge-png", "too-large"],
)
def test_a_logo_that_is_not_a_safe_small_image_is_refused(
    tmp_path: Path, capsys, content: str | None, says: str
) -> None:
    logo = tmp_path / "logo.bin"
    logo.write_bytes(png(4100, 10) if content is None else content.encode("utf-8"))
    out = tmp_path / "r.pdf"
    code = cli.main(["report", str(EXAMPLES[0]), "-o", str(out), "--logo", str(logo)])
    assert code == 2
    assert says in capsys.readouterr().err
    assert not out.exists()


def test_the_word_file_carries_the_marking_and_draft_in_its_header_and_footer(
    tmp_path: Path,
) -> None:
    out = tmp_path / "r.docx"
    assert cli.main(["report", str(EXAMPLES[0]), "-o", str(out), "--draft"]) == 0
    section = docx.Document(str(out)).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL-SENSITIVE · DRAFT"]
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE · DRAFT"
    plain_out = tmp_path / "p.docx"
    assert cli.main(["report", str(EXAMPLES[0]), "-o", str(plain_out), "--marking", "none"]) == 0
    section = docx.Document(str(plain_out)).sections[0]
    assert "OFFICIAL" not in " ".join(
        p.text for p in section.header.paragraphs + section.footer.paragraphs
    )
