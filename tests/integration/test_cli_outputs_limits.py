"""The report's own inputs (commentary, logo, --prepared-by, --marking) keep to the limits in
questionnaire.limits, are read no further than the limit plus one byte, and are refused with
a message that states the limit."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main
from cli.files import read_bounded
from questionnaire.limits import COMMENTARY_CHARS, LOGO_BYTES, OPTION_CHARS
from questionnaire.yamlio import InputError

TINY = str(FIXTURES / "tiny-model.yaml")
ANSWERS = str(FIXTURES / "responses" / "tiny-weights.yaml")


def report(tmp_path: Path, *extra: str) -> int:
    return main(["report", ANSWERS, "--model", TINY, "-o", str(tmp_path / "r.pdf"), *extra])


def test_read_bounded_reads_no_more_than_the_limit_plus_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB that take no room
    asked: list[int] = []
    real_read = os.read

    def spy(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", spy)
    data, size = read_bounded(str(big), 1000)
    monkeypatch.undo()
    assert (len(data), size) == (1001, 50_000_000)
    assert asked == [1001]


def test_read_bounded_does_not_open_a_pipe_for_blocking_reads(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="is a named pipe, not a regular file"):
        read_bounded(str(pipe), 10)


def test_a_commentary_over_the_limit_states_the_limit(tmp_path: Path, capsys):
    note = tmp_path / "c.md"
    note.write_text("é" * (COMMENTARY_CHARS + 1), encoding="utf-8")
    assert report(tmp_path, "--commentary", str(note)) == 2
    assert capsys.readouterr().err == (
        f"{note}: has {COMMENTARY_CHARS + 1:,} characters; a commentary may have at most "
        f"{COMMENTARY_CHARS:,}\n"
    )
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(10_000_000)
    assert report(tmp_path, "--commentary", str(huge)) == 2
    assert capsys.readouterr().err == (
        f"{huge}: is 10,000,000 bytes, more than {COMMENTARY_CHARS:,} characters can take; a "
        f"commentary may have at most {COMMENTARY_CHARS:,} characters\n"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_a_commentary_of_exactly_the_limit_in_four_byte_characters_is_accepted(tmp_path: Path):
    note = tmp_path / "c.md"
    note.write_bytes(b"\xef\xbb\xbf" + "👮".encode() * COMMENTARY_CHARS)
    assert report(tmp_path, "--commentary", str(note)) == 0


def test_a_logo_over_the_limit_states_the_limit(tmp_path: Path, capsys):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * LOGO_BYTES)
    assert report(tmp_path, "--logo", str(logo)) == 2
    assert capsys.readouterr().err == (
        f"{logo}: is larger than the {LOGO_BYTES // 1024} KB a logo may be (it is "
        f"{LOGO_BYTES + 8:,} bytes; the limit is {LOGO_BYTES:,})\n"
    )


def test_prepared_by_up_to_the_option_limit_is_accepted_and_longer_is_refused(
    tmp_path: Path, capsys
):
    assert report(tmp_path, "--prepared-by", "P" * OPTION_CHARS) == 0
    capsys.readouterr()
    assert report(tmp_path, "--prepared-by", "P" * (OPTION_CHARS + 1)) == 2
    assert capsys.readouterr().err == (
        f"--prepared-by: needs one line of text: this one is {OPTION_CHARS + 1:,} characters; "
        f"the limit is {OPTION_CHARS:,}\n"
    )


def test_a_marking_over_its_limit_states_the_limit(tmp_path: Path, capsys):
    from reports.content.model import MARKING_LIMIT

    assert report(tmp_path, "--marking", "M" * (MARKING_LIMIT + 1)) == 2
    assert capsys.readouterr().err == (
        f"--marking: needs one line of text: this one is {MARKING_LIMIT + 1:,} characters; "
        f"the limit is {MARKING_LIMIT:,}\n"
    )


def test_a_control_character_in_an_option_is_named_as_such(tmp_path: Path, capsys):
    assert report(tmp_path, "--prepared-by", "A\x1b[2JB") == 2
    assert capsys.readouterr().err == (
        "--prepared-by: needs one line of printable text (no control characters)\n"
    )


def test_no_input_file_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The commentary and the logo are opened only through read_bounded."""
    note = tmp_path / "c.md"
    note.write_text("Short.", encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", spy)
    assert report(tmp_path, "--commentary", str(note)) == 0
    monkeypatch.undo()
    assert str(note) not in opened
