"""The values the store hands out, its errors, and the pure helpers around them.

Nothing here touches the database: hashing, checking an answer against a model, rebuilding a
stored model from its text, and turning stored rows into ``Responses``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from threading import Lock
from typing import TYPE_CHECKING, Any, Protocol

from questionnaire import limits
from questionnaire.loader import model_from_text
from questionnaire.schema import NA, UNKNOWN, Model, Respondent, Responses
from questionnaire.yamlio import InputError, parse
from scoring.result import Result

if TYPE_CHECKING:
    from scoring.aggregate import GroupResult


class StoreError(ValueError):
    """Base of the store's own errors (a ``ValueError``: the caller asked for something wrong)."""


class UnknownDraft(StoreError, LookupError):
    """No draft has this resume code."""


class DraftClosed(StoreError):
    """The draft was completed or abandoned, so it can no longer change."""


class UnknownAssessment(StoreError, LookupError):
    """No complete assessment has this id."""


class UnscorableAssessment(StoreError):
    """The assessment is stored, but its model can no longer be loaded or scored."""


class UnsafeText(StoreError):
    """Text holds a control character that the database cannot keep (or should not)."""


class TooLong(StoreError):
    """Text is longer than its limit (``questionnaire.limits``)."""


@dataclass(frozen=True)
class Draft:
    """An assessment as resumed from its code (it may since have been completed or abandoned)."""

    assessment_id: int
    status: str  # "draft", "complete" or "abandoned"
    model: Model
    model_text: str
    organisation: str
    respondent: Respondent | None
    assessed_on: dt.date | None
    answers: dict[str, str]
    notes: dict[str, str]
    targets: dict[str, int]
    evidence: dict[str, str] = field(default_factory=dict)
    workshop_id: int | None = None  # set for a participant's answers in a group assessment
    workshop_title: str | None = None

    def responses(self) -> Responses:
        """The answers so far as ``Responses`` for the draft's own model."""
        return responses_of(self)


class AnswersHolder(Protocol):
    """What a draft, stored or in a session, holds: enough to make ``Responses``."""

    @property
    def model(self) -> Model: ...
    @property
    def organisation(self) -> str: ...
    @property
    def respondent(self) -> Respondent | None: ...
    @property
    def assessed_on(self) -> dt.date | None: ...
    @property
    def answers(self) -> dict[str, str]: ...
    @property
    def notes(self) -> dict[str, str]: ...
    @property
    def targets(self) -> dict[str, int]: ...
    @property
    def evidence(self) -> dict[str, str]: ...


def responses_of(holder: AnswersHolder) -> Responses:
    """The contract's ``Responses`` (what ``maturity score`` reads) for a draft's answers."""
    return Responses(
        model=holder.model.id,
        model_version=holder.model.version,
        organisation=holder.organisation,
        respondent=holder.respondent,
        assessed_on=holder.assessed_on,
        answers=dict(holder.answers),
        notes=dict(holder.notes),
        evidence=dict(holder.evidence),
        targets=dict(holder.targets),
    )


@dataclass(frozen=True)
class AssessmentRecord:
    """What every complete assessment read back carries, whether or not it can be scored."""

    id: int
    uid: str
    organisation: str
    assessed_on: dt.date | None
    model_id: str
    model_version: str
    model_hash: str
    respondent: Respondent | None
    source: str  # "app", "import" or "group"
    created_at: dt.datetime
    completed_at: dt.datetime | None

    @property
    def date(self) -> dt.date:
        """The assessment date, or the day it was completed when none was recorded."""
        if self.assessed_on is not None:
            return self.assessed_on
        return (self.completed_at or self.created_at).date()


@dataclass(frozen=True)
class StoredAssessment(AssessmentRecord):
    """A complete assessment, scored against the exact model version it answered.

    A group assessment's ``result`` is the consensus of its participants, and ``group`` the
    whole aggregate (participants, spread, groups); for one person's assessment ``group`` is
    None.
    """

    result: Result
    group: GroupResult | None = None

    @property
    def participants(self) -> int | None:
        """How many took part, for a group assessment (None for one person's)."""
        return None if self.group is None else self.group.participants


@dataclass(frozen=True)
class UnscoredAssessment(AssessmentRecord):
    """A complete assessment whose stored model can no longer be loaded, or cannot score it.

    Such a record was stored by an older, laxer version of the program (a model with an
    infinite weight, say). It is set aside rather than allowed to break the others: history
    and the app leave it out and say so, and the export still writes its raw answers.
    """

    answers: dict[str, str]
    notes: dict[str, str]
    targets: dict[str, int]
    reason: str  # why it cannot be scored, in words
    evidence: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """One line naming the record and why it is set aside (the name as a Python literal,
        so no control character in it can reach a terminal)."""
        return (
            f"assessment #{self.id} ({self.organisation!r}, {self.date.isoformat()}, model "
            f"{self.model_id} {self.model_version}) could not be scored: {self.reason}"
        )


@dataclass(frozen=True)
class Catalogue:
    """Complete assessments as read back: those that score, and those set aside."""

    scored: list[StoredAssessment]
    unscored: list[UnscoredAssessment]


def unscorable_reason(exc: Exception) -> str:
    """Why a record cannot be scored, from the error its model or scoring raised."""
    if isinstance(exc, InputError) and exc.problems:
        first = exc.problems[0]
        return f"its model no longer loads ({first.message})"
    return f"its model cannot score it ({type(exc).__name__}: {exc})"


# C0 control characters except tab, line feed and carriage return: PostgreSQL cannot hold
# NUL at all, and the others can reach a terminal or a spreadsheet as commands.
_CONTROLS = frozenset(chr(c) for c in range(0x20)) - {"\t", "\n", "\r"}


def control_character(value: str | None) -> str | None:
    """Why the store refuses ``value`` (its first control character), or None if it may be
    written."""
    bad = next((ch for ch in value or "" if ch in _CONTROLS), None)
    if bad is None:
        return None
    return f"contains a control character (U+{ord(bad):04X}), which cannot be stored"


def check_text(what: str, value: str | None) -> None:
    """Refuse text the store should not write.

    Raises:
        UnsafeText: naming the field and the first control character found.
    """
    problem = control_character(value)
    if problem is not None:
        raise UnsafeText(f"{what}: {problem}; remove it and try again")


def kept_text(what: str, value: str | None, limit: int) -> str | None:
    """A note or evidence as the store keeps it: None when blank, else exactly as typed.

    Raises:
        UnsafeText: when it holds a control character.
        TooLong: when it is longer than ``limit`` characters.
    """
    cleaned = value if value and value.strip() else None
    check_text(what, cleaned)
    if cleaned is not None and len(cleaned) > limit:
        raise TooLong(limits.too_long(f"the {what}", len(cleaned), limit))
    return cleaned


def sha256(text: str) -> str:
    """SHA-256 of text (UTF-8), in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_hash(code: str) -> str:
    """What is stored for a resume code: its SHA-256 (the code carries 128 random bits)."""
    return sha256(code.strip())


def content_hash(responses: Responses) -> str:
    """SHA-256 of an assessment's canonical content.

    Two assessments are "the same" when they share the organisation, model id and version,
    respondent, date, answers, notes, evidence and targets; key order and file format do not
    matter. Evidence counts only when there is some, so an assessment stored before evidence
    existed keeps the hash it was stored with.
    """
    canonical = {
        "model": responses.model,
        "model_version": responses.model_version,
        "organisation": responses.organisation,
        "respondent": _respondent_key(responses.respondent),
        "assessed_on": responses.assessed_on.isoformat() if responses.assessed_on else None,
        "answers": responses.answers,
        "notes": responses.notes,
        "targets": responses.targets,
    }
    if responses.evidence:
        canonical["evidence"] = responses.evidence
    return sha256(json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def _respondent_key(respondent: Respondent | None) -> dict[str, str] | None:
    """A respondent as stored: blank fields dropped, and None when nothing is left."""
    fields = {k: v for k, v in (respondent.model_dump() if respondent else {}).items() if v}
    return fields or None


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored timestamp as an aware UTC datetime (SQLite gives them back naive)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def respondent_of(name: str | None, role: str | None, group: str | None) -> Respondent | None:
    """A Respondent from stored columns, or None when all are empty."""
    if name is None and role is None and group is None:
        return None
    return Respondent(name=name, role=role, group=group)


def respondent_columns(respondent: Respondent | None) -> dict[str, str | None]:
    """The stored columns of a respondent (blank fields become NULL).

    Raises:
        UnsafeText: when a field holds a control character.
    """
    r = respondent or Respondent()
    for what, value in (("name", r.name), ("role", r.role), ("group", r.group)):
        check_text(f"respondent.{what}", value)
    return {
        "respondent_name": r.name or None,
        "respondent_role": r.role or None,
        "respondent_group": r.group or None,
    }


def clean_organisation(name: str | None) -> str:
    """An organisation name, stripped.

    Raises:
        ValueError: when it is missing or blank.
        UnsafeText: when it holds a control character.
    """
    cleaned = (name or "").strip()
    if not cleaned:
        raise ValueError("an assessment needs an organisation name")
    check_text("organisation", cleaned)
    return cleaned


def check_answer(model: Model, question_id: str, answer: str | None) -> None:
    """Check one answer against the model (None, clearing the answer, is always allowed).

    Raises:
        ValueError: when the question or the option does not exist, or `na` is not allowed.
    """
    question = model.question(question_id)
    if question is None:
        raise ValueError(f"no question {question_id!r} in model {model.id} {model.version}")
    if answer is None or answer == UNKNOWN:
        return
    if answer == NA:
        if not question.allow_na:
            raise ValueError(f"question {question_id!r} does not allow 'na' (not applicable)")
        return
    if question.option(answer) is None:
        raise ValueError(f"question {question_id!r} has no option {answer!r}")


def check_target(model: Model, pillar_id: str, level: int | None) -> None:
    """Check a pillar target against the model (None, clearing it, is always allowed).

    Raises:
        ValueError: when the pillar does not exist or the level is not on the scale.
    """
    if model.pillar(pillar_id) is None:
        raise ValueError(f"no pillar {pillar_id!r} in model {model.id} {model.version}")
    if level is not None and (isinstance(level, bool) or model.level(level) is None):
        raise ValueError(f"target {level!r} is not a level of the scale of {model.id}")


def build_responses(
    model: Model,
    organisation: str,
    respondent: Respondent | None,
    assessed_on: dt.date | None,
    rows: Mapping[str, tuple[str | None, str | None, str | None]],
    targets: Mapping[str, int],
) -> Responses:
    """Responses from stored rows: ``rows`` maps a question id to (answer, note, evidence)."""
    return Responses(
        model=model.id,
        model_version=model.version,
        organisation=organisation,
        respondent=respondent,
        assessed_on=assessed_on,
        answers={q: a for q, (a, _, _) in rows.items() if a is not None},
        notes={q: n for q, (_, n, _) in rows.items() if n is not None},
        evidence={q: e for q, (_, _, e) in rows.items() if e is not None},
        targets=dict(targets),
    )


_models: dict[str, Model] = {}
_models_lock = Lock()
_MAX_CACHED = 64


def stored_model(text: str, digest: str | None = None) -> Model:
    """The Model a stored model text gives back (parsed once per process, by hash).

    A text stored by an earlier version of the program is first checked fully; if a newer,
    stricter consistency check now refuses it, it is read without those checks, so an old
    assessment still opens after the program has changed.
    """
    digest = digest or sha256(text)
    cached = _models.get(digest)
    if cached is not None:
        return cached
    try:
        model = model_from_text(text, f"<stored model {digest[:12]}>")
    except InputError:
        data: Any = parse(text.encode("utf-8"), "<stored model>")[0]
        model = Model.model_validate(data, context={"skip_consistency": True})
    with _models_lock:
        if len(_models) >= _MAX_CACHED:
            _models.pop(next(iter(_models)))
        _models[digest] = model
    return model
