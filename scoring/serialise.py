"""The contract's JSON object for a Result, and for a group assessment's GroupResult (plain
dicts; the caller does the printing)."""

from __future__ import annotations

from typing import Any

from scoring.aggregate import GroupResult
from scoring.present import shown
from scoring.ranking import start_here
from scoring.result import Result


def result_to_dict(result: Result) -> dict[str, Any]:
    """The object `maturity score --json` prints (the contract, plus a few extra keys)."""
    r = result.responses
    return {
        "model": {"id": result.model.id, "version": result.model.version},
        "organisation": r.organisation,
        "assessed_on": r.assessed_on.isoformat() if r.assessed_on else None,
        "respondent": r.respondent.model_dump() if r.respondent else None,
        "overall": {
            "score": shown(result.overall.score),
            "level": result.overall.level,
            "level_name": result.overall.level_name,
            "capped": result.overall.capped,
            "uncapped_level": result.overall.uncapped_level,
        },
        "pillars": [
            {
                "id": p.id,
                "name": p.name,
                "score": shown(p.score),
                "level": p.level,
                "level_name": p.level_name,
                "target_level": p.target_level,
                "gap": shown(p.gap),
                "coverage": round(p.coverage, 3),
                "unknown": p.unknown,
                "na": p.na,
                "evidenced": None if p.evidenced is None else round(p.evidenced, 3),
                "answered": p.answered,
                "questions": p.total,
            }
            for p in result.pillars
        ],
        "strengths": [
            {"pillar": s.pillar, "reason": s.reason, "relative": s.relative}
            for s in result.strengths
        ],
        "priorities": [
            {"pillar": p.pillar, "gap": shown(p.gap), "reason": p.reason} for p in result.priorities
        ],
        "next_steps": [
            {
                "pillar": s.pillar,
                "question": s.question,
                "text": s.text,
                "kind": s.kind,
                "uplift": shown(s.uplift),
            }
            | ({"owner": s.owner} if s.owner else {})
            for s in result.next_steps
        ],
        # A flag names the questions of a critical or conflict rule; a next step its owner
        # and an answer its evidence only where there is one, so older consumers see the
        # same objects as before for models and answers without them.
        "flags": [
            {"kind": f.kind, "message": f.message, "pillars": list(f.pillars)}
            | ({"questions": list(f.questions)} if f.questions else {})
            for f in result.flags
        ],
        "knowledge_gaps": list(result.knowledge_gaps),
        # An extension of the contract: the few steps to start with, and why (scoring.ranking).
        "start_here": [
            {
                "pillar": r.step.pillar,
                "question": r.step.question,
                "text": r.step.text,
                "kind": r.step.kind,
                "effect": r.effect,
                "reason": r.reason,
                "uplift": shown(r.step.uplift),
            }
            for r in start_here(result)
        ],
        # An extension of the contract: every answer with the score the report shows for it.
        "answers": [
            {
                "question": q.id,
                "pillar": q.pillar,
                "answer": q.answer,
                "score": shown(q.score) if q.scored else None,
            }
            | ({"evidence": q.evidence} if q.evidence else {})
            for p in result.pillars
            for q in p.questions
            if q.answer is not None
        ],
    }


def group_to_dict(group: GroupResult) -> dict[str, Any]:
    """The object `maturity aggregate --json` prints: :func:`result_to_dict` of the consensus
    result, plus ``participants``, ``groups`` (group -> participants), ``questions`` (each
    question's counts, consensus, spread, disagreement, "don't know" answers and agreed
    answer, in model order) and, in each pillar, ``by_group`` (group -> that group's score)
    and ``range`` (the lowest and highest participant's own score, or null). Every score
    goes through :func:`scoring.present.shown`, as in the single-assessment object."""
    out = result_to_dict(group.result)
    out["participants"] = group.participants
    out["groups"] = dict(group.groups)
    for pillar in out["pillars"]:
        pid = pillar["id"]
        pillar["by_group"] = {g: shown(s) for g, s in group.by_group.get(pid, {}).items()}
        found = group.spread(pid)
        pillar["range"] = None if found is None else [shown(found[0]), shown(found[1])]
    out["questions"] = [
        {
            "id": q.id,
            "pillar": q.pillar,
            "counts": dict(q.counts),
            "consensus": shown(q.consensus),
            "spread": shown(q.spread),
            "disagreement": q.disagreement,
            "unknown": q.unknown,
            "agreed": None
            if q.agreed is None
            else {
                "answer": q.agreed.answer,
                "rationale": q.agreed.rationale,
                "dissent": q.agreed.dissent,
            },
        }
        for q in group.questions
    ]
    return out
