"""The storage commands of ``maturity``: import, history, export and db.

The database is ``MATURITY_DATABASE_URL`` (default: a SQLite file under ``data/``); it is
migrated on first use. Bad input raises ``InputError`` (exit 2, one located line per problem).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from questionnaire.yamlio import InputError, Problem
from store.settings import database_url

if TYPE_CHECKING:
    from store.repository import Store

# The same as store.exports.FORMATS (a test keeps them equal); spelt out here so that
# registering the commands does not import SQLAlchemy.
FORMATS = ("json", "csv")

MODEL_HELP = "model file (default: $MATURITY_MODEL or the bundled policing model)"


def _where() -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return f"database {make_url(database_url()).render_as_string(hide_password=True)}"
    except ArgumentError:
        return "MATURITY_DATABASE_URL"


@contextlib.contextmanager
def open_store() -> Iterator[Store]:
    """The configured store; a URL that cannot be used is bad input (exit 2), not a bug."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from store.db import DatabaseTooNew
    from store.repository import Store

    try:
        store = Store()
    except ArgumentError as exc:
        raise InputError([Problem(_where(), None, None, f"not a usable URL: {exc}")]) from None
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise InputError([Problem(_where(), None, None, f"cannot open: {reason}")]) from None
    except DatabaseTooNew as exc:
        raise InputError([Problem(_where(), None, None, str(exc))]) from None
    try:
        yield store
    finally:
        store.close()


def cmd_import(args: argparse.Namespace) -> int:
    """Import files; report each bad one and go on; exit 2 if any failed."""
    from store.imports import load_model_file

    models = [load_model_file(m) for m in args.model or []]
    problems: list[Problem] = []
    with open_store() as store:
        for path in args.files:
            try:
                outcome = store.import_file(path, models, args.organisation)
            except InputError as exc:
                problems += exc.problems
                print(f"{path}: not imported ({len(exc.problems)} problem(s))")
                continue
            for warning in outcome.warnings:
                print(warning, file=sys.stderr)
            parts = []
            if outcome.imported:
                parts.append(_counted("imported", outcome.imported))
            if outcome.duplicates:
                parts.append(_counted("already imported", outcome.duplicates))
            print(f"{path}: {'; '.join(parts) or 'no assessments in this file'}")
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


def cmd_history(args: argparse.Namespace) -> int:
    """Print an organisation's assessments over time."""
    from store.history import entry_to_dict, format_history, history

    with open_store() as store:
        entries = history(store.assessments(resolve_organisation(store, args.organisation)))
    if args.json:
        print(json.dumps([entry_to_dict(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        print(format_history(entries))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the JSON or CSV export to a file (atomically) or to standard output."""
    with open_store() as store:
        organisation = args.organisation and resolve_organisation(store, args.organisation)
        if args.output == "-":
            count = store.export(sys.stdout, format=args.format, organisation=organisation)
        else:
            target = Path(args.output)
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            except OSError as exc:
                problem = Problem(args.output, None, None, f"cannot write: {exc.strerror or exc}")
                raise InputError([problem]) from None
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    count = store.export(out, format=args.format, organisation=organisation)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    if args.output != "-":
        print(f"{args.output}: {count} assessment(s) written as {args.format}", file=sys.stderr)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    """Migrate the database and say where it stands."""
    from store.db import current_revision, head_revision

    with open_store() as store:
        revision = current_revision(store.engine)
        counts = {s: store.count(s) for s in ("complete", "draft", "abandoned")}
        print(f"{_where()}: at revision {revision} (newest: {head_revision()})")
        if args.db_command == "status":
            print(", ".join(f"{n} {s}" for s, n in counts.items()) + " assessment(s)")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import``, ``history``, ``export`` and ``db`` to the ``maturity`` command."""
    p = subparsers.add_parser(
        "import",
        help="store responses files or a JSON export as complete assessments",
        description="Store each file in its own transaction. A bad file is reported with its "
        "location and the others are still imported; an assessment already stored is "
        "reported as 'already imported' and not stored twice.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="responses file or JSON export")
    p.add_argument(
        "--model",
        action="append",
        metavar="MODEL",
        help=MODEL_HELP + "; repeat for files answered against different versions",
    )
    p.add_argument("--organisation", metavar="ORG", help="for responses files that name none")
    p.set_defaults(handler=cmd_import)

    p = subparsers.add_parser(
        "history", help="an organisation's assessments over time, with the change each time"
    )
    p.add_argument("organisation", metavar="ORGANISATION")
    p.add_argument("--json", action="store_true", help="print a JSON list, oldest first")
    p.set_defaults(handler=cmd_history)

    p = subparsers.add_parser(
        "export", help="write every complete assessment and model version as JSON or CSV"
    )
    p.add_argument("--organisation", metavar="ORG", help="only this organisation")
    p.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="file to write ('-': standard output)"
    )
    p.set_defaults(handler=cmd_export)

    p = subparsers.add_parser("db", help="database maintenance")
    sub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    sub.add_parser("upgrade", help="apply migrations now (every command does this on start)")
    sub.add_parser("status", help="show the database, its revision and how much it holds")
    p.set_defaults(handler=cmd_db)
