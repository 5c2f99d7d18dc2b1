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
from questionnaire.yamlio import InputError

__all__ = ["build_parser", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code.

    Args:
        argv: the arguments after ``maturity`` (default: the process's own).
    """
    args = _parse(argv)
    try:
        module = importlib.import_module(args.handler.module)
        handler: Callable[..., int] = getattr(module, args.handler.function)
        return handler(args)
    except InputError as exc:
        for problem in exc.problems:
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
