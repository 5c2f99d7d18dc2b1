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
    Setting(
        "MATURITY_MODE",
        "`local`",
        "`local`: one person on this computer, who may do everything (the Start page says "
        "so). `shared`: people sign in through the OpenID Connect provider named in "
        "`.streamlit/secrets.toml` (`[auth]`), and each sees only what their role and "
        'organisations allow (see "Shared mode" and SECURITY.md).',
    ),
    Setting(
        "MATURITY_ADMINS",
        "none",
        "Shared mode: comma-separated e-mail addresses that are administrators whatever the "
        "database says (how the first administrator gets in). Everyone else is given a role "
        "with `maturity users add`.",
    ),
    Setting(
        "MATURITY_RETENTION_DAYS",
        "none (kept until deleted)",
        "Assessments (drafts, finished and discarded) untouched for this many days are erased "
        "for good: by the app once a day, or at once by `maturity purge --yes`. The Start "
        "page says how long answers are kept.",
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


class SettingError(ValueError):
    """A setting has a value this program cannot use; the message names it and says why."""


def mode() -> str:
    """``MATURITY_MODE``: ``"local"`` (the default) or ``"shared"``.

    Raises:
        SettingError: for any other value.
    """
    value = os.environ.get("MATURITY_MODE", "").strip().lower() or "local"
    if value not in ("local", "shared"):
        raise SettingError(
            f"MATURITY_MODE is {value!r}; it must be 'local' or 'shared' (see the README)"
        )
    return value


def administrators() -> tuple[str, ...]:
    """``MATURITY_ADMINS``: the addresses that are administrators in shared mode."""
    raw = os.environ.get("MATURITY_ADMINS", "")
    return tuple(a.strip().lower() for a in raw.split(",") if a.strip())


def retention_days() -> int | None:
    """``MATURITY_RETENTION_DAYS``: how many days an untouched assessment is kept (None:
    until it is deleted).

    Raises:
        SettingError: when the value is not a whole number of days from 1 to 36,500.
    """
    raw = os.environ.get("MATURITY_RETENTION_DAYS", "").strip()
    if not raw:
        return None
    if not raw.isdecimal() or not 1 <= int(raw) <= 36_500:
        raise SettingError(
            f"MATURITY_RETENTION_DAYS is {raw!r}; it must be a whole number of days from 1 "
            "to 36500, or unset to keep assessments until they are deleted"
        )
    return int(raw)


def markdown_table() -> str:
    """The README's configuration table, generated from :data:`SETTINGS`."""
    lines = ["| variable | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{s.name}` | {s.default} | {s.help} |" for s in SETTINGS]
    return "\n".join(lines) + "\n"
