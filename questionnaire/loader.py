"""Loading models and responses from files, with every problem located.

This is the only place that turns bytes from users into ``Model`` and ``Responses`` values.
All problems in a file are reported together, each as ``path:line:column: message``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from questionnaire import limits
from questionnaire.checks import Loc, model_problems
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from questionnaire.yamlio import (
    InputError,
    Problem,
    control_problems,
    key_node_at,
    located,
    node_at,
    parse,
    quoted,
    read_limited,
)

BUNDLED_MODELS = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL = BUNDLED_MODELS / "policing-ai.yaml"

# Parts pydantic adds to a location for unions; they are not keys of the file.
_UNION_TAGS = {"cap", "flag", "str", "int", "float", "bool", "none", "list"}

__all__ = [
    "DEFAULT_MODEL",
    "InputError",
    "Problem",
    "default_model_path",
    "load_model",
    "load_responses",
    "model_from_text",
    "responses_from_text",
]


def default_model_path() -> Path:
    """The model the app and the CLI use when none is named: ``MATURITY_MODEL`` or the bundled one."""
    configured = os.environ.get("MATURITY_MODEL")
    return Path(configured) if configured else DEFAULT_MODEL


def read_bytes(path: str | Path) -> bytes:
    """Read an input file (at most ``limits.FILE_BYTES``), OS errors as an ``InputError``."""
    return read_limited(path, limits.FILE_BYTES)


def load_model(path: str | Path) -> Model:
    """Load and fully check a model file.

    Raises:
        InputError: listing every problem, each with its line and column.
    """
    return model_from_text(read_bytes(path), str(path))


def model_from_text(raw: bytes | str, path: str = "<model>") -> Model:
    """Parse and check a model given as text (``path`` is only used in messages)."""
    data, root, problems = parse(raw.encode() if isinstance(raw, str) else raw, path)
    if not isinstance(data, dict):
        raise InputError(
            [
                located(
                    path,
                    root,
                    f"expected a mapping of keys (id, version, title, scale, pillars, ...), found {_describe(data)}",
                )
            ]
        )
    problems += [_locate(path, root, loc, msg) for loc, msg in model_problems(data)]
    problems += [
        _locate(path, root, loc, msg, at_key=at_key) for loc, msg, at_key in control_problems(data)
    ]
    try:
        model = Model.model_validate(data, context={"skip_consistency": True})
    except ValidationError as exc:
        problems += _pydantic_problems(path, root, exc)
        raise InputError(_dedupe(problems)) from None
    if problems:
        raise InputError(_dedupe(problems))
    return model


def load_responses(path: str | Path, model: Model) -> Responses:
    """Load a responses file (JSON or YAML) and check it against ``model``.

    Raises:
        InputError: listing every problem, each with its line and column.
    """
    return responses_from_text(read_bytes(path), model, str(path))


def responses_from_text(raw: bytes | str, model: Model, path: str = "<responses>") -> Responses:
    """Parse responses given as text and check them against ``model``."""
    data, root, problems = parse(raw.encode() if isinstance(raw, str) else raw, path)
    if not isinstance(data, dict):
        raise InputError(
            [
                located(
                    path,
                    root,
                    f"expected a mapping with model, organisation and answers, found {_describe(data)}",
                )
            ]
        )
    problems += [
        _locate(path, root, loc, msg, at_key=at_key)
        for loc, msg, at_key in response_problems(model, data)
    ]
    try:
        responses = Responses.model_validate(data)
    except ValidationError as exc:
        problems += _pydantic_problems(path, root, exc)
        raise InputError(_dedupe(problems)) from None
    if problems:
        raise InputError(_dedupe(problems))
    return responses


def version_warning(path: str | Path, responses: Responses, model: Model) -> str | None:
    """A warning when answers name a model version other than the one scoring them.

    The contract makes a different version a warning, not an error: questions are matched
    by id, and an unknown id is already an error of its own.
    """
    if responses.model_version and responses.model_version != model.version:
        return (
            f"{path}: warning: answers were given for version {responses.model_version} of "
            f"{model.id}; scored against version {model.version}"
        )
    return None


def response_problems(model: Model, data: dict[str, Any]) -> list[tuple[Loc, str, bool]]:
    """Problems of responses given as plain data against a model: (loc, message, at_key).

    Besides answers, notes and targets that do not fit the model, text over its limit
    (``questionnaire.limits``) and control characters are problems here, so a responses
    file, an imported export and anything else that comes through this function are held
    to the same rules as the app's text boxes.
    """
    problems: list[tuple[Loc, str, bool]] = list(control_problems(data))
    model_id = data.get("model")
    if isinstance(model_id, str) and model_id != model.id:
        problems.append(
            (
                ("model",),
                f"these answers are for model {quoted(model_id)}, not {model.id!r}",
                False,
            )
        )
    problems += _length_problems(data)
    suggestions = limits.PROBLEMS_SHOWN  # difflib is slow: suggest for the listed ones only
    answers = data.get("answers")
    if isinstance(answers, dict):
        for qid, value in answers.items():
            question = model.question(qid) if isinstance(qid, str) else None
            if question is None:
                hint = _suggest(qid, model.question_ids()) if suggestions > 0 else ""
                suggestions -= 1
                problems.append(
                    (
                        ("answers", qid),
                        f"no question {quoted(qid)} in model {model.id!r}{hint}",
                        True,
                    )
                )
                continue
            if not isinstance(value, str):
                continue
            if value == NA and not question.allow_na:
                problems.append(
                    (
                        ("answers", qid),
                        f"question {qid!r} does not allow 'na' (not applicable)",
                        False,
                    )
                )
            elif value not in (NA, UNKNOWN) and question.option(value) is None:
                allowed = (
                    [o.id for o in question.options]
                    + [UNKNOWN]
                    + ([NA] if question.allow_na else [])
                )
                problems.append(
                    (
                        ("answers", qid),
                        f"question {qid!r} has no option {quoted(value)}; choose one of {', '.join(allowed)}",
                        False,
                    )
                )
    for key, what in (("notes", "note"), ("evidence", "evidence")):
        entries = data.get(key)
        if isinstance(entries, dict):
            for qid in entries:
                if not isinstance(qid, str) or model.question(qid) is None:
                    problems.append(
                        (
                            (key, qid),
                            f"{what} for {quoted(qid)}, which is not a question of model "
                            f"{model.id!r}",
                            True,
                        )
                    )
    targets = data.get("targets")
    if isinstance(targets, dict):
        levels = [lv.level for lv in model.scale.levels]
        for pid, level in targets.items():
            if not isinstance(pid, str) or model.pillar(pid) is None:
                hint = _suggest(pid, [p.id for p in model.pillars]) if suggestions > 0 else ""
                suggestions -= 1
                problems.append(
                    (
                        ("targets", pid),
                        f"target for {quoted(pid)}, which is not a pillar of model {model.id!r}{hint}",
                        True,
                    )
                )
            elif isinstance(level, int) and not isinstance(level, bool) and level not in levels:
                problems.append(
                    (
                        ("targets", pid),
                        f"target {level} is not a level of the scale ({levels[0]} to {levels[-1]})",
                        False,
                    )
                )
    return problems


def _length_problems(data: dict[str, Any]) -> list[tuple[Loc, str, bool]]:
    """Text of a responses file over its limit: names, notes and evidence."""
    found: list[tuple[Loc, str, bool]] = []

    def check(loc: Loc, value: Any, limit: int, what: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            found.append((loc, limits.too_long(what, len(value), limit), False))

    check(("organisation",), data.get("organisation"), limits.RESPONDENT_CHARS, "the organisation")
    respondent = data.get("respondent")
    if isinstance(respondent, dict):
        for field in ("name", "role", "group"):
            check(
                ("respondent", field),
                respondent.get(field),
                limits.RESPONDENT_CHARS,
                f"the respondent's {field}",
            )
    for key, what, limit in (
        ("notes", "the note", limits.NOTE_CHARS),
        ("evidence", "the evidence", limits.EVIDENCE_CHARS),
    ):
        entries = data.get(key)
        if isinstance(entries, dict):
            for qid, text in entries.items():
                check((key, qid), text, limit, what)
    return found


def _suggest(word: Any, candidates: list[str]) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, candidates, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    return f"{type(value).__name__} {quoted(value)}"


def _clean_loc(root: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop the union tags pydantic inserts (``cap``, ``str``, ``list[...]``) from a location."""
    cleaned: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, str):
            last = i == len(loc) - 1
            tag_like = part in _UNION_TAGS or "[" in part or (not last and "-" in part)
            if tag_like and not node_at(root, (*cleaned, part))[1]:
                continue
        cleaned.append(part)
    return tuple(cleaned)


def _dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locate(path: str, root: Any, loc: Loc, message: str, *, at_key: bool = False) -> Problem:
    node = key_node_at(root, loc) if at_key else None
    if node is None:
        node, _ = node_at(root, loc)
        key = key_node_at(root, loc) if loc else None
        if node is not None and key is not None and node.start_mark.index < key.start_mark.index:
            # The value is an alias (`eth-board: *best`): its node is the anchored one,
            # earlier in the file; the problem is where the alias is used.
            node = key
    where = _dotted(loc)
    return located(path, node, f"{where}: {message}" if where else message)


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"missing required key {err['loc'][-1]!r}"
    if kind == "extra_forbidden":
        return f"unknown key {err['loc'][-1]!r} (check its spelling and indentation)"
    if kind == "string_type":
        hint = (
            "; put it in quotes" if isinstance(value, int | float | bool) or value is None else ""
        )
        return f"expected text, found {_describe(value)}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9" in pattern and "A-Z" not in pattern:
            return f"{quoted(value)} is not a valid id: use lowercase letters, digits and single hyphens (e.g. gov-dpia)"
        if "http" in pattern:
            return f"{quoted(value)} is not a web address starting http:// or https://"
        return f"{quoted(value)} is not a valid id: use letters, digits and single hyphens"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "union_tag_invalid":
        return f"kind must be one of {ctx.get('expected_tags')}, not {ctx.get('tag')!r}"
    if kind == "union_tag_not_found":
        return "missing required key 'kind' (cap or flag)"
    if kind in (
        "int_type",
        "int_from_float",
        "float_type",
        "bool_type",
        "int_parsing",
        "float_parsing",
    ):
        return f"{err['msg'].replace('Input should be', 'expected')}, found {_describe(value)}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')}, found {ctx.get('actual_length')}"
    if kind == "too_long":
        found = ctx.get("actual_length")
        return (
            f"has {found:,} entries; the limit is {ctx.get('max_length'):,}"
            if found
            else (f"has more than {ctx.get('max_length'):,} entries, the limit")
        )
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        return limits.too_long("the text", length, int(ctx.get("max_length", 0)))
    if kind == "finite_number":
        return f"must be a finite number, found {_describe(value)}"
    text = err["msg"].replace("Input should be", "must be")
    return f"{text}, found {_describe(value)}" if "input" in err else text


def _pydantic_problems(path: str, root: Any, exc: ValidationError) -> list[Problem]:
    problems = []
    union_locs: set[Loc] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(root, tuple(err["loc"]))
        if len(loc) != len(err["loc"]):
            # One wrong value fails every branch of a union; report it once.
            if loc in union_locs:
                continue
            union_locs.add(loc)
        at_key = err["type"] == "extra_forbidden"
        problems.append(_locate(path, root, loc, _message(err), at_key=at_key))
    return problems


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for p in problems:
        key = (p.line, p.column, p.message)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept
