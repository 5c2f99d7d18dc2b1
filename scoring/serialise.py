"""The contract's JSON object for a Result (plain dicts; the caller does the printing)."""

from __future__ import annotations

from typing import Any

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
            for s in result.next_steps
        ],
        "flags": [
            {"kind": f.kind, "message": f.message, "pillars": list(f.pillars)} for f in result.flags
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
            for p in result.pillars
            for q in p.questions
            if q.answer is not None
        ],
    }
