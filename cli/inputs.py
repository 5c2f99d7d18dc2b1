"""Reading what the commands are given: the model, a responses file scored against it, and
the earlier assessments a report compares it with (files, or assessments in the store)."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from typing import TYPE_CHECKING

from cli.terminal import printable
from questionnaire.loader import default_model_path, load_model, load_responses, version_warning
from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem
from scoring import score
from scoring.result import Result

if TYPE_CHECKING:
    from store.repository import Store


def model_of(args: argparse.Namespace) -> Model:
    """The model named by ``--model``, else ``$MATURITY_MODEL`` or the bundled one."""
    return load_model(args.model if args.model is not None else default_model_path())


def scored(path: str, model: Model, *, hint_previous_model: bool = False) -> Result:
    """Score a responses file, printing any model-version warning on stderr.

    Args:
        path: the responses file (JSON or YAML).
        model: the model it answered.
        hint_previous_model: add a line suggesting ``--previous-model`` when the file names
            questions the model lacks (for the earlier assessments of ``maturity report``).

    Raises:
        InputError: every problem of the file.
    """
    try:
        responses = load_responses(path, model)
    except InputError as exc:
        if hint_previous_model and any("no question" in p.message for p in exc.problems):
            hint = (
                "if this file answered an older version of the model, name that model "
                "with --previous-model"
            )
            raise InputError([*exc.problems, Problem(path, None, None, hint)]) from None
        raise
    warning = version_warning(path, responses, model)
    if warning:
        print(printable(warning), file=sys.stderr)
    return score(model, responses)


# The largest id a database column can hold (a signed 64-bit integer, in SQLite and
# PostgreSQL alike): a fact of the databases, not a limit of ours.
_LARGEST_ID = 2**63 - 1


def _too_large(digits: str) -> bool:
    """Whether a decimal id is beyond any database (or beyond what ``int`` will convert)."""
    try:
        return int(digits) > _LARGEST_ID
    except ValueError:  # more digits than Python converts (4,300 by default)
        return True


class _Database:
    """The configured store, opened on the first ``db:`` reference and then reused.

    A store that cannot be opened is reported once, however many references need it.
    """

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack
        self._store: Store | None = None
        self._failed = False

    def result(self, reference: str) -> Result | None:
        """The stored assessment's Result, or None when the failure was already reported."""
        from cli.store_commands import open_store
        from store import STORED_PREFIX, resolve_previous

        if self._failed:
            return None
        key = reference.strip().removeprefix(STORED_PREFIX).strip()
        if key.isdecimal() and _too_large(key):
            # No database holds such an id, and SQLite's driver fails on it (OverflowError):
            # say what asking for it would have said.
            message = (
                f"no complete assessment {key} in the database (ids are listed by "
                "'maturity history ORGANISATION')"
            )
            raise InputError([Problem(reference, None, None, message)])
        if self._store is None:
            try:
                self._store = self._stack.enter_context(open_store())
            except InputError:
                self._failed = True
                raise
        return resolve_previous(reference, self._store)


def previous_results(args: argparse.Namespace, model: Model) -> list[Result]:
    """The earlier assessments of ``--previous`` (files, or ``db:<id>`` in the store), scored,
    in the order given; every bad one is reported together.

    Raises:
        InputError: every problem of every earlier assessment.
    """
    from store import is_stored_reference

    earlier_model = load_model(args.previous_model) if args.previous_model is not None else model
    results: list[Result] = []
    problems: list[Problem] = []
    with contextlib.ExitStack() as stack:
        database = _Database(stack)
        for value in args.previous:
            error: OSError | None = None
            try:
                status: os.stat_result | None = os.stat(value)
            except OSError as exc:  # missing, or a name too long to be a file
                status, error = None, exc
            try:
                if status is not None and stat.S_ISREG(status.st_mode):
                    hint = args.previous_model is None
                    results.append(scored(value, earlier_model, hint_previous_model=hint))
                elif status is not None:
                    what = "a directory, not a file" if stat.S_ISDIR(status.st_mode) else None
                    message = f"is {what or 'not a regular file'}"
                    problems.append(Problem(value, None, None, message))
                elif is_stored_reference(value):
                    stored = database.result(value)
                    if stored is not None:
                        results.append(stored)
                elif error is None or isinstance(error, FileNotFoundError | NotADirectoryError):
                    message = "no such file (a stored assessment is named db:<id>)"
                    problems.append(Problem(value, None, None, message))
                else:
                    message = f"cannot read: {error.strerror or error}"
                    problems.append(Problem(value, None, None, message))
            except InputError as exc:
                problems += exc.problems
    if problems:
        raise InputError(problems)
    return results
