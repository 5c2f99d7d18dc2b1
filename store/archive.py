"""Checking a JSON export before anything of it is stored, every problem located.

An export holds model texts (each with its SHA-256) and assessments naming their model by
that hash. Every model must load, every hash must match its text, and every assessment must
be valid for its own model, as a responses file would be; otherwise the file is refused whole.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from yaml.nodes import Node

from questionnaire.loader import model_from_text, response_problems
from questionnaire.schema import Model, Responses
from questionnaire.yamlio import InputError, Problem, key_node_at, located, node_at
from store import records
from store.exports import EXPORT_VERSION
from store.tables import utcnow

_UID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class ArchivedAssessment:
    """One checked assessment of an export, ready to store."""

    uid: str
    model_hash: str
    responses: Responses
    content_hash: str
    source: str
    created_at: dt.datetime
    completed_at: dt.datetime


class Checker:
    """Collects located problems of an export file."""

    def __init__(self, path: str, root: Node | None) -> None:
        self.path, self.root, self.problems = path, root, list[Problem]()

    def add(self, loc: tuple[str | int, ...], message: str, *, at_key: bool = False) -> None:
        """Record a problem at a location (keys and indexes) of the file."""
        node = key_node_at(self.root, loc) if at_key else None
        node = node or node_at(self.root, loc)[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        self.problems.append(located(self.path, node, f"{where}: {message}"))

    def timestamp(self, loc: tuple[str | int, ...], value: Any) -> dt.datetime | None:
        """An ISO 8601 timestamp as UTC, None when absent; a problem when malformed."""
        if value is None:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.add(
                loc, f"expected a date and time such as 2026-11-27T10:00:00+00:00, found {value!r}"
            )
            return None
        return records.as_utc(parsed)


def unsafe_text(responses: Responses) -> list[tuple[tuple[str, ...], str]]:
    """(location, why) for each text of ``responses`` the store refuses to write."""
    fields: list[tuple[tuple[str, ...], str | None]] = [(("organisation",), responses.organisation)]
    r = responses.respondent
    if r is not None:
        fields += [(("respondent", k), getattr(r, k)) for k in ("name", "role", "group")]
    fields += [(("notes", q), note) for q, note in responses.notes.items()]
    fields += [(("evidence", q), text) for q, text in responses.evidence.items()]
    found = [(loc, records.control_character(value)) for loc, value in fields]
    return [(loc, why) for loc, why in found if why is not None]


def check_models(check: Checker, data: dict[str, Any]) -> dict[str, tuple[Model, str]]:
    """The export's models by the SHA-256 of their text; each must load and match its hash."""
    models: dict[str, tuple[Model, str]] = {}
    items = data.get("models")
    if not isinstance(items, list):
        check.add(("models",), "expected a list of models")
        return models
    for i, item in enumerate(items):
        text = item.get("text") if isinstance(item, dict) else None
        if not isinstance(text, str):
            check.add(("models", i), "expected a model with its full 'text'")
            continue
        digest = records.sha256(text)
        if item.get("sha256") != digest:
            check.add(("models", i, "sha256"), "does not match the model's text (edited?)")
            continue
        try:
            models[digest] = (model_from_text(text, f"{check.path}#models[{i}].text"), text)
        except InputError as exc:
            check.problems += exc.problems
    return models


def check_record(
    check: Checker, i: int, item: Any, models: dict[str, tuple[Model, str]]
) -> ArchivedAssessment | None:
    """Assessment ``i`` of an export, checked against its own model (None when it has problems)."""
    loc: tuple[str | int, ...] = ("assessments", i)
    if not isinstance(item, dict):
        check.add(loc, "expected an assessment (a mapping)")
        return None
    before = len(check.problems)
    uid = item.get("uid")
    if not isinstance(uid, str) or not _UID.match(uid):
        check.add((*loc, "uid"), "expected an id of up to 64 letters, digits, '-' or '_'")
    ref = item.get("model")
    digest = ref.get("sha256") if isinstance(ref, dict) else None
    if digest not in models:
        check.add((*loc, "model"), "names no model of this export (by its sha256)")
        return None
    if item.get("status", "complete") != "complete":
        check.add((*loc, "status"), "only complete assessments can be imported")
    source = item.get("source", "import")
    if source not in ("app", "import"):
        check.add((*loc, "source"), "expected 'app' or 'import'")
    created = check.timestamp((*loc, "created_at"), item.get("created_at"))
    completed = check.timestamp((*loc, "completed_at"), item.get("completed_at"))
    model = models[digest][0]
    fields = ("respondent", "assessed_on", "answers", "notes", "evidence", "targets")
    plain = {"model": model.id, "model_version": model.version} | {
        k: item[k] for k in fields if item.get(k) is not None
    }
    organisation = item.get("organisation")
    if not isinstance(organisation, str) or not organisation.strip():
        check.add((*loc, "organisation"), "expected the organisation's name")
    else:
        plain["organisation"] = organisation.strip()
    for where, message, at_key in response_problems(model, plain):
        check.add((*loc, *where), message, at_key=at_key)
    try:
        responses = Responses.model_validate(plain)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            check.add((*loc, *err["loc"]), err["msg"])
        return None
    for where, message in unsafe_text(responses):
        check.add((*loc, *where), message)
    if len(check.problems) > before:
        return None
    now = utcnow()
    created = created or now
    content = records.content_hash(responses)
    return ArchivedAssessment(
        str(uid), digest, responses, content, str(source), created, completed or created
    )


def check_export(
    path: str, data: dict[str, Any], root: Node | None
) -> tuple[dict[str, tuple[Model, str]], list[ArchivedAssessment]]:
    """Check a whole export: (models by hash, assessments), or every problem at once.

    Raises:
        InputError: every problem of the file, located.
    """
    check = Checker(path, root)
    if data.get("format_version") != EXPORT_VERSION:
        check.add(("format_version",), f"this program reads export format_version {EXPORT_VERSION}")
    models = check_models(check, data)
    items = data.get("assessments")
    if not isinstance(items, list):
        check.add(("assessments",), "expected a list of assessments")
        items = []
    found = [check_record(check, i, item, models) for i, item in enumerate(items)]
    seen: dict[str, int] = {}
    for i, rec in enumerate(found):
        if rec is not None and seen.setdefault(rec.uid, i) != i:
            check.add(("assessments", i, "uid"), f"same uid as assessments[{seen[rec.uid]}]")
    if check.problems:
        raise InputError(check.problems)
    return models, [rec for rec in found if rec is not None]
