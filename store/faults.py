"""Database faults in plain words, and a short, bounded retry for the ones that pass.

Every error the database itself raises (locked past the busy timeout, read-only, disk full,
an I/O error, a server that cannot be reached) becomes one :class:`DatabaseFault`, whose
``reason`` says what happened in words a person can act on and whose ``kind`` a caller can
test (a type and a field, never the driver's sentence). Errors that mean a bug in this program
(an SQL syntax error, a broken constraint) are left as they are.

The faults are told apart by the driver's own codes: SQLite's result code
(``sqlite3.Error.sqlite_errorcode``, Python 3.11+) and PostgreSQL's SQLSTATE.

Retry (:func:`retrying`): a unit of work that failed with a fault that may pass by itself
(busy or locked, a connection refused or dropped, an I/O error on a pooled connection) is run
again after a short pause, at most :data:`ATTEMPTS` times and only while less than
:data:`BUDGET_SECONDS` have gone by since the first try, so a click never hangs for long.
SQLite already waits up to its busy timeout for a lock; a lock that outlasted that is not
waited for again. Every unit of work the store retries is one transaction, so running it
twice never stores anything twice.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import (
    DatabaseError,
    DataError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
)

LOG = logging.getLogger("store")
T = TypeVar("T")

ATTEMPTS = 4
#: Pauses before the 2nd, 3rd and 4th attempts.
BACKOFF_SECONDS = (0.1, 0.3, 0.9)
#: No new attempt starts once this long has passed since the first.
BUDGET_SECONDS = 3.0

BUSY, UNAVAILABLE, READ_ONLY, FULL, IO, BROKEN, OTHER = (
    "busy",
    "unavailable",
    "read-only",
    "full",
    "io",
    "broken",
    "other",
)
#: The kinds worth another try: they can pass by themselves, or with a fresh connection.
TRANSIENT = frozenset({BUSY, UNAVAILABLE, IO})

_REASONS = {
    BUSY: "the database is busy (another program holds its lock)",
    UNAVAILABLE: "the database cannot be reached",
    READ_ONLY: "the database is read-only",
    FULL: "the database's disk is full",
    IO: "the database file could not be written (a disk I/O error: the disk may be full)",
    BROKEN: "the database file is damaged or is not a database",
    OTHER: "the database refused the change",
}
_ADVICE = {
    BUSY: "Please try again in a moment.",
    UNAVAILABLE: "Please try again in a moment; if it goes on, ask the people who run this "
    "service to check the database.",
    READ_ONLY: "Nothing can be saved until the people who run this service make it writable again.",
    FULL: "Nothing can be saved until the people who run this service free some disk space.",
    IO: "Nothing can be saved until the people who run this service check the disk.",
    BROKEN: "Ask the people who run this service to restore it from a backup.",
    OTHER: "Ask the people who run this service to check the database.",
}

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_KINDS = {5: BUSY, 6: BUSY, 8: READ_ONLY, 10: IO, 11: BROKEN, 13: FULL, 14: UNAVAILABLE}
_SQLITE_KINDS |= {3: READ_ONLY, 23: READ_ONLY, 26: BROKEN}  # PERM, AUTH, NOTADB
# PostgreSQL SQLSTATEs, most specific first (a 2-character entry is a class).
_POSTGRES_KINDS = (
    ("53100", FULL),
    ("25006", READ_ONLY),
    ("55P03", BUSY),
    ("57014", BUSY),
    ("53300", BUSY),
    ("40", BUSY),
    ("08", UNAVAILABLE),
    ("57P", UNAVAILABLE),
    ("58", IO),
)


@dataclass(eq=False)
class DatabaseFault(RuntimeError):
    """The database could not do what was asked; nothing of that unit of work was stored.

    Attributes:
        kind: ``busy``, ``unavailable``, ``read-only``, ``full``, ``io``, ``broken`` or ``other``.
        detail: the driver's first line, for logs and for people who run the service.
    """

    kind: str
    detail: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """What happened, in plain words ("the database is read-only")."""
        return _REASONS[self.kind]

    @property
    def advice(self) -> str:
        """What a person can do about it, in one sentence."""
        return _ADVICE[self.kind]

    @property
    def transient(self) -> bool:
        """Whether trying again soon may succeed."""
        return self.kind in TRANSIENT

    @property
    def explained(self) -> str:
        """The reason, with the driver's words when they add something (which server could
        not be reached, what was refused)."""
        if self.kind in (BUSY, READ_ONLY, FULL, IO) or not self.detail:
            return self.reason
        return f"{self.reason} ({self.detail})"

    def __str__(self) -> str:
        return self.reason


def is_fault(exc: BaseException) -> bool:
    """Whether ``exc`` is an error of the database rather than of this program."""
    if isinstance(exc, DatabaseFault):
        return True
    bug = (IntegrityError, ProgrammingError, DataError, NotSupportedError)
    return isinstance(exc, DatabaseError) and not isinstance(exc, bug)


def classify(exc: BaseException) -> DatabaseFault:
    """The fault an error of the database stands for (see :func:`is_fault`)."""
    if isinstance(exc, DatabaseFault):
        return exc
    orig = getattr(exc, "orig", None) or exc
    detail = (str(orig).strip().splitlines() or [""])[0]
    return DatabaseFault(_kind(orig), detail)


def _kind(orig: BaseException) -> str:
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _SQLITE_KINDS.get(code & 0xFF, OTHER)
        return OTHER
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        for prefix, kind in _POSTGRES_KINDS:
            if sqlstate.startswith(prefix):
                return kind
        return OTHER
    # psycopg raises OperationalError without a SQLSTATE when it cannot connect at all.
    if type(orig).__name__ == "OperationalError":
        return UNAVAILABLE
    return OTHER


_inside = threading.local()


def retrying(action: Callable[[], T], reconnect: Callable[[], None] | None = None) -> T:
    """Run ``action`` (one transaction), again after a pause if it failed with a fault that may
    pass; a fault is raised as :class:`DatabaseFault`.

    Args:
        action: the unit of work; it must be safe to run again after a failure.
        reconnect: called after any fault but a lock, so the next attempt (or the next unit
            of work) gets a fresh connection (e.g. ``engine.dispose``).

    A call made from inside another :func:`retrying` runs once: the outer one retries.
    """
    if getattr(_inside, "active", False):
        try:
            return action()
        except Exception as exc:
            if is_fault(exc):
                raise classify(exc) from exc
            raise
    _inside.active = True
    try:
        return _attempts(action, reconnect)
    finally:
        _inside.active = False


def _attempts(action: Callable[[], T], reconnect: Callable[[], None] | None) -> T:
    started = time.monotonic()
    for attempt in range(ATTEMPTS):
        try:
            return action()
        except Exception as exc:
            if not is_fault(exc):
                raise
            fault = classify(exc)
            # A connection that met anything but a lock may be stuck in that state (SQLite
            # keeps a file it found read-only so), so the next unit of work gets a new one.
            if reconnect is not None and fault.kind != BUSY:
                reconnect()
            last = attempt + 1 == ATTEMPTS
            if last or not fault.transient or time.monotonic() - started >= BUDGET_SECONDS:
                raise fault from exc
            LOG.info("database fault (%s: %s); trying again", fault.kind, fault.detail)
            pause(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
    raise AssertionError("unreachable")


def pause(seconds: float) -> None:
    """Wait between attempts (a function of its own so a test can see each retry)."""
    time.sleep(seconds)
