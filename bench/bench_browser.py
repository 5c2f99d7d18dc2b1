"""Benchmark: the app's three browser timings (issue 14), in Debian's chromium, in one run.

1. Click on an answer until the page settles, the app's first pillar page against a bare
   Streamlit page drawing the same radios (the same questions, options and labels, generated
   from the model's first pillar, and nothing else): the floor the framework sets.
   Budget: the app's median within 1.2x the bare page's.
2. Page change on the app: the "Next" button (pillar 1 -> 2) and a sidebar link (back to
   pillar 1). Budget: median <= 400 ms each.
3. Start-up: from launching `streamlit run app.py` (the command `make run` runs, on the
   embedded SQLite default in a fresh temporary data folder) to the start form drawn in
   chromium, against a one-line Streamlit app measured the same way.
   Budget: the app's median within 1.2x the one-line app's.

Method (engineering notes, section 7): a click's time runs from just before Playwright's click
to ``[data-testid='stApp'][data-test-script-state='notRunning']``, polled after a 50 ms wait.
That wait alone cannot tell a run that has ended from one not yet begun (and a run of a few
milliseconds may never show "running" in the page), so the poll also waits for the server's
own word: the ``script_finished`` message of the click's run on the page's websocket (a whole
run's or a fragment's), read with Streamlit's protobuf classes.
A page change's time runs until the new page's ``h1`` shows and the script is not running.
Each click's answer is read back from the store outside the timed part (a missing one is a
lost click), and at the end every question must hold its last click.

Decisions:
- The two sides are measured interleaved (app round, bare round, ...) in the same browser, so
  noise on a shared machine falls on both; the first clicks and page changes of each side are
  warm-up and discarded. Start-ups alternate their order each round after a discarded pair.
- Widgets are found by role (``radiogroup`` in page order, its ``label``s; a sidebar ``link``
  by the pillar's name; a ``button`` named "Next..."), not by Streamlit's class names, so the
  script works whether a question is a fragment and whether the menu is ``st.navigation``'s
  or ``st.page_link``s.
- Every server listens on 127.0.0.1 on a free port, runs from its own temporary folder (with a
  copy of the app's ``.streamlit/config.toml``, which Streamlit reads from the working
  folder), without any ``MATURITY_*`` setting from the caller's environment, and is stopped
  at the end. Every wait is bounded (Playwright timeouts, a 60 s start-up limit).
- Prints "skipped: no chromium" and exits 0 when Debian's chromium is absent (its
  ``figures()`` raises ``Skipped``, a row in `make bench`'s table).

Gives figures; asserts nothing (shared machines are noisy). About 70 s on an idle 2-core machine.
Run: `make bench` or `.venv/bin/python bench/bench_browser.py`.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browsing import (
    CHROMIUM_ARGS,
    ROOT,
    TIMEOUT_MS,
    Server,
    chromium,
    clean_env,
    folder,
    settle,
    timed_click,
    watch_socket,
)
from table import Figure, Skipped, render

SLOW = True  # about 70 s: `bench/run.py --quick` leaves it out
ROUNDS = 6  # click rounds per side; each app round ends with a Next and a sidebar link
CLICKS = 4  # clicks per round
WARM_UP_CLICKS = 3  # first clicks of each side, discarded
START_ROUNDS = 3  # timed start-up pairs (after one discarded pair)
CLICK_RATIO = START_RATIO = 1.2
PAGE_CHANGE_MS = 400.0


class Side:
    """One page of radios being clicked: the app's first pillar page or the bare page."""

    def __init__(
        self,
        page: Any,
        sockets: list[Any],
        options: list[list[str]],
        saved: Callable[[int, str], bool] | None,
    ) -> None:
        self.page = page
        self.sockets = sockets
        self.options = options  # per question, its answer ids in page order
        self.saved = saved  # whether the store holds this answer of this question
        self.lost = 0
        self.clicks = 0
        self.times: list[float] = []
        self.clicked: list[tuple[int, str]] = []  # (question index, answer id), every click

    def click(self) -> None:
        """Click the next answer (each click changes its question's answer) and time it."""
        number = len(self.options)
        question = self.clicks % number
        position = (self.clicks // number + 1) % len(self.options[question])
        group = self.page.get_by_role("radiogroup").nth(question)
        label = group.locator("label").nth(position)
        label.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
        elapsed = timed_click(self.page, self.sockets, label)
        if not group.get_by_role("radio").nth(position).is_checked():
            raise RuntimeError(f"the click on option {position} of question {question} missed")
        answer = self.options[question][position]
        self.clicks += 1
        self.clicked.append((question, answer))
        if self.saved is not None and not self.saved(question, answer):
            self.lost += 1
        if self.clicks > WARM_UP_CLICKS:
            self.times.append(elapsed)


def page_change(page: Any, click: Any, title: str) -> float:
    """Time one page change: until the page titled ``title`` is drawn and settled."""
    started = time.perf_counter()
    click.click(timeout=TIMEOUT_MS)
    page.locator("h1", has_text=re.compile(f"^{re.escape(title)}$")).first.wait_for(
        timeout=TIMEOUT_MS
    )
    settle(page)
    return (time.perf_counter() - started) * 1000


def sidebar_link(page: Any, name: str) -> Any:
    """The sidebar's link to a page, by its name (a menu icon's text may come before it)."""
    sidebar = page.get_by_test_id("stSidebar")
    return sidebar.get_by_role("link", name=re.compile(f"{re.escape(name)}$")).first


def bare_script(questions: list[tuple[str, list[str]]]) -> str:
    """A one-file Streamlit app drawing only these radios (label, option labels)."""
    return (
        "import streamlit as st\n\n"
        f"QUESTIONS = {questions!r}\n"
        "for n, (label, options) in enumerate(QUESTIONS):\n"
        "    st.radio(label, options, index=None, key=f'answer-{n}',"
        " label_visibility='collapsed')\n"
    )


def measure_clicks(browser: Any, tmp: Path, report: dict[str, Any]) -> None:
    """Clicks on the app and the bare page, interleaved, then the app's page changes."""
    from questionnaire.loader import DEFAULT_MODEL, load_model, read_bytes
    from questionnaire.schema import NA, UNKNOWN
    from scoring.present import DONT_KNOW, NOT_APPLICABLE
    from store import Store
    from ui.text import md_escape

    model = load_model(DEFAULT_MODEL)
    first, second = model.pillars[0], model.pillars[1]
    ids, labelled = [], []
    for n, q in enumerate(first.questions, start=1):
        ids.append([o.id for o in q.options] + [UNKNOWN] + ([NA] if q.allow_na else []))
        labels = [md_escape(o.label) for o in q.options] + [DONT_KNOW]
        labels += [NOT_APPLICABLE] if q.allow_na else []
        labelled.append((f"Answer to question 1.{n}: {md_escape(q.text)}", labels))
    report["questions"] = f"{len(ids)} questions, {sum(map(len, ids))} options ({first.id!r})"

    app_dir, bare_dir = folder(tmp, "app"), folder(tmp, "bare")
    database = f"sqlite:///{app_dir / 'data' / 'bench.db'}"
    (app_dir / "data").mkdir()
    store = Store(database)
    code = store.start_draft(model, read_bytes(DEFAULT_MODEL).decode(), "Benchmark force")
    (bare_dir / "bare.py").write_text(bare_script(labelled), encoding="utf-8")
    servers: list[Server] = []
    try:
        servers.append(
            Server(ROOT / "app.py", app_dir, clean_env(MATURITY_DATABASE_URL=database), True)
        )
        servers.append(Server(bare_dir / "bare.py", bare_dir, clean_env(), True))
        for server in servers:
            server.wait_healthy()
        pages = []
        for _ in servers:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            pages.append(context.new_page())
        app_page, bare_page = pages
        app_sockets, bare_sockets = watch_socket(app_page), watch_socket(bare_page)
        app_page.goto(f"{servers[0].url}/?resume={code}")
        settle(app_page)
        page_change(app_page, sidebar_link(app_page, first.name), first.name)
        bare_page.goto(servers[1].url)
        bare_page.get_by_role("radiogroup").first.wait_for(timeout=TIMEOUT_MS)
        settle(bare_page)

        def saved(question: int, answer: str) -> bool:
            draft = store.load_draft(code)
            return draft is not None and draft.answers.get(first.questions[question].id) == answer

        app, bare = (
            Side(app_page, app_sockets, ids, saved),
            Side(bare_page, bare_sockets, ids, None),
        )
        nexts, links = [], []
        for round_number in range(ROUNDS + 1):  # round 0: warm-up clicks only
            for side in (app, bare) if round_number % 2 else (bare, app):
                side.page.bring_to_front()
                for _ in range(WARM_UP_CLICKS if round_number == 0 else CLICKS):
                    side.click()
            app_page.bring_to_front()
            next_button = app_page.get_by_role("button", name=re.compile(r"^Next"))
            forward = page_change(app_page, next_button, second.name)
            back = page_change(app_page, sidebar_link(app_page, first.name), first.name)
            if round_number:
                nexts.append(forward)
                links.append(back)
        # At the end, each question must still hold its last click (page changes included).
        last = {first.questions[q].id: a for q, a in app.clicked}
        draft = store.load_draft(code)
        held = draft.answers if draft is not None else {}
        at_end = sum(held.get(q) != a for q, a in last.items())
        report.update(app=app, bare=bare, nexts=nexts, links=links, at_end=at_end, last=len(last))
    finally:
        for server in servers:
            server.stop()
        store.close()


def start_once(browser: Any, tmp: Path, name: str, app: bool) -> float:
    """One start-up: process start to the first page drawn (the start form, or "hello")."""
    where = folder(tmp, name)
    if app:
        server = Server(ROOT / "app.py", where, clean_env(), quiet=False)
    else:
        (where / "hello.py").write_text('import streamlit as st; st.write("hello")\n')
        server = Server(where / "hello.py", where, clean_env(), quiet=False)
    context = browser.new_context()
    try:
        server.wait_healthy()
        page = context.new_page()
        page.goto(server.url, timeout=TIMEOUT_MS)
        if app:
            drawn = page.get_by_role("button", name="Start the assessment")
        else:
            drawn = page.get_by_text("hello", exact=True)
        drawn.wait_for(state="visible", timeout=TIMEOUT_MS)
        settle(page)
        return (time.perf_counter() - server.started) * 1000
    finally:
        context.close()
        server.stop()


def measure_start_up(browser: Any, tmp: Path, report: dict[str, Any]) -> None:
    """Start-ups of the app and the one-line app, alternating, one warm-up pair discarded."""
    apps: list[float] = []
    hellos: list[float] = []
    for n in range(START_ROUNDS + 1):
        order = (True, False) if n % 2 else (False, True)
        for app in order:
            took = start_once(browser, tmp, f"start-{n}-{'app' if app else 'hello'}", app)
            if n:
                (apps if app else hellos).append(took)
    report.update(start_app=apps, start_hello=hellos)


def table(report: dict[str, Any]) -> list[Figure]:
    """One figure per timing, the two ratios against their budgets, and the lost clicks."""
    app, bare = report["app"], report["bare"]
    app_ms, bare_ms = tuple(app.times), tuple(bare.times)
    start_app, start_hello = tuple(report["start_app"]), tuple(report["start_hello"])
    clicks = Figure("browser: click, app (saved, settled)", "ms", app_ms, note="pillar 1")
    floor = Figure("browser: click, bare page (floor)", "ms", bare_ms)
    started = Figure("browser: start-up to start form, app", "ms", start_app)
    hello = Figure("browser: start-up, one-line app", "ms", start_hello)
    lost = app.lost + report["at_end"]
    return [
        clicks,
        floor,
        Figure("browser: click ratio app/bare", "x", (clicks.median / floor.median,), CLICK_RATIO),
        Figure("browser: page change, Next", "ms", tuple(report["nexts"]), PAGE_CHANGE_MS),
        Figure("browser: page change, sidebar link", "ms", tuple(report["links"]), PAGE_CHANGE_MS),
        started,
        hello,
        Figure(
            "browser: start-up ratio app/one-line",
            "x",
            (started.median / hello.median,),
            START_RATIO,
        ),
        Figure(
            "browser: clicks lost",
            "",
            (float(lost),),
            0.0,
            note=f"of {len(app.clicked)} clicks, {report['last']} questions at the end",
        ),
    ]


def figures() -> list[Figure]:
    executable = chromium()
    if executable is None:
        raise Skipped("no chromium")
    from playwright.sync_api import sync_playwright

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            measure_clicks(browser, Path(tmp), report)
            measure_start_up(browser, Path(tmp), report)
        finally:
            browser.close()
    print(f"pillar page: {report['questions']}")
    return table(report)


def main() -> None:
    began = time.perf_counter()
    try:
        print(render(figures()))
    except Skipped as why:
        print(f"skipped: {why}")
        return
    print(f"(whole benchmark: {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
