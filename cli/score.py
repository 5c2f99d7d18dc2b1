"""``maturity score``: a responses file's result, as a terminal summary or one JSON object."""

from __future__ import annotations

import argparse

from cli.inputs import model_of, scored
from cli.terminal import json_text, printable
from scoring import result_to_dict
from scoring.present import held_down, points_text, score_text
from scoring.result import Result


def cmd_score(args: argparse.Namespace) -> int:
    """Score a responses file."""
    result = scored(args.responses, model_of(args))
    if args.json:
        print(json_text(result_to_dict(result)))
    else:
        print(printable(format_result(result)))
    return 0


def format_result(result: Result) -> str:
    """A plain-text summary of a Result (names as given: print it through
    :func:`cli.terminal.printable`)."""
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
