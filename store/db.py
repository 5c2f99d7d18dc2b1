"""Engines and migrations for SQLite and PostgreSQL.

SQLite gets WAL, a busy timeout, foreign keys and ``BEGIN IMMEDIATE`` for every transaction
that may write (the recipe in SQLAlchemy's SQLite dialect docs), so concurrent writers wait
their turn instead of failing with "database is locked". Reads can ask for a deferred
``BEGIN`` with ``execution_options(read_only=True)`` so they never hold the write lock.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from store.settings import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
# An arbitrary constant: the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6D617475  # "matu"
_migrated: weakref.WeakSet[Engine] = weakref.WeakSet()


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer version of this program."""


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: :func:`store.settings.database_url`).

    For a SQLite file the parent directory is created if needed. An in-memory SQLite URL
    (``sqlite://``) gets one shared connection so every session sees the same database.

    Raises:
        sqlalchemy.exc.ArgumentError: when the URL cannot be parsed or names no known driver.
    """
    parsed = make_url(url or database_url())
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs = {"pool_pre_ping": True}
    # Errors never quote the values of a statement: they would put answers, notes and
    # resume-code hashes into logs (issue 12: logs never hold answers, notes or codes).
    engine = create_engine(parsed, hide_parameters=True, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _use_wal(dbapi_conn: Any) -> None:
    """Switch a new database file to WAL (it stays so), waiting out other processes.

    Switching needs the file to itself, and SQLite answers "database is locked" at once,
    without its busy handler, when another process is using it at that moment (several
    processes opening a new database together), so retry until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy, not sqlite3, emits BEGIN
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _use_wal(dbapi_conn)
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        # Deleted and overwritten text (a note changed, an account removed, an organisation
        # erased) is zeroed in the file rather than left in free space. Debian's SQLite has
        # this on by default, other builds do not. Measured with bench/bench_store.py: about
        # 0.06 ms more per saved answer (0.83-0.93 ms against 0.76-0.87 ms, median).
        dbapi_conn.execute("PRAGMA secure_delete=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        read_only = conn.get_execution_options().get("read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def alembic_config() -> Config:
    """An alembic configuration pointing at the migrations inside this package.

    The connection is passed in code (``cfg.attributes["connection"]``), so no URL, and no
    password, is ever put in the configuration.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest migration's revision id."""
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect().execution_options(read_only=True) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the newest), creating it if empty.

    Safe when several processes start at once: on SQLite the migration runs in one
    ``BEGIN IMMEDIATE`` transaction, on PostgreSQL under a transaction-level advisory lock, so
    the second process waits, then finds nothing left to do. SQLite's foreign keys are off
    while tables are rebuilt (batch mode copies tables) and checked afterwards.

    Raises:
        DatabaseTooNew: when the database is at a revision this program does not know.
    """
    if revision == "head" and engine in _migrated:
        return
    current = current_revision(engine)
    if current is not None and current not in {s.revision for s in _script().walk_revisions()}:
        raise DatabaseTooNew(
            f"the database is at revision {current}, which this version of the program does "
            "not know; it was upgraded by a newer version"
        )
    if revision == "head" and current == head_revision():
        _migrated.add(engine)
        return
    _run_migration(engine, lambda cfg: command.upgrade(cfg, revision))
    if revision == "head":
        _migrated.add(engine)


def _run_migration(engine: Engine, step: Callable[[Config], None]) -> None:
    """Run an alembic step in one transaction, with SQLite's foreign keys off meanwhile.

    Batch mode rebuilds a SQLite table by copying it and dropping the old one; with foreign
    keys on, dropping ``assessments`` would cascade to every answer and target.
    """
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Must be set outside a transaction, so on the raw connection before BEGIN.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                cfg.attributes["connection"] = conn
                step(cfg)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (for tests and emergencies), keeping every row
    the older schema can hold."""
    _run_migration(engine, lambda cfg: command.downgrade(cfg, revision))
    _migrated.discard(engine)
