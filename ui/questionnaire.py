"""One questionnaire page per pillar: its purpose, its questions, notes, evidence and ambition.

Widget keys come from model ids (``answer-<question id>``, ``note-<question id>``,
``evidence-<question id>``, ``target-<pillar id>``). A widget's value is seeded from the
session's copy of the draft when the page is drawn, and every change is written to the store
by the widget's callback before the copy changes, so leaving the page, refreshing or losing
the server loses nothing.

A question whose model lists evidence prompts shows them as "what an inspector would ask to
see", above an optional box for the evidence the force has. The note and evidence boxes both
sit in the question's container, so the browser layer (:mod:`ui.client`) saves both as typed
by one mechanism.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from questionnaire import limits
from questionnaire.schema import NA, UNKNOWN
from scoring.present import DONT_KNOW, NOT_APPLICABLE
from ui import live, nav, state
from ui.resources import DatabaseUnavailable, get_store
from ui.results import AGAIN_BUTTON
from ui.text import md_escape

if TYPE_CHECKING:
    from store.repository import Store

LOG = logging.getLogger("ui")


def answer_key(question_id: str) -> str:
    """Widget key of a question's answer."""
    return f"answer-{question_id}"


def note_key(question_id: str) -> str:
    """Widget key of a question's note."""
    return f"note-{question_id}"


def evidence_key(question_id: str) -> str:
    """Widget key of a question's evidence."""
    return f"evidence-{question_id}"


#: The lead-in of a question's evidence prompts, and the evidence box's label after its number.
PROMPTS_HEADING = "What an inspector would ask to see"
EVIDENCE_LABEL = "(optional): a document, register or link that backs this answer"


def evidence_label(number: str) -> str:
    """The label of a question's evidence box (numbered, so every box's name is its own)."""
    return f"Evidence for question {number} {EVIDENCE_LABEL}"


def prompts_markdown(prompts: list[str]) -> str:
    """The evidence prompts as a Markdown list under its lead-in, every prompt escaped."""
    items = "\n".join(f"- {md_escape(prompt)}" for prompt in prompts)
    return f"{PROMPTS_HEADING}:\n\n{items}"


def target_key(pillar_id: str) -> str:
    """Widget key of a pillar's target level."""
    return f"target-{pillar_id}"


def progress(cur: state.Current, where: DeltaGenerator | None = None) -> None:
    """The progress bar across the whole assessment, with its figures in words."""
    answered, total = cur.answered(), cur.total()
    (where or st).progress(
        answered / total if total else 0.0,
        text=f"Progress: {answered} of {total} questions answered",
    )


def _progress_now(slot: DeltaGenerator) -> None:
    cur = state.current()
    if cur is not None:
        progress(cur, slot)


def render(cur: state.Current, pillar_id: str) -> None:
    """Draw one pillar's page of the open assessment.

    Each question, and the ambition, is a fragment: a click reruns it alone (about the cost
    of a bare page holding only its widgets), and the progress regions (:mod:`ui.live`) are
    redrawn in place after each save.
    """
    model = cur.model
    pillar = model.pillar(pillar_id)
    assert pillar is not None
    position = model.pillars.index(pillar)
    st.caption(f"Pillar {position + 1} of {len(model.pillars)}")
    st.title(md_escape(pillar.name), anchor=False)
    if pillar.description:
        st.markdown(md_escape(pillar.description, inline=False))
    live.region("page-progress", _progress_now)
    if not cur.editable:
        # A finished one can be answered again from its answers (Results page); a discarded
        # one only by starting afresh.
        again = (
            f"To answer again, choose \u201c{AGAIN_BUTTON}\u201d on its Results page."
            if cur.status == "complete"
            else "Start a new assessment to answer again."
        )
        st.info(
            f"This assessment was {cur.status_words}, so its answers can no longer change. " + again
        )
    for number, question in enumerate(pillar.questions, start=1):
        show_question(f"{position + 1}.{number}", question.id)
    show_target(pillar.id)
    st.divider()
    previous_and_next(cur, position)


@st.fragment
def show_question(number: str, question_id: str) -> None:
    """A question with its help, its anchored options, "don't know", "not applicable" where
    allowed, an optional note, the model's evidence prompts and an optional box for the
    evidence (a fragment: its widgets rerun only this function)."""
    cur = state.current()
    question = cur.model.question(question_id) if cur is not None else None
    if cur is None or question is None:
        return
    labels = {o.id: md_escape(o.label) for o in question.options}
    labels[UNKNOWN] = DONT_KNOW
    if question.allow_na:
        labels[NA] = NOT_APPLICABLE
    key, nkey, ekey = answer_key(question.id), note_key(question.id), evidence_key(question.id)
    if key not in st.session_state:
        st.session_state[key] = cur.answers.get(question.id)
    if nkey not in st.session_state:
        st.session_state[nkey] = cur.notes.get(question.id, "")
    if ekey not in st.session_state:
        st.session_state[ekey] = cur.evidence.get(question.id, "")
    with st.container(border=True, key=f"question-{question.id}"):
        st.markdown(f"**{number}\u2002{md_escape(question.text)}**")
        if question.help:
            st.caption(md_escape(question.help, inline=False))
        st.radio(
            f"Answer to question {number}: {md_escape(question.text)}",
            list(labels),
            index=None,
            format_func=labels.__getitem__,
            key=key,
            on_change=save_answer,
            args=(question.id,),
            disabled=not cur.editable,
            label_visibility="collapsed",
        )
        st.text_area(
            f"Note on question {number} (optional)",
            key=nkey,
            on_change=save_note,
            args=(question.id,),
            placeholder="Context, or who would know",
            height=68,
            max_chars=limits.NOTE_CHARS,
            disabled=not cur.editable,
        )
        if question.evidence:
            st.markdown(prompts_markdown(question.evidence))
        st.text_area(
            evidence_label(number),
            key=ekey,
            on_change=save_evidence,
            args=(question.id,),
            placeholder="For example: DPIA register, reviewed October; a link to the policy",
            height=68,
            max_chars=limits.EVIDENCE_CHARS,
            disabled=not cur.editable,
        )
    after_change()


def after_change() -> None:
    """At the end of a fragment: a save that went wrong needs the whole page (its message is
    shown at the top, and a draft closed elsewhere is drawn read-only); one that went right
    redraws the progress regions."""
    if state.has_flash():
        st.rerun()
    live.refresh()


@st.fragment
def show_target(pillar_id: str) -> None:
    """The optional ambition for the pillar: a level of the model's scale (a fragment)."""
    cur = state.current()
    pillar = cur.model.pillar(pillar_id) if cur is not None else None
    if cur is None or pillar is None:
        return
    scale = cur.model.scale
    key = target_key(pillar.id)
    if key not in st.session_state:
        st.session_state[key] = cur.targets.get(pillar.id, scale.target_level)
    with st.container(border=True, key=f"ambition-{pillar.id}"):
        st.markdown("**Your ambition for this pillar (optional)**")
        st.caption(
            f"The level you aim to reach. Unless you choose, it is level {scale.target_level}; "
            "your priorities are the pillars furthest below their ambition."
        )
        level = st.selectbox(
            f"Target level for {md_escape(pillar.name)}",
            [lv.level for lv in scale.levels],
            format_func=lambda n: level_label(cur, n),
            key=key,
            on_change=save_target,
            args=(pillar.id,),
            disabled=not cur.editable,
        )
        chosen = cur.model.level(level) if level is not None else None
        if chosen is not None and chosen.description:
            st.caption(md_escape(chosen.description))
    after_change()


def level_label(cur: state.Current, number: int) -> str:
    """``Level 3: Defined`` (plain text, for a select box)."""
    level = cur.model.level(number)
    return f"Level {number}: {level.name}" if level else f"Level {number}"


def previous_and_next(cur: state.Current, position: int) -> None:
    """Buttons to the previous pillar (or the start) and the next one (or the check)."""
    pillars = cur.model.pillars
    left, right = st.columns(2)
    with left:
        if position > 0:
            before = pillars[position - 1]
            if st.button(
                f"Previous: {md_escape(before.name)}", key="previous", icon=":material/arrow_back:"
            ):
                nav.go(before)
    with right:
        target: nav.Target
        if position + 1 < len(pillars):
            after = pillars[position + 1]
            label, target = f"Next: {md_escape(after.name)}", after
        else:
            label, target = "Next: check and finish", "finish"
        if st.button(
            label,
            key="next",
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
        ):
            nav.go(target)


def _revert(key: str, value: object) -> None:
    st.session_state[key] = value


# Changes the database could not take yet, per resume code, oldest first: (kind, id) -> value.
# They stay in this session (the tab) and are written, in order, before the next change.
UNSAVED = "unsaved"
_ANSWER, _NOTE, _EVIDENCE, _TARGET = "answer", "note", "evidence", "target"


@dataclass(frozen=True)
class _FreeText:
    """A question's free text (a note, its evidence): its widget, its place in the session's
    copy and how the store saves it, so both kinds are saved, applied and undone alike."""

    key: Callable[[str], str]
    held: Callable[[state.Current], dict[str, str]]
    save: Callable[[Store, str, str, str | None], None]


_TEXTS = {
    _NOTE: _FreeText(
        note_key,
        lambda cur: cur.notes,
        lambda store, code, question, text: store.save_note(code, question, text),
    ),
    _EVIDENCE: _FreeText(
        evidence_key,
        lambda cur: cur.evidence,
        lambda store, code, question, text: store.save_evidence(code, question, text),
    ),
}


def _unsaved(code: str) -> dict[tuple[str, str], object]:
    every = st.session_state.setdefault(UNSAVED, {})
    found: dict[tuple[str, str], object] = every.setdefault(code, {})
    return found


def unsaved_count(cur: state.Current) -> int:
    """How many changes of this session's assessment are not in the database yet."""
    found = st.session_state.get(UNSAVED, {}).get(cur.code, {})
    return len(found) if isinstance(found, dict) else 0


def save_answer(question_id: str) -> None:
    """Callback: write an answer to the store, then to the session's copy."""
    _change(_ANSWER, question_id, st.session_state.get(answer_key(question_id)))


def save_note(question_id: str) -> None:
    """Callback: write a note to the store, then to the session's copy."""
    _change(_NOTE, question_id, (st.session_state.get(note_key(question_id)) or "").strip())


def save_evidence(question_id: str) -> None:
    """Callback: write a question's evidence to the store, then to the session's copy (as a
    note is: trimmed, and a blank box clears it)."""
    value = (st.session_state.get(evidence_key(question_id)) or "").strip()
    _change(_EVIDENCE, question_id, value)


def save_target(pillar_id: str) -> None:
    """Callback: write a pillar's target level to the store, then to the session's copy."""
    _change(_TARGET, pillar_id, st.session_state.get(target_key(pillar_id)))


def _change(kind: str, item: str, value: object) -> None:
    cur = state.current()
    if cur is None:
        return
    pending = _unsaved(cur.code)
    pending.pop((kind, item), None)  # the newest value of an item goes last
    pending[(kind, item)] = value
    flush_unsaved()


def flush_unsaved() -> None:
    """Write this session's unsaved changes to the store, oldest first, until one fails.

    Called by every change; a page may call it too, so changes kept while the database was
    away are written as soon as it is back. A change the database cannot take now (read-only,
    full, locked, unreachable) stays in the session, its widget keeps the person's choice and
    the page says plainly that it is not saved and why. A change the store refuses as wrong
    (a closed draft, a note with a control character) is undone and explained.
    """
    from store.faults import DatabaseFault
    from store.records import DraftClosed, StoreError

    cur = state.current()
    if cur is None:
        return
    pending = _unsaved(cur.code)
    for (kind, item), value in list(pending.items()):
        try:
            _write(cur, kind, item, value)
        except (DatabaseFault, DatabaseUnavailable) as exc:
            LOG.warning("not saved (%s): %s", kind, exc)
            state.flash(_not_saved(len(pending), exc))
            return
        except DraftClosed:
            _closed(cur)
            for kind_, item_ in list(pending):
                _undo(kind_, item_)  # show what is stored, not what was refused
            pending.clear()
            return
        except StoreError as exc:
            del pending[(kind, item)]
            _undo(kind, item)
            state.flash(f"That change could not be saved, so it has been undone: {exc}.")
            continue
        except Exception:
            LOG.exception("cannot save")
            del pending[(kind, item)]
            _undo(kind, item)
            state.flash(
                "That change could not be saved, so it has been undone. Please try again in a "
                "moment; your other answers are safe."
            )
            continue
        del pending[(kind, item)]
        _apply(cur, kind, item, value)


def _write(cur: state.Current, kind: str, item: str, value: object) -> None:
    store = get_store()
    if kind == _ANSWER:
        store.save_answer(cur.code, item, value if isinstance(value, str) else None)
    elif kind in _TEXTS:
        _TEXTS[kind].save(store, cur.code, item, value or None if isinstance(value, str) else None)
    else:
        store.save_target(cur.code, item, value if isinstance(value, int) else None)


def _apply(cur: state.Current, kind: str, item: str, value: object) -> None:
    """Put a saved change in the session's copy."""
    if kind == _ANSWER:
        if isinstance(value, str):
            cur.answers[item] = value
        else:
            cur.answers.pop(item, None)
    elif kind in _TEXTS:
        held = _TEXTS[kind].held(cur)
        if isinstance(value, str) and value:
            held[item] = value
        else:
            held.pop(item, None)
    elif isinstance(value, int):
        cur.targets[item] = value
    else:
        cur.targets.pop(item, None)


def _undo(kind: str, item: str) -> None:
    """Show the saved value again in a change's widget."""
    latest = state.current()
    if latest is None:
        return
    if kind == _ANSWER:
        _revert(answer_key(item), latest.answers.get(item))
    elif kind in _TEXTS:
        text = _TEXTS[kind]
        _revert(text.key(item), text.held(latest).get(item, ""))
    else:
        _revert(target_key(item), latest.targets.get(item, latest.model.scale.target_level))


def _not_saved(count: int, exc: Exception) -> str:
    """What to tell a person whose change the database could not take."""
    from store.faults import DatabaseFault

    what = "Your last change is" if count == 1 else f"{count} of your changes are"
    kept = (
        "It is kept in this browser tab and will be saved with your next change once the "
        "database is back; keep this tab open until then."
    )
    if isinstance(exc, DatabaseFault):
        return f"{what} not saved: {exc.reason}. {exc.advice} {kept}"
    return f"{what} not saved. {exc} {kept}"


def _closed(cur: state.Current) -> None:
    """The draft was finished or discarded elsewhere: show it as it now is, read-only."""
    draft = get_store().load_draft(cur.code)
    latest: state.Current | None = cur
    if draft is not None:
        latest = state.attach(cur.code, draft)
    words = latest.status_words if latest is not None else "finished"
    state.flash(f"This assessment was {words}, so its answers can no longer change.")
