"""The storage commands of ``maturity``: ``import``, ``history``, ``export`` and ``db``.

The database is ``MATURITY_DATABASE_URL`` (default: a SQLite file under ``data/``); it is
migrated on first use. Bad input raises ``InputError`` (exit 2, one located line per problem).
A database that cannot do the work (locked past its timeout, read-only, full, unreachable) is
reported the same way, in one plain line saying what was and was not done; each unit of work
is one transaction, so nothing is ever half-written.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import sys
from collections.abc import Iterator, Sequence

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from cli.files import check_target, write_atomic
from cli.terminal import json_text, printable
from questionnaire.yamlio import InputError, Problem
from store.db import DatabaseTooNew, current_revision, head_revision
from store.faults import DatabaseFault
from store.history import entry_to_dict, format_history, history
from store.imports import load_model_file
from store.records import UnscoredAssessment
from store.repository import Store
from store.settings import database_url


def _where() -> str:
    try:
        return f"database {make_url(database_url()).render_as_string(hide_password=True)}"
    except ArgumentError:
        return "MATURITY_DATABASE_URL"


@contextlib.contextmanager
def open_store() -> Iterator[Store]:
    """The configured store; a URL that cannot be used is bad input (exit 2), not a bug."""
    try:
        store = Store()
    except ArgumentError as exc:
        raise InputError([Problem(_where(), None, None, f"not a usable URL: {exc}")]) from None
    except DatabaseFault as exc:
        raise InputError([Problem(_where(), None, None, f"cannot open: {exc.explained}")]) from None
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise InputError([Problem(_where(), None, None, f"cannot open: {reason}")]) from None
    except DatabaseTooNew as exc:
        raise InputError([Problem(_where(), None, None, str(exc))]) from None
    try:
        yield store
    except DatabaseFault as exc:
        raise InputError([_fault_problem(exc, "nothing was changed")]) from None
    finally:
        store.close()


def _fault_problem(fault: DatabaseFault, outcome: str) -> Problem:
    """``database sqlite:///…: the database is read-only: <outcome>``."""
    return Problem(_where(), None, None, f"{fault.explained}: {outcome}")


def cmd_import(args: argparse.Namespace) -> int:
    """Import files; report each bad one and go on; exit 2 if any failed.

    Files are written many to a transaction (:mod:`store.import_batch`) and each file's
    line is printed once its batch is committed. A fault of the database stops the import:
    the batch being written is rolled back, the files after it are not tried (a database that
    is full, read-only or locked past its timeout would refuse them too, each after its own
    wait), and every file's fate is printed, then one line with the counts.
    """
    models = [load_model_file(m) for m in args.model or []]
    problems: list[Problem] = []
    done = given = 0
    with open_store() as store:
        try:
            for path, outcome in store.import_files(args.files, models, args.organisation):
                given += 1
                if isinstance(outcome, InputError):
                    problems += outcome.problems
                    print(printable(f"{path}: not imported ({len(outcome.problems)} problem(s))"))
                    continue
                done += 1
                for warning in outcome.warnings:
                    print(printable(warning), file=sys.stderr)
                parts = []
                if outcome.imported:
                    parts.append(_counted("imported", outcome.imported))
                if outcome.duplicates:
                    parts.append(_counted("already imported", outcome.duplicates))
                print(printable(f"{path}: {'; '.join(parts) or 'no assessments in this file'}"))
        except DatabaseFault as fault:
            first, *later = args.files[given:]
            print(printable(f"{first}: not imported ({fault.reason})"))
            for rest in later:
                print(printable(f"{rest}: not imported (not tried after the database fault)"))
            left = len(args.files) - done
            problems.append(_fault_problem(fault, f"{done} imported, {left} not imported"))
    if problems:
        raise InputError(problems)
    return 0


def _counted(what: str, ids: tuple[int, ...]) -> str:
    """``imported (assessment #4)`` or ``imported 3 assessments (#4, #5, #6)``."""
    if len(ids) == 1:
        return f"{what} (assessment #{ids[0]})"
    return f"{what} {len(ids)} assessments ({', '.join(f'#{i}' for i in ids)})"


def resolve_organisation(store: Store, name: str) -> str:
    """The stored organisation ``name`` means: exact, else the one that differs only in case.

    Raises:
        InputError: when no organisation matches (with the names that are stored).
    """
    names = store.organisations()
    if name in names:
        return name
    folded = [n for n in names if n.casefold() == name.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    known = (
        f" (stored: {', '.join(names[:10])}{', ...' if len(names) > 10 else ''})" if names else ""
    )
    raise InputError(
        [Problem(name, None, None, f"no complete assessments for this organisation{hint}{known}")]
    )


def _say_unscored(unscored: Sequence[UnscoredAssessment], fate: str) -> None:
    """One line on stderr for each record that could not be scored, and what became of it."""
    for a in unscored:
        print(printable(f"maturity: warning: {a.describe()}; {fate}"), file=sys.stderr)


def cmd_history(args: argparse.Namespace) -> int:
    """Print an organisation's assessments over time (any that cannot be scored are named on
    stderr and left out)."""
    with open_store() as store:
        catalogue = store.catalogue(resolve_organisation(store, args.organisation))
    entries = history(catalogue.scored)
    _say_unscored(catalogue.unscored, "it is left out of the history ('maturity export' keeps it)")
    if args.json:
        print(json_text([entry_to_dict(e) for e in entries]))
    else:
        print(printable(format_history(entries)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the JSON or CSV export to a file (whole or not at all) or to standard output."""
    to_file = args.output != "-"
    if to_file:
        check_target(args.output)
    with open_store() as store:
        organisation = args.organisation and resolve_organisation(store, args.organisation)
        if not to_file:
            done = store.export(sys.stdout, format=args.format, organisation=organisation)
            _say_unscored(done.unscored, _EXPORTED_RAW)
            _say_groups(done.groups_left_out)
            return 0
        # write_atomic takes the whole content; an export is small enough to hold in memory.
        text = io.StringIO()
        done = store.export(text, format=args.format, organisation=organisation)
    write_atomic(args.output, text.getvalue())
    _say_unscored(done.unscored, _EXPORTED_RAW)
    _say_groups(done.groups_left_out)
    print(
        printable(f"{args.output}: {done.count} assessment(s) written as {args.format}"),
        file=sys.stderr,
    )
    return 0


_EXPORTED_RAW = "its answers are exported as stored, without scores"


def _say_groups(count: int) -> None:
    if count:
        print(
            f"maturity: note: {count} group assessment(s) left out: the export format does "
            "not carry participants' answers yet (they stay in the database)",
            file=sys.stderr,
        )


def cmd_db(args: argparse.Namespace) -> int:
    """Migrate the database and say where it stands."""
    with open_store() as store:
        revision = current_revision(store.engine)
        counts = {s: store.count(s) for s in ("complete", "draft", "abandoned")}
        print(f"{_where()}: at revision {revision} (newest: {head_revision()})")
        if args.db_command == "status":
            print(", ".join(f"{n} {s}" for s, n in counts.items()) + " assessment(s)")
    return 0
