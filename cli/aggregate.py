"""``maturity aggregate``: a group assessment from one responses file per participant.

Each FILE is read as ``maturity score`` reads a responses file (every problem of every file
reported together, located); ``--agreed`` names a YAML or JSON file of the answers the group
agreed::

    gov-dpia:
      answer: some            # an option id of the question, unknown, or na where allowed
      rationale: Why the room settled on it.
      dissent: "Frontline: who disagreed and why, in their words."

Decisions:

- The same file named twice is refused (it would count one person twice), at its second
  mention.
- Participants naming different organisations are refused at the ``organisation`` of the
  first file that differs; a file naming none joins the others.
- A rationale and a dissent are held to the limit of a note (``limits.NOTE_CHARS``).
- ``--pdf`` and ``--html`` are not offered yet: the workshop report is built separately.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cli.files import check_target, write_atomic
from cli.inputs import model_of
from cli.score import format_result
from cli.terminal import json_text, printable
from questionnaire import limits
from questionnaire.loader import load_responses, read_bytes, version_warning
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from questionnaire.yamlio import (
    InputError,
    Loc,
    Problem,
    control_problems,
    key_node_at,
    located,
    node_at,
    parse,
    quoted,
)
from scoring import group_to_dict
from scoring.aggregate import Agreed, GroupResult, MixedOrganisations, aggregate
from scoring.present import question_numbers, score_text, signed_text

_AGREED_KEYS = ("answer", "rationale", "dissent")


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Aggregate the participants' files, with any agreed answers."""
    if args.agreed == "":
        raise InputError([Problem("--agreed", None, None, "not a file name (the path is empty)")])
    model = model_of(args)
    people = _participants(args.files, model)
    agreed = load_agreed(args.agreed, model) if args.agreed is not None else {}
    try:
        group = aggregate(model, people, agreed)
    except MixedOrganisations as exc:
        raise InputError([_organisation_problem(args.files[exc.index], exc)]) from None
    outputs = [(fmt, path) for fmt, path in (("pdf", args.pdf), ("html", args.html)) if path]
    for _, path in outputs:
        check_target(path)
    if args.json:
        print(json_text(group_to_dict(group)))
    else:
        print(printable(format_group(group)))
    if outputs:
        write_reports(group, people, outputs, names_shown=not args.anonymous)
    return 0


def write_reports(
    group: GroupResult,
    people: Sequence[Responses],
    outputs: Sequence[tuple[str, str]],
    *,
    names_shown: bool,
) -> None:
    """Write the workshop report in each (format, path) asked for, each whole or not at all."""
    import datetime as dt

    from reports.content import build_group_content
    from reports.content.model import Options

    report = build_group_content(
        group,
        (),
        Options(generated_on=dt.date.today()),
        names_shown=names_shown,
        people=tuple(people),
    )
    for fmt, path in outputs:
        if fmt == "html":
            from reports.html import render_html

            data = render_html(report).encode("utf-8")
        else:
            from reports.pdf import render_pdf

            data = render_pdf(report)
        write_atomic(Path(path), data)
        print(printable(f"wrote {path} ({len(data) // 1024 + 1} KB)"), file=sys.stderr)


def _participants(paths: Sequence[str], model: Model) -> list[Responses]:
    """Every file read against `model`; all their problems raised together."""
    people: list[Responses] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, int], str] = {}
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            status = None  # the loader says what is wrong with it
        if status is not None:
            key = (status.st_dev, status.st_ino)
            if key in seen:
                message = f"the same file as {seen[key]}: each participant is one file, once"
                problems.append(Problem(path, None, None, message))
                continue
            seen[key] = path
        try:
            responses = load_responses(path, model)
        except InputError as exc:
            problems += exc.problems
            continue
        warning = version_warning(path, responses, model)
        if warning:
            print(printable(warning), file=sys.stderr)
        people.append(responses)
    if problems:
        raise InputError(problems)
    return people


def _organisation_problem(path: str, exc: MixedOrganisations) -> Problem:
    message = (
        f"organisation: {quoted(exc.found)} differs from {quoted(exc.expected)} named by an "
        "earlier file; a group assessment is of one organisation"
    )
    try:
        _, root, _ = parse(read_bytes(path), path)
    except InputError:  # it was read a moment ago; if it cannot be now, say so unlocated
        return Problem(path, None, None, message)
    node, found = node_at(root, ("organisation",))
    return located(path, node if found else None, message)


def load_agreed(path: str, model: Model) -> dict[str, Agreed]:
    """The agreed answers of a YAML or JSON file, checked against `model`.

    Raises:
        InputError: every problem, located ``path:line:column``.
    """
    data, root, problems = parse(read_bytes(path), path)
    if not isinstance(data, dict):
        message = "expected a mapping of question ids to {answer, rationale, dissent}"
        raise InputError([located(path, root, message)])

    def at(loc: Loc, message: str, *, key: bool = False) -> None:
        node = key_node_at(root, loc) if key else node_at(root, loc)[0]
        where = ".".join(str(part) for part in loc)
        problems.append(located(path, node, f"{where}: {message}"))

    for loc, message, key in control_problems(data):
        at(loc, message, key=key)
    agreed: dict[str, Agreed] = {}
    for qid, entry in data.items():
        question = model.question(qid) if isinstance(qid, str) else None
        if question is None:
            at((qid,), f"no question {quoted(qid)} in model {model.id!r}", key=True)
            continue
        if not isinstance(entry, dict):
            at((qid,), "expected a mapping with answer, rationale and dissent")
            continue
        for extra in entry.keys() - set(_AGREED_KEYS):
            at((qid, extra), f"not a key of an agreed answer ({', '.join(_AGREED_KEYS)})", key=True)
        texts: dict[str, Any] = {}
        for name in ("rationale", "dissent"):
            value = entry.get(name)
            if value is not None and not isinstance(value, str):
                at((qid, name), "expected text")
            elif isinstance(value, str) and len(value) > limits.NOTE_CHARS:
                at((qid, name), limits.too_long(f"the {name}", len(value), limits.NOTE_CHARS))
            else:
                texts[name] = value
        answer = entry.get("answer")
        allowed = [o.id for o in question.options] + [UNKNOWN] + ([NA] if question.allow_na else [])
        if answer is None:
            at((qid,), "missing required key 'answer'")
        elif not isinstance(answer, str) or answer not in allowed:
            at((qid, "answer"), f"no answer {quoted(answer)}; choose one of {', '.join(allowed)}")
        elif len(texts) == 2:
            agreed[qid] = Agreed(answer, texts["rationale"], texts["dissent"])
    if problems:
        raise InputError(problems)
    return agreed


def format_group(group: GroupResult) -> str:
    """A plain-text summary of a group assessment: the consensus result as ``maturity
    score`` prints it, then who took part, each pillar by group with the leadership -
    frontline gap, and the questions, most divided first (print it through
    :func:`cli.terminal.printable`)."""
    result = group.result
    lines = [format_result(result), ""]
    who = ", ".join(f"{g} {n}" for g, n in group.groups.items())
    lines.append(f"Participants: {group.participants} ({who})")
    lines += ["", "By group (leadership - frontline gap):"]
    width = max(len(p.name) for p in result.pillars)
    for p in result.pillars:
        scores = group.by_group.get(p.id, {})
        each = ", ".join(f"{g} {score_text(s)}" for g, s in scores.items()) or "no group scored"
        gap = group.gap(p.id)
        lines.append(
            f"  {p.name:<{width}}  {each}; gap {'n/a' if gap is None else signed_text(gap)}"
        )
    lines += ["", "Questions, most divided first:"]
    numbers = question_numbers(result.model)
    for q in group.disagreements():
        counts = ", ".join(f"{a} {n}" for a, n in q.counts.items()) or "no answers"
        mark = "  DISAGREEMENT" if q.disagreement else ""
        agreed = f"  agreed: {q.agreed.answer}" if q.agreed else ""
        lines.append(
            f"  {numbers[q.id]} {q.id}: consensus {score_text(q.consensus, 'none')}, spread "
            f"{score_text(q.spread, 'none')}{mark}{agreed} ({counts})"
        )
    return "\n".join(lines)
