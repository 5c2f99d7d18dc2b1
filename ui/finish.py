"""The check before finishing: what is unanswered, a draft of the results, then finishing.

Finishing fixes the answers for good, so it is never one click. The page says so next to the
button, before anyone presses it; pressing "Finish and see the results" only opens a
confirmation that names how many questions are still unanswered (they are left out of the
score) and says again that the answers will be fixed; a second button, "Yes, finish", does
it, and "Not yet" closes the question. Two buttons, not a tick box: each is reached with Tab
and pressed with Enter or Space, and the confirmation follows the first button, so the next
Tab lands on it. The question is remembered per resume code, so it never stays open for
another assessment opened in the same tab. The results so far are one link away, on the
Results page, marked as a draft (:func:`ui.results.render`).
"""

from __future__ import annotations

import logging

import streamlit as st

from questionnaire.schema import UNKNOWN
from ui import details, nav, state
from ui.questionnaire import progress
from ui.resources import get_store
from ui.text import md_escape, plural

LOG = logging.getLogger("ui")
ASKED = "finish-asked"  # the resume code whose finishing was asked for, awaiting a yes
FIXED = (
    "**When you finish, your answers are fixed:** they cannot be changed afterwards, and the "
    "assessment is kept as finished. To answer again later, a new draft can be started from "
    "its answers."
)
PREVIEW_LINK = "See the results so far (a draft: nothing is finished)"


def confirm_question(unanswered: int) -> str:
    """What the confirmation asks, naming the unanswered questions (none: says so)."""
    if unanswered:
        are = "is" if unanswered == 1 else "are"
        they = "it" if unanswered == 1 else "they"
        lead = (
            f"{plural(unanswered, 'question')} {are} unanswered; {they} will be left out of "
            "the score. Finish anyway?"
        )
    else:
        lead = "Every question has an answer. Finish now?"
    return f"**{lead}** Once finished, the answers are fixed and cannot change."


def render(cur: state.Current) -> None:
    """Draw the check-and-finish page of the open assessment."""
    st.title("Check and finish", anchor=False)
    if cur.status == "complete":
        st.success("This assessment is finished.")
        nav.link("results", "See the results", icon=":material/insights:")
        return
    if cur.status != "draft":
        st.warning(f"This assessment was {cur.status_words}, so it cannot be finished.")
        return
    progress(cur)
    details.edit_details(cur)
    missing = cur.unanswered()
    if not missing:
        st.success("Every question has an answer.")
    else:
        count = sum(len(ids) for _, ids in missing)
        st.warning(
            f"{plural(count, 'question')} not answered yet. Unanswered questions are left out "
            "of the score. You can answer them now, or finish without them."
        )
        for pillar, ids in missing:
            with st.container(border=True, key=f"unanswered-{pillar.id}"):
                nav.link(
                    pillar,
                    f"{md_escape(pillar.name)}: {plural(len(ids), 'unanswered question')}",
                    icon=":material/edit:",
                )
                lines = []
                for qid in ids:
                    question = cur.model.question(qid)
                    assert question is not None
                    lines.append(f"- {md_escape(question.text)}")
                st.markdown("\n".join(lines))
    unknown = sum(1 for a in cur.answers.values() if a == UNKNOWN)
    if unknown:
        st.info(
            f"You answered \u201cDon't know\u201d to {plural(unknown, 'question')}. Each counts "
            "as zero and is listed in the report as something to find out."
        )
    nav.link("results", PREVIEW_LINK, icon=":material/preview:")
    if not cur.answers:
        st.caption("Answer at least one question to finish.")
    st.markdown(FIXED)
    if st.button(
        "Finish and see the results",
        key="finish",
        type="primary",
        icon=":material/done_all:",
        disabled=not cur.answers,
    ):
        st.session_state[ASKED] = cur.code
    if cur.answers and st.session_state.get(ASKED) == cur.code:
        confirm(cur, sum(len(ids) for _, ids in missing))
    st.divider()
    details.discard(cur)


def confirm(cur: state.Current, unanswered: int) -> None:
    """The second step: the question, then "Yes, finish" (which finishes) or "Not yet"."""
    with st.container(border=True, key="finish-confirm-box"):
        st.markdown(confirm_question(unanswered))
        with st.container(horizontal=True):
            yes = st.button(
                "Yes, finish and fix the answers",
                key="finish-confirm",
                type="primary",
                icon=":material/lock:",
            )
            no = st.button("Not yet", key="finish-cancel", icon=":material/undo:")
    if no:
        st.session_state.pop(ASKED, None)
        st.rerun()
    if yes:
        st.session_state.pop(ASKED, None)
        finish(cur)
        nav.go("results")


def finish(cur: state.Current) -> None:
    """Mark the draft complete in the store and reload it (it now has its date)."""
    from store.faults import DatabaseFault
    from store.records import DraftClosed

    store = get_store()
    try:
        store.complete(cur.code)
    except DraftClosed:
        pass  # finished or abandoned elsewhere; reload to show which
    except DatabaseFault as exc:
        LOG.warning("cannot complete: %s (%s)", exc.kind, exc.detail)
        st.error(
            f"The assessment could not be finished: {exc.reason}. Your answers so far are "
            f"saved. {exc.advice}"
        )
        st.stop()
    except Exception:
        LOG.exception("cannot complete")
        st.error(
            "The assessment could not be finished just now. Your answers are saved; please "
            "try again in a moment."
        )
        st.stop()
    draft = store.load_draft(cur.code)
    if draft is not None:
        state.attach(cur.code, draft)
