"""The session's assessment: a copy of the stored draft, written through on every change.

The database is the source of truth. ``st.session_state`` holds one :class:`Current` (the
assessment this browser tab is working on) so pages can draw without a query; each change is
saved to the store first and only then to the copy, so the page never shows an answer that
was not saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from questionnaire.schema import Model, Pillar, Respondent, Responses

if TYPE_CHECKING:
    from store.records import Draft

CURRENT = "current"
FLASH = "flash"
RESUME = "resume"
WIDGET_PREFIXES = ("answer-", "note-", "evidence-", "target-", "details-", "discard-")
# What people read for a stored status: an assessment "was finished" or "was discarded".
STATUS_WORDS = {"draft": "in progress", "complete": "finished", "abandoned": "discarded"}
DISCARDED = (
    "The assessment with that resume code was discarded, so it cannot be resumed. "
    "Start a new assessment to answer again."
)


@dataclass
class Current:
    """The assessment in progress (or finished) in this session."""

    code: str
    assessment_id: int
    status: str
    model: Model
    model_text: str
    organisation: str
    respondent: Respondent | None
    assessed_on: dt.date | None
    answers: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    workshop_id: int | None = None  # a participant's answers in this group assessment
    workshop_title: str | None = None

    @classmethod
    def from_draft(cls, code: str, draft: Draft) -> Current:
        """The session copy of a draft loaded from the store."""
        return cls(
            code=code,
            assessment_id=draft.assessment_id,
            status=draft.status,
            model=draft.model,
            model_text=draft.model_text,
            organisation=draft.organisation,
            respondent=draft.respondent,
            assessed_on=draft.assessed_on,
            answers=dict(draft.answers),
            notes=dict(draft.notes),
            targets=dict(draft.targets),
            evidence=dict(draft.evidence),
            workshop_id=draft.workshop_id,
            workshop_title=draft.workshop_title,
        )

    @property
    def status_words(self) -> str:
        """The status in plain words: "in progress", "finished" or "discarded"."""
        return STATUS_WORDS.get(self.status, self.status)

    @property
    def editable(self) -> bool:
        """Whether answers may still change (only a draft may)."""
        return self.status == "draft"

    def responses(self) -> Responses:
        """The answers as the contract's ``Responses`` (what ``maturity score`` reads)."""
        from store.records import responses_of

        return responses_of(self)

    def answered(self, pillar: Pillar | None = None) -> int:
        """How many questions (of one pillar, or of the model) have an answer."""
        questions = pillar.questions if pillar else [q for _, q in self.model.questions()]
        return sum(1 for q in questions if q.id in self.answers)

    def total(self) -> int:
        """How many questions the model has."""
        return len(self.model.questions())

    def unanswered(self) -> list[tuple[Pillar, list[str]]]:
        """Pillars with unanswered questions, each with those question ids, in model order."""
        missing = []
        for pillar in self.model.pillars:
            ids = [q.id for q in pillar.questions if q.id not in self.answers]
            if ids:
                missing.append((pillar, ids))
        return missing

    def first_open_pillar(self) -> Pillar | None:
        """The first pillar with an unanswered question (where a resumed person carries on)."""
        missing = self.unanswered()
        return missing[0][0] if missing else None


def current() -> Current | None:
    """This session's assessment, or None."""
    found = st.session_state.get(CURRENT)
    return found if isinstance(found, Current) else None


def attach(code: str, draft: Draft) -> Current:
    """Make a stored draft this session's assessment (replacing any other)."""
    previous = current()
    if previous is None or previous.code != code:
        forget_widgets()
    cur = Current.from_draft(code, draft)
    st.session_state[CURRENT] = cur
    st.session_state[RESUME] = code
    return cur


def detach() -> None:
    """Forget this session's assessment (it stays in the store, resumable by its code)."""
    st.session_state.pop(CURRENT, None)
    st.session_state.pop(RESUME, None)
    forget_widgets()


def forget_widgets() -> None:
    """Drop question and details widget values, so another draft's answers are never shown."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(WIDGET_PREFIXES):
            del st.session_state[key]


def flash(message: str, kind: str = "error") -> None:
    """Keep a message to show at the top of the next page drawn (kind: error/success/info)."""
    st.session_state[FLASH] = (kind, message)


def has_flash() -> bool:
    """Whether a message is waiting to be shown."""
    return isinstance(st.session_state.get(FLASH), tuple)


def take_flash() -> tuple[str, str] | None:
    """The pending message, once."""
    found = st.session_state.pop(FLASH, None)
    return found if isinstance(found, tuple) else None
