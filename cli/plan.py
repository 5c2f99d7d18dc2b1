"""``maturity plan``: the action plan of a responses file, as CSV or Markdown.

Printed to standard output, or written to ``-o FILE`` (atomically, as every output file).
The format is ``--format``, else the output file's suffix (``.md`` for Markdown), else CSV.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.files import check_target, write_atomic
from cli.inputs import model_of, scored
from reports.plan import plan_csv, plan_csv_file, plan_markdown

FORMATS = ("csv", "md")


def plan_format(args: argparse.Namespace) -> str:
    """The format asked for: ``--format``, else the output's suffix, else CSV."""
    if args.format:
        return str(args.format)
    if args.output and Path(args.output).suffix.lower() in (".md", ".markdown"):
        return "md"
    return "csv"


def cmd_plan(args: argparse.Namespace) -> int:
    """Write the action plan of a responses file."""
    if args.output:
        check_target(args.output)
    result = scored(args.responses, model_of(args))
    fmt = plan_format(args)
    if args.output:
        data = plan_markdown(result) if fmt == "md" else plan_csv_file(result)
        write_atomic(args.output, data)
    else:
        sys.stdout.write(plan_markdown(result) if fmt == "md" else plan_csv(result))
    return 0
