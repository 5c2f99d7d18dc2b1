"""Every `-o` of every command replaces only a regular file of its own, whole or not at all.

Real files, real links, real devices (made with mknod when the tests run as root), and real
processes for ``ulimit -f`` and ``kill -9``.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from cli import main
from cli.files import write_atomic
from questionnaire.yamlio import InputError

TINY = str(FIXTURES / "tiny-model.yaml")
ANSWERS = str(FIXTURES / "responses" / "tiny-weights.yaml")

COMMANDS = pytest.mark.parametrize(
    "command",
    [
        ["report", ANSWERS, "--model", TINY, "-o"],
        ["docs", "--model", TINY, "-o"],
        ["export", "-o"],
    ],
    ids=["report", "docs", "export"],
)


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database outside the directory the tests list, so `export` has one to read."""
    place = tmp_path / "db"
    place.mkdir()
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{place / 'm.db'}")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    place = tmp_path / "out"
    place.mkdir()
    return place


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@COMMANDS
def test_a_hard_link_is_refused_and_both_names_keep_the_old_file(
    command: list[str], out: Path, capsys
):
    first = out / "a.pdf"
    first.write_bytes(b"old")
    second = out / "b.pdf"
    os.link(first, second)
    assert main([*command, str(first)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{first}: has 2 names (hard links); replacing it would split them, so it is not replaced\n"
    )
    assert first.read_bytes() == second.read_bytes() == b"old"
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert names(out) == ["a.pdf", "b.pdf"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a device needs root")
@COMMANDS
def test_a_character_device_is_refused_and_left_a_device(command: list[str], out: Path, capsys):
    device = out / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main([*command, str(device)]) == 2
    assert capsys.readouterr().err == (
        f"{device}: is a device, not a regular file; it is not replaced\n"
    )
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert names(out) == ["null"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a device needs root")
def test_a_block_device_is_refused(out: Path):
    device = out / "loop"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    with pytest.raises(InputError, match="is a device, not a regular file"):
        write_atomic(device, b"data")
    assert stat.S_ISBLK(os.lstat(device).st_mode)


@COMMANDS
def test_a_link_to_standard_output_is_refused(command: list[str], out: Path, capsys):
    link = out / "stdout"
    link.symlink_to("/proc/self/fd/1")
    assert main([*command, str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


@COMMANDS
def test_an_empty_output_path_is_bad_input_not_the_current_directory(
    command: list[str], out: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(out)
    code = main([*command, ""])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == "--output: not a file name (the path is empty)\n"
    assert captured.out == ""
    assert names(out) == []


def test_a_new_file_follows_the_umask(out: Path):
    old = os.umask(0o077)
    try:
        write_atomic(out / "new.pdf", b"%PDF")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(out / "new.pdf").st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
@COMMANDS
def test_an_existing_file_keeps_its_owner_group_and_mode(command: list[str], out: Path, capsys):
    target = out / "report.pdf"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4322)
    target.chmod(0o640)
    assert main([*command, str(target)]) == 0
    status = os.stat(target)
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert target.read_bytes() != b"old"
    assert names(out) == ["report.pdf"]


def test_a_group_that_cannot_be_kept_gets_no_permissions(
    out: Path, monkeypatch: pytest.MonkeyPatch
):
    target = out / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o664)
    status = os.stat(target)
    real_stat = os.fstat

    def other_owner(fd: int) -> os.stat_result:
        # The new file looks as if it belonged to someone else, as it would when another
        # user's file is rewritten; changing it back is then not allowed.
        fields = list(real_stat(fd))
        fields[4], fields[5] = status.st_uid + 1, status.st_gid + 1
        return os.stat_result(fields)

    def refused(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fstat", other_owner)
    monkeypatch.setattr(os, "fchown", refused)
    write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604


def test_setuid_and_sticky_bits_are_not_carried_over(out: Path):
    target = out / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o4755)
    write_atomic(target, b"new")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755


def test_a_read_only_file_is_not_replaced(out: Path, monkeypatch: pytest.MonkeyPatch):
    target = out / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything; ask as an ordinary user would be told
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, m, **kw: m != os.W_OK and real_access(p, m, **kw)
        )
    with pytest.raises(InputError) as caught:
        write_atomic(target, b"new")
    assert str(caught.value) == f"{target}: is read-only; it is not replaced"
    assert target.read_bytes() == b"old"


def test_a_path_under_a_file_is_reported_as_such(out: Path):
    (out / "file").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        write_atomic(out / "file" / "x.pdf", b"new")
    assert (
        str(caught.value)
        == f"{out / 'file' / 'x.pdf'}: cannot write here: {out / 'file'} is not a directory"
    )


def test_a_file_size_limit_keeps_the_old_file_and_is_bad_input(out: Path):
    import resource

    target = out / "report.pdf"
    target.write_bytes(b"old")

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    done = subprocess.run(
        [sys.executable, "-m", "cli", "report", ANSWERS, "--model", TINY, "-o", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
        check=False,
        preexec_fn=small_files,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"{target}: cannot write: File too large\n"
    assert target.read_bytes() == b"old"
    assert names(out) == ["report.pdf"]


# Writes a file through write_atomic and stops, after the data is written but before it is put
# in place, to be killed there: the worst moment for a half-written file to be left behind.
KILLED_MID_WRITE = """
import os, sys, time
import cli.files
real_fsync = os.fsync
def stop(fd):
    real_fsync(fd)
    print("written", flush=True)
    time.sleep(600)
os.fsync = stop
cli.files.write_atomic(sys.argv[1], b"new" * 100_000)
"""


def test_kill_9_mid_write_leaves_the_old_file_and_no_temporary_file(out: Path):
    from cli.files import _unnamed_file

    fd = _unnamed_file(out, 0o600)
    if fd is None:
        pytest.skip("this file system cannot make a file without a name (O_TMPFILE)")
    os.close(fd)
    target = out / "report.pdf"
    target.write_bytes(b"old")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "written\n"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert target.read_bytes() == b"old"
    assert names(out) == ["report.pdf"]


def test_without_unnamed_files_a_named_temporary_file_is_used_and_removed(
    out: Path, monkeypatch: pytest.MonkeyPatch
):
    import cli.files

    monkeypatch.setattr(cli.files, "_unnamed_file", lambda directory, mode: None)
    target = out / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert names(out) == ["report.pdf"]
