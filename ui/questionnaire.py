"""One questionnaire page per pillar: its purpose, its questions, notes and ambition.

Widget keys come from model ids (``answer-<question id>``, ``note-<question id>``,
``target-<pillar id>``). A widget's value is seeded from the session's copy of the draft when
the page is drawn, and every change is written to the store by the widget's callback before
the copy changes, so leaving the page, refreshing or losing the server loses nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from questionnaire import limits
from questionnaire.schema import NA, UNKNOWN, Pillar, Question
from scoring.present import DONT_KNOW, NOT_APPLICABLE
from ui import nav, state
from ui.resources import get_store
from ui.text import md_escape

LOG = logging.getLogger("ui")


def answer_key(question_id: str) -> str:
    """Widget key of a question's answer."""
    return f"answer-{question_id}"


def note_key(question_id: str) -> str:
    """Widget key of a question's note."""
    return f"note-{question_id}"


def target_key(pillar_id: str) -> str:
    """Widget key of a pillar's target level."""
    return f"target-{pillar_id}"


def progress(cur: state.Current) -> None:
    """The progress bar across the whole assessment, with its figures in words."""
    answered, total = cur.answered(), cur.total()
    st.progress(
        answered / total if total else 0.0,
        text=f"Progress: {answered} of {total} questions answered",
    )


def render(cur: state.Current, pillar_id: str) -> None:
    """Draw one pillar's page of the open assessment."""
    model = cur.model
    pillar = model.pillar(pillar_id)
    assert pillar is not None
    position = model.pillars.index(pillar)
    st.caption(f"Pillar {position + 1} of {len(model.pillars)}")
    st.title(md_escape(pillar.name))
    if pillar.description:
        st.markdown(md_escape(pillar.description, inline=False))
    progress(cur)
    if not cur.editable:
        st.info(
            f"This assessment was {cur.status_words}, so its answers can no longer change. "
            "Start a new assessment to answer again."
        )
    for number, question in enumerate(pillar.questions, start=1):
        show_question(cur, f"{position + 1}.{number}", question)
    show_target(cur, pillar)
    st.divider()
    previous_and_next(cur, position)


def show_question(cur: state.Current, number: str, question: Question) -> None:
    """A question with its help, its anchored options, "don't know", "not applicable" where
    allowed, and an optional note."""
    labels = {o.id: md_escape(o.label) for o in question.options}
    labels[UNKNOWN] = DONT_KNOW
    if question.allow_na:
        labels[NA] = NOT_APPLICABLE
    key, nkey = answer_key(question.id), note_key(question.id)
    if key not in st.session_state:
        st.session_state[key] = cur.answers.get(question.id)
    if nkey not in st.session_state:
        st.session_state[nkey] = cur.notes.get(question.id, "")
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
            placeholder="Evidence, context, or who would know",
            height=68,
            max_chars=limits.NOTE_CHARS,
            disabled=not cur.editable,
        )


def show_target(cur: state.Current, pillar: Pillar) -> None:
    """The optional ambition for the pillar: a level of the model's scale."""
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


def save_answer(question_id: str) -> None:
    """Callback: write an answer to the store, then to the session's copy."""
    cur = state.current()
    if cur is None:
        return
    key = answer_key(question_id)
    value = st.session_state.get(key)
    if _saved(lambda: get_store().save_answer(cur.code, question_id, value)):
        if value is None:
            cur.answers.pop(question_id, None)
        else:
            cur.answers[question_id] = value
    else:
        _revert(key, (state.current() or cur).answers.get(question_id))


def save_note(question_id: str) -> None:
    """Callback: write a note to the store, then to the session's copy."""
    cur = state.current()
    if cur is None:
        return
    key = note_key(question_id)
    value = (st.session_state.get(key) or "").strip()
    if _saved(lambda: get_store().save_note(cur.code, question_id, value or None)):
        if value:
            cur.notes[question_id] = value
        else:
            cur.notes.pop(question_id, None)
    else:
        _revert(key, (state.current() or cur).notes.get(question_id, ""))


def save_target(pillar_id: str) -> None:
    """Callback: write a pillar's target level to the store, then to the session's copy."""
    cur = state.current()
    if cur is None:
        return
    key = target_key(pillar_id)
    value = st.session_state.get(key)
    if _saved(lambda: get_store().save_target(cur.code, pillar_id, value)):
        if value is None:
            cur.targets.pop(pillar_id, None)
        else:
            cur.targets[pillar_id] = value
    else:
        latest = state.current() or cur
        _revert(key, latest.targets.get(pillar_id, latest.model.scale.target_level))


def _saved(write: Callable[[], None]) -> bool:
    from store.records import DraftClosed

    try:
        write()
    except DraftClosed:
        cur = state.current()
        draft = get_store().load_draft(cur.code) if cur else None
        if cur is not None and draft is not None:
            cur = state.attach(cur.code, draft)  # show it as it now is: read-only
        words = cur.status_words if cur is not None else "finished"
        state.flash(f"This assessment was {words}, so its answers can no longer change.")
        return False
    except Exception:
        LOG.exception("cannot save")
        state.flash(
            "That change could not be saved, so it has been undone. Please try again in a "
            "moment; your other answers are safe."
        )
        return False
    return True
