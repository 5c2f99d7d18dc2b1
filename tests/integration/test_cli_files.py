"""Every `maturity` command that writes a file goes through cli.files.write_atomic."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main

TINY = str(FIXTURES / "tiny-model.yaml")
ANSWERS = str(FIXTURES / "responses" / "tiny-weights.yaml")


def test_a_private_report_stays_private_when_it_is_rewritten(tmp_path: Path, capsys):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")
    out.chmod(0o600)
    assert main(["report", ANSWERS, "--model", TINY, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_docs_rewrites_a_file_whole_and_keeps_its_mode(tmp_path: Path, capsys):
    out = tmp_path / "model.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(["docs", "--model", TINY, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["model.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "command",
    [
        ["report", ANSWERS, "--model", TINY, "-o"],
        ["docs", "--model", TINY, "-o"],
        ["export", "-o"],
    ],
    ids=["report", "docs", "export"],
)
def test_a_named_pipe_as_output_is_one_line_of_bad_input(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert main([*command, str(pipe)]) == 2
    err = capsys.readouterr().err
    assert err == f"{pipe}: is a named pipe, not a regular file; it is not replaced\n"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # not even the database


def test_a_symbolic_link_as_output_is_refused(tmp_path: Path, capsys):
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert main(["report", ANSWERS, "--model", TINY, "-o", str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and real.read_bytes() == b"old"


def test_an_export_to_a_file_is_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    out = tmp_path / "backup.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert main(["export", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "m.db"]
