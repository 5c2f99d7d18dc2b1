"""Hostile path and id arguments to every command: a plain message and exit 2, never a trace.

Each case gives one command one bad value (empty, a directory, a missing directory, a named
pipe, a device, a huge, negative or non-numeric ``db:`` id) and checks: exit 2, no traceback,
a first line that names the argument or the path, and nothing written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from cli import main

TINY = str(FIXTURES / "tiny-model.yaml")
ANSWERS = str(FIXTURES / "responses" / "tiny-weights.yaml")
REPORT = ["report", ANSWERS, "--model", TINY]


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with a database elsewhere, a directory and a named pipe."""
    (tmp_path / "db").mkdir()
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'db' / 'm.db'}")
    work = tmp_path / "work"
    (work / "dir").mkdir(parents=True)
    os.mkfifo(work / "fifo")
    shutil.copy(ANSWERS, work / "answers.yaml")
    monkeypatch.chdir(work)
    return work


CASES = {
    # --previous db:<id>: every id the database cannot hold or that names nothing.
    "previous-huge-id": (
        [*REPORT, "-o", "r.pdf", "--previous", "db:99999999999999999999999"],
        "db:99999999999999999999999: no complete assessment 99999999999999999999999 in the database",
    ),
    "previous-max-id": (
        [*REPORT, "-o", "r.pdf", "--previous", "db:9223372036854775807"],
        "db:9223372036854775807: no complete assessment 9223372036854775807 in the database",
    ),
    "previous-5000-digit-id": (
        [*REPORT, "-o", "r.pdf", "--previous", "db:" + "9" * 5000],
        "db:" + "9" * 5000 + ": no complete assessment",
    ),
    "previous-long-name": (
        [*REPORT, "-o", "r.pdf", "--previous", "a" * 300],
        "a" * 300 + ": cannot read: File name too long",
    ),
    "previous-fifo": (
        [*REPORT, "-o", "r.pdf", "--previous", "fifo"],
        "fifo: is not a regular file",
    ),
    "output-trailing-slash": (
        ["docs", "--model", TINY, "-o", "x/"],
        "x/: names a directory (it ends in /); name a file to write",
    ),
    "output-long-name": (
        ["docs", "--model", TINY, "-o", "a" * 300 + ".md"],
        "a" * 300 + ".md: cannot write: File name too long",
    ),
    "previous-negative-id": ([*REPORT, "-o", "r.pdf", "--previous", "db:-1"], "db:-1: expected"),
    "previous-no-id": ([*REPORT, "-o", "r.pdf", "--previous", "db:"], "db:: expected"),
    "previous-word-id": ([*REPORT, "-o", "r.pdf", "--previous", "db:abc"], "db:abc: expected"),
    "previous-zero-id": (
        [*REPORT, "-o", "r.pdf", "--previous", "db:0"],
        "db:0: no complete assessment 0 in the database",
    ),
    "previous-directory": (
        [*REPORT, "-o", "r.pdf", "--previous", "dir"],
        "dir: is a directory, not a file",
    ),
    "previous-empty": (
        [*REPORT, "-o", "r.pdf", "--previous", ""],
        "--previous: not a file name (the path is empty)",
    ),
    # Empty paths are refused, never taken as the current directory or the default.
    "score-empty": (["score", ""], "RESPONSES: not a file name (the path is empty)"),
    "score-model-empty": (
        ["score", ANSWERS, "--model", ""],
        "--model: not a file name (the path is empty)",
    ),
    "validate-empty": (["validate", TINY, ""], "MODEL: not a file name (the path is empty)"),
    "docs-model-empty": (["docs", "--model", ""], "--model: not a file name (the path is empty)"),
    "docs-output-empty": (
        ["docs", "--model", TINY, "-o", ""],
        "--output: not a file name (the path is empty)",
    ),
    "report-output-empty": (
        [*REPORT, "-o", ""],
        "--output: not a file name (the path is empty)",
    ),
    "export-output-empty": (["export", "-o", ""], "--output: not a file name (the path is empty)"),
    "previous-model-empty": (
        [*REPORT, "-o", "r.pdf", "--previous", "answers.yaml", "--previous-model", ""],
        "--previous-model: not a file name (the path is empty)",
    ),
    "commentary-empty": (
        [*REPORT, "-o", "r.pdf", "--commentary", ""],
        "--commentary: not a file name (the path is empty)",
    ),
    "logo-empty": (
        [*REPORT, "-o", "r.pdf", "--logo", ""],
        "--logo: not a file name (the path is empty)",
    ),
    "import-empty": (["import", ""], "FILE: not a file name (the path is empty)"),
    "import-model-empty": (
        ["import", ANSWERS, "--model", ""],
        "--model: not a file name (the path is empty)",
    ),
    # An empty organisation would silently mean "every organisation" or "none".
    "export-organisation-empty": (
        ["export", "--organisation", "", "-o", "e.json"],
        "--organisation: needs a name, not an empty string",
    ),
    "history-empty": (["history", ""], "ORGANISATION: needs a name, not an empty string"),
    "import-organisation-empty": (
        ["import", ANSWERS, "--organisation", ""],
        "--organisation: needs a name, not an empty string",
    ),
    # Directories and missing directories.
    "export-output-directory": (["export", "-o", "dir"], "dir: is a directory"),
    "docs-output-directory": (["docs", "--model", TINY, "-o", "dir"], "dir: is a directory"),
    "docs-output-missing": (
        ["docs", "--model", TINY, "-o", "missing/x.md"],
        "missing/x.md: cannot write here: directory missing does not exist",
    ),
    "export-output-missing": (
        ["export", "-o", "missing/x.json"],
        "missing/x.json: cannot write here: directory missing does not exist",
    ),
    "report-output-missing": (
        [*REPORT, "-o", "missing/r.pdf"],
        "missing/r.pdf: cannot write here: directory missing does not exist",
    ),
    "commentary-directory": (
        [*REPORT, "-o", "r.pdf", "--commentary", "dir"],
        "dir: is a directory, not a file",
    ),
    "logo-directory": (
        [*REPORT, "-o", "r.pdf", "--logo", "dir"],
        "dir: is a directory, not a file",
    ),
    "commentary-missing": (
        [*REPORT, "-o", "r.pdf", "--commentary", "missing/c.txt"],
        "missing/c.txt: no such file",
    ),
    # A named pipe or a device as an input the CLI reads itself: refused, never waited on.
    "commentary-fifo": (
        [*REPORT, "-o", "r.pdf", "--commentary", "fifo"],
        "fifo: is a named pipe, not a regular file",
    ),
    "logo-fifo": (
        [*REPORT, "-o", "r.pdf", "--logo", "fifo"],
        "fifo: is a named pipe, not a regular file",
    ),
    "commentary-device": (
        [*REPORT, "-o", "r.pdf", "--commentary", "/dev/zero"],
        "/dev/zero: is a device, not a regular file",
    ),
    "logo-device": (
        [*REPORT, "-o", "r.pdf", "--logo", "/dev/urandom"],
        "/dev/urandom: is a device, not a regular file",
    ),
}


@pytest.mark.parametrize(("args", "first_line"), list(CASES.values()), ids=list(CASES))
def test_a_hostile_argument_is_one_plain_line_and_exit_2(
    args: list[str], first_line: str, place: Path, capsys
):
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2, captured.err[-2000:]
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert captured.err.splitlines()[0].startswith(first_line), captured.err[:2000]
    assert sorted(p.name for p in place.iterdir()) == ["answers.yaml", "dir", "fifo"]
