"""The commands about a model file: ``validate``, ``schema`` and ``docs``."""

from __future__ import annotations

import argparse
import json
import sys

from cli.files import check_target, write_atomic
from cli.inputs import model_of
from cli.terminal import printable
from questionnaire.loader import load_model
from questionnaire.yamlio import InputError, Problem


def cmd_validate(args: argparse.Namespace) -> int:
    """Check model files; print a one-line summary of each good one."""
    problems: list[Problem] = []
    for path in args.models:
        try:
            m = load_model(path)
        except InputError as exc:
            problems += exc.problems
            continue
        print(
            printable(
                f"{path}: ok: {m.id} {m.version}, {len(m.pillars)} pillars, "
                f"{len(m.questions())} questions, {len(m.scale.levels)} levels, "
                f"{len(m.rules)} rules"
            )
        )
    if problems:
        raise InputError(problems)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the model file."""
    from questionnaire.schema_export import model_json_schema

    print(json.dumps(model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Render a model as Markdown, to ``--output`` (written whole or not at all) or stdout."""
    from questionnaire.markdown import render_markdown

    if args.output is not None:  # an empty -o is refused, not taken as "stdout"
        check_target(args.output)
    text = render_markdown(model_of(args))
    if args.output is not None:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
