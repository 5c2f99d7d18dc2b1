"""Alembic environment: batch mode (for SQLite), the store's metadata, a connection from code.

``store.db.migrate`` passes an open connection (already in a transaction and, on PostgreSQL,
holding the migration lock) through ``config.attributes["connection"]``. Run from the alembic
command line, this opens ``MATURITY_DATABASE_URL`` itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from store.tables import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the connection given in code, or on the configured database."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from store.db import make_engine

    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url or None)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_migrations_online()
