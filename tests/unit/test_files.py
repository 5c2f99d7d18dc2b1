"""cli.files.write_atomic: a file is replaced whole or not at all, and only a regular file is."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from cli.files import check_target, write_atomic
from questionnaire.yamlio import InputError


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_a_new_file_gets_the_default_mode_and_no_temporary_file_is_left(tmp_path: Path):
    target = tmp_path / "out.pdf"
    write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert mode_of(target) == 0o666 & ~umask()
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_text_is_written_as_utf8_without_newline_translation(tmp_path: Path):
    target = tmp_path / "out.csv"
    write_atomic(str(target), "a,b\r\nSiân,Ŵ\n")
    assert target.read_bytes() == "a,b\r\nSiân,Ŵ\n".encode()


def test_an_existing_file_keeps_its_permission_bits(tmp_path: Path):
    target = tmp_path / "private.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode_of(target) == 0o600
    target.chmod(0o640)
    write_atomic(target, b"newer")
    assert mode_of(target) == 0o640


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_and_left_alone(tmp_path: Path):
    target = tmp_path / "pipe"
    os.mkfifo(target)
    with pytest.raises(InputError) as caught:
        write_atomic(target, b"data")
    assert str(caught.value) == f"{target}: is a named pipe, not a regular file; it is not replaced"
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_symbolic_link_is_refused_and_neither_it_nor_its_file_is_changed(tmp_path: Path):
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    with pytest.raises(InputError) as caught:
        write_atomic(link, b"new")
    assert "is a symbolic link" in str(caught.value)
    assert link.is_symlink() and real.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.pdf", "real.pdf"]


def test_a_dangling_symbolic_link_is_refused_too(tmp_path: Path):
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "nowhere.pdf")
    with pytest.raises(InputError, match="is a symbolic link"):
        write_atomic(link, b"new")
    assert not (tmp_path / "nowhere.pdf").exists()


def test_a_directory_is_refused(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path, b"data")
    assert str(caught.value) == f"{tmp_path}: is a directory; name a file to write"


def test_a_missing_directory_is_reported_before_anything_is_written(tmp_path: Path):
    target = tmp_path / "no" / "such" / "out.pdf"
    with pytest.raises(InputError, match="does not exist"):
        check_target(target)
    with pytest.raises(InputError, match=r"cannot write here: directory .* does not exist"):
        write_atomic(target, b"data")


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary_file(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(InputError) as caught:
        write_atomic(target, b"new" * 1000)
    assert str(caught.value) == f"{target}: cannot write: {os.strerror(errno.ENOSPC)}"
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_an_interruption_mid_write_is_not_swallowed_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_directory_that_cannot_be_written_is_bad_input(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write: Permission denied"):
            write_atomic(locked / "out.pdf", b"data")
    finally:
        locked.chmod(0o700)
