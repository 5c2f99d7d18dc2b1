"""The `maturity` command.

Exit codes: 0 success; 2 bad input (every problem on stderr, one per line, located as
``path:line:column: message`` where the input has a location); 1 a bug in this program.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from questionnaire.loader import default_model_path, load_model, load_responses, version_warning
from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem
from scoring import result_to_dict, score
from scoring.present import held_down, points_text, score_text
from scoring.result import Result

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad arguments that argparse cannot see (reported like bad input, exit 2)."""


def _model(args: argparse.Namespace) -> Model:
    return load_model(args.model or default_model_path())


def _scored(path: str, model: Model) -> Result:
    responses = load_responses(path, model)
    warning = version_warning(path, responses, model)
    if warning:
        print(warning, file=sys.stderr)
    return score(model, responses)


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
            f"{path}: ok: {m.id} {m.version}, {len(m.pillars)} pillars, "
            f"{len(m.questions())} questions, {len(m.scale.levels)} levels, {len(m.rules)} rules"
        )
    if problems:
        raise InputError(problems)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Score a responses file."""
    result = _scored(args.responses, _model(args))
    if args.json:
        print(json.dumps(result_to_dict(result), indent=2, ensure_ascii=False))
    else:
        print(format_result(result))
    return 0


def format_result(result: Result) -> str:
    """A plain-text summary of a Result for the terminal."""
    o = result.overall
    lines = [
        f"{result.responses.organisation or 'Unnamed organisation'} - "
        f"{result.model.title} {result.model.version}",
    ]
    if o.score is None:
        lines.append("Overall: not assessed (no scored answers)")
    else:
        held = held_down(result)
        capped = f"; {held}" if held else ""
        lines.append(f"Overall: {score_text(o.score)}, level {o.level} {o.level_name}{capped}")
    lines.append("")
    width = max(len(p.name) for p in result.pillars)
    for p in result.pillars:
        if p.score is None:
            lines.append(f"  {p.name:<{width}}  not assessed")
        else:
            lines.append(
                f"  {p.name:<{width}}  {score_text(p.score):>5}  level {p.level} "
                f"{p.level_name:<12} target {p.target_level}  gap {points_text(p.gap):>4}  "
                f"answered {p.answered}/{p.total}"
            )
    for title, items in (
        ("Strengths", [s.reason for s in result.strengths]),
        ("Priorities", [p.reason for p in result.priorities]),
        ("Flags", [f.message for f in result.flags]),
    ):
        if items:
            lines += ["", f"{title}:"] + [f"  - {text}" for text in items]
    if result.next_steps:
        lines += ["", "Next steps:"]
        for step in result.next_steps:
            uplift = f" (+{points_text(step.uplift)} overall)" if step.uplift else ""
            lines.append(f"  - [{step.pillar}] {step.text}{uplift}")
    return "\n".join(lines)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the model file."""
    from questionnaire.schema_export import model_json_schema

    print(json.dumps(model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Render a model as Markdown."""
    from questionnaire.markdown import render_markdown

    text = render_markdown(_model(args))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per verb)."""
    parser = argparse.ArgumentParser(
        prog="maturity",
        description="AI maturity self-assessment for UK policing: check models, score answers, "
        "write reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    model_help = "model file (default: $MATURITY_MODEL or the bundled policing model)"

    p = sub.add_parser("validate", help="check model files and report every problem")
    p.add_argument("models", nargs="+", metavar="MODEL", help="model YAML file")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("score", help="score a responses file (JSON or YAML)")
    p.add_argument("responses", metavar="RESPONSES")
    p.add_argument("--model", metavar="MODEL", help=model_help)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(handler=cmd_score)

    p = sub.add_parser("schema", help="print the JSON Schema of the model file")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("docs", help="render a model as Markdown")
    p.add_argument("--model", metavar="MODEL", help=model_help)
    p.add_argument("-o", "--output", metavar="OUT.md", help="write here instead of stdout")
    p.set_defaults(handler=cmd_docs)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


# Commands defined in other modules add themselves here: each entry takes the sub-parsers
# object and registers one command (see reports/command.py and store/command.py).
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = []


def _load_extra_commands() -> None:
    import importlib

    for name in ("reports.command", "store.command"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        _EXTRA_COMMANDS.append(module.register)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    if not _EXTRA_COMMANDS:
        _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"maturity: {exc}", file=sys.stderr)
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
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
