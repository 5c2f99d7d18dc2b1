"""Reading files into the database: responses files and JSON exports, one transaction each.

Identity, so that importing the same assessment twice stores it once:

* every stored assessment has a ``uid``; an export carries it, and a record whose uid is
  already stored is "already imported";
* a responses file has no uid, so its identity is its content: the SHA-256 of the
  organisation, model id and version, respondent, date, answers, notes, evidence (when there
  is any) and targets (key order, JSON or YAML, and a missing ``model_version`` do not
  matter). That hash becomes its uid, and
  a file (or an exported record that was itself imported from a file) whose content equals a
  stored complete assessment is "already imported". Two people who happen to give the same
  answers in the app stay two assessments: their uids differ.

A file is checked completely before anything is written, and written in one transaction, so a
bad file leaves nothing behind and never stops the other files of a batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from yaml.nodes import Node

from questionnaire.loader import (
    default_model_path,
    model_from_text,
    read_bytes,
    responses_from_text,
)
from questionnaire.schema import Model, Responses
from questionnaire.yamlio import InputError, Problem, located, node_at, parse
from store import records
from store.archive import ArchivedAssessment as ExportRecord
from store.archive import check_export, unsafe_text
from store.exports import EXPORT_FORMAT
from store.tables import Assessment, ModelVersion, utcnow

if TYPE_CHECKING:
    from store.repository import Store


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file did: new assessment ids, ids already stored, and warnings."""

    path: str
    imported: tuple[int, ...]
    duplicates: tuple[int, ...]
    warnings: tuple[str, ...] = ()


def load_model_file(path: str | Path) -> tuple[Model, str]:
    """A model file's Model and exact text (read once, so the two always agree).

    Raises:
        InputError: listing every problem of the file.
    """
    raw = read_bytes(path)
    model = model_from_text(raw, str(path))
    return model, raw.decode("utf-8")


_defaults: dict[tuple[str, int, int], tuple[Model, str]] = {}


def default_model() -> tuple[Model, str]:
    """The configured model (``MATURITY_MODEL`` or the bundled one), read once per process
    while its file is unchanged: a batch of a thousand files must not parse it a thousand
    times (that was nine tenths of an import's time).

    Raises:
        InputError: listing every problem of the file.
    """
    path = default_model_path()
    try:
        stat = Path(path).stat()
    except OSError:
        return load_model_file(path)  # reports the missing file as every load does
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _defaults.get(key)
    if found is None:
        found = load_model_file(path)
        _defaults.clear()
        _defaults[key] = found
    return found


def import_file(
    store: Store,
    path: str | Path,
    models: Sequence[tuple[Model, str]] = (),
    organisation: str | None = None,
) -> ImportOutcome:
    """Store one responses file (JSON or YAML) or one JSON export as complete assessments.

    Args:
        store: the database.
        path: the file.
        models: (Model, text) pairs a responses file may be for; a file is matched by its
            ``model`` and ``model_version``, then to model versions already stored. Default:
            the configured model (``MATURITY_MODEL`` or the bundled one).
        organisation: for a responses file that names none.

    Raises:
        InputError: every problem of the file, located; nothing of it is stored.
    """
    prepared = prepare(store, path, models, organisation)
    for attempt in range(2):
        try:
            with store.session() as s:
                return write(store, s, prepared)
        except IntegrityError:
            # Another process stored the same assessment at the same moment (PostgreSQL);
            # the second attempt finds it and reports a duplicate.
            if attempt:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Prepared:
    """A file read and checked completely, ready to be written (nothing of it is stored)."""

    path: str
    responses: Responses | None = None  # a responses file: its answers, model and text
    model: tuple[Model, str] | None = None
    digest: str = ""
    warnings: tuple[str, ...] = ()
    export: tuple[dict[str, tuple[Model, str]], list[ExportRecord]] | None = None


def prepare(
    store: Store,
    path: str | Path,
    models: Sequence[tuple[Model, str]] = (),
    organisation: str | None = None,
) -> Prepared:
    """Read and check one file (see :func:`import_file`) without writing anything.

    Raises:
        InputError: every problem of the file, located.
    """
    raw = read_bytes(path)
    data, root, problems = parse(raw, str(path))
    if problems:
        raise InputError(problems)
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        return Prepared(str(path), export=check_export(str(path), data, root))
    return _prepare_responses(store, str(path), raw, data, root, models, organisation)


def write(store: Store, s: Session, prepared: Prepared) -> ImportOutcome:
    """Store a prepared file in the session's transaction."""
    if prepared.export is not None:
        return _write_export(store, s, prepared.path, *prepared.export)
    return _write_responses(store, s, prepared)


def _stored_model(store: Store, model_id: str, version: str) -> tuple[Model, str] | None:
    with store.session(write=False) as s:
        row = s.execute(
            select(ModelVersion.id)
            .where(ModelVersion.model_id == model_id, ModelVersion.version == version)
            .order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if row is None:
            return None
        model, text, _ = store.model_of(s, row)
        return model, text


def _candidate_models(
    store: Store, path: str, data: Any, root: Node | None, given: Sequence[tuple[Model, str]]
) -> tuple[list[tuple[Model, str]], Problem | None]:
    """The models a responses file may be for, best first, and a note when none has its version.

    A file naming its ``model_version`` gets that version (given, else already stored); a
    file naming none may be for any given model with its id, tried in order. A file whose
    version is nowhere is checked against the given model with its id, as ``maturity score``
    does, with a note saying so (a warning if it fits, a hint if it does not).
    """
    candidates = list(given) or [default_model()]
    if not isinstance(data, dict) or not isinstance(data.get("model"), str):
        return candidates[:1], None
    wanted, version = data["model"], data.get("model_version")
    version = version if isinstance(version, str) else None
    fitting = [(m, t) for m, t in candidates if m.id == wanted and version in (None, m.version)]
    if fitting:
        return fitting, None
    if version is not None:
        stored = _stored_model(store, wanted, version)
        if stored is not None:
            return [stored], None
        same_id = [(m, t) for m, t in candidates if m.id == wanted]
        if same_id:
            note = located(
                path,
                node_at(root, ("model_version",))[0],
                f"model_version: these answers are for version {version} of {wanted}, stored "
                f"with version {same_id[0][0].version} (pass --model with the file of version "
                f"{version} to keep the version they answered)",
            )
            return same_id, note
    return candidates[:1], None  # the loader reports the model id that does not match


def _fitting_responses(
    raw: bytes, path: str, candidates: list[tuple[Model, str]]
) -> tuple[Responses, Model, str]:
    """The responses checked against the first candidate model they fit."""
    first_error: InputError | None = None
    for model, text in candidates:
        try:
            return responses_from_text(raw, model, path), model, text
        except InputError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def _same(uid: str, content_hash: str, source: str) -> ColumnElement[bool]:
    """The stored assessment an incoming one duplicates: the same uid or, for one that came
    from a responses file (whose identity is its content), the same content."""
    if source != "import":
        return Assessment.uid == uid
    same_content = and_(Assessment.content_hash == content_hash, Assessment.status == "complete")
    return or_(Assessment.uid == uid, same_content)


def _prepare_responses(
    store: Store,
    path: str,
    raw: bytes,
    data: Any,
    root: Node | None,
    models: Sequence[tuple[Model, str]],
    organisation: str | None,
) -> Prepared:
    candidates, note = _candidate_models(store, path, data, root, models)
    try:
        responses, model, text = _fitting_responses(raw, path, candidates)
    except InputError as exc:
        raise InputError(exc.problems + ([note] if note else [])) from None
    warnings = (f"{note.path}:{note.line}:{note.column}: warning: {note.message}",) if note else ()
    name = (responses.organisation or "").strip() or (organisation or "").strip()
    if not name:
        node = node_at(root, ("organisation",))[0]
        raise InputError(
            [located(path, node, "no organisation: add 'organisation:' or pass --organisation")]
        )
    responses = responses.model_copy(update={"organisation": name, "model_version": model.version})
    unsafe = unsafe_text(responses)
    if unsafe:
        raise InputError(
            [located(path, node_at(root, loc)[0], f"{'.'.join(loc)}: {why}") for loc, why in unsafe]
        )
    digest = records.content_hash(responses)
    return Prepared(
        path, responses=responses, model=(model, text), digest=digest, warnings=warnings
    )


def write_responses_files(store: Store, s: Session, run: Sequence[Prepared]) -> list[ImportOutcome]:
    """Store several prepared responses files at once (one query for the duplicates, one
    executemany per table), with exactly the outcomes :func:`write` gives one by one: a file
    equal to a stored assessment, or to an earlier file of the run, is "already imported"."""
    digests = sorted({p.digest for p in run})
    stored: dict[str, int] = {}
    rows = s.execute(
        select(Assessment.id, Assessment.uid, Assessment.content_hash, Assessment.status)
        .where(or_(Assessment.uid.in_(digests), Assessment.content_hash.in_(digests)))
        .order_by(Assessment.id)
    ).all()
    for r in rows:  # the rule of _same, for many digests at once
        if r.uid in digests:
            stored.setdefault(r.uid, r.id)
        if r.status == "complete" and r.content_hash in digests:
            stored.setdefault(r.content_hash, r.id)
    fresh: dict[str, int] = {}  # digest -> position in `new` of its first file in the run
    new: list[Prepared] = []
    for p in run:
        if p.digest not in stored and p.digest not in fresh:
            fresh[p.digest] = len(new)
            new.append(p)
    now = utcnow()
    ids = store.add_assessments(
        s,
        [
            (
                p.responses,
                store.model_version_id(s, *p.model),
                {
                    "uid": p.digest,
                    "status": "complete",
                    "source": "import",
                    "content_hash": p.digest,
                    "created_at": now,
                    "updated_at": now,
                    "completed_at": now,
                },
            )
            for p in new
            if p.responses is not None and p.model is not None
        ],
    )
    outcomes = []
    for p in run:
        if p.digest in stored:
            outcomes.append(ImportOutcome(p.path, (), (stored[p.digest],), p.warnings))
            continue
        new_id = ids[fresh[p.digest]]
        first = new[fresh[p.digest]] is p
        outcomes.append(
            ImportOutcome(
                p.path, (new_id,) if first else (), () if first else (new_id,), p.warnings
            )
        )
    return outcomes


def _write_responses(store: Store, s: Session, prepared: Prepared) -> ImportOutcome:
    assert prepared.responses is not None and prepared.model is not None
    path, digest, warnings = prepared.path, prepared.digest, prepared.warnings
    existing = s.scalar(select(Assessment.id).where(_same(digest, digest, "import")))
    if existing is not None:
        return ImportOutcome(path, (), (existing,), warnings)
    now = utcnow()
    new_id = store.add_assessment(
        s,
        prepared.responses,
        store.model_version_id(s, *prepared.model),
        uid=digest,
        status="complete",
        source="import",
        content_hash=digest,
        created_at=now,
        updated_at=now,
        completed_at=now,
    )
    return ImportOutcome(path, (new_id,), (), warnings)


def _write_export(
    store: Store,
    s: Session,
    path: str,
    models: dict[str, tuple[Model, str]],
    found: list[ExportRecord],
) -> ImportOutcome:
    imported, duplicates = [], []
    version_ids = {h: store.model_version_id(s, m, t) for h, (m, t) in models.items()}
    for rec in found:
        existing = s.scalar(
            select(Assessment.id).where(_same(rec.uid, rec.content_hash, rec.source))
        )
        if existing is not None:
            duplicates.append(existing)
            continue
        imported.append(
            store.add_assessment(
                s,
                rec.responses,
                version_ids[rec.model_hash],
                uid=rec.uid,
                status="complete",
                source=rec.source,
                content_hash=rec.content_hash,
                created_at=rec.created_at,
                updated_at=rec.completed_at,
                completed_at=rec.completed_at,
            )
        )
    return ImportOutcome(path, tuple(imported), tuple(duplicates))
