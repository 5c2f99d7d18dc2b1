"""Migrations: an empty database and one at the previous revision both reach the newest schema,
with nothing lost, and the schema the code declares is exactly the one the migrations build."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from store import Store
from store.db import (
    DatabaseTooNew,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    migrate,
)
from store.tables import Base

TABLES = {
    "alembic_version",
    "organisations",
    "model_versions",
    "assessments",
    "answers",
    "targets",
    "workshops",
    "agreed_answers",
}


@pytest.fixture
def engine(url: str):
    made = make_engine(url)
    yield made
    made.dispose()


def test_an_empty_database_is_migrated_to_the_newest_revision(engine):
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_a_database_at_the_previous_revision_is_upgraded_with_its_data(engine):
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    columns = {c["name"] for c in inspect(engine).get_columns("assessments")}
    assert "source" not in columns
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO organisations (id, name, created_at) VALUES (1, 'Org', :t)"),
            {"t": "2025-01-01 00:00:00"},
        )
        conn.execute(
            text(
                "INSERT INTO model_versions (id, model_id, version, title, content_hash, text,"
                " created_at) VALUES (1, 'tiny', '1.0.0', 'T', :h, 'id: tiny', :t)"
            ),
            {"h": "a" * 64, "t": "2025-01-01 00:00:00"},
        )
        conn.execute(
            text(
                "INSERT INTO assessments (id, uid, organisation_id, model_version_id, status,"
                " created_at, updated_at) VALUES (1, 'u1', 1, 1, 'complete', :t, :t)"
            ),
            {"t": "2025-01-01 00:00:00"},
        )
        conn.execute(
            text(
                "INSERT INTO answers (assessment_id, question_id, answer, note, updated_at)"
                " VALUES (1, 'gov-policy', 'draft', 'kept', :t)"
            ),
            {"t": "2025-01-01 00:00:00"},
        )

    migrate(engine)

    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT uid, source FROM assessments")).all() == [("u1", "app")]
        assert conn.execute(text("SELECT answer, note FROM answers")).all() == [("draft", "kept")]
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    indexes = {i["name"] for i in inspect(engine).get_indexes("assessments")}
    assert "ix_assessments_history" in indexes


def test_migrations_go_down_to_nothing_and_up_again(engine):
    migrate(engine)
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert current_revision(engine) == head_revision()


def test_opening_a_store_migrates_and_opening_it_again_changes_nothing(url):
    with Store(url) as first:
        revision = current_revision(first.engine)
    with Store(url) as second:
        assert current_revision(second.engine) == revision == head_revision()


def test_a_database_from_a_newer_program_is_refused_with_a_reason(engine):
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    fresh = make_engine(engine.url.render_as_string(hide_password=False))
    with pytest.raises(DatabaseTooNew, match="9999"):
        migrate(fresh)
    fresh.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'm.db'}")
    migrate(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
    assert (tmp_path / "nested" / "dir" / "m.db").exists()


def test_an_in_memory_sqlite_database_is_one_database_for_the_whole_store():
    with Store("sqlite://") as store:
        assert store.organisations() == []
        assert set(inspect(store.engine).get_table_names()) >= TABLES
