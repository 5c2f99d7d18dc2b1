"""Throwaway databases for tests and benchmarks, on SQLite or PostgreSQL.

PostgreSQL is used when libpq's variables name a server (``PGHOST``, ``PGDATABASE`` or
``PGSERVICE``, as ``pg_virtualenv`` exports them); each database here is then a fresh schema
of that server, dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine

POSTGRES_URL = "postgresql+psycopg://"  # host, port, user, password, dbname from PG* variables
BACKENDS = ("sqlite", "postgresql")


def postgres_configured() -> bool:
    """Whether the environment names a PostgreSQL server (libpq's PG* variables)."""
    return any(os.environ.get(v) for v in ("PGHOST", "PGDATABASE", "PGSERVICE"))


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def temporary_database(backend: str, directory: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file in ``directory``, or a PostgreSQL schema.

    Raises:
        LookupError: for PostgreSQL when no server is configured.
    """
    if backend == "sqlite":
        yield f"sqlite:///{(directory / 'maturity.db').as_posix()}"
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}")
    if not postgres_configured():
        raise LookupError("no PostgreSQL server configured (run under pg_virtualenv)")
    with postgres_schema() as url:
        yield url
