"""Cross-field checks of a model, run on plain data.

They work on the dicts and lists a YAML file gives (or on ``Model.model_dump()``), and they
tolerate wrong shapes, which pydantic reports separately. That way the loader can report a
duplicate id and a misspelt key from the same file in one go.

Each problem is ``(location, message)`` where location is a tuple of keys and indexes, the same
shape as a pydantic error's ``loc``, so the loader can map both to a line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from questionnaire import limits
from questionnaire.reserved import RESERVED_OPTION_IDS

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, mapping) for each mapping in the list at data[key]; nothing for other shapes."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def _level_numbers(data: Any) -> set[int]:
    return {
        lv["level"]
        for _, lv in _items(data.get("scale") if isinstance(data, dict) else None, "levels")
        if isinstance(lv.get("level"), int) and not isinstance(lv.get("level"), bool)
    }


def _check_scale(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    scale = data.get("scale")
    if not isinstance(scale, dict):
        return problems
    previous: float | None = None
    for i, lv in _items(scale, "levels"):
        number = lv.get("level")
        if isinstance(number, int) and not isinstance(number, bool) and number != i + 1:
            problems.append(
                (
                    ("scale", "levels", i, "level"),
                    f"levels must be numbered 1, 2, 3, ... in order; expected {i + 1}, found {number}",
                )
            )
        score = lv.get("min_score")
        if not isinstance(score, int | float) or isinstance(score, bool):
            continue
        if i == 0 and score != 0:
            problems.append(
                (
                    ("scale", "levels", 0, "min_score"),
                    f"the first level must start at min_score 0, not {score:g}",
                )
            )
        if previous is not None and score <= previous:
            problems.append(
                (
                    ("scale", "levels", i, "min_score"),
                    f"min_score must increase strictly from level to level: {score:g} is not above {previous:g}",
                )
            )
        previous = score
    levels = _level_numbers(data)
    target = scale.get("target_level")
    if levels and isinstance(target, int) and not isinstance(target, bool) and target not in levels:
        problems.append(
            (
                ("scale", "target_level"),
                f"target_level {target} is not a level of the scale (levels are {_span(levels)})",
            )
        )
    return problems


def _span(levels: set[int]) -> str:
    ordered = sorted(levels)
    return ", ".join(map(str, ordered))


def _check_ids(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    pillar_seen: dict[Any, int] = {}
    question_seen: dict[Any, tuple[int, int]] = {}
    for p, pillar in _items(data, "pillars"):
        pid = pillar.get("id")
        if _hashable(pid):
            if pid in pillar_seen:
                problems.append(
                    (
                        ("pillars", p, "id"),
                        f"pillar id {pid!r} is already used by pillar {pillar_seen[pid] + 1}",
                    )
                )
            else:
                pillar_seen[pid] = p
        for q, question in _items(pillar, "questions"):
            qid = question.get("id")
            if _hashable(qid):
                if qid in question_seen:
                    first = question_seen[qid]
                    problems.append(
                        (
                            ("pillars", p, "questions", q, "id"),
                            f"question id {qid!r} is already used (pillar {first[0] + 1}, question {first[1] + 1}); ids must be unique across the model",
                        )
                    )
                else:
                    question_seen[qid] = (p, q)
            option_seen: set[Any] = set()
            for o, option in _items(question, "options"):
                oid = option.get("id")
                if not _hashable(oid):
                    continue
                if oid in RESERVED_OPTION_IDS:
                    problems.append(
                        (
                            ("pillars", p, "questions", q, "options", o, "id"),
                            f"option id {oid!r} is reserved ('na' means not applicable and 'unknown' means don't know; use allow_na for the first)",
                        )
                    )
                elif oid in option_seen:
                    problems.append(
                        (
                            ("pillars", p, "questions", q, "options", o, "id"),
                            f"option id {oid!r} appears twice in this question",
                        )
                    )
                option_seen.add(oid)
    problems += _check_replaces(data, set(question_seen))
    return problems


def _check_replaces(data: dict[str, Any], current_ids: set[Any]) -> list[Problem]:
    problems: list[Problem] = []
    claimed: dict[str, Any] = {}
    for p, pillar in _items(data, "pillars"):
        for q, question in _items(pillar, "questions"):
            replaces = question.get("replaces")
            olds = (
                [replaces]
                if isinstance(replaces, str)
                else replaces
                if isinstance(replaces, list)
                else []
            )
            for old in olds:
                if not isinstance(old, str):
                    continue
                loc: Loc = ("pillars", p, "questions", q, "replaces")
                if old in current_ids:
                    problems.append(
                        (loc, f"replaces {old!r}, but {old!r} is still a question of this model")
                    )
                elif old in claimed and claimed[old] != question.get("id"):
                    problems.append(
                        (loc, f"{old!r} is already replaced by question {claimed[old]!r}")
                    )
                claimed[old] = question.get("id")
    return problems


def _check_levels_and_rules(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    levels = _level_numbers(data)
    pillar_ids = {
        pillar.get("id") for _, pillar in _items(data, "pillars") if _hashable(pillar.get("id"))
    }
    if levels:
        for p, pillar in _items(data, "pillars"):
            for s, step in _items(pillar, "next_steps"):
                step_levels = step.get("levels")
                if not isinstance(step_levels, list):
                    continue
                for k, number in enumerate(step_levels):
                    if (
                        isinstance(number, int)
                        and not isinstance(number, bool)
                        and number not in levels
                    ):
                        problems.append(
                            (
                                ("pillars", p, "next_steps", s, "levels", k),
                                f"level {number} is not a level of the scale (levels are {_span(levels)})",
                            )
                        )
    question_ids = _question_ids(data)
    for r, rule in _items(data, "rules"):
        for key in ("pillar", "ahead", "behind"):
            name = rule.get(key)
            if isinstance(name, str) and name not in pillar_ids:
                problems.append(
                    (
                        ("rules", r, key),
                        f"rule names pillar {name!r}, which the model does not have",
                    )
                )
        if (
            rule.get("kind") == "flag"
            and isinstance(rule.get("ahead"), str)
            and rule.get("ahead") == rule.get("behind")
        ):
            problems.append(
                (
                    ("rules", r, "behind"),
                    "a flag rule compares two different pillars; ahead and behind are the same",
                )
            )
        problems += _check_rule_questions(question_ids, r, rule, levels)
    return problems


def _question_ids(data: dict[str, Any]) -> set[Any]:
    return {
        question.get("id")
        for _, pillar in _items(data, "pillars")
        for _, question in _items(pillar, "questions")
        if _hashable(question.get("id"))
    }


def _check_rule_questions(
    question_ids: set[Any], r: int, rule: dict[str, Any], levels: set[int]
) -> list[Problem]:
    """A critical rule's question and level, and a conflict rule's conditions."""
    problems: list[Problem] = []

    def named(loc: Loc, name: Any) -> None:
        if isinstance(name, str) and name not in question_ids:
            problems.append((loc, f"rule names question {name!r}, which the model does not have"))

    if rule.get("kind") == "critical":
        named(("rules", r, "question"), rule.get("question"))
        number = rule.get("max_level")
        whole = isinstance(number, int) and not isinstance(number, bool)
        if levels and whole and number not in levels:
            problems.append(
                (
                    ("rules", r, "max_level"),
                    f"level {number} is not a level of the scale (levels are {_span(levels)})",
                )
            )
    if rule.get("kind") == "conflict":
        for c, condition in _items(rule, "when"):
            loc: Loc = ("rules", r, "when", c)
            named((*loc, "question"), condition.get("question"))
            bounds = [k for k in ("at_least", "at_most") if condition.get(k) is not None]
            if len(bounds) != 1:
                problems.append(
                    (
                        loc,
                        "a condition gives exactly one of at_least and at_most"
                        + (" (it gives both)" if len(bounds) == 2 else " (it gives neither)"),
                    )
                )
    return problems


def _check_sources(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    known: set[Any] = set()
    for s, source in _items(data, "sources"):
        sid = source.get("id")
        if not _hashable(sid):
            continue
        if sid in known:
            problems.append((("sources", s, "id"), f"source id {sid!r} appears twice"))
        known.add(sid)

    def cited(loc: Loc, holder: dict[str, Any]) -> None:
        ids = holder.get("sources")
        if isinstance(ids, list):
            for k, sid in enumerate(ids):
                if isinstance(sid, str) and sid not in known:
                    problems.append(
                        (
                            (*loc, "sources", k),
                            f"cites source {sid!r}, which is not in the model's sources",
                        )
                    )

    for p, pillar in _items(data, "pillars"):
        for s, step in _items(pillar, "next_steps"):
            cited(("pillars", p, "next_steps", s), step)
        for q, question in _items(pillar, "questions"):
            cited(("pillars", p, "questions", q), question)
            for o, option in _items(question, "options"):
                cited(("pillars", p, "questions", q, "options", o), option)
    return problems


def _check_glossary(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for t, entry in _items(data, "glossary"):
        term = entry.get("term")
        if not isinstance(term, str):
            continue
        key = " ".join(term.split()).casefold()
        if key in seen:
            problems.append((("glossary", t, "term"), f"the term {term!r} is explained twice"))
        seen.add(key)
    return problems


def _check_size(data: dict[str, Any]) -> list[Problem]:
    """The whole model's number of questions (pydantic limits each list on its own)."""
    total = sum(
        len(pillar["questions"])
        for _, pillar in _items(data, "pillars")
        if isinstance(pillar.get("questions"), list)
    )
    if total > limits.QUESTIONS:
        return [
            (
                ("pillars",),
                f"the model has {total:,} questions; the limit is {limits.QUESTIONS:,}",
            )
        ]
    return []


def model_problems(data: Any) -> list[Problem]:
    """Every cross-field problem of a model given as plain data, in file order."""
    if not isinstance(data, dict):
        return []
    return (
        _check_size(data)
        + _check_scale(data)
        + _check_ids(data)
        + _check_levels_and_rules(data)
        + _check_sources(data)
        + _check_glossary(data)
    )
