"""The settings table: every environment variable the program reads, its default and its meaning.

Code, the CLI and the README all read :data:`SETTINGS`, in the manner of datasette's settings
table, so a setting cannot exist without being documented. :func:`markdown_table` renders the
README's configuration table; a test checks the README contains every name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_FILE = Path("data") / "maturity.db"


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default as people should read it, and help."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "MATURITY_DATABASE_URL",
        "`sqlite:///data/maturity.db` (relative to the working directory; `data/` is created "
        "on first use)",
        "SQLAlchemy URL of the database that keeps drafts, assessments, workshops and model "
        "versions. Use `postgresql+psycopg://user:password@host/dbname` for a shared "
        "deployment. Migrations are applied automatically on start.",
    ),
    Setting(
        "MATURITY_MODEL",
        "the bundled policing model (`questionnaire/models/policing-ai.yaml`)",
        "Model file the app uses for new assessments, and the CLI when no `--model` is given.",
    ),
)


def setting(name: str) -> Setting:
    """The setting called ``name``.

    Raises:
        KeyError: when there is no such setting.
    """
    for s in SETTINGS:
        if s.name == name:
            return s
    raise KeyError(name)


def default_database_url() -> str:
    """The default database: a SQLite file under ``data/`` in the current working directory."""
    return f"sqlite:///{(Path.cwd() / DEFAULT_DATABASE_FILE).as_posix()}"


def database_url() -> str:
    """The database URL: ``MATURITY_DATABASE_URL``, or a SQLite file under ``data/``.

    The ``data/`` directory is created by :func:`store.db.make_engine` when the database is
    first opened, not here.
    """
    configured = os.environ.get("MATURITY_DATABASE_URL", "").strip()
    return configured or default_database_url()


def markdown_table() -> str:
    """The README's configuration table, generated from :data:`SETTINGS`."""
    lines = ["| variable | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{s.name}` | {s.default} | {s.help} |" for s in SETTINGS]
    return "\n".join(lines) + "\n"
