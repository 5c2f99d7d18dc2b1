"""The check before finishing: what is unanswered, then finish and see the results."""

from __future__ import annotations

import logging

import streamlit as st

from questionnaire.schema import UNKNOWN
from ui import details, nav, state
from ui.questionnaire import progress
from ui.resources import get_store
from ui.text import md_escape, plural

LOG = logging.getLogger("ui")


def render(cur: state.Current) -> None:
    """Draw the check-and-finish page of the open assessment."""
    st.title("Check and finish")
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
    if not cur.answers:
        st.caption("Answer at least one question to finish.")
    if st.button(
        "Finish and see the results",
        key="finish",
        type="primary",
        icon=":material/done_all:",
        disabled=not cur.answers,
    ):
        finish(cur)
        nav.go("results")
    st.divider()
    details.discard(cur)


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
