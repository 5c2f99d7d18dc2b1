"""`maturity report RESPONSES -o OUT.pdf [--model M] [--previous EARLIER ...]`.

``cli.py`` finds this module and calls :func:`register`. Rendering is imported only when the
command runs, so other commands do not pay for loading reportlab.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from questionnaire.loader import default_model_path, load_model, load_responses, version_warning
from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem
from scoring import score
from scoring.result import Result

HELP = "write the PDF report of a responses file"
DESCRIPTION = (
    "Write the personalised PDF report of a responses file: summary, strengths, priority "
    "areas, next steps, knowledge gaps, rule flags, an appendix of every answer and, with "
    "--previous, what changed since the earlier assessment(s)."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` command to the ``maturity`` parser.

    Args:
        subparsers: the sub-parsers object of ``cli.build_parser``.
    """
    p = subparsers.add_parser("report", help=HELP, description=DESCRIPTION)
    p.add_argument("responses", metavar="RESPONSES", help="responses file (JSON or YAML)")
    p.add_argument(
        "-o", "--output", metavar="OUT.pdf", required=True, help="where to write the PDF"
    )
    p.add_argument(
        "--model",
        metavar="MODEL",
        help="model file (default: $MATURITY_MODEL or the bundled policing model)",
    )
    p.add_argument(
        "--previous",
        metavar="EARLIER",
        action="append",
        default=[],
        help="an earlier assessment of the same organisation (a responses file, or an id the "
        "assessment store knows); repeat for several. Adds 'Since last time', and a trend "
        "chart from three assessments on",
    )
    p.add_argument(
        "--previous-model",
        metavar="MODEL",
        help="model file the --previous files answered, when it was an older version "
        "(default: the same model as RESPONSES)",
    )
    p.add_argument(
        "--invariant",
        action="store_true",
        help="reproducible output: the same input gives the same bytes (no timestamps, no "
        "'prepared on' date)",
    )
    p.set_defaults(handler=cmd_report)


def _score_file(path: str, model: Model, *, hint: bool = False) -> Result:
    try:
        responses = load_responses(path, model)
    except InputError as exc:
        if hint and any("no question" in p.message for p in exc.problems):
            exc.problems.append(
                Problem(
                    path,
                    None,
                    None,
                    "if this file answered an older version of the model, name that model "
                    "with --previous-model",
                )
            )
            raise InputError(exc.problems) from None
        raise
    warning = version_warning(path, responses, model)
    if warning:
        print(warning, file=sys.stderr)
    return score(model, responses)


def _from_store(value: str) -> Result:
    """An earlier assessment kept in the database, named ``db:<id>``."""
    from store import is_stored_reference, resolve_previous

    if not is_stored_reference(value):
        raise InputError(
            [Problem(value, None, None, "no such file (a stored assessment is named db:<id>)")]
        )
    return resolve_previous(value)


def _previous(args: argparse.Namespace, model: Model) -> list[Result]:
    earlier_model = load_model(args.previous_model) if args.previous_model else model
    results, problems = [], []
    for value in args.previous:
        try:
            if Path(value).is_file():
                results.append(_score_file(value, earlier_model, hint=not args.previous_model))
            else:
                results.append(_from_store(value))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return results


def _check_output(output: str) -> Path:
    path = Path(output)
    if path.is_dir():
        raise InputError([Problem(output, None, None, "is a directory; name a file to write")])
    parent = path.parent
    if not parent.is_dir():
        raise InputError(
            [Problem(output, None, None, f"cannot write here: directory {parent} does not exist")]
        )
    return path


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same directory, so a failure
    leaves either the old file or nothing, never half a PDF.

    Raises:
        InputError: when the directory cannot be written to.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot write: {exc.strerror or exc}")]
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(
            [Problem(str(path), None, None, f"cannot write: {exc.strerror or exc}")]
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def cmd_report(args: argparse.Namespace) -> int:
    """Score the responses (and any earlier ones) and write the PDF report."""
    output = _check_output(args.output)
    model = load_model(args.model or default_model_path())
    problems: list[Problem] = []
    result: Result | None = None
    try:
        result = _score_file(args.responses, model)
    except InputError as exc:
        problems += exc.problems
    try:
        previous = _previous(args, model)
    except InputError as exc:
        problems += exc.problems
    if problems or result is None:
        raise InputError(problems)
    for value, earlier in zip(args.previous, previous, strict=True):
        then, now = earlier.responses.assessed_on, result.responses.assessed_on
        if then and now and then > now:
            print(
                f"{value}: warning: dated {then.isoformat()}, after the assessment being "
                f"reported ({now.isoformat()}); it is still shown as an earlier one",
                file=sys.stderr,
            )

    from reports.pdf import build_report

    data = build_report(result, previous, invariant=args.invariant)
    write_atomically(output, data)
    print(f"wrote {output} ({len(data) // 1024 + 1} KB)")
    return 0
