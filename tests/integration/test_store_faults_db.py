"""A database that is locked past its timeout, read-only or full is reported plainly (exit 2,
with what was and was not done), never with a traceback and never half-written; a fault that
passes is retried, briefly.

Read-only is made so that it holds even for root: ``chattr +i`` on the database file and its
WAL (never on the ``-shm`` file, which SQLite maps into memory: writing to a mapped immutable
file kills the process with SIGBUS). Without root, the file and its directory lose their write
bits. A full disk is a file-size limit (``RLIMIT_FSIZE``, with SIGXFSZ ignored) on a real
``maturity import`` process.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from cli import main
from questionnaire.limits import NOTE_CHARS
from questionnaire.loader import load_model
from questionnaire.schema import Model
from store import Store, faults
from store.db import downgrade, make_engine
from store.faults import DatabaseFault

TINY = FIXTURES / "tiny-model.yaml"
WEIGHTS = FIXTURES / "responses" / "tiny-weights.yaml"


def tiny() -> list[tuple[Model, str]]:
    return [(load_model(TINY), TINY.read_text(encoding="utf-8"))]


def responses_files(directory: Path, count: int, note_chars: int = 100) -> list[Path]:
    """``count`` distinct responses files for the tiny model, each with four notes."""
    directory.mkdir(exist_ok=True)
    files = []
    for i in range(count):
        path = directory / f"force-{i:03}.yaml"
        note = ("evidence " * note_chars)[:note_chars]
        path.write_text(
            "model: tiny\nmodel_version: '1.0.0'\n"
            f"organisation: Force {i:03}\n"
            "answers: {gov-policy: approved, gov-review: never, data-quality: good, "
            "data-catalogue: 'no'}\n"
            "notes: {"
            + ", ".join(
                f"{q}: '{note}'"
                for q in ("gov-policy", "gov-review", "data-quality", "data-catalogue")
            )
            + "}\n",
            encoding="utf-8",
        )
        files.append(path)
    return files


def check_whole(db: Path) -> int:
    """The database passes integrity_check and every assessment has all four answers;
    returns how many assessments it holds."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT a.id, count(x.question_id) FROM assessments a "
            "LEFT JOIN answers x ON x.assessment_id = a.id GROUP BY a.id"
        ).fetchall()
    finally:
        conn.close()
    assert all(n == 4 for _, n in rows), f"half-written assessments: {rows}"
    return len(rows)


def writable(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_WRONLY))
    except OSError:
        return False
    return True


@contextlib.contextmanager
def read_only(db: Path) -> Iterator[None]:
    """Make the SQLite database at ``db`` read-only for the block (see the module's docstring)."""
    files = [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
    if os.geteuid() == 0:
        undo = [["chattr", "-i", str(p)] for p in files]
        done = [subprocess.run(["chattr", "+i", str(p)], capture_output=True) for p in files]
        if any(r.returncode for r in done):
            for command in undo:
                subprocess.run(command, capture_output=True)
            pytest.skip("chattr +i does not work here")
    else:
        modes = {p: p.stat().st_mode for p in [*files, db.parent]}
        for p in files:
            p.chmod(0o444)
        db.parent.chmod(0o555)
    try:
        if writable(db):
            pytest.skip("cannot make a file read-only here")
        yield
    finally:
        if os.geteuid() == 0:
            for command in undo:
                subprocess.run(command, capture_output=True)
        else:
            for p, mode in modes.items():
                p.chmod(mode)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrated SQLite file holding one assessment, named by MATURITY_DATABASE_URL."""
    path = tmp_path / "data" / "m.db"
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{path}")
    with Store() as store:
        store.import_file(WEIGHTS, tiny())
    return path


# --- read-only ---------------------------------------------------------------------------
def test_import_into_a_read_only_database_says_so_for_each_file_and_exits_2(
    db: Path, tmp_path: Path, capsys
):
    files = responses_files(tmp_path / "in", 3)
    with read_only(db):
        code = main(["import", *map(str, files), "--model", str(TINY)])
        out, err = capsys.readouterr()
        assert code == 2, err
        assert "Traceback" not in err and "internal error" not in err
        assert "the database is read-only: 0 imported, 3 not imported" in err
        assert f"{files[0]}: not imported (the database is read-only)" in out
        for later in files[1:]:
            assert f"{later}: not imported (not tried" in out
        assert main(["history", "Heddlu Dyfed-Powys"]) == 0  # reading still works
    assert check_whole(db) == 1


def test_a_migration_on_a_read_only_database_is_reported_plainly(db: Path, capsys):
    engine = make_engine(os.environ["MATURITY_DATABASE_URL"])
    downgrade(engine, "0001")
    engine.dispose()
    with read_only(db):
        assert main(["db", "upgrade"]) == 2
        err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err
    assert check_whole(db) == 1


def test_a_database_made_read_only_under_an_open_store_refuses_writes_plainly(db: Path):
    model, text = tiny()[0]
    with Store() as store:
        code = store.start_draft(model, text, "Heddlu Prawf")
        store.save_answer(code, "gov-policy", "draft")
        with read_only(db), pytest.raises(DatabaseFault) as caught:
            store.save_answer(code, "gov-review", "never")
        assert caught.value.kind == faults.READ_ONLY
        assert caught.value.reason == "the database is read-only"
        store.save_answer(code, "gov-review", "never")  # once writable, it saves again
        draft = store.load_draft(code)
    assert draft is not None and draft.answers == {"gov-policy": "draft", "gov-review": "never"}


# --- locked past the timeout -------------------------------------------------------------
@contextlib.contextmanager
def locked(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock for the block."""
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_import_into_a_database_locked_past_the_timeout_exits_2_with_nothing_half_written(
    db: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("store.db.BUSY_TIMEOUT_MS", 50)
    pauses: list[float] = []
    monkeypatch.setattr(faults, "pause", pauses.append)
    files = responses_files(tmp_path / "in", 2)
    with locked(db):
        code = main(["import", *map(str, files), "--model", str(TINY)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "the database is busy (another program holds its lock): 0 imported, 2 not" in err
    assert len(pauses) == faults.ATTEMPTS - 1, "a lock is tried a few times, then reported"
    assert check_whole(db) == 1


def test_a_lock_that_is_released_while_retrying_loses_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("store.db.BUSY_TIMEOUT_MS", 50)
    model, text = tiny()[0]
    with Store() as store, contextlib.ExitStack() as stack:
        code = store.start_draft(model, text, "Heddlu Prawf")
        holder = stack.enter_context(locked(db))
        monkeypatch.setattr(faults, "pause", lambda _s: holder.execute("ROLLBACK"))
        store.save_answer(code, "gov-policy", "approved")  # waits out the lock, then saves
        holder.execute("BEGIN")  # for the context manager's ROLLBACK
        draft = store.load_draft(code)
    assert draft is not None and draft.answers == {"gov-policy": "approved"}


# --- a full disk -------------------------------------------------------------------------
def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def test_import_onto_a_full_disk_says_how_many_files_went_in_and_which_did_not(
    db: Path, tmp_path: Path
):
    files = responses_files(tmp_path / "in", 30, note_chars=NOTE_CHARS // 2)
    limit = db.stat().st_size + 120_000  # room for some of the files, not all
    run = subprocess.run(
        [sys.executable, "-m", "cli", "import", *map(str, files), "--model", str(TINY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: _limit_file_size(limit),
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    said = [line for line in run.stderr.splitlines() if " not imported" in line]
    assert len(said) == 1 and "the disk may be full" in said[0], run.stderr
    done = sum(1 for line in run.stdout.splitlines() if ": imported (assessment #" in line)
    fates = [line for line in run.stdout.splitlines() if line.startswith(str(tmp_path))]
    assert len(fates) == len(files), "every file's fate is said"
    assert 0 < done < len(files), run.stdout
    assert f": {done} imported, {len(files) - done} not imported" in said[0]
    assert check_whole(db) == 1 + done
