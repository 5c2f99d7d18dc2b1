"""Benchmark: many people answering at once on one running app server (issue 16).

One `streamlit run app.py` on a free loopback port and a fresh SQLite database; one Debian
chromium with a browser context per person (PEOPLE of them, 20 by default), all driven at
once with Playwright's asyncio API (they arrive within a few seconds: ARRIVAL_S apart). Each person opens the app, fills in the start form, answers
every question of the bundled model (clicking the radio's label, page by page with "Next"),
and finishes ("Finish and see the results", then "Yes, finish"). Then the store is read: every
answer each person gave must be there and every assessment complete; the rest are counted as
lost.

A click is timed as bench_browser.py times one (bench/browsing.py): from just before the click
until the server's ``script_finished`` for that click's run has arrived and the page is not
running, which is when the answer has been saved (the app saves in the click's own run). The
figures are the median and 95th percentile of every click of every person.

Bounded: at most PEOPLE contexts in one browser, every wait 60 s at most, the whole run
DEADLINE_S. tests/e2e/test_many_users.py runs the same with 5 people and asserts that nothing
is lost. Gives figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_users.py [PEOPLE]`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browsing import (
    CHROMIUM_ARGS,
    ROOT,
    Server,
    chromium,
    clean_env,
    folder,
    settle_async,
    timed_click_async,
    watch_socket,
)
from table import Figure, Skipped, percentile, render, unmeasured

SLOW = True  # a few minutes: `bench/run.py --quick` leaves it out
PEOPLE = 20
WAIT_MS = 60_000  # any one wait, under the load of everyone at once
FIRST_PAGE_MS = 120_000  # the start form, while everyone's first page is being drawn
ARRIVAL_S = 0.25  # person n opens the app n x this after the first (20 people: within 5 s)
DEADLINE_S = 300.0
ORGANISATION = "Organisation (for example, the name of the force)"


@dataclass
class Person:
    """What one person did: their resume code, the answers they gave, their clicks' times."""

    number: int
    code: str = ""
    given: dict[str, str] = field(default_factory=dict)
    clicks: list[float] = field(default_factory=list)
    finished: bool = False
    error: str = ""


@dataclass
class Outcome:
    """Everyone's run, and what the store held afterwards."""

    people: list[Person]
    seconds: float
    server_cpu: float = 0.0  # CPU seconds the app server used in all
    lost: int = 0  # answers given but not stored as given
    unfinished: int = 0  # assessments not complete in the store
    problems: list[str] = field(default_factory=list)

    @property
    def clicks(self) -> list[float]:
        return [t for p in self.people for t in p.clicks]


def choice(person: int, index: int, count: int) -> int:
    """Which of ``count`` answers person ``person`` gives to question ``index``."""
    return (person * 7 + index * 3) % count


async def heading(page: Any, title: str) -> None:
    """Wait until the page titled ``title`` is drawn and its script is not running."""
    exact = re.compile(f"^{re.escape(title)}$")
    await page.locator("h1", has_text=exact).first.wait_for(timeout=WAIT_MS)
    await settle_async(page, WAIT_MS)


async def go_on(page: Any, button: str, title: str) -> None:
    """Press a button whose name starts with ``button`` and wait for the page ``title``."""
    await page.get_by_role("button", name=re.compile(f"^{re.escape(button)}")).click(
        timeout=WAIT_MS
    )
    await heading(page, title)


async def assess(browser: Any, url: str, model: Any, person: Person) -> None:
    """One person's whole assessment, from the start form to the results page."""
    from questionnaire.schema import NA, UNKNOWN

    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        sockets = watch_socket(page)
        await asyncio.sleep(person.number * ARRIVAL_S)
        await page.goto(url, timeout=FIRST_PAGE_MS)
        form = page.get_by_label(ORGANISATION)
        await form.fill(f"Load test force {person.number}", timeout=FIRST_PAGE_MS)
        await page.get_by_role("button", name="Start the assessment").click(timeout=WAIT_MS)
        await heading(page, model.pillars[0].name)
        match = re.search(r"resume=([^&]+)", page.url)
        if match is None:
            raise RuntimeError(f"no resume code in {page.url}")
        person.code = match.group(1)
        index = 0
        for number, pillar in enumerate(model.pillars):
            for question in pillar.questions:
                ids = [o.id for o in question.options] + [UNKNOWN]
                ids += [NA] if question.allow_na else []
                position = choice(person.number, index, len(ids))
                index += 1
                group = page.locator(f".st-key-answer-{question.id} [role='radiogroup']")
                label = group.locator("label").nth(position)
                await label.scroll_into_view_if_needed(timeout=WAIT_MS)
                person.clicks.append(await timed_click_async(page, sockets, label, WAIT_MS))
                person.given[question.id] = ids[position]
            following = model.pillars[number + 1].name if number + 1 < len(model.pillars) else None
            await go_on(page, "Next", following or "Check and finish")
        await page.get_by_role("button", name="Finish and see the results").click(timeout=WAIT_MS)
        await go_on(page, "Yes, finish", "Results")
        person.finished = True
    finally:
        await context.close()


async def everyone(url: str, model: Any, count: int, executable: str) -> list[Person]:
    """All ``count`` people at once in one browser; each one's failure is kept, not raised."""
    from playwright.async_api import async_playwright

    people = [Person(n) for n in range(count)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:

            async def one(person: Person) -> None:
                try:
                    await assess(browser, url, model, person)
                except Exception as failed:  # one person's failure is a finding, not a crash
                    person.error = f"{type(failed).__name__}: {str(failed).splitlines()[0]}"

            tasks = [asyncio.create_task(one(p)) for p in people]
            _, late = await asyncio.wait(tasks, timeout=DEADLINE_S)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
            for person in people:
                if not person.finished and not person.error:
                    person.error = f"not finished within the {DEADLINE_S:.0f} s deadline"
        finally:
            await browser.close()
    return people


def check(database: str, outcome: Outcome) -> None:
    """Count, from the store, the answers lost and the assessments not finished."""
    from store import Store

    with Store(database) as store:
        for person in outcome.people:
            if person.error:
                outcome.problems.append(f"person {person.number}: {person.error}")
            draft = store.load_draft(person.code) if person.code else None
            if draft is None:
                outcome.lost += len(person.given)
                outcome.unfinished += 1
                continue
            outcome.lost += sum(draft.answers.get(q) != a for q, a in person.given.items())
            outcome.unfinished += draft.status != "complete"


def load_bundled() -> Any:
    """The model the server answers with: the bundled one (the server's environment has no
    MATURITY_* setting, see :func:`browsing.clean_env`)."""
    from questionnaire.loader import DEFAULT_MODEL, load_model

    return load_model(DEFAULT_MODEL)


def drive(count: int, tmp: Path, log: Path | None = None) -> Outcome:
    """Start a server on a fresh SQLite database, let ``count`` people assess at once, and
    read back what the store holds."""
    executable = chromium()
    if executable is None:
        raise Skipped("no chromium")
    model = load_bundled()
    where = folder(tmp, "users")
    (where / "data").mkdir()
    database = f"sqlite:///{where / 'data' / 'users.db'}"
    server = Server(ROOT / "app.py", where, clean_env(MATURITY_DATABASE_URL=database), True)
    began = time.perf_counter()
    try:
        server.wait_healthy()
        # In a thread of its own: a caller may already have an event loop running in this
        # one (pytest-playwright's sync API keeps one), and asyncio.run refuses to nest.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            running = pool.submit(asyncio.run, everyone(server.url, model, count, executable))
            people = running.result()
        cpu = server.cpu_seconds()
    finally:
        server.stop()
        if log is not None:
            log.write_bytes(server.log.read_bytes())
    outcome = Outcome(people, time.perf_counter() - began, server_cpu=cpu)
    check(database, outcome)
    return outcome


def figures(count: int = PEOPLE) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        outcome = drive(count, Path(tmp))
    for problem in outcome.problems:
        print(problem)
    group = f"{count} people at once"
    clicks = outcome.clicks
    rows = [
        Figure(
            f"{group}: answers lost",
            "",
            (float(outcome.lost),),
            0.0,
            note=f"of {sum(len(p.given) for p in outcome.people)}",
        ),
        Figure(
            f"{group}: assessments not finished",
            "",
            (float(outcome.unfinished),),
            0.0,
            note=f"{len(outcome.problems)} people stopped or failed",
        ),
        Figure(f"{group}: whole run", "s", (outcome.seconds,)),
        Figure(
            f"{group}: clicks saved per second, all together",
            "/s",
            (len(clicks) / outcome.seconds,),
            better="higher",
            note="what one server process got through",
        ),
        Figure(
            f"{group}: app server CPU per click",
            "ms",
            (outcome.server_cpu * 1000 / max(1, len(clicks)),),
            note="page changes and start-ups included",
        ),
    ]
    if not clicks:
        return [unmeasured(f"{group}: click to saved", "failed: no click was timed"), *rows]
    p95 = percentile(clicks, 0.95)
    note = f"p95 {p95:,.0f} ms, {len(clicks)} clicks"
    return [
        Figure(f"{group}: click to saved", "ms", tuple(clicks), note=note),
        Figure(f"{group}: click to saved, 95th percentile", "ms", (p95,)),
        *rows,
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else PEOPLE
    try:
        print(render(figures(count)))
    except Skipped as why:
        print(f"skipped: {why}")


if __name__ == "__main__":
    main()
