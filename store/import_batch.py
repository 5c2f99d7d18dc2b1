"""Importing many files: each checked on its own, written many to a transaction.

``maturity import`` of a thousand files spent most of its time opening and committing a
transaction per file. Here files are read and checked one by one exactly as
:func:`store.imports.import_file` checks them (a bad file is reported and never stops the
others), then the good ones of a batch are written in one transaction, each inside its own
savepoint, so one that the database refuses leaves nothing of itself behind.

What is stored, and what each file reports (imported, already imported, its warnings),
is the same as file by file: a file that repeats an earlier one of the same batch is found
"already imported", since the batch's own rows are visible to it. A conflict with another
process (two storing the same assessment at once, on PostgreSQL) rolls the batch back and
does it again file by file, which reports the duplicate as ``import_file`` does.

Outcomes are given out only once their batch is committed, so a fault of the database
(raised as :class:`store.faults.DatabaseFault`) means: the files given out are stored; the
batch being written and the files after it are not. Batches start at one file and double up
to :data:`BATCH`, so the first files are in (and said) at once, and a disk that fills part
way still keeps most of what went before.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem
from store import faults
from store.imports import (
    ImportOutcome,
    Prepared,
    import_file,
    prepare,
    write,
    write_responses_files,
)

if TYPE_CHECKING:
    from store.repository import Store

BATCH = 250  # files per transaction: large enough to amortise a commit, small enough to hold

Outcome = ImportOutcome | InputError


def import_files(
    store: Store,
    paths: Sequence[str | Path],
    models: Sequence[tuple[Model, str]] = (),
    organisation: str | None = None,
    *,
    batch: int = BATCH,
) -> Iterator[tuple[str, Outcome]]:
    """(path, outcome) for each file in order: what was stored, or every problem of a bad one.

    Raises:
        store.faults.DatabaseFault: when the database cannot do the work; every outcome
            given out before it is stored, nothing after it.
    """
    start, size = 0, 1
    while start < len(paths):
        chunk = paths[start : start + size]
        start, size = start + len(chunk), min(size * 2, batch)
        checked = [_checked(store, p, models, organisation) for p in chunk]
        yield from faults.retrying(
            functools.partial(_write, store, checked, models, organisation), store.reconnect
        )


def _checked(
    store: Store, path: str | Path, models: Sequence[tuple[Model, str]], organisation: str | None
) -> Prepared | tuple[str, InputError]:
    try:
        return faults.retrying(lambda: prepare(store, path, models, organisation), store.reconnect)
    except InputError as exc:
        return str(path), exc


def _write(
    store: Store,
    checked: list[Prepared | tuple[str, InputError]],
    models: Sequence[tuple[Model, str]],
    organisation: str | None,
) -> list[tuple[str, Outcome]]:
    """One transaction for the batch; file by file again after a conflict with another writer."""
    done: list[tuple[str, Outcome]] = []
    try:
        with store.session() as s:
            run: list[Prepared] = []  # responses files in a row, written together
            for item in [*checked, None]:
                if isinstance(item, Prepared) and item.export is None:
                    run.append(item)
                    continue
                if run:
                    done += _write_run(store, s, run)
                    run = []
                if isinstance(item, tuple):
                    done.append(item)
                elif item is not None:
                    done += _write_each(store, s, [item])
    except IntegrityError:
        return [_one_by_one(store, item, models, organisation) for item in checked]
    return done


def _write_run(store: Store, s: Session, run: list[Prepared]) -> list[tuple[str, Outcome]]:
    """Responses files together; file by file (each in its savepoint) if the store refuses
    one, so only that one is refused."""
    try:
        with s.begin_nested():
            return [(o.path, o) for o in write_responses_files(store, s, run)]
    except ValueError:
        return _write_each(store, s, run)


def _write_each(store: Store, s: Session, items: list[Prepared]) -> list[tuple[str, Outcome]]:
    done: list[tuple[str, Outcome]] = []
    for item in items:
        try:
            with s.begin_nested():
                done.append((item.path, write(store, s, item)))
        except ValueError as exc:  # refused by the store (unsafe text): that file only
            done.append((item.path, _refused(item.path, exc)))
    return done


def _one_by_one(
    store: Store,
    item: Prepared | tuple[str, InputError],
    models: Sequence[tuple[Model, str]],
    organisation: str | None,
) -> tuple[str, Outcome]:
    if isinstance(item, tuple):
        return item
    try:
        return item.path, import_file(store, item.path, models, organisation)
    except InputError as exc:
        return item.path, exc


def _refused(path: str, exc: ValueError) -> InputError:
    return InputError([Problem(path, None, None, str(exc))])
