"""Storage and history: drafts, complete assessments with their exact model, workshops.

SQLAlchemy 2.x on SQLite (the default, a file under ``data/``) or PostgreSQL, chosen by
``MATURITY_DATABASE_URL``; migrations (alembic) are applied automatically on start.

A stored assessment can stand in for a file wherever an earlier assessment is wanted
(``maturity report --previous db:12``): see :func:`resolve_previous`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questionnaire.yamlio import InputError, Problem
from scoring.result import Result
from store.records import (
    Draft,
    DraftClosed,
    StoredAssessment,
    StoreError,
    UnknownAssessment,
    UnknownDraft,
    UnscorableAssessment,
)

if TYPE_CHECKING:
    from store.repository import UNSET, Store

STORED_PREFIX = "db:"


def __getattr__(name: str) -> Any:
    # SQLAlchemy takes about a third of a second to import, and code that needs only the
    # records or the settings loads this package too; the repository is imported on first use.
    if name in ("Store", "UNSET"):
        from store import repository

        return getattr(repository, name)
    raise AttributeError(f"module 'store' has no attribute {name!r}")


__all__ = [
    "STORED_PREFIX",
    "UNSET",
    "Draft",
    "DraftClosed",
    "Store",
    "StoreError",
    "StoredAssessment",
    "UnknownAssessment",
    "UnknownDraft",
    "is_stored_reference",
    "resolve_previous",
]


def is_stored_reference(reference: str) -> bool:
    """Whether ``reference`` names a stored assessment (``db:<id>``) rather than a file."""
    return reference.strip().startswith(STORED_PREFIX)


def resolve_previous(reference: str, store: Store | None = None) -> Result:
    """The Result of a stored assessment named ``db:<assessment id>``.

    The assessment is scored against the model version it answered, not the current one;
    ids are shown by ``maturity history ORGANISATION``.

    Args:
        reference: ``db:`` followed by the assessment's id, e.g. ``db:12``.
        store: the database to look in (default: the configured one).

    Raises:
        InputError: when the reference is malformed, names no complete assessment, or names
            one that can no longer be scored.
    """
    key = reference.strip().removeprefix(STORED_PREFIX).strip()
    if not is_stored_reference(reference) or not key.isdecimal():
        raise InputError(
            [
                Problem(
                    reference,
                    None,
                    None,
                    "expected db:<assessment id>, e.g. db:12 (ids are listed by "
                    "'maturity history ORGANISATION')",
                )
            ]
        )
    if store is None:
        from store.repository import Store

        with Store() as opened:
            return resolve_previous(reference, opened)
    try:
        return store.result(int(key))
    except UnscorableAssessment as exc:
        raise InputError([Problem(reference, None, None, str(exc))]) from None
    except UnknownAssessment:
        raise InputError(
            [
                Problem(
                    reference,
                    None,
                    None,
                    f"no complete assessment {key} in the database (ids are listed by "
                    "'maturity history ORGANISATION')",
                )
            ]
        ) from None
