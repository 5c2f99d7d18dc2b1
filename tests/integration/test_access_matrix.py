"""The access matrix of shared mode: each kind of person against each page and download.

Two organisations, Alpha and Beta, each with finished assessments whose names and notes
carry markers, and a draft of Alpha. The people: an administrator named in MATURITY_ADMINS,
a consultant and a viewer given Alpha, an account whose role is respondent, someone signed
in with no account, someone whose address the provider says is unverified, and someone not
signed in. The expected table below is written out by hand from the issue, not derived from
``store.access.GRANTS``, so a change to the rules that the issue does not allow fails here.

For every allowed page the test also reads everything drawn and every report made for
download, and checks nothing of an organisation the person is not given appears. Then the
tampering a tester would try: the History selector forced to another organisation, junk
parameters in the address, a flipped resume code, and a participant's link (which opens its
own assessment and nothing more: no earlier assessments, no other page).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from test_app_support import APP, TIMEOUT, model_path, open_page

from questionnaire.loader import load_model
from store.access import Role
from store.repository import Store

ALPHA, BETA = "Alpha Constabulary", "Beta Police Service"
MARKS = {ALPHA: ("ALPHA-NAME-7f3", "ALPHA-NOTE-91c"), BETA: ("BETA-NAME-2d8", "BETA-NOTE-44e")}

ADMIN = "chief.admin@example.org"
PEOPLE: dict[str, dict[str, Any]] = {
    "administrator": {"is_logged_in": True, "email": ADMIN},
    "consultant": {"is_logged_in": True, "email": "consultant@example.org"},
    "viewer": {"is_logged_in": True, "email": "viewer@example.org"},
    "respondent": {"is_logged_in": True, "email": "respondent@example.org"},
    "stranger": {"is_logged_in": True, "email": "stranger@example.org"},
    "unverified": {
        "is_logged_in": True,
        "email": "consultant@example.org",
        "email_verified": False,
    },
    "anonymous": {},
}
# page path -> title drawn when the page opens
PAGES = {
    "": None,
    "history": "History",
    "model": "Model",
    "users": "Users",
    "workshops": "Group assessments",
    "facilitate": "Facilitate",
    "join": "Join a group assessment",
}
# Who may open which page (the Start page, "", is everyone's).
ANYONE = {"join"}
EXPECTED = {
    "administrator": {"history", "model", "users", "workshops", "facilitate"} | ANYONE,
    "consultant": {"history", "model", "workshops", "facilitate"} | ANYONE,
    "viewer": {"history"} | ANYONE,
    "respondent": ANYONE,
    "stranger": ANYONE,
    "unverified": ANYONE,
    "anonymous": ANYONE,
}
# Whose organisations each may read in History.
SEES = {"administrator": {ALPHA, BETA}, "consultant": {ALPHA}, "viewer": {ALPHA}}
CAN_START = {"administrator", "consultant"}


@pytest.fixture
def world(tmp_path, monkeypatch) -> dict[str, Any]:
    """The two organisations' data, the accounts, and shared mode switched on."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    monkeypatch.setenv("MATURITY_MODEL", str(model_path()))
    monkeypatch.setenv("MATURITY_MODE", "shared")
    monkeypatch.setenv("MATURITY_ADMINS", ADMIN.upper())
    model = load_model(model_path())
    text = model_path().read_text(encoding="utf-8")
    codes: dict[str, str] = {}
    with Store(url) as store:
        for organisation, (name, note) in MARKS.items():
            for year in (2024, 2025):
                code = store.start_draft(
                    model,
                    text,
                    organisation,
                    None,
                    dt.date(year, 3, 1),
                )
                from questionnaire.schema import Respondent

                store.update_details(code, respondent=Respondent(name=f"{name}-{year}"))
                for n, (_, question) in enumerate(model.questions()):
                    store.save_answer(code, question.id, question.options[n % 2].id)
                    store.save_note(code, question.id, f"{note}-{year}")
                store.complete(code)
                codes[f"{organisation}-{year}"] = code
        draft = store.start_draft(model, text, ALPHA, None, dt.date(2026, 3, 1))
        codes["draft"] = draft
        store.set_user("consultant@example.org", Role.CONSULTANT, [ALPHA])
        store.set_user("viewer@example.org", Role.VIEWER, [ALPHA])
        store.set_user("respondent@example.org", Role.RESPONDENT)
    return {"url": url, "codes": codes, "model": model}


def session(person: str, page: str = "", query: dict[str, str] | None = None) -> AppTest:
    """A new browser session of ``person`` opened at ``/<page>?<query>``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = dict(PEOPLE[person])
    if query:
        at.query_params.update(query)
    return open_page(at, page)


def drawn(at: AppTest, options: bool = True) -> str:
    """Everything the run drew as text (with the choices of every selector unless
    ``options`` is false), and every report it made for download."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(t.value) for t in at.table]
    parts += [repr(t.value) for t in at.dataframe]
    for box in at.selectbox if options else ():
        parts += [str(o) for o in box.options]
    for key in made(at):
        parts.append(repr(at.session_state[key]))
    return "\n".join(parts)


def made(at: AppTest) -> list[str]:
    """The session keys of the reports behind this run's download buttons."""
    state = at.session_state.to_dict()
    return [f"{b.key}-made" for b in at.download_button if f"{b.key}-made" in state]


def leaks(text: str, allowed: set[str]) -> list[str]:
    """The markers of organisations not in ``allowed`` found in ``text``."""
    found = []
    for organisation, marks in MARKS.items():
        if organisation in allowed:
            continue
        found += [m for m in (organisation, *marks) if m in text]
    return found


def title(at: AppTest) -> str:
    return at.title[0].value if at.title else ""


@pytest.mark.parametrize("person", list(PEOPLE))
def test_each_person_reaches_exactly_the_pages_their_role_allows(world, person):
    assert not session(person).exception
    for path, page_title in PAGES.items():
        if not path:
            continue
        at = session(person, path)
        assert not at.exception, [e.value for e in at.exception]
        opened = title(at) == page_title
        assert opened == (path in EXPECTED[person]), (person, path, title(at))
        assert not leaks(drawn(at), SEES.get(person, set())), (person, path)


@pytest.mark.parametrize("person", ["administrator", "consultant", "viewer"])
def test_history_lists_only_their_organisations_and_its_downloads_hold_only_those(world, person):
    at = session(person, "history")
    box = at.selectbox(key="history-organisation")
    assert set(box.options) == SEES[person]
    for organisation in sorted(SEES[person]):
        at.selectbox(key="history-organisation").set_value(organisation).run()
        assert not at.exception
        assert made(at), "the History page makes its report downloads"
        # Its own selector lists the others the person may see; nothing else may.
        assert not leaks(drawn(at, options=False), {organisation}), (person, organisation)


def test_the_history_selector_cannot_be_forced_to_another_organisation(world):
    at = session("consultant", "history")
    # AppTest refuses a value that is not an option, as the server does.
    with contextlib.suppress(Exception):
        at.selectbox(key="history-organisation").set_value(BETA).run()
    assert not leaks(drawn(at), {ALPHA})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_only_administrators_and_consultants_see_the_start_form(world, person):
    at = session(person)
    forms = [b.label for b in at.button]
    can_start = "Start the assessment" in " ".join(forms) or bool(
        [s for s in at.selectbox if s.key == "start-organisation-choice"]
        + [t for t in at.text_input if t.key == "start-organisation"]
    )
    assert can_start == (person in CAN_START), (person, forms)


def test_a_consultant_can_start_only_their_own_organisations(world):
    at = session("consultant")
    box = at.selectbox(key="start-organisation-choice")
    assert list(box.options) == [ALPHA]
    box.set_value(ALPHA)
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    assert not at.exception and not at.error
    assert at.session_state["current"].organisation == ALPHA


def test_junk_in_the_address_shows_nothing_of_another_organisation(world):
    for person in ("consultant", "viewer", "anonymous"):
        query = {"organisation": BETA, "assessment": "1", "id": "2", "org": BETA}
        for path in PAGES:
            at = session(person, path, query)
            assert not at.exception
            assert not leaks(drawn(at), SEES.get(person, set())), (person, path)


@pytest.mark.parametrize("person", ["anonymous", "stranger", "respondent"])
def test_a_participants_link_opens_its_own_assessment_and_nothing_more(world, person):
    code = world["codes"]["draft"]
    at = session(person, "", {"resume": code})
    assert at.session_state["current"].organisation == ALPHA
    # Its questionnaire pages are open to the link holder ...
    first = world["model"].pillars[0]
    page = session(person, first.id, {"resume": code})
    assert title(page) != title(session(person)), "the pillar page opens with the link"
    # ... but not History, the Model or Users, and no earlier assessment of Alpha.
    for path in ("history", "model", "users", "workshops", "facilitate"):
        other = session(person, path, {"resume": code})
        assert title(other) != PAGES[path]
        assert not leaks(drawn(other), {ALPHA})
        text = drawn(other)
        assert "ALPHA-NAME" not in text and "ALPHA-NOTE" not in text


def test_a_finished_assessments_link_shows_its_results_without_earlier_ones(world):
    code = world["codes"][f"{ALPHA}-2025"]
    at = session("anonymous", "results", {"resume": code})
    assert title(at) == "Results"
    assert made(at), "the Results page makes its downloads"
    text = drawn(at)
    assert "ALPHA-NAME-7f3-2025" in text  # its own respondent
    assert "ALPHA-NAME-7f3-2024" not in text and "ALPHA-NOTE-91c-2024" not in text
    assert not leaks(text, {ALPHA})
    assert "Section(id='change'" not in text, "no 'since last time' for a link holder"
    # The consultant of Alpha opening the same link does get the comparison.
    at = session("consultant", "results", {"resume": code})
    assert "Section(id='change'" in drawn(at)


def test_a_flipped_resume_code_is_refused_with_the_message_any_wrong_code_gets(world, monkeypatch):
    import ui.throttle

    monkeypatch.setattr(ui.throttle, "sleep", lambda seconds: None)
    code = world["codes"]["draft"]
    flipped = code[:-1] + ("A" if code[-1] != "A" else "B")
    one = session("anonymous", "", {"resume": flipped})
    other = session("anonymous", "", {"resume": "x" * len(code)})
    messages = [[e.value for e in at.error] for at in (one, other)]
    assert messages[0] == messages[1] and messages[0]
    assert "current" not in one.session_state


def test_repeated_wrong_codes_are_slowed_and_logged_without_the_code(world, monkeypatch, caplog):
    import ui.throttle

    waits: list[float] = []
    monkeypatch.setattr(ui.throttle, "sleep", waits.append)
    monkeypatch.setattr(ui.throttle, "THROTTLE", ui.throttle.Throttle())
    at = session("anonymous")
    wrong = [f"wrong-code-{n:02d}-zzzz" for n in range(6)]
    with caplog.at_level(logging.WARNING, logger="ui.security"):
        for code in wrong:
            at.text_input(key="resume-code").input(code)
            at.button(key="FormSubmitter:resume-form-Resume").click().run()
    assert waits == [1.0, 2.0, 4.0], waits
    lines = [r.getMessage() for r in caplog.records if r.name == "ui.security"]
    assert len(lines) == len(wrong)
    assert all(c not in line for line in lines for c in wrong)
    # A new session from the same address is slowed as much: the address is counted too.
    waits.clear()
    again = session("anonymous")
    again.text_input(key="resume-code").input("wrong-code-again")
    again.button(key="FormSubmitter:resume-form-Resume").click().run()
    if ui.throttle.who()[1] is not None:
        assert waits and waits[0] >= 8.0


@pytest.mark.parametrize("person", ["anonymous", "viewer", "consultant"])
def test_a_link_holder_cannot_move_the_assessment_into_an_organisation_not_theirs(world, person):
    code = world["codes"]["draft"]
    at = session(person, "finish", {"resume": code})
    box = at.text_input(key="details-organisation")
    assert box.disabled == (person not in CAN_START)
    # A value sent past the disabled box (AppTest will not type into one, so the value is
    # put straight into the widget's state) is refused by the server too.
    if box.disabled:
        at.session_state["details-organisation"] = BETA
    else:
        box.set_value(BETA)
    at.button(key="FormSubmitter:details-form-Save the details").click().run()
    assert any("cannot move" in e.value for e in at.error)
    with Store(world["url"]) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.organisation == ALPHA


def test_an_administrator_may_move_a_draft_to_any_organisation(world):
    code = world["codes"]["draft"]
    at = session("administrator", "finish", {"resume": code})
    at.text_input(key="details-organisation").set_value(BETA)
    at.button(key="FormSubmitter:details-form-Save the details").click().run()
    assert not at.error
    with Store(world["url"]) as store:
        draft = store.load_draft(code)
    assert draft is not None and draft.organisation == BETA
