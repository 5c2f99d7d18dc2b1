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

from questionnaire.checks import Loc, model_problems
from questionnaire.schema import NA, UNKNOWN, Model, Responses
from questionnaire.yamlio import InputError, Problem, key_node_at, located, node_at, parse

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
    """Read a file, turning OS errors into a located ``InputError``."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, None, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(path), None, None, "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot read: {exc.strerror or exc}")]
        ) from None


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
    """Problems of responses given as plain data against a model: (loc, message, at_key)."""
    problems: list[tuple[Loc, str, bool]] = []
    model_id = data.get("model")
    if isinstance(model_id, str) and model_id != model.id:
        problems.append(
            (("model",), f"these answers are for model {model_id!r}, not {model.id!r}", False)
        )
    answers = data.get("answers")
    if isinstance(answers, dict):
        for qid, value in answers.items():
            question = model.question(qid) if isinstance(qid, str) else None
            if question is None:
                problems.append(
                    (
                        ("answers", qid),
                        f"no question {qid!r} in model {model.id!r}{_suggest(qid, [q.id for _, q in model.questions()])}",
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
                        f"question {qid!r} has no option {value!r}; choose one of {', '.join(allowed)}",
                        False,
                    )
                )
    notes = data.get("notes")
    if isinstance(notes, dict):
        for qid in notes:
            if not isinstance(qid, str) or model.question(qid) is None:
                problems.append(
                    (
                        ("notes", qid),
                        f"note for {qid!r}, which is not a question of model {model.id!r}",
                        True,
                    )
                )
    targets = data.get("targets")
    if isinstance(targets, dict):
        levels = [lv.level for lv in model.scale.levels]
        for pid, level in targets.items():
            if not isinstance(pid, str) or model.pillar(pid) is None:
                problems.append(
                    (
                        ("targets", pid),
                        f"target for {pid!r}, which is not a pillar of model {model.id!r}{_suggest(pid, [p.id for p in model.pillars])}",
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
        return f"the text {value[:60]!r}"
    return f"{type(value).__name__} {value!r}"


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
            return f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens (e.g. gov-dpia)"
        if "http" in pattern:
            return f"{value!r} is not a web address starting http:// or https://"
        return f"{value!r} is not a valid id: use letters, digits and single hyphens"
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
