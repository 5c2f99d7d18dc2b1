"""`maturity validate` on broken and hostile model files: exit 2, every problem located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli import main
from questionnaire.loader import DEFAULT_MODEL, load_model, model_from_text
from questionnaire.yamlio import MAX_NODES, InputError

BROKEN = sorted((Path(__file__).parent.parent / "fixtures" / "broken").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, str]:
    """Each broken fixture names its defect's line and a fragment of the message."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: line (\d+): (.+)", first)
    assert match, f"{path.name} lacks its '# expect: line N: text' header"
    return int(match.group(1)), match.group(2)


def test_there_are_at_least_25_broken_models():
    assert len(BROKEN) >= 25


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_model_exits_2_naming_the_line(path: Path, capsys: pytest.CaptureFixture[str]):
    line, fragment = expectation(path)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    hits = [e for e in err.splitlines() if e.startswith(f"{path}:{line}:") and fragment in e]
    assert hits, f"expected a problem at line {line} mentioning {fragment!r}, got:\n{err}"


def test_every_problem_is_reported_together(tmp_path: Path):
    text = (BROKEN[0].parent / "duplicate-pillar-id.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0.0"', "version: 1.0").replace("titel", "x")
    text = text.replace("max_above: 1", "max_above: -1")
    with pytest.raises(InputError) as caught:
        model_from_text(text, "m.yaml")
    messages = [p.message for p in caught.value.problems]
    assert any("put it in quotes" in m for m in messages)
    assert any("already used" in m for m in messages)
    assert any("max_above" in m for m in messages)
    lines = [p.line or 0 for p in caught.value.problems]
    assert lines == sorted(lines), "problems come in file order"


def test_yes_and_no_are_the_strings_the_author_wrote():
    text = DEFAULT_TINY.replace("{id: low,", "{id: yes,").replace("{id: high,", "{id: no,")
    model = model_from_text(text)
    assert [o.id for o in model.pillars[0].questions[0].options] == ["yes", "no"]


def test_the_bundled_model_validates(capsys: pytest.CaptureFixture[str]):
    assert main(["validate", str(DEFAULT_MODEL)]) == 0
    assert ": ok: policing-ai" in capsys.readouterr().out


def test_a_missing_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_directory_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["validate", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


DEFAULT_TINY = """\
id: t
version: "1"
title: T
scale:
  levels: [{level: 1, name: A, min_score: 0}, {level: 2, name: B, min_score: 50}]
  target_level: 2
pillars:
  - id: p
    name: P
    questions:
      - id: q
        text: Q?
        options: [{id: low, label: L, score: 0}, {id: high, label: H, score: 100}]
"""

BOMB = """\
a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

HOSTILE: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "file is empty"),
    "whitespace": (b"  \n\n\t\n", "file is empty"),
    "comments-only": (b"# nothing\n", "no content"),
    "binary": (bytes(range(256)) * 4, "UTF-8"),
    "nul-bytes": (b"id: x\x00\x00\n", "NUL"),
    "latin-1": ("id: caf\u00e9\n".encode("latin-1"), "not UTF-8 text"),
    "a-list": (b"- id: x\n- id: y\n", "expected a mapping"),
    "a-scalar": (b"just text\n", "expected a mapping"),
    "alias-bomb": (BOMB.encode(), f"more than {MAX_NODES:,}"),
    "recursive-alias": (b"a: &a [*a]\n", "recursive"),
    "deep-nesting": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nesting"),
    "two-documents": (b"id: a\n---\nid: b\n", "single document"),
    "unclosed-quote": (b'id: "abc\ntitle: x\n', "YAML error"),
    "python-object": (b"id: !!python/object/apply:os.system [echo]\n", "YAML error"),
    "huge": (b"a: " + b"x" * 6_000_000 + b"\n", "limit"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_exits_2_with_one_clear_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    content, fragment = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert fragment in err, err
    assert err.startswith(str(path))


def test_not_utf8_is_located_at_the_bad_byte(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load_model(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 11)


def test_a_utf8_byte_order_mark_is_accepted():
    assert model_from_text(b"\xef\xbb\xbf" + DEFAULT_TINY.encode()).id == "t"


def test_merge_keys_and_small_aliases_are_fine():
    text = DEFAULT_TINY.replace(
        "options: [{id: low, label: L, score: 0}, {id: high, label: H, score: 100}]",
        "options: &opts [{id: low, label: L, score: 0}, {id: high, label: H, score: 100}]\n"
        "      - id: q2\n        text: Q2?\n        options: *opts",
    )
    model = model_from_text(text)
    assert [q.id for q in model.pillars[0].questions] == ["q", "q2"]


def test_json_indented_with_tabs_is_read_as_json_with_locations(tiny_model):
    from questionnaire.loader import responses_from_text

    text = '{\n\t"model": "tiny",\n\t"answers": {\n\t\t"gov-policy": "maybe"\n\t}\n}\n'
    with pytest.raises(InputError) as caught:
        responses_from_text(text, tiny_model, "r.json")
    assert str(caught.value).startswith(
        "r.json:4:17: answers.gov-policy: question 'gov-policy' has no option 'maybe'"
    )
    ok = text.replace("maybe", "draft")
    assert responses_from_text(ok, tiny_model).answers == {"gov-policy": "draft"}


def test_broken_json_is_reported_as_json_at_its_line():
    with pytest.raises(InputError, match=r"^m.json:2:1: not valid JSON: "):
        model_from_text('{"id": "x",\n', "m.json")


def test_json_duplicate_keys_are_located():
    with pytest.raises(InputError, match=r"m.json:1:13: key 'id' appears twice"):
        model_from_text('{"id": "x", "id": "y"}', "m.json")


def test_json_numbers_mean_what_json_says():
    from questionnaire.yamlio import parse

    data, _, _ = parse(b'{"a": 1e2, "b": NaN}'.replace(b', "b": NaN', b""), "x.json")
    assert data == {"a": 100.0}
    with pytest.raises(InputError, match="NaN is not a number JSON allows"):
        parse(b'{"a": NaN}', "x.json")


def test_an_empty_optional_key_takes_its_default():
    text = DEFAULT_TINY.replace("title: T\n", "title: T\ndescription:\nrules:\nsources:\n")
    text = text.replace(
        "    name: P\n", "    name: P\n    description:\n    next_steps:\n    weight:\n"
    )
    model = model_from_text(text)
    assert model.description == "" and model.rules == [] and model.sources == []
    assert model.pillars[0].next_steps == [] and model.pillars[0].weight == 1
