"""A group assessment run end to end in a real browser: one facilitator, three participants.

Local mode, one app server, one SQLite file; every person has a browser context of their own
(their own cookies and Streamlit session), as four people on four devices would:

- the facilitator creates the group assessment (organisation and title; the groups left as
  offered), and reads the join code off the page;
- a leader and a specialist, on laptops, open /join and type the code; a frontline officer
  on a phone (390 x 844, touch) opens the join link (what scanning the QR code gives);
- each gives a name and a group and answers every question, the leader high, the frontline
  officer low, so questions divide them; the specialist reloads half-way through a pillar and
  must find every answer kept, then carries on from the resume link the reload kept;
- the facilitator's live view shows all three as its fragment redraws itself (the test waits
  for that redraw and never reloads the facilitator's page), with the leadership-minus-
  frontline column of the by-group table;
- the facilitator records one agreed answer with a rationale and a dissent, closes the group
  assessment, downloads the PDF from the Close tab, and finds the group's assessment in
  History.

axe-core is run on the phone's Join page, and the phone's pages must not scroll sideways.
With UPDATE_SCREENSHOTS=1 the test saves the README's screenshots of the live view (projector
mode off) and of the phone's Join page.

The participants answer in lock step (each question is clicked on all three pages, then each
page is waited for), so the server works on three reruns at once, as it would in a room,
rather than on three people one after another.

Two shorter tests open the facilitator's page with participants seeded through the store:
axe-core on it (it found the QR code without a text alternative), and the Agree answers tab
being current when opened and staying open after a save (it was drawn only by a full run, so
it offered questions in the model's order while the live view showed a disagreement, and a
save showed the Live view tab again).

Skipped with a reason when chromium or axe-core is absent; `.ci/run` sets
MATURITY_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from axe_run import run_axe, serious
from playwright.sync_api import expect
from pypdf import PdfReader

# pytest finds fixtures by name: these come from the other browser suites, so every browser
# test launches chromium one way and starts the server one way.
from test_browser import (  # noqa: F401
    IMAGES,
    AppServer,
    browser_type_launch_args,
    model,
    server,
    wait_for_app,
)
from test_html_report_axe import axe_js  # noqa: F401

from questionnaire.loader import DEFAULT_MODEL
from questionnaire.schema import Model
from scoring.present import question_numbers
from store import Store
from store.workshops import JOIN_ALPHABET, JOIN_LENGTH

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

ORGANISATION = "Heddlu Prawf – Test Constabulary"
TITLE = "Chief officer group workshop, March"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
RATIONALE = "A plan exists but is not yet funded"
DISSENT = "Frontline: 'we have never been shown it'"
WAIT = 30_000  # ms: generous, for a loaded 2-core machine
# The live view redraws every few seconds; allow several redraws on a slow machine.
REDRAWN = 45_000
HALF = JOIN_LENGTH // 2  # shown as two halves: ACDE-FGHJ (store.workshops.shown_join_code)
SHOWN_CODE = re.compile(f"^[{JOIN_ALPHABET}]{{{HALF}}}-[{JOIN_ALPHABET}]{{{HALF}}}$")


@dataclass
class Person:
    """One participant: who they are, their browser page, and the answers they gave."""

    name: str
    group: str  # as the select box shows it
    page: Any
    touch: bool = False
    typed: str | None = None  # the join code as typed; None: opens the join link
    given: dict[str, str] = field(default_factory=dict)

    def press(self, target: Any) -> None:
        """Tap on the phone, click elsewhere."""
        if self.touch:
            target.tap()
        else:
            target.click()


@pytest.fixture
def contexts(browser: Any) -> Iterator[Any]:
    """Makes browser contexts (one per person) and closes them all at the end."""
    made: list[Any] = []

    def make(viewport: dict[str, int], phone: bool = False) -> Any:
        context = browser.new_context(
            viewport=viewport,
            accept_downloads=True,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=2 if phone else 1,
        )
        made.append(context)
        return context.new_page()

    yield make
    for context in made:
        context.close()


# --- small steps -----------------------------------------------------------------------------
def heading(page: Any, text: str | re.Pattern[str]) -> None:
    """Wait until the page's title reads ``text`` and its run has finished."""
    expect(page.locator("h1").first).to_have_text(text, timeout=WAIT)
    wait_for_app(page)


def open_list(page: Any, label: str, touch: bool = False) -> Any:
    """Open the select box labelled ``label``; returns its options. A person whose click did
    not open the list clicks again: so does this (at most three times)."""
    box = page.get_by_label(label, exact=True)
    options = page.get_by_role("option")
    for _ in range(3):
        box.tap() if touch else box.click()
        try:
            expect(options.first).to_be_visible(timeout=5_000)
            return options
        except AssertionError:
            continue
    expect(options.first).to_be_visible(timeout=5_000)
    return options


def choose(page: Any, label: str, option: str, touch: bool = False) -> None:
    """Choose ``option`` in the select box labelled ``label``."""
    item = open_list(page, label, touch).filter(has_text=re.compile(f"^{re.escape(option)}$"))
    item.tap() if touch else item.click()


def settle(pages: list[Any]) -> None:
    """wait_for_app for several pages at once: one pause for their reruns to begin (as
    wait_for_app makes), then each page's run must have finished."""
    pages[0].wait_for_timeout(210)
    for page in pages:
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
            state="attached", timeout=WAIT
        )


def answer_ids(served: Model, question_id: str) -> list[str]:
    """A question's answers in the order the radio shows them."""
    question = served.question(question_id)
    assert question is not None
    return [o.id for o in question.options] + ["unknown"] + (["na"] if question.allow_na else [])


def radio(page: Any, question_id: str, position: int) -> Any:
    return page.locator(f".st-key-answer-{question_id} input[type='radio']").nth(position)


def radio_label(page: Any, question_id: str, position: int) -> Any:
    return page.locator(f".st-key-answer-{question_id} [role='radiogroup'] label").nth(position)


def position_for(person: int, n: int, options: int) -> int:
    """Which answer person 0 (leadership), 1 (frontline) or 2 (specialist) gives to the
    model's question number ``n``: the leader near the top, the frontline officer near the
    bottom (so the first question, 100 against 0, is a disagreement), the specialist in the
    middle with one "don't know" (the position after the options)."""
    if person == 0:
        return options - 1 - n % 2
    if person == 1:
        return min(n % 3, options - 1)
    return options if n == 3 else min(2, options - 1)


def no_sideways_scroll(page: Any, width: int) -> None:
    """Nothing on the page is wider than the window: neither the document nor Streamlit's
    main scrolling area scrolls sideways.

    The document alone is not enough: Streamlit scrolls its main area (``stMain``), not the
    document, so a too-wide element leaves ``document.scrollingElement.scrollWidth`` at the
    window's width (tried at 390 px: a 1200 px block left it at 390 and made stMain scroll
    by 826 px)."""
    widths = page.evaluate(
        """() => {
            const main = document.querySelector("[data-testid='stMain']");
            return [document.scrollingElement.scrollWidth,
                    main ? main.scrollWidth - main.clientWidth : 0];
        }"""
    )
    assert widths[0] <= width and widths[1] <= 0, (page.url, widths)


def axe(page: Any, script: Path, where: str) -> list[str]:
    """Run axe-core on the page; return the serious or critical violations."""
    return serious(run_axe(page, script, where))


def screenshot(page: Any, name: str, full_page: bool = True) -> None:
    """Save a README screenshot when UPDATE_SCREENSHOTS=1 (so CI never dirties the tree)."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / name), full_page=full_page)


def live_view_screenshot(page: Any) -> None:
    """The README's screenshot of the live view (when UPDATE_SCREENSHOTS=1): the page from
    its title to the by-group table, taken after a full run, so the once-only "Created"
    message and the private facilitator link are no longer on it.

    Streamlit scrolls its main area, not the document, so a full-page screenshot holds only
    the window: the window is made as tall as the page for the picture, then put back."""
    if os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": LAPTOP["width"], "height": height})
    wait_for_app(page)
    page.wait_for_timeout(500)  # Plotly redraws the chart at the new size
    box = page.get_by_test_id("stTable").nth(1).bounding_box()
    assert box is not None
    clip = {"x": 0, "y": 0, "width": LAPTOP["width"], "height": box["y"] + box["height"] + 16}
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / "app-live-view.png"), clip=clip)
    page.set_viewport_size(LAPTOP)


# --- the people's parts ----------------------------------------------------------------------
def create(page: Any, url: str) -> tuple[str, str]:
    """The facilitator creates the group assessment; returns (join code, join link) as the
    page shows them."""
    page.goto(f"{url}/workshops")
    heading(page, "Group assessments")
    page.get_by_label("Organisation (for example, the name of the force)").fill(ORGANISATION)
    page.get_by_label("Title (participants see it)").fill(TITLE)
    page.get_by_role("button", name="Create").click()
    heading(page, "Facilitate")
    shown = page.get_by_text(SHOWN_CODE)
    expect(shown).to_be_visible(timeout=WAIT)
    code = shown.inner_text().strip()
    shown_link = page.get_by_test_id("stCode").filter(has_text="/join?join=")
    expect(shown_link).to_be_visible(timeout=WAIT)
    link = shown_link.inner_text().strip()
    assert link.endswith(code.replace("-", "")), (link, code)
    return code, link


def open_join(people: list[Person], url: str, link: str) -> None:
    """Everyone opens the Join page at once, by the join link or by typing the code
    (``person.typed``), until the group assessment's own form shows."""
    for person in people:
        target = f"{url}/join" if person.typed else link
        person.page.goto(target, wait_until="commit")
    for person in people:
        heading(person.page, "Join a group assessment")
        if person.typed:
            person.page.get_by_label("Join code (from the facilitator's screen)").fill(person.typed)
            person.press(person.page.get_by_role("button", name="Find it"))
    for person in people:
        expect(person.page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=WAIT)
        wait_for_app(person.page)


def join(people: list[Person], served: Model) -> None:
    """Everyone gives a name and a group and starts; the first pillar's page shows."""
    for person in people:
        person.page.get_by_label("Your name (optional)").fill(person.name)
        choose(person.page, "Your group", person.group, person.touch)
        person.press(person.page.get_by_role("button", name="Join and start"))
    for person in people:
        heading(person.page, served.pillars[0].name)
        assert "resume=" in person.page.url, person.page.url


def reload_and_check(
    person: Person, served: Model, pillar_name: str, pillar_ids: list[str]
) -> None:
    """Reload the page: the same pillar shows, from the resume link the URL still holds, with
    every answer given so far (this pillar's on the page; all of them in the progress)."""
    page = person.page
    before = page.url
    page.reload()
    heading(page, pillar_name)
    assert page.url == before and "resume=" in page.url, (before, page.url)
    for qid in pillar_ids:
        position = answer_ids(served, qid).index(person.given[qid])
        expect(radio(page, qid, position)).to_be_checked()
    total = len(served.questions())
    progress = f"Progress: {len(person.given)} of {total} questions answered"
    expect(page.get_by_text(progress)).to_be_visible()


def answer_everything(people: list[Person], served: Model, reloader: Person) -> None:
    """Every person answers every question, in lock step; ``reloader`` reloads half-way
    through the middle pillar and carries on. Everyone then finishes."""
    middle = len(served.pillars) // 2
    n = 0
    for index, pillar in enumerate(served.pillars):
        for q, question in enumerate(pillar.questions):
            positions = []
            for p, person in enumerate(people):
                position = position_for(p, n, len(question.options))
                person.press(radio_label(person.page, question.id, position))
                positions.append(position)
            for person, position in zip(people, positions, strict=True):
                expect(radio(person.page, question.id, position)).to_be_checked()
                person.given[question.id] = answer_ids(served, question.id)[position]
            settle([person.page for person in people])
            n += 1
            if index == middle and q == len(pillar.questions) // 2:
                done = [x.id for x in pillar.questions[: q + 1]]
                reload_and_check(reloader, served, pillar.name, done)
        for person in people:
            person.press(person.page.get_by_role("button", name=re.compile("^Next")))
        following = served.pillars[index + 1].name if index + 1 < len(served.pillars) else None
        for person in people:
            heading(person.page, following or "Check and finish")
    for person in people:
        expect(person.page.get_by_text("Every question has an answer.")).to_be_visible()
        person.press(person.page.get_by_role("button", name="Finish and see the results"))
    for person in people:  # finishing asks first
        person.press(person.page.get_by_role("button", name=re.compile("^Yes, finish")))
    for person in people:
        heading(person.page, "Results")


def agree(page: Any) -> tuple[str, str]:
    """Record the agreed answer of the first question offered, with a rationale and a
    dissent; returns (the question's number, the agreed answer's label)."""
    page.get_by_role("tab", name="Agree answers").click()
    wait_for_app(page)
    box = page.get_by_label("Question (disagreements first)", exact=True)
    expect(box).to_have_value(re.compile(r"\(disagreement\)$"), timeout=WAIT)
    number = box.input_value().split(":", 1)[0]
    options = open_list(page, "Agreed answer")
    agreed = options.nth(2).inner_text().strip()
    options.nth(2).click()
    page.get_by_label("Why the group agreed it").fill(RATIONALE)
    page.get_by_label("Dissent: which group or person disagreed, and why, in their words").fill(
        DISSENT
    )
    page.get_by_role("button", name="Save the agreed answer").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible(timeout=WAIT)
    return number, agreed


# A row whose question cell is the question's number (followed by its text) and whose last
# cell is the agreed answer's label, shortened with an ellipsis when long.
TABLE_ROW = """([first, last]) => [...document.querySelectorAll("[data-testid='stTable'] tr")]
    .some(tr => {
        const cells = [...tr.querySelectorAll('th, td')].map(c => c.innerText.trim());
        const agreed = cells[cells.length - 1];
        const named = cells.some(c => c === first || c.startsWith(first + ' '));
        const same = agreed === last
            || (agreed.endsWith('…') && last.startsWith(agreed.slice(0, -1)));
        return named && same;
    })"""


# --- the test --------------------------------------------------------------------------------
def test_a_workshop_from_creation_to_history_in_four_browsers(
    server: AppServer,  # noqa: F811  (the fixtures imported above)
    contexts: Any,
    model: Model,  # noqa: F811
    axe_js: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = server.start()
    facilitator = contexts(LAPTOP)
    code, link = create(facilitator, url)
    expect(facilitator.get_by_text("0 participants joined")).to_be_visible(timeout=WAIT)

    leader = Person("Alex Leader", "Leadership", contexts(LAPTOP), typed=code.lower())
    phone = Person("Sam Front", "Frontline", contexts(PHONE, phone=True), touch=True)
    specialist = Person("Riya Specialist", "Specialist", contexts(LAPTOP), typed=code)
    people = [leader, phone, specialist]
    open_join(people, url, link)  # the phone by the link (the QR code); the others type it

    # The phone's Join page: nothing sideways, and axe-core at 390 px.
    no_sideways_scroll(phone.page, PHONE["width"])
    screenshot(phone.page, "app-join-phone.png", full_page=False)
    join_problems = axe(phone.page, axe_js, "join page at 390 px")
    assert not join_problems, json.dumps(join_problems, indent=1)[:4000]

    join(people, model)
    no_sideways_scroll(phone.page, PHONE["width"])  # a questionnaire page on the phone
    answer_everything(people, model, reloader=specialist)
    no_sideways_scroll(phone.page, PHONE["width"])  # the phone's results

    # The live view redraws itself: wait for it, never reload the facilitator's page.
    expect(facilitator.get_by_text("3 participants joined; 3 finished.")).to_be_visible(
        timeout=REDRAWN
    )
    wait_for_app(facilitator)
    people_table = facilitator.get_by_test_id("stTable").first
    total = len(model.questions())
    for person in people:
        row = people_table.locator("tr", has_text=person.name)
        expect(row).to_contain_text(person.group)
        expect(row).to_contain_text(f"{total} of {total}")
    groups_table = facilitator.get_by_test_id("stTable").nth(1)
    expect(groups_table).to_contain_text("Leadership minus Frontline")
    expect(facilitator.get_by_test_id("stPlotlyChart").first).to_be_visible()

    number, agreed = agree(facilitator)
    # The agreed answer replaces the consensus: the live view's questions table shows it at
    # its next redraw.
    facilitator.get_by_role("tab", name="Live view").click()
    facilitator.wait_for_function(TABLE_ROW, arg=[number, agreed], timeout=REDRAWN)
    live_view_screenshot(facilitator)

    facilitator.get_by_role("tab", name="Close").click()
    facilitator.get_by_role("button", name="Close the group assessment").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Closed: the group's assessment is in History.")).to_be_visible(
        timeout=WAIT
    )
    with facilitator.expect_download(timeout=WAIT) as download:
        facilitator.get_by_role("button", name="Download the PDF report").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    raw = pdf.read_bytes()
    assert pdf.suffix == ".pdf" and raw.startswith(b"%PDF-"), pdf.name
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(raw)).pages)
    flat = " ".join(text.split())
    assert ORGANISATION in flat
    # The workshop report: a group assessment, who took part, and the dissent in the
    # dissenter's own words.
    assert "A group assessment" in flat and "Who took part" in flat
    assert "3 participants (1 frontline, 1 leadership and 1 specialist)" in flat
    assert "we have never been shown it" in flat, flat[flat.find("Dissent") :][:600]

    facilitator.locator(".st-key-site-menu").get_by_role("link", name="History").click()
    heading(facilitator, "History")
    expect(facilitator.get_by_label("Assessment", exact=True)).to_have_value(
        re.compile("group assessment of 3 participants"), timeout=WAIT
    )


# --- the facilitator's page on its own, with participants seeded through the store ----------
GROUPS = ("leadership", "frontline", "specialist")


def seed_answers(database_url: str, served: Model, resumes: list[str], divided: str) -> None:
    """Every participant gives every question its second answer, except the question
    ``divided``: leadership its top answer, frontline its lowest (a disagreement), so the
    disagreement is not the model's first question. Saved as the app saves them."""
    with Store(database_url) as store:
        for person, resume in enumerate(resumes):
            for _, question in served.questions():
                position = 1
                if question.id == divided:
                    position = (len(question.options) - 1, 0, 1)[person]
                store.save_answer(resume, question.id, question.options[position].id)


def join_three(database_url: str, join_code: str) -> list[str]:
    """Three participants join (one of each group); returns their resume codes."""
    with Store(database_url) as store:
        return [store.join_workshop(join_code, f"Person {g}", g) for g in GROUPS]


def test_the_facilitators_page_passes_axe(
    server: AppServer,  # noqa: F811
    contexts: Any,
    model: Model,  # noqa: F811
    axe_js: Path,  # noqa: F811
) -> None:
    text = Path(os.environ.get("MATURITY_MODEL") or DEFAULT_MODEL).read_text(encoding="utf-8")
    with Store(server.database_url) as store:
        codes = store.create_workshop(model, text, ORGANISATION, TITLE)
    resumes = join_three(server.database_url, codes.join)
    seed_answers(server.database_url, model, resumes, model.questions()[7][1].id)
    url = server.start()
    page = contexts(LAPTOP)
    page.goto(f"{url}/facilitate?{urlencode({'facilitator': codes.facilitator})}")
    heading(page, "Facilitate")
    expect(page.get_by_text("3 participants joined")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=WAIT)
    problems = axe(page, axe_js, "facilitator's page at 1280 px")
    assert not problems, json.dumps(problems, indent=1)[:4000]


def test_the_agree_tab_is_current_and_stays_open(
    server: AppServer,  # noqa: F811
    contexts: Any,
    model: Model,  # noqa: F811
) -> None:
    url = server.start()
    page = contexts(LAPTOP)
    code, _ = create(page, url)
    divided = model.questions()[7][1]
    resumes = join_three(server.database_url, code)
    seed_answers(server.database_url, model, resumes, divided.id)
    expect(page.get_by_text("3 participants joined")).to_be_visible(timeout=REDRAWN)
    expect(page.get_by_text("Pillars by group")).to_be_visible(timeout=REDRAWN)
    # The facilitator turns to agreement once the live view shows the answers: the question
    # that divided the room is offered first, marked.
    page.get_by_role("tab", name="Agree answers").click()
    wait_for_app(page)
    first = open_list(page, "Question (disagreements first)").first
    number = question_numbers(model)[divided.id]
    expect(first).to_have_text(re.compile(rf"^{re.escape(number)}: .*\(disagreement\)$"))
    first.click()
    wait_for_app(page)
    open_list(page, "Agreed answer").nth(1).click()
    page.get_by_label("Why the group agreed it").fill(RATIONALE)
    page.get_by_role("button", name="Save the agreed answer").click()
    wait_for_app(page)
    # Saved, and still on the Agree answers tab, where the confirmation is.
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible(timeout=WAIT)
