"""A hostile uploaded model, with hostile answers, in the PDF report and in the Markdown docs.

Everything in a model file is user text: the report must show it literally (no markup
obeyed, no file opened, nothing fetched, no link but the model's http(s) sources), and
``maturity docs`` must write Markdown in which it is plain text too.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import watching_files_and_network
from pydantic import ValidationError
from pypdf import PdfReader
from test_app_hostile_text import HOSTILE, LONG, hostile, write_hostile_model

from questionnaire.loader import load_model
from questionnaire.markdown import md_escape, md_url, render_markdown
from questionnaire.schema import UNKNOWN, Model, Responses, Source
from reports.pdf import build_report
from reports.typefaces import register_fonts
from scoring import score
from scoring.result import Result


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return load_model(write_hostile_model(tmp_path_factory.mktemp("hostile")))


def hostile_result(model: Model, seed: int, when: str) -> Result:
    """Every question answered (or "don't know"), hostile details and a note on each."""
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for n, (_, question) in enumerate(model.questions()):
        options = [o.id for o in question.options] + [UNKNOWN]
        answers[question.id] = options[(seed + n) % len(options)]
        notes[question.id] = hostile(list(HOSTILE)[n % len(HOSTILE)], f"note {n}")
    responses = Responses.model_validate(
        {
            "model": model.id,
            "model_version": model.version,
            "organisation": hostile("quotes", "org"),
            "respondent": {
                "name": hostile("para", "name"),
                "role": hostile("formula", "role"),
                "group": hostile("rtl", "group"),
            },
            "assessed_on": when,
            "answers": answers,
            "notes": notes,
            "targets": {p.id: model.scale.levels[-1].level for p in model.pillars},
        }
    )
    return score(model, responses)


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def link_targets(pdf: bytes) -> list[str]:
    """The address of every link annotation in the PDF."""
    targets = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page.get("/Annots") or []:
            annot: Any = ref.get_object()
            action: Any = annot.get("/A")
            if action is not None:
                assert action["/S"] == "/URI", action
                targets.append(str(action["/URI"]))
    return targets


@pytest.fixture(scope="module")
def pdf(model: Model) -> bytes:
    register_fonts()
    earlier = hostile_result(model, 1, "2025-11-27")
    return build_report(hostile_result(model, 0, "2026-11-27"), [earlier], invariant=True)


# --- the PDF -----------------------------------------------------------------------------


def test_every_hostile_string_of_the_model_and_the_answers_is_shown_literally(
    model: Model, pdf: bytes
) -> None:
    text = squeeze(pdf_text(pdf))
    literal = [
        model.title,
        *(p.name for p in model.pillars),
        *(q.text for _, q in model.questions() if q.text != LONG),
        *(lv.name for lv in model.scale.levels),
        *(s.title for s in model.sources),
        hostile("quotes", "org"),
        hostile("para", "name"),
        hostile("formula", "role"),
        hostile("script", "note 0"),
        hostile("link", "note 2"),
    ]
    for value in literal:
        assert squeeze(value) in text, value
    # Notes and the source's address are shown whole, wrapped but not cut.
    assert squeeze(model.sources[0].url or "") in text


def test_the_only_links_are_the_models_http_sources(model: Model, pdf: bytes) -> None:
    assert link_targets(pdf) == [model.sources[0].url]
    for action in (b"/JavaScript", b"/Launch", b"/GoToR", b"/SubmitForm", b"/ImportData"):
        assert action not in pdf


def test_the_report_opens_no_file_and_fetches_nothing(model: Model) -> None:
    register_fonts()
    result = hostile_result(model, 2, "2026-11-27")
    with watching_files_and_network() as opened:
        build_report(result)
    assert opened == []


def test_pdf_metadata_is_plain_text(pdf: bytes) -> None:
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == f"AI maturity report: {hostile('quotes', 'org')}"
    assert meta.author == hostile("para", "name")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "https://example.invalid/\njavascript:alert(1)",
        "https://example.invalid/a b",
        " https://example.invalid/",
        "//example.invalid/x",
    ],
)
def test_a_model_cannot_give_a_source_any_address_but_a_web_one(url: str) -> None:
    with pytest.raises(ValidationError):
        Source(id="S1", title="A source", url=url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
def test_a_non_web_address_that_slipped_past_the_schema_is_not_made_a_link(
    model: Model, url: str
) -> None:
    register_fonts()
    # model_copy does not validate: this is a model built in code, not loaded from a file.
    sneaky = Source.model_construct(id="S1", title="A source", url=url, publisher=None)
    changed = model.model_copy(update={"sources": [sneaky]})
    result = score(changed, hostile_result(model, 0, "2026-11-27").responses)
    pdf = build_report(result, invariant=True)
    assert link_targets(pdf) == []
    assert squeeze(url) in squeeze(pdf_text(pdf))
    docs = render_markdown(changed)
    assert "](" not in docs.split("## Sources", 1)[1]


# --- the Markdown docs -------------------------------------------------------------------


def bare(text: str) -> str:
    """A line without its backslash escapes, the ``<br>`` line breaks the renderer adds and
    its own ``<!-- ... -->`` comment."""
    text = re.sub(r"\\.", "", text).replace("<br>", " ")
    return re.sub(r"<!--.*?-->", "", text)


def test_the_docs_of_a_hostile_model_leave_nothing_for_markdown_to_obey(model: Model) -> None:
    docs = render_markdown(model)
    sources = docs.index("## Sources")
    body, tail = docs[:sources], docs[sources:]
    for line in body.splitlines():
        left = bare(line)
        for char in "[]<>~$":
            assert char not in left, (char, line[:200])
        assert not re.match(r"\s*(>|~~~|```|-{2,}|\*|\d+[.)]\s)", line), line[:200]
        if line.startswith("#"):  # only the renderer's own headings
            assert re.match(r"#{1,3} (\d[\d.]* |Next steps for |Maturity scale|Rules)", line) or (
                line == f"# {md_escape(model.title)}"
            ), line[:200]
    # The source: one link, to its (encoded) web address, the title escaped.
    links = re.findall(r"(?<!\\)\]\((.*?)\)(?=[,.])", tail)
    assert links == [md_url(model.sources[0].url or "")]
    assert links[0].startswith("https://")
    assert "(" not in links[0] and ")" not in links[0] and " " not in links[0]
    assert md_escape(model.sources[0].title) in tail


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("---", "\\---"),
        ("-- -", "\\-- -"),
        ("~~~", "\\~\\~\\~"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("$x^2$", "\\$x^2\\$"),
        ("&lt;script&gt; R&D &#x41;", "\\&lt;script\\&gt; R&D \\&#x41;"),
        ("![x](http://127.0.0.1:9/track.png)", "!\\[x\\](http://127.0.0.1:9/track.png)"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("# heading", "\\# heading"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("-5 degrees", "-5 degrees"),
        ("C&C and R&D", "C&C and R&D"),
    ],
)
def test_docs_escaping_of_block_and_inline_markdown(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_a_backslash_cannot_escape_the_end_of_a_docs_link() -> None:
    assert md_url("https://example.invalid/a\\") == "https://example.invalid/a%5C"
    assert md_url("https://x/(a) <b>") == "https://x/%28a%29%20%3Cb%3E"


def test_the_hostile_model_file_is_valid(tmp_path: Path) -> None:
    assert load_model(write_hostile_model(tmp_path)).sources
