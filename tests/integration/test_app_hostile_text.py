"""Hostile text in the app: user text and every string of an uploaded model is shown as typed.

Streamlit reads Markdown (and directives, LaTeX and autolinks) in ``st.markdown``, captions,
alerts, titles, widget labels, radio options, table cells and page titles in the navigation.
A model is something people upload, so a pillar name such as ``![x](http://host/t.png)``
must not make every visitor's browser fetch that address, and ``[click](javascript:...)``
must not become a link. Every such element is checked here for Markdown left bare.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from finish_support import finish_now
from streamlit.testing.v1 import AppTest
from test_app_support import (
    FIXTURES,
    app_env,
    new_app,
    no_problems,
    open_page,
    start,
    title,
)

from questionnaire.loader import load_model
from questionnaire.schema import UNKNOWN, Model, Respondent
from scoring import score
from store.repository import Store
from ui import nav
from ui.downloads import file_stem
from ui.history import organisation_key
from ui.text import md_escape, md_span

__all__ = ["HOSTILE", "app_env", "hostile_model_data", "write_hostile_model"]

# Each starts with a character a spreadsheet or Markdown would obey, and holds more inside.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "para": '</para><img src="/etc/passwd"/>',
    "link": "[click](javascript:alert(1))",
    "image": "![x](http://127.0.0.1:9/track.png)",
    "heading": "# heading",
    "formula": '=HYPERLINK("http://x")',
    "quotes": 'R&D <Unit> "Alpha"',
    "path": "../../etc/passwd",
    "lines": "- first line\n\n# second paragraph\n> quoted\n~~~",
    "rtl": "\u202eevil.exe [a](http://x)",
    "directive": ":red[red] :material/home: $x^2$ @user",
    "html": "<a href='javascript:alert(1)'>x</a> &lt;b&gt; &amp;",
}
LONG = "W" * 4000 + " " + HOSTILE["image"]
# Markdown characters that must never be left bare in Markdown-rendered text that shows a
# hostile string (the app's own wording uses none of them).
BARE = "[]<>$~|&@!"


def hostile(kind: str, field: str) -> str:
    """A hostile string, made unique to the field it is put in."""
    return f"{HOSTILE[kind]} {field}"


def hostile_model_data() -> dict[str, Any]:
    """The tiny fixture model with every piece of text replaced by something hostile."""
    data = yaml.safe_load((FIXTURES / "tiny-model.yaml").read_text(encoding="utf-8"))
    kinds = list(HOSTILE)
    counter = iter(range(10_000))

    def next_text(field: str) -> str:
        return hostile(kinds[next(counter) % len(kinds)], field)

    data["title"] = hostile("image", "title")
    data["version"] = '=1.0 <b>"v"</b>'
    data["description"] = HOSTILE["lines"] + "\n\n" + hostile("link", "description")
    for level in data["scale"]["levels"]:
        level["name"] = next_text(f"level {level['level']}")
        level["description"] = next_text(f"level description {level['level']}")
    for p, pillar in enumerate(data["pillars"]):
        pillar["name"] = hostile("image" if p == 0 else "link", f"pillar {p}")
        pillar["description"] = next_text(f"pillar description {p}")
        for question in pillar["questions"]:
            question["text"] = next_text(f"question {question['id']}")
            question["help"] = HOSTILE["lines"] + "\n" + next_text("help")
            for option in question["options"]:
                option["label"] = next_text(f"option {question['id']} {option['id']}")
                if "next_step" in option:
                    option["next_step"] = next_text(f"step {question['id']} {option['id']}")
                    option["sources"] = ["S1"]
        for step in pillar.get("next_steps", []):
            step["text"] = next_text("pillar step")
    data["pillars"][0]["questions"][0]["text"] = LONG
    for rule in data["rules"]:
        rule["message"] = next_text(f"rule {rule['kind']}")
    data["sources"] = [
        {
            "id": "S1",
            "title": hostile("para", "source"),
            "publisher": hostile("formula", "publisher"),
            "url": 'https://example.invalid/a?b=1&c="><img/src=y>)[x](javascript:alert(1))',
        }
    ]
    return data


def write_hostile_model(directory: Path) -> Path:
    path = directory / "hostile.yaml"
    path.write_text(
        yaml.safe_dump(hostile_model_data(), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def hostile_model(app_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Model:
    path = write_hostile_model(tmp_path)
    monkeypatch.setenv("MATURITY_MODEL", str(path))
    return load_model(path)


# --- what the page shows -----------------------------------------------------------------


def markdown_texts(at: AppTest) -> list[str]:
    """Every string on the page that Streamlit renders as Markdown."""
    texts: list[str] = []
    for kind in ("markdown", "caption", "title", "subheader", "header"):
        texts += [e.value for e in getattr(at, kind)]
    for kind in ("info", "success", "warning", "error"):
        texts += [e.value for e in getattr(at, kind)]
    for radio in at.radio:
        texts.append(radio.label)
        texts += [str(o) for o in radio.options]
    for kind in ("button", "selectbox", "text_area", "text_input", "checkbox", "toggle"):
        texts += [e.label for e in getattr(at, kind)]
    texts += [e.label for e in at.expander]
    texts += [e.label for e in at.tabs]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns]
        texts += [str(v) for v in frame.to_numpy().ravel()]
    return texts


def page_titles(at: AppTest) -> list[str]:
    """The titles of the navigation menu's pillar pages (rendered as Markdown there), from
    the navigation the app built for its last run."""
    built = at.session_state[nav.NAVIGATION]
    return [built.pages[path].title for path in built.pillars.values()]


def bare(text: str) -> str:
    """The text without its backslash escapes: what Markdown could still read as syntax."""
    return re.sub(r"\\.", "", text, flags=re.DOTALL)


def assert_nothing_obeyed(texts: list[str]) -> None:
    for text in texts:
        # The page's own heading markers (a report's sub-subheadings) are not user text.
        left = bare(re.sub(r"^#{3,4} ", "", text))
        for char in BARE:
            assert char not in left, f"bare {char!r} in {text[:200]!r}"
        assert not re.search(r"(?m)^\s*#", left), text[:200]
        assert "javascript:" not in text and "http://" not in text, text[:200]
        assert "](" not in text, text[:200]


def shown(texts: list[str], text: str) -> bool:
    """Whether the escaped form of `text` is on the page (so it is shown, not dropped)."""
    return any(md_escape(text) in t for t in texts)


def test_a_hostile_model_and_hostile_details_are_shown_literally_on_every_page(
    app_env: str, hostile_model: Model, tmp_path: Path
) -> None:
    model = hostile_model
    at = new_app()
    no_problems(at)
    start_texts = markdown_texts(at)
    assert_nothing_obeyed(start_texts)
    assert title(at) == md_escape(model.title)
    assert any(md_escape(HOSTILE["link"] + " description") in t for t in start_texts)

    start(
        at,
        organisation=hostile("quotes", "org"),
        name=hostile("link", "name"),
        role=hostile("formula", "role"),
    )
    # The pillar pages are named in the navigation menu, which renders Markdown too.
    assert page_titles(at) == [md_escape(p.name) for p in model.pillars]

    seen: list[str] = []
    for p, pillar in enumerate(model.pillars):
        no_problems(at)
        texts = markdown_texts(at)
        assert_nothing_obeyed(texts)
        assert title(at) == md_escape(pillar.name)
        for question in pillar.questions:
            assert shown(texts, question.text)
            radio = at.radio(key=f"answer-{question.id}")
            assert [str(o) for o in radio.options][: len(question.options)] == [
                md_escape(o.label) for o in question.options
            ]
        seen += texts
        first = pillar.questions[0]
        # The lowest answer in the first pillar, the highest in the others: the rules fire.
        chosen = first.options[0 if p == 0 else -1]
        at.radio(key=f"answer-{first.id}").set_value(chosen.id).run()
        if len(pillar.questions) > 1:
            at.radio(key=f"answer-{pillar.questions[1].id}").set_value(UNKNOWN).run()
        at.text_area(key=f"note-{first.id}").input(hostile("script", "note")).run()
        at.button(key="next").click().run()
    assert any(md_escape(HOSTILE["lines"]).split("\\\n")[0] in t for t in seen)

    assert title(at) == "Check and finish"
    assert_nothing_obeyed(markdown_texts(at))
    finish_now(at)
    no_problems(at)
    assert title(at) == "Results"
    texts = markdown_texts(at)
    assert_nothing_obeyed(texts)
    assert shown(texts, hostile("quotes", "org"))
    assert shown(texts, hostile("link", "name"))
    cur = at.session_state["current"]
    fired = score(cur.model, cur.responses()).flags
    assert fired, "the answers make the hostile rules fire"
    for flag in fired:
        first_line = md_span(flag.message.split("\n")[0])
        assert any(first_line in t for t in texts), "a hostile rule message is shown literally"

    # A second assessment of the same organisation, so History has a comparison to draw.
    with Store(app_env) as store:
        text = (tmp_path / "hostile.yaml").read_text(encoding="utf-8")
        who = Respondent(name=hostile("heading", "name two"), group=hostile("html", "group"))
        code = store.start_draft(model, text, hostile("quotes", "org"), who)
        for p, pillar in enumerate(model.pillars):
            first = pillar.questions[0]
            store.save_answer(code, first.id, first.options[-1 if p == 0 else 0].id)
            store.save_note(code, first.id, hostile("formula", "note two"))
        store.complete(code)

    open_page(at, "history")
    no_problems(at)
    texts = markdown_texts(at)
    assert_nothing_obeyed(texts)
    assert len(at.table) >= 2, "the trend table and the comparison's tables are drawn"
    assert shown(texts, model.questions()[0][1].text), "the changed answer is listed"
    organisation = str(at.selectbox(key="history-organisation").value)
    at.toggle(key=organisation_key("history-show", organisation)).set_value(True).run()
    no_problems(at)
    assert_nothing_obeyed(markdown_texts(at))

    open_page(at, "model")
    no_problems(at)
    texts = markdown_texts(at)
    assert_nothing_obeyed(texts)
    assert shown(texts, model.scale.levels[0].name)


def test_an_uploaded_hostile_model_with_a_hostile_file_name_is_shown_literally(
    app_env: str, tmp_path: Path
) -> None:
    raw = write_hostile_model(tmp_path).read_bytes()
    at = new_app(page="model")
    name = "../../etc/[x](javascript:alert(1)) <b>.yaml"
    at.file_uploader(key="model-upload").set_value((name, raw, "application/x-yaml"))
    at.run()
    no_problems(at)
    texts = markdown_texts(at)
    assert_nothing_obeyed(texts)
    assert at.success and md_escape(name) in at.success[0].value
    at.button(key="model-use").click().run()
    no_problems(at)
    assert_nothing_obeyed(markdown_texts(at))
    open_page(at, "")
    no_problems(at)
    assert_nothing_obeyed(markdown_texts(at))


@pytest.mark.parametrize(
    "organisation",
    [
        "../../etc/passwd",
        '..\\..\\windows "quoted" name',
        "line\nbreak\r\x00\x1b[31m",
        "\u202eexe.pdf",
        "R&D <Unit> \"Alpha\" / 'Beta'",
        "W" * 5000,
        "Heddlu Dyfed-Powys",
    ],
)
def test_download_file_names_are_safe_whatever_the_organisation(
    organisation: str,
) -> None:
    from questionnaire.schema import Responses
    from scoring import score

    model = load_model(FIXTURES / "tiny-model.yaml")
    responses = Responses.model_validate(
        {"model": "tiny", "organisation": organisation, "assessed_on": "2026-11-27"}
    )
    stem = file_stem(score(model, responses))
    assert re.fullmatch(r"[a-z0-9-]+", stem), stem
    assert stem.startswith("ai-maturity-") and stem.endswith("-2026-11-27")
    assert len(stem) <= 100
