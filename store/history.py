"""An organisation's assessments over time: scores, changes, and what changed in the model.

Each assessment is compared with the one before it by :func:`scoring.compare`, which matches
questions by id and through ``replaces:``. When the two used different model versions the
questions added, removed, renamed and reworded are named, and the change is also given "like
for like": both assessments re-scored on only the questions the two versions share, so a
change in the model is never read as a change in the force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from scoring import Comparison, compare, result_to_dict
from scoring.engine import result_of
from scoring.present import change, change_text, held_down, score_text, shown, signed_text
from scoring.result import Result
from store.records import StoredAssessment


@dataclass(frozen=True)
class LikeForLike:
    """Overall and pillar changes counting only the questions both model versions share."""

    overall: float | None
    pillars: dict[str, float | None]


@dataclass(frozen=True)
class HistoryEntry:
    """One assessment in a history, and how it compares with the previous one."""

    assessment: StoredAssessment
    previous: StoredAssessment | None = None
    comparison: Comparison | None = None
    like_for_like: LikeForLike | None = None


def _restricted(result: Result, keep: set[str]) -> Result:
    """The result re-worked on the questions in ``keep`` only, from its own question scores
    (so a group assessment keeps its consensus scores: its answers alone would not give
    them)."""
    r = result.responses
    answers = {q: a for q, a in r.answers.items() if q in keep}
    questions = [
        tuple(q if q.id in keep else replace(q, answer=None, score=None) for q in pillar.questions)
        for pillar in result.pillars
    ]
    return result_of(result.model, r.model_copy(update={"answers": answers}), questions)


def like_for_like(comparison: Comparison) -> LikeForLike:
    """Re-score both sides of a comparison on the questions the two model versions share."""
    earlier = _restricted(comparison.earlier, {m.earlier_id for m in comparison.matched})
    later = _restricted(comparison.later, {m.later_id for m in comparison.matched})
    before = {p.id: p.score for p in earlier.pillars}
    return LikeForLike(
        overall=change(earlier.overall.score, later.overall.score),
        pillars={p.id: change(before.get(p.id), p.score) for p in later.pillars},
    )


def history(assessments: Sequence[StoredAssessment]) -> list[HistoryEntry]:
    """Entries for assessments given oldest first, each compared with the one before."""
    entries: list[HistoryEntry] = []
    previous: StoredAssessment | None = None
    for a in assessments:
        if previous is None:
            entries.append(HistoryEntry(a))
        else:
            c = compare(previous.result, a.result)
            entries.append(HistoryEntry(a, previous, c, None if c.same_model else like_for_like(c)))
        previous = a
    return entries


def _model_changes(c: Comparison) -> dict[str, Any]:
    return {
        "added": list(c.added),
        "removed": list(c.removed),
        "reworded": [q.later_id for q in c.reworded],
        "renamed": [{"from": q.earlier_id, "to": q.later_id} for q in c.renamed],
    }


def entry_to_dict(entry: HistoryEntry) -> dict[str, Any]:
    """One entry as ``maturity history --json`` prints it.

    ``overall`` and ``pillars`` are as in ``maturity score --json``; ``change`` is null for the
    first assessment, otherwise the change since the previous one.
    """
    a = entry.assessment
    scored = result_to_dict(a.result)
    out: dict[str, Any] = {
        "id": a.id,
        "uid": a.uid,
        "organisation": a.organisation,
        "assessed_on": a.date.isoformat(),
        "date_recorded": a.assessed_on is not None,
        "model": {"id": a.model_id, "version": a.model_version, "sha256": a.model_hash},
        "respondent": scored["respondent"],
        "source": a.source,
        "overall": scored["overall"],
        "pillars": scored["pillars"],
        "change": None,
    }
    c, prev = entry.comparison, entry.previous
    if c is None or prev is None:
        return out
    out["change"] = {
        "since": {"id": prev.id, "assessed_on": prev.date.isoformat()},
        "overall": change(c.overall.earlier, c.overall.later),
        "level": None
        if c.earlier_level is None or c.later_level is None
        else c.later_level - c.earlier_level,
        "pillars": [
            {
                "id": p.id,
                "earlier": shown(p.score.earlier),
                "later": shown(p.score.later),
                "change": change(p.score.earlier, p.score.later),
                "status": p.status,
            }
            for p in c.pillars
        ],
        "same_model": c.same_model,
        "model_changes": _model_changes(c),
        "answers_changed": [
            {"question": q.later_id, "earlier": q.earlier_answer, "later": q.later_answer}
            for q in c.answer_changes
        ],
        "like_for_like": None
        if entry.like_for_like is None
        else {"overall": entry.like_for_like.overall, "pillars": entry.like_for_like.pillars},
    }
    return out


def _signed(value: float | None) -> str:
    return "n/a" if value is None else signed_text(value)


def format_history(entries: Sequence[HistoryEntry]) -> str:
    """A plain-text history for the terminal."""
    if not entries:
        return "No complete assessments."
    first = entries[0].assessment
    lines = [f"{first.organisation}: {len(entries)} assessment(s)"]
    for e in entries:
        a, o, c = e.assessment, e.assessment.result.overall, e.comparison
        who = a.respondent.name if a.respondent and a.respondent.name else ""
        level = f" level {o.level} {o.level_name}" if o.level is not None else ""
        held = held_down(a.result)
        if held:
            level += f"; {held}"
        since = f"  ({change_text(c.overall.earlier, c.overall.later, 'n/a')})" if c else ""
        date = a.date.isoformat() + ("" if a.assessed_on else " (date not recorded)")
        lines += [
            "",
            f"{date}  #{a.id}  {a.model_id} {a.model_version}  {who}".rstrip(),
            f"  Overall  {score_text(o.score)}{level}{since}",
        ]
        deltas = {p.id: p for p in c.pillars} if c else {}
        width = max(len(p.name) for p in a.result.pillars)
        for p in a.result.pillars:
            d = deltas.get(p.id)
            shift = f"  ({change_text(d.score.earlier, d.score.later, 'n/a')})" if d else ""
            lines.append(f"  {p.name:<{width}}  {score_text(p.score)}{shift}")
        if c is not None and not c.same_model:
            lines += _format_model_changes(c, e.like_for_like)
    return "\n".join(lines)


def _format_model_changes(c: Comparison, lfl: LikeForLike | None) -> list[str]:
    e, later = c.earlier.model, c.later.model
    lines = [f"  The model changed ({e.id} {e.version} -> {later.id} {later.version}):"]
    changes = _model_changes(c)
    for key in ("added", "removed", "reworded"):
        if changes[key]:
            lines.append(f"    {key}: {', '.join(changes[key])}")
    if changes["renamed"]:
        pairs = ", ".join(f"{r['from']} -> {r['to']}" for r in changes["renamed"])
        lines.append(f"    renamed: {pairs}")
    if lfl is not None:
        lines.append(
            f"    like for like (only questions in both versions): overall {_signed(lfl.overall)}"
        )
    return lines
