"""Writing the database out: a JSON archive that imports back losslessly, and a CSV for
spreadsheets.

The JSON export holds every complete assessment (answers, notes, evidence, targets,
respondent, dates, provenance) and the full text of every model version, so any old report can
be rebuilt and ``maturity import`` into an empty database gives back the same export, byte for
byte. Drafts
and abandoned assessments are not exported: they are work in progress tied to a resume code.

The CSV has one row per assessment ("overall"), per pillar and per question of its model, so a
spreadsheet can pivot on anything. User text is data: a cell that a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed
with an apostrophe.

A record whose model can no longer be loaded or cannot score it (stored by an older, laxer
version) is still exported: the JSON holds its raw answers, notes, evidence and targets (in
question-id order, since its model gives no order), and the CSV its "overall" row with no
score and a row per answer with no label or score. :class:`Exported` names those records so
the caller can say so; they never stop the rest of the export.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import select

from questionnaire.schema import Model
from reports.csvcells import neutralise as neutralise  # the one rule, re-exported
from scoring.present import answer_label, shown
from store.records import StoredAssessment, UnscoredAssessment
from store.tables import ModelVersion

if TYPE_CHECKING:
    from store.repository import Store

EXPORT_FORMAT = "maturity-export"
EXPORT_VERSION = 1
FORMATS = ("json", "csv")
CSV_COLUMNS = (
    "assessment",
    "organisation",
    "assessed_on",
    "respondent_name",
    "respondent_role",
    "respondent_group",
    "model_id",
    "model_version",
    "model_sha256",
    "row",
    "pillar",
    "pillar_name",
    "question",
    "question_text",
    "answer",
    "answer_label",
    "score",
    "level",
    "target_level",
    "note",
    "evidence",
)
Record = StoredAssessment | UnscoredAssessment


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many assessments, and those that could not be scored."""

    count: int
    unscored: tuple[UnscoredAssessment, ...] = ()
    groups_left_out: int = 0


def export(
    store: Store, out: TextIO, *, format: str = "json", organisation: str | None = None
) -> Exported:
    """Write complete assessments (of one organisation, or all) to ``out``.

    Args:
        store: the database.
        out: a text stream; for CSV open it with ``newline=""``.
        format: ``"json"`` or ``"csv"``.
        organisation: only this organisation's assessments (and the model versions they use).

    Returns:
        How many assessments were written, and which of them could not be scored.

    Raises:
        ValueError: for an unknown format.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose json or csv")
    # A group assessment's result comes from its participants' answers, which this format
    # does not carry yet; exporting its consensus answers alone would import back as one
    # person's assessment with other scores, so it is left out (not even read) and counted.
    catalogue = store.catalogue(organisation, groups=False)
    groups = store.group_count(organisation)
    everything: list[Record] = [*catalogue.scored, *catalogue.unscored]
    assessments = sorted(everything, key=lambda a: (a.organisation, a.date, a.created_at, a.uid))
    if format == "csv":
        write_csv(assessments, out)
    else:
        data = export_data(store, assessments, all_models=organisation is None)
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
    return Exported(len(assessments), tuple(catalogue.unscored), groups)


def export_data(store: Store, assessments: list[Record], *, all_models: bool) -> dict[str, Any]:
    """The JSON export as plain data (``all_models``: also models no assessment uses)."""
    used = {a.model_hash for a in assessments}
    with store.session(write=False) as s:
        rows = s.execute(
            select(ModelVersion.model_id, ModelVersion.version, ModelVersion.title)
            .add_columns(ModelVersion.content_hash, ModelVersion.text)
            .order_by(ModelVersion.model_id, ModelVersion.version, ModelVersion.content_hash)
        ).all()
    models = [
        {"id": r.model_id, "version": r.version, "title": r.title}
        | {"sha256": r.content_hash, "text": r.text}
        for r in rows
        if all_models or r.content_hash in used
    ]
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "models": models,
        "assessments": [assessment_record(a) for a in assessments],
    }


def _timestamp(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _in_model_order(model: Model, values: dict[str, Any]) -> dict[str, Any]:
    order = {q.id: i for i, (_, q) in enumerate(model.questions())}
    return {k: values[k] for k in sorted(values, key=lambda k: (order.get(k, len(order)), k))}


def assessment_record(a: Record) -> dict[str, Any]:
    """One assessment as the JSON export writes it."""
    if isinstance(a, UnscoredAssessment):
        respondent = a.respondent
        answers, notes = dict(sorted(a.answers.items())), dict(sorted(a.notes.items()))
        evidence = dict(sorted(a.evidence.items()))
        targets = dict(sorted(a.targets.items()))
    else:
        r, model = a.result.responses, a.result.model
        respondent = r.respondent
        answers = _in_model_order(model, dict(r.answers))
        notes = _in_model_order(model, dict(r.notes))
        evidence = _in_model_order(model, dict(r.evidence))
        targets = {p.id: r.targets[p.id] for p in model.pillars if p.id in r.targets}
    return {
        "uid": a.uid,
        "organisation": a.organisation,
        "model": {"id": a.model_id, "version": a.model_version, "sha256": a.model_hash},
        "respondent": respondent.model_dump() if respondent else None,
        "assessed_on": a.assessed_on.isoformat() if a.assessed_on else None,
        "status": "complete",
        "source": a.source,
        "created_at": _timestamp(a.created_at),
        "completed_at": _timestamp(a.completed_at),
        "answers": answers,
        "notes": notes,
        "evidence": evidence,
        "targets": targets,
    }


def csv_rows(a: Record) -> list[dict[str, Any]]:
    """The CSV rows of one assessment: overall, then each pillar followed by its questions."""
    who = a.respondent if isinstance(a, UnscoredAssessment) else a.result.responses.respondent
    respondent = who.model_dump() if who else {}
    common = {
        "assessment": a.id,
        "organisation": a.organisation,
        "assessed_on": a.date.isoformat(),
        "respondent_name": respondent.get("name"),
        "respondent_role": respondent.get("role"),
        "respondent_group": respondent.get("group"),
        "model_id": a.model_id,
        "model_version": a.model_version,
        "model_sha256": a.model_hash,
    }
    if isinstance(a, UnscoredAssessment):
        return [common | {"row": "overall"}] + [
            common
            | {"row": "question", "question": q, "answer": a.answers.get(q)}
            | {"note": a.notes.get(q), "evidence": a.evidence.get(q)}
            for q in sorted(set(a.answers) | set(a.notes) | set(a.evidence))
        ]
    result, model = a.result, a.result.model
    r = result.responses
    o = result.overall
    rows = [common | {"row": "overall", "score": shown(o.score), "level": o.level}]
    for pr in result.pillars:
        pillar = model.pillar(pr.id)
        assert pillar is not None
        rows.append(
            common
            | {"row": "pillar", "pillar": pr.id, "pillar_name": pr.name}
            | {"score": shown(pr.score), "level": pr.level, "target_level": pr.target_level}
        )
        for q in pillar.questions:
            qr = result.question(q.id)
            answer = qr.answer if qr else None
            label = answer_label(model, q.id, answer)
            rows.append(
                common
                | {"row": "question", "pillar": pr.id, "pillar_name": pr.name}
                | {"question": q.id, "question_text": q.text, "answer": answer}
                | {"answer_label": label, "score": shown(qr.score) if qr else None}
                | {"note": r.notes.get(q.id), "evidence": r.evidence.get(q.id)}
            )
    return rows


def write_csv(assessments: list[Record], out: TextIO) -> None:
    """Write the CSV export (every cell neutralised against formula injection)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in assessments:
        for row in csv_rows(a):
            writer.writerow([neutralise(row.get(c)) for c in CSV_COLUMNS])
