"""The `maturity` command.

:mod:`cli.parser` declares every command and option; :func:`main` parses the arguments, imports
the chosen command's module and runs its handler. Nothing heavier than the parser is imported
until a command runs.

Exit codes: 0 success; 2 bad input (every problem on stderr, one per line, located as
``path:line:column: message`` where the input has a location); 1 a bug in this program.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

from cli.parser import build_parser
from questionnaire.yamlio import InputError

__all__ = ["build_parser", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code.

    Args:
        argv: the arguments after ``maturity`` (default: the process's own).
    """
    args = build_parser().parse_args(argv)
    try:
        module = importlib.import_module(args.handler.module)
        handler: Callable[..., int] = getattr(module, args.handler.function)
        return handler(args)
    except InputError as exc:
        for problem in exc.shown:
            print(problem, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception:
        print(
            "maturity: internal error (a bug; please report it with this trace):", file=sys.stderr
        )
        traceback.print_exc()
        return 1


def run() -> None:
    """Entry point for ``python -m cli`` and the benchmark."""
    sys.exit(main())
