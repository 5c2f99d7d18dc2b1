"""The `maturity` command.

:mod:`cli.parser` declares every command and option; :func:`main` parses the arguments, imports
the chosen command's module and runs its handler. Nothing heavier than the parser is imported
until a command runs.

Exit codes: 0 success; 2 bad input (every problem on stderr, one per line, located as
``path:line:column: message`` where the input has a location); 1 a bug in this program.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import sys
import traceback
from collections.abc import Callable, Sequence

from cli.parser import build_parser
from cli.terminal import printable
from questionnaire.yamlio import InputError, Problem

__all__ = ["build_parser", "main", "run"]

# The arguments that name files, and how a message names each (a test gives every one of them
# an empty value). An empty path is refused: Path("") is the current directory, and an empty
# --model must not quietly mean the default model.
_PATHS = {
    "responses": "RESPONSES",
    "models": "MODEL",
    "files": "FILE",
    "model": "--model",
    "output": "--output",
    "previous": "--previous",
    "previous_model": "--previous-model",
    "commentary": "--commentary",
    "agreed": "--agreed",
    "pdf": "--pdf",
    "html": "--html",
    "logo": "--logo",
}
# The arguments that name an organisation: an empty one would mean "every organisation" to
# export and "none given" to import. ``history`` takes it as a positional argument.
_NAMES = {"organisation": "--organisation"}
_POSITIONAL_NAMES = {("history", "organisation"): "ORGANISATION"}


def refuse_empty(args: argparse.Namespace) -> None:
    """Refuse an empty file name or organisation in any argument, before any work is done.

    Raises:
        InputError: one problem for each argument given an empty value.
    """
    problems = []
    for table, message in (
        (_PATHS, "not a file name (the path is empty)"),
        (_NAMES, "needs a name, not an empty string"),
    ):
        for dest, label in table.items():
            value = getattr(args, dest, None)
            values = value if isinstance(value, list) else [value]
            if "" in values:
                label = _POSITIONAL_NAMES.get((args.command, dest), label)
                problems.append(Problem(label, None, None, message))
    if problems:
        raise InputError(problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code.

    Args:
        argv: the arguments after ``maturity`` (default: the process's own).
    """
    args = _parse(argv)
    try:
        refuse_empty(args)
        module = importlib.import_module(args.handler.module)
        handler: Callable[..., int] = getattr(module, args.handler.function)
        return handler(args)
    except InputError as exc:
        for problem in exc.shown:
            print(printable(str(problem)), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception:
        print(
            "maturity: internal error (a bug; please report it with this trace):", file=sys.stderr
        )
        sys.stderr.write(printable(traceback.format_exc()))
        return 1


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed arguments; argparse's own messages (which quote what was typed, such as an
    unrecognised argument) reach the terminal through :func:`cli.terminal.printable`."""
    parser = build_parser()
    messages = io.StringIO()
    try:
        with contextlib.redirect_stderr(messages):
            return parser.parse_args(argv)
    finally:
        sys.stderr.write(printable(messages.getvalue()))


def run() -> None:
    """Entry point for ``python -m cli`` and the benchmark."""
    sys.exit(main())
