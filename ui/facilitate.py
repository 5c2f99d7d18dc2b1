"""The facilitator's view of one group assessment: join code, live view, agreement, closing.

Opened from the Group assessments list, or by the facilitator's private link
(``/facilitate?facilitator=CODE``). In shared mode the link alone is not enough: the person
must also be signed in with a role that runs group assessments of that organisation, so a
participant's link, or a facilitator's link that reached the wrong person, opens nothing.

- **Join**: the join code, large, with a QR code of the join link (made here by ``segno``:
  nothing is fetched), for a projector.
- **Live view**: redrawn every few seconds by itself (``st.fragment(run_every=...)``, so the
  rest of the page does not rerun): who has joined and how far each has got; pillar scores
  per group with the leadership-frontline gap, as a chart and a table; every question's
  answers, consensus and spread, disagreements first. **Projector mode** shows large type and
  never names a participant.
- **Agree**: for each question, disagreements first, the answer the group agreed, why, and
  any dissent in the dissenters' words. An agreed answer replaces the consensus.
- **Close** stores the group's assessment of the organisation for History; **reopen** takes
  it back out until the group assessment is closed again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import streamlit as st

from questionnaire.schema import NA, UNKNOWN
from reports.text import shorten
from scoring.present import answer_label, score_text, signed_text
from store.access import Ability
from ui import access, nav
from ui.details import group_label
from ui.report_view import CHART_CONFIG
from ui.resources import get_store
from ui.text import escaped_rows, md_escape, plural
from ui.workshops import FACILITATING

if TYPE_CHECKING:
    from scoring.aggregate import GroupResult, QuestionSpread
    from store.workshops import Participant, WorkshopInfo

LOG = logging.getLogger("ui")
CODE_PARAM = "facilitator"
REFRESH_SECONDS = 5
NOT_YOURS = (
    "This group assessment is not open to you. Facilitators sign in with an account given "
    "its organisation; a participant's link opens only that participant's answers."
)


def chosen() -> WorkshopInfo | None:
    """The group assessment this session facilitates, if the person may facilitate it."""
    store = get_store()
    found = None
    code = (st.query_params.get(CODE_PARAM) or "").strip()
    if code:
        from ui import throttle

        throttle.before_check()
        found = store.workshop_by_facilitator(code)
        throttle.checked(found is not None)
    elif isinstance(st.session_state.get(FACILITATING), int):
        found = store.workshop(st.session_state[FACILITATING])
    if found is None:
        return None
    if not access.principal().may_for(Ability.FACILITATE, found.organisation):
        return None
    st.session_state[FACILITATING] = found.id
    return found


def render() -> None:
    """Draw the facilitator's view."""
    st.title("Facilitate", anchor=False)
    found = chosen()
    if found is None:
        st.info(
            NOT_YOURS
            if st.query_params.get(CODE_PARAM)
            else "Open a group assessment from the Group assessments page."
        )
        nav.link("workshops", "Group assessments", icon=":material/groups:")
        return
    st.markdown(
        f"**{md_escape(found.title)}** · {md_escape(found.organisation)} · "
        f"{md_escape(found.model.title)} {md_escape(found.model.version)} · "
        + ("open" if found.open else "closed")
    )
    code = st.session_state.pop("_facilitator_code", None)
    if isinstance(code, str):
        st.success("Created. Your private facilitator link is below; it is shown only now.")
        # Folded, so projecting the page straight away does not show the room the link.
        with st.expander("Private facilitator link (reopens this page; do not project it)"):
            st.code(facilitator_link(code), language=None, wrap_lines=True)
    projector = st.toggle(
        "Projector mode (large type; no participant is named)", key="facilitate-projector"
    )
    join_panel(found, projector)
    # A keyed tab set that reruns when changed: the open tab survives the full runs a save or
    # a close causes, and only the open tab is drawn, so "Agree answers" is worked out afresh
    # whenever it is opened rather than kept from the page's first run.
    tabs = ("Live view", "Agree answers", "Close")
    live, agree, close = st.tabs(tabs, key="facilitate-tab", on_change="rerun")
    chosen_tab = st.session_state.get("facilitate-tab") or tabs[0]
    if chosen_tab == tabs[0]:
        with live:
            live_view(found.id, projector)
    elif chosen_tab == tabs[1]:
        with agree:
            agreement(found)
    else:
        with close:
            closing(found)


def base_url() -> str | None:
    """The app's address (scheme and host), or None when unknown (as in tests)."""
    try:
        url = st.context.url
    except Exception:
        return None
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def facilitator_link(code: str) -> str:
    base = base_url()
    return f"{base}/facilitate?{CODE_PARAM}={code}" if base else f"facilitator code: {code}"


def join_link(join: str) -> str | None:
    base = base_url()
    return f"{base}/join?join={join}" if base else None


def join_panel(found: WorkshopInfo, projector: bool) -> None:
    """The join code, large, with the QR code of the join link."""
    from store.workshops import shown_join_code

    if not found.open:
        st.info("This group assessment is closed: nobody can join or change answers.")
        return
    size = "4.5rem" if projector else "2.6rem"
    left, right = st.columns([3, 2])
    with left:
        st.markdown("Join at **/join** with the code")
        # The code is made of letters and digits only (store.workshops.JOIN_ALPHABET).
        st.html(
            f'<p style="font-size:{size};font-weight:700;letter-spacing:0.08em;margin:0">'
            f"{shown_join_code(found.join_code)}</p>"
        )
        link = join_link(found.join_code)
        if link:
            st.code(link, language=None, wrap_lines=True)
    with right:
        link = join_link(found.join_code) or found.join_code
        st.image(
            qr_svg(link, 10 if projector else 6),
            caption="Scan to join",
            alt=f"QR code of the join link, {link}",
        )


def qr_svg(text: str, scale: int) -> str:
    """A QR code of ``text`` as an SVG document (drawn here; nothing is fetched)."""
    import segno

    return segno.make(text, error="m").svg_inline(scale=scale, dark="#0b0c0c", light="#ffffff")


def group_result(workshop_id: int) -> tuple[list[Participant], GroupResult | None]:
    """Everyone who joined, and the aggregate of those who have answered anything."""
    from scoring.aggregate import aggregate

    store = get_store()
    found = store.workshop(workshop_id)
    assert found is not None
    people = store.participants(workshop_id)
    answering = [p.responses for p in people if p.answered]
    agreed = store.agreed(workshop_id)
    if not answering:
        return people, None
    return people, aggregate(found.model, answering, agreed)


@st.fragment(run_every=REFRESH_SECONDS)
def live_view(workshop_id: int, projector: bool) -> None:
    """Who has joined, how far each has got, and the spread of views (redrawn on its own)."""
    people, group = group_result(workshop_id)
    found = get_store().workshop(workshop_id)
    assert found is not None
    total = len(found.model.questions())
    finished = sum(1 for p in people if p.status == "complete")
    st.markdown(
        f"**{plural(len(people), 'participant')}** joined; {finished} finished. "
        f"Redrawn every {REFRESH_SECONDS} seconds."
    )
    if people:
        rows: list[dict[str, object]] = []
        for n, p in enumerate(people, 1):
            who = f"Participant {n}" if projector or found.anonymous or not p.name else p.name
            rows.append(
                {
                    "Participant": who,
                    "Group": group_label(p.group) if p.group else "not given",
                    "Answered": f"{p.answered} of {total}",
                    "Finished": "yes" if p.status == "complete" else "no",
                }
            )
        st.table(escaped_rows(rows))
    if group is None:
        st.info("Nobody has answered yet. Scores appear here as answers arrive.")
        return
    by_group(group)
    questions_table(group)


def by_group(group: GroupResult) -> None:
    """Pillar scores per group, the gap between leadership and frontline, chart and table."""
    from reports.chartdata import group_data
    from reports.figures import group_figure

    data = group_data(group)
    st.header("Pillars by group", anchor=False)
    st.plotly_chart(group_figure(data), key="facilitate-groups", config=CHART_CONFIG)
    rows = []
    for p, name in enumerate(data.names):
        row: dict[str, object] = {"Pillar": name, "Consensus": score_text(data.consensus[p])}
        for g, label in enumerate(data.groups):
            row[group_label(label)] = score_text(data.scores[g][p], "none")
        gap = data.gaps[p]
        row[f"{group_label(data.high)} minus {group_label(data.low)}"] = (
            "–" if gap is None else signed_text(gap)
        )
        rows.append(row)
    st.table(escaped_rows(rows))


def questions_table(group: GroupResult) -> None:
    """Every question's answers, consensus and spread; disagreements first."""
    model = group.result.model
    from scoring.present import question_numbers

    numbers = question_numbers(model)
    st.header("Questions, disagreements first", anchor=False)
    rows: list[dict[str, object]] = []
    for q in group.disagreements():
        counts = " · ".join(
            f"{shorten(answer_label(model, q.id, a), 40)}: {n}" for a, n in q.counts.items() if n
        )
        question = model.question(q.id)
        asked = shorten(question.text, 90) if question is not None else q.id
        rows.append(
            {
                "Question": f"{numbers.get(q.id, q.id)} {asked}",
                "Answers": counts or "none yet",
                "Consensus": score_text(q.consensus, "–"),
                "Spread": score_text(q.spread, "–"),
                "Disagreement": "yes" if q.disagreement else "no",
                "Agreed": shorten(answer_label(model, q.id, q.agreed.answer), 40)
                if q.agreed
                else "",
            }
        )
    st.table(escaped_rows(rows))


def agreement(found: WorkshopInfo) -> None:
    """Record the agreed answer of a question, its rationale and any dissent."""
    if not found.open:
        st.info("Reopen the group assessment to change agreed answers.")
    _, group = group_result(found.id)
    model = found.model
    order: list[str] = (
        [q.id for q in group.disagreements()]
        if group is not None
        else [q.id for _, q in model.questions()]
    )
    from scoring.present import question_numbers

    numbers = question_numbers(model)
    spread: dict[str, QuestionSpread] = (
        {q.id: q for q in group.questions} if group is not None else {}
    )

    def label(q: str) -> str:
        question = model.question(q)
        text = question.text if question is not None else q
        disagreed = q in spread and spread[q].disagreement
        return f"{numbers.get(q, q)}: {text}" + ("  (disagreement)" if disagreed else "")

    question_id = st.selectbox(
        "Question (disagreements first)", order, format_func=label, key="agree-question"
    )
    if question_id is None:
        return
    question = model.question(question_id)
    assert question is not None
    current = get_store().agreed(found.id).get(question_id)
    answers: list[str] = [o.id for o in question.options] + [UNKNOWN]
    answers += [NA] if question.allow_na else []
    with st.form(f"agree-form-{question_id}", border=True):
        answer = st.selectbox(
            "Agreed answer",
            answers,
            index=answers.index(current.answer) if current and current.answer in answers else None,
            format_func=lambda a: answer_label(model, question_id, a),
            key=f"agree-answer-{question_id}",
            placeholder="Choose the answer the group agreed",
        )
        rationale = st.text_area(
            "Why the group agreed it",
            value=(current.rationale or "") if current else "",
            key=f"agree-rationale-{question_id}",
        )
        dissent = st.text_area(
            "Dissent: which group or person disagreed, and why, in their words",
            value=(current.dissent or "") if current else "",
            key=f"agree-dissent-{question_id}",
        )
        saved = st.form_submit_button("Save the agreed answer", disabled=not found.open)
    if saved:
        from store.records import StoreError

        try:
            get_store().save_agreed(found.id, question_id, answer, rationale, dissent)
        except (StoreError, ValueError) as exc:
            st.error(f"Not saved: {exc}.")
            return
        st.success("Saved." if answer else "Cleared: the consensus stands for this question.")


def closing(found: WorkshopInfo) -> None:
    """Close (storing the group's assessment for History) or reopen."""
    store = get_store()
    if found.open or found.status == "open":
        st.markdown(
            "Closing stops anyone joining or changing answers and stores the group's "
            "assessment of the organisation, with its participants' answers and the agreed "
            "answers, in History. You can reopen it later."
        )
        if st.button("Close the group assessment", key="workshop-close", type="primary"):
            from store.records import StoreError

            try:
                store.close_workshop(found.id)
            except StoreError as exc:
                st.error(f"Not closed: {exc}.")
                return
            LOG.info("group assessment %d closed", found.id)
            st.rerun()
        return
    st.success("Closed: the group's assessment is in History.")
    results(found)
    if st.button("Reopen", key="workshop-reopen"):
        store.reopen_workshop(found.id)
        st.rerun()


def results(found: WorkshopInfo) -> None:
    """The closed group assessment's report downloads."""
    if found.assessment_id is None:
        return
    from ui.downloads import DOCX, HTML, PDF, group_report, report_button, show_failures

    stored = get_store().assessment(found.assessment_id)
    earlier = [
        a.result for a in get_store().assessments(found.organisation) if a.date < stored.date
    ]
    group = group_report(stored)
    with st.container(horizontal=True, key="workshop-downloads"):
        failures = [
            report_button(
                form, stored.result, earlier, key=f"workshop-{form.suffix}-{found.id}", group=group
            )
            for form in (PDF, HTML, DOCX)
        ]
    show_failures(failures)
