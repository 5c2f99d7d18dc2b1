"""The PDF report, end to end: content and order, hostile text, fonts, reproducible bytes, the
golden text of a fixture report, any shape of model, and the `maturity report` command.

Regenerate the golden text after a deliberate change with ``UPDATE_GOLDEN=1 make test``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import watching_files_and_network
from pypdf import PdfReader

from cli import main
from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
from questionnaire.schema import Model, Responses
from reports.pdf import build_report
from reports.typefaces import register_fonts
from scoring import score
from scoring.result import Result

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden" / "report-four-pillar.txt"
MODEL = FIXTURES / "four-pillar-model.yaml"
CURRENT = FIXTURES / "four-pillar-responses.yaml"
EARLIER = FIXTURES / "four-pillar-responses-2025.yaml"
EARLIEST = FIXTURES / "four-pillar-responses-2024.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PREPARED = dt.date(2026, 11, 28)


# --- helpers -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(MODEL)


@pytest.fixture(scope="module")
def results(model: Model) -> list[Result]:
    """The fixture force's three assessments, oldest first."""
    return [score(model, load_responses(path, model)) for path in (EARLIEST, EARLIER, CURRENT)]


def pdf_text(pdf: bytes) -> str:
    """The text of every page, as pypdf extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    """Text without any whitespace (wrapped lines join up again)."""
    return "".join(text.split())


def with_text(model: Model, base: Responses, **changes: Any) -> Result:
    """Score `base` with some fields replaced (validated again, as the loader would)."""
    return score(model, Responses.model_validate({**base.model_dump(), **changes}))


# --- content -----------------------------------------------------------------------------


def test_the_report_has_every_section_in_order(results: list[Result]) -> None:
    text = pdf_text(build_report(results[-1], results[:-1], generated_on=PREPARED))
    headings = [
        "Report for the chief officer group",
        "Summary",
        "Issues for the chief officer group",
        "Pillar judgements",
        "Issues and actions",
        "Since last time",
        "Trend",
        "Appendix: answers",
        "Appendix: knowledge gaps",
        "Appendix: method",
        "Rules of the model",
    ]
    at = 0
    flat = squeeze(text)
    for heading in headings:
        found = flat.find(squeeze(heading), at)
        assert found >= 0, f"{heading!r} missing or out of order"
        at = found + len(squeeze(heading))


def test_the_cover_names_the_force_the_date_the_model_and_the_respondent(
    results: list[Result],
) -> None:
    cover = page_texts(build_report(results[-1], generated_on=PREPARED))[0]
    for expected in (
        "Heddlu Gogledd Cymru – Uned Ŵ",
        "27 November 2026",
        "Four-pillar readiness check, version 2.0.0",
        "Siân Ŷwain-O’Neill, Head of Digital (leadership)",
        "28 November 2026",
    ):
        assert expected in cover


def test_the_summary_fits_on_one_page_with_the_level_and_its_meaning(
    results: list[Result],
) -> None:
    summary = page_texts(build_report(results[-1]))[1]
    assert "Summary" in summary and "Level 1: Emerging" in summary
    assert "Practice depends on individuals" in summary
    assert "Verdict:" in summary and "Issues for the chief officer group" in summary


def test_actions_put_causes_of_concern_first_then_the_bigger_effect(results: list[Result]) -> None:
    text = squeeze(pdf_text(build_report(results[-1])))
    actions = text[text.index("Issuesandactions") :]
    # Oversight: the register answer is at its lowest option (a cause of concern), so its
    # step comes first, with the sooner horizon.
    assert actions.index(squeeze("Publish a plain-English list")) < actions.index(
        squeeze("Make a DPIA a gate")
    )
    assert squeeze("Question 2.3 · issue 1 on the summary") in actions
    assert squeeze("Within 3 months") in actions


def test_every_dont_know_is_listed_as_a_question_to_find_out(results: list[Result]) -> None:
    text = pdf_text(build_report(results[-1]))
    gaps = text[text.index("Appendix: knowledge gaps\n") :]
    assert "Can data be shared with partners safely and quickly?" in gaps


def test_caps_and_flags_are_explained(model: Model) -> None:
    dump = model.model_dump()
    dump["rules"][0]["max_above"] = 0  # the cap: no higher than oversight's level
    strict = Model.model_validate(dump)
    answers = {"over-dpia": "none", "over-public": "no", "over-equality": "never"}
    answers.update({"data-quality": "good", "data-sharing": "yes"})
    answers.update({"lead-owner": "named", "lead-plan": "agreed", "people-training": "all"})
    result = score(strict, Responses.model_validate({"model": "four-pillar", "answers": answers}))
    assert {f.kind for f in result.flags} == {"cap", "flag"}
    text = squeeze(pdf_text(build_report(result)))
    assert (
        squeeze("Cap (applies to these answers). Oversight holds the overall level back.") in text
    )
    assert (
        squeeze("The overall level is held at level 1 (Emerging) by the cap on Governance, ethics")
        in text
    )
    assert squeeze("the score alone gives level 2 (Established).") in text
    assert (
        squeeze("Warning (applies to these answers). Data work is running ahead of oversight")
        in text
    )


def test_since_last_time_shows_deltas_and_a_trend_from_three_assessments(
    results: list[Result],
) -> None:
    two = pdf_text(build_report(results[-1], results[1:2]))
    assert "Since last time" in two and "▲ +16.7" in two
    assert "Trend" not in two.split("Since last time")[1].split("Appendix")[0]
    three = pdf_text(build_report(results[-1], [results[1], results[0]]))  # any order
    assert "Trend" in three
    assert "18 Nov 2024" in three and "20 Nov 2025" in three


def test_questions_added_or_removed_between_versions_are_named(
    model: Model, results: list[Result]
) -> None:
    dump = model.model_dump()
    dump["version"] = "1.0.0"
    people = dump["pillars"][3]
    people["questions"] = [
        people["questions"][0],
        {**people["questions"][1], "id": "people-retired", "text": "Is there a hackathon?"},
    ]
    dump["pillars"][0]["questions"][0]["text"] = "Who leads on AI?"
    old_model = Model.model_validate(dump)
    earlier = score(old_model, Responses.model_validate({"model": "four-pillar", "answers": {}}))
    text = squeeze(pdf_text(build_report(results[-1], [earlier])))
    assert squeeze("answered version 1.0.0 of the model; this one answers version 2.0.0") in text
    assert squeeze("Questions added since last time") in text
    assert squeeze("Does the force have data science skills of its own?") in text
    assert squeeze("Questions removed since last time") in text
    assert squeeze("Is there a hackathon?") in text
    assert squeeze("Was: Who leads on AI?") in text


def test_the_appendix_has_every_question_answer_and_note(
    model: Model, results: list[Result]
) -> None:
    text = pdf_text(build_report(results[-1]))
    appendix = text[text.index("Appendix: answers") :]
    for _, question in model.questions():
        assert squeeze(question.text) in squeeze(appendix)
    assert "Not applicable" in appendix and "Don’t know" in appendix
    assert "DPIAs done for the two redaction tools.\nNone yet for the transcription pilot." in (
        appendix
    )
    assert "“informally”" in appendix


# --- hostile text ------------------------------------------------------------------------

HOSTILE = {
    "markup": 'R&D <Unit> "Alpha"',
    "closing-para": "</para>",
    "image-file": '<img src="/etc/passwd"/>',
    "image-url": "<img src='https://example.invalid/x.png' width=400/>",
    "link": "<a href='javascript:alert(1)'>click</a>",
    "font": "<font size=40>big</font>",
    "entities": "AT&T &amp; &lt;b&gt; &#x41; &nbsp;",
    "welsh": "Heddlu Dyfed-Powys: ŵ ŷ Ŵ Ŷ “quotes” ‘single’ – en — em …",
    "accents": "Zoë Ñúñez-Ołowska Ærø",
    "rtl": "שלום עולם",
    "emoji-in-font": "Team 😀 ☺",
    "long-word": "W" * 500,
    "long-words": " ".join(["Superintendent"] * 40),
    "brackets": "a<b c>d [x] {y} (z) \\ / % $",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_names_and_notes_are_shown_literally(model: Model, text: str) -> None:
    base = load_responses(CURRENT, model)
    result = with_text(
        model,
        base,
        organisation=text,
        respondent={"name": text, "role": text, "group": text},
        notes={"lead-owner": text, "over-dpia": text},
    )
    pdf = build_report(result, invariant=True)
    extracted = pdf_text(pdf)
    if len(text) < 100:  # short enough to stay on one line somewhere
        assert text.replace("&nbsp;", "&nbsp;") in extracted.replace("\xa0", " ")
    assert squeeze(text) in squeeze(extracted)


@pytest.mark.parametrize(
    "text",
    [
        "Team 👮‍♀️ 🚓 🇬🇧",
        "مرحبا بكم",
        "\x00\x07 control \x1b[31m",
        "\u200b\u200e\u202e reversed",
    ],
    ids=["emoji-missing-from-font", "arabic", "control-characters", "format-characters"],
)
def test_text_the_font_cannot_fully_draw_still_gives_a_valid_pdf(model: Model, text: str) -> None:
    base = load_responses(CURRENT, model)
    result = with_text(model, base, organisation=f"Force {text}", notes={"lead-owner": text})
    pdf = build_report(result)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 3
    assert "Force" in page_texts(pdf)[0]


@pytest.mark.parametrize("length", [0, 1, 5000])
def test_empty_and_very_long_notes(model: Model, length: int) -> None:
    base = load_responses(CURRENT, model)
    note = ("Ŵ" * 9 + " ") * (length // 10) if length > 1 else "x" * length
    result = with_text(model, base, notes={"lead-owner": note} if note else {})
    extracted = pdf_text(build_report(result))
    assert extracted.count("Ŵ") >= note.count("Ŵ")


def test_model_text_is_escaped_too(model: Model) -> None:
    dump = model.model_dump()
    dump["title"] = "<b>Model</b> & co"
    dump["pillars"][0]["name"] = "Lead <ership> & </para>"
    dump["pillars"][0]["questions"][0]["text"] = "Owner <img src='x'/>?"
    dump["scale"]["levels"][0]["description"] = "</font> <br/> & stuff"
    dump["sources"][0]["url"] = 'https://example.invalid/a?b=1&c="><img/src=y>'
    custom = Model.model_validate(dump)
    # "No one owns it" makes Leadership a priority, so its step citing S1 (and S1) is shown.
    base = load_responses(CURRENT, model)
    answers = {**base.answers, "lead-owner": "no"}
    result = score(custom, base.model_copy(update={"answers": answers}))
    extracted = squeeze(pdf_text(build_report(result)))
    for literal in (
        "<b>Model</b> & co",
        "Lead <ership> & </para>",
        "Owner <img src='x'/>?",
        "</font> <br/> & stuff",
        'https://example.invalid/a?b=1&c="><img/src=y>',
    ):
        assert squeeze(literal) in extracted


def test_sources_are_the_ones_the_report_cites(model: Model) -> None:
    base = load_responses(CURRENT, model)
    text = pdf_text(build_report(score(model, base)))
    assert "Sources\n" not in text, "nothing in this report cites a source"
    answers = {**base.answers, "lead-owner": "no"}  # Leadership's step citing S1 is now shown
    text = pdf_text(build_report(score(model, base.model_copy(update={"answers": answers}))))
    listed = text[text.index("Sources\n") :]
    assert "[S1]" in listed and "[S2]" not in listed


def test_nothing_is_opened_or_fetched_while_rendering(model: Model) -> None:
    register_fonts()
    base = load_responses(CURRENT, model)
    result = with_text(
        model,
        base,
        organisation="<img src='/etc/passwd'/>",
        notes={"lead-owner": "<img src='https://example.invalid/a.png'/>"},
    )
    with watching_files_and_network() as opened:
        build_report(result)
    assert opened == []


# --- fonts, metadata, reproducibility ----------------------------------------------------


def test_only_the_bundled_dejavu_fonts_are_used_and_embedded(results: list[Result]) -> None:
    reader = PdfReader(io.BytesIO(build_report(results[-1], results[:-1])))
    fonts = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font: Any = ref.get_object()
            fonts.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), "font is not embedded"
    assert fonts
    assert all("DejaVuSans" in name for name in fonts), fonts
    assert any("Bold" in name for name in fonts)


def test_metadata_names_the_report(results: list[Result]) -> None:
    meta = PdfReader(io.BytesIO(build_report(results[-1]))).metadata
    assert meta is not None
    assert meta.title == "AI maturity report: Heddlu Gogledd Cymru – Uned Ŵ"
    assert meta.author == "Siân Ŷwain-O’Neill"
    assert meta.subject == "Four-pillar readiness check, version 2.0.0"


def test_invariant_mode_gives_the_same_bytes(results: list[Result]) -> None:
    first = build_report(results[-1], results[:-1], invariant=True, generated_on=PREPARED)
    second = build_report(results[-1], results[:-1], invariant=True, generated_on=PREPARED)
    assert first == second


def test_invariant_mode_gives_the_same_bytes_in_separate_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"report-{seed}.pdf"
        subprocess.run(
            [sys.executable, "-c", "import cli, sys; sys.exit(cli.main(sys.argv[1:]))"]
            + ["report", str(CURRENT), "--model", str(MODEL), "-o", str(out)]
            + ["--previous", str(EARLIER), "--previous", str(EARLIEST), "--invariant"],
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_golden_text_of_the_fixture_report(results: list[Result]) -> None:
    pdf = build_report(results[-1], results[:-1], invariant=True, generated_on=PREPARED)
    text = "\n".join(line.rstrip() for line in pdf_text(pdf).splitlines()) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with UPDATE_GOLDEN=1 to create it"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the report's text changed; if that was meant, regenerate with UPDATE_GOLDEN=1 and "
        "review the diff"
    )


# --- any shape of model ------------------------------------------------------------------


def synthetic(pillars: int, levels: int) -> Model:
    step = 100 / levels
    return Model.model_validate(
        {
            "id": "shape",
            "version": "1",
            "title": "Shape test",
            "scale": {
                "levels": [
                    {"level": i + 1, "name": f"Level {i + 1}", "min_score": round(i * step)}
                    for i in range(levels)
                ],
                "target_level": levels,
            },
            "pillars": [
                {
                    "id": f"p{i}",
                    "name": f"Pillar number {i} with a name long enough to need wrapping "
                    "in every chart and table of the report",
                    "questions": [
                        {
                            "id": f"q{i}",
                            "text": f"Question {i}?",
                            "options": [
                                {"id": "a", "label": "A", "score": 0, "next_step": "Do A."},
                                {"id": "b", "label": "B", "score": 100},
                            ],
                        }
                    ],
                }
                for i in range(pillars)
            ],
        }
    )


@pytest.mark.parametrize(("pillars", "levels"), [(1, 1), (2, 2), (4, 3), (9, 7), (14, 4)])
def test_any_number_of_pillars_and_levels_renders(pillars: int, levels: int) -> None:
    model = synthetic(pillars, levels)
    answers = {f"q{i}": "a" if i % 2 else "b" for i in range(pillars)}
    result = score(model, Responses.model_validate({"model": "shape", "answers": answers}))
    text = pdf_text(build_report(result, [result, result]))
    assert "Summary" in text and "Appendix" in text


def test_an_assessment_with_no_answers_renders(model: Model) -> None:
    result = score(model, Responses.model_validate({"model": "four-pillar"}))
    text = pdf_text(build_report(result))
    assert "No overall level yet" in text
    assert "Not assessed" in text or "not assessed" in text


@pytest.mark.skipif(not EXAMPLES or not DEFAULT_MODEL.exists(), reason="no bundled examples")
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_renders_with_the_bundled_model(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert main(["report", str(example), "-o", str(out), "--model", str(DEFAULT_MODEL)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Summary" in text and "Sources" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_no_text_runs_off_the_page(results: list[Result], tmp_path: Path) -> None:
    model = load_model(MODEL)
    base = load_responses(CURRENT, model)
    hostile = with_text(model, base, organisation="W" * 500, notes={"lead-owner": "x" * 5000})
    for i, result in enumerate([results[-1], hostile]):
        path = tmp_path / f"r{i}.pdf"
        path.write_bytes(build_report(result, results[:-1]))
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
        assert page
        width, height = float(page[1]), float(page[2])
        for x_min, y_min, x_max, y_max in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)"', html
        ):
            assert float(x_min) >= 0 and float(x_max) <= width - 30
            assert float(y_min) >= 0 and float(y_max) <= height


# --- the command -------------------------------------------------------------------------


def test_the_command_writes_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    code = main(
        ["report", str(CURRENT), "--model", str(MODEL), "-o", str(out)]
        + ["--previous", str(EARLIER), "--previous", str(EARLIEST)]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Since last time" in pdf_text(out.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "missing.yaml: no such file"),
        ([str(CURRENT), "--previous", "nowhere.yaml"], "nowhere.yaml: no such file"),
        ([str(MODEL)], "missing required key 'model'"),
        ([str(CURRENT), "--previous", str(MODEL)], "missing required key 'model'"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.pdf"
    code = main(["report", *args, "--model", str(MODEL), "-o", str(out)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_output_directory_that_does_not_exist_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "dir" / "report.pdf"
    assert main(["report", str(CURRENT), "--model", str(MODEL), "-o", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_failed_render_leaves_the_old_file_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr("reports.pdf.render_pdf", broken)
    assert main(["report", str(CURRENT), "--model", str(MODEL), "-o", str(out)]) == 1
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_previous_answers_to_an_older_model_version_need_previous_model(
    model: Model, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    dump = model.model_dump(exclude_none=True)
    dump["version"] = "1.0.0"
    dump["pillars"][3]["questions"][1] = {
        **dump["pillars"][3]["questions"][1],
        "id": "people-retired",
        "text": "Is there an annual hackathon?",
    }
    old_model = tmp_path / "old-model.yaml"
    old_model.write_text(yaml.safe_dump(dump, allow_unicode=True), encoding="utf-8")
    old_answers = tmp_path / "old.yaml"
    old_answers.write_text(
        "model: four-pillar\nassessed_on: 2025-01-10\nanswers: {people-retired: few}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.pdf"
    base = ["report", str(CURRENT), "--model", str(MODEL), "-o", str(out)]

    assert main([*base, "--previous", str(old_answers)]) == 2
    assert "--previous-model" in capsys.readouterr().err
    assert not out.exists()

    assert main([*base, "--previous", str(old_answers), "--previous-model", str(old_model)]) == 0
    text = squeeze(pdf_text(out.read_bytes()))
    assert squeeze("Questions removed since last time") in text
    assert squeeze("Is there an annual hackathon?") in text


# --- the text helpers behind the escaping ------------------------------------------------


def test_para_text_escapes_markup_and_keeps_line_breaks() -> None:
    from reports.markup import para_text

    assert para_text('R&D <Unit> "A"\nline') == "R&amp;D &lt;Unit&gt; &quot;A&quot;<br/>line"
    assert para_text(None) == ""
    assert para_text("a\x00b\x1bc") == "abc"


def test_right_to_left_runs_are_put_in_drawing_order() -> None:
    from reports.bidi import visual

    assert visual("Unit 7 (Alpha)") == "Unit 7 (Alpha)"
    assert visual("שלום עולם") == "םלוע םולש"
    assert visual("Team שלום 2024") == "Team םולש 2024"
    assert visual("צוות 12 אלפא") == "אפלא 12 תווצ"
    assert visual("(שלום)") == "(םולש)"


def test_a_previous_assessment_dated_after_the_current_one_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    current = tmp_path / "now.yaml"
    later = tmp_path / "later.yaml"
    model = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-model.yaml"
    current.write_text(
        "model: tiny\nassessed_on: 2025-01-01\nanswers: {gov-policy: draft}\n", encoding="utf-8"
    )
    later.write_text(
        "model: tiny\nassessed_on: 2026-01-01\nanswers: {gov-policy: none}\n", encoding="utf-8"
    )
    from cli import main

    out = tmp_path / "r.pdf"
    assert (
        main(
            [
                "report",
                str(current),
                "-o",
                str(out),
                "--model",
                str(model),
                "--previous",
                str(later),
            ]
        )
        == 0
    )
    assert out.is_file()
    assert (
        "dated 2026-01-01, after the assessment being reported (2025-01-01)"
        in capsys.readouterr().err
    )
