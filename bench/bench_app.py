"""Benchmark: how fast the app answers on the server side, and how fast it starts.

1. Server-side rerun of a pillar page (AppTest, in-process): a plain rerun, and a rerun after
   choosing an answer (which includes saving it to SQLite). Budget: median 60 ms.
2. Start-up: from launching `streamlit run app.py` (as `make run` runs it, on the embedded
   SQLite default in a fresh data folder) to `/_stcore/health` answering ok, against a
   one-line Streamlit app measured the same way (the floor Streamlit sets on this machine).
   Budget: 3 s. (The first page drawn in chromium is bench_browser.py's.)

Gives figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_app.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browsing import ROOT, Server, clean_env, folder
from table import Figure, render

RUNS = 60
STARTS = 3  # timed start-ups of each app, after one discarded
RERUN_BUDGET_MS = 60.0
HEALTH_BUDGET_MS = 3000.0


def reruns() -> list[Figure]:
    """AppTest reruns of the first pillar page: nothing changed, and after an answer."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.text_input(key="start-organisation").input("Benchmark force")
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    pillar = at.session_state["current"].model.pillars[0]
    for _ in range(5):
        at.run()
    plain = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        plain.append((time.perf_counter() - start) * 1000)
    answered = []
    for i in range(RUNS):
        question = pillar.questions[i % len(pillar.questions)]
        at.radio(key=f"answer-{question.id}").set_value(
            question.options[i % len(question.options)].id
        )
        start = time.perf_counter()
        at.run()
        answered.append((time.perf_counter() - start) * 1000)
    if at.exception or at.error:
        raise RuntimeError("the page reported an error during the benchmark")
    note = f"{pillar.id!r}, {len(pillar.questions)} questions"
    return [
        Figure("AppTest rerun of a pillar page", "ms", tuple(plain), RERUN_BUDGET_MS, note=note),
        Figure(
            "AppTest rerun after an answer (saved)",
            "ms",
            tuple(answered),
            RERUN_BUDGET_MS,
            note=note,
        ),
    ]


def start_to_health(tmp: Path, name: str, app: bool) -> float:
    """Milliseconds from process start to `/_stcore/health` ok, in a fresh folder."""
    where = folder(tmp, name)
    if app:
        server = Server(ROOT / "app.py", where, clean_env(), quiet=False)
    else:
        (where / "hello.py").write_text('import streamlit as st\nst.title("Hello")\n')
        server = Server(where / "hello.py", where, clean_env(), quiet=False)
    try:
        server.wait_healthy()
        return (time.perf_counter() - server.started) * 1000
    finally:
        server.stop()


def start_ups(tmp: Path) -> list[Figure]:
    """The app's and the one-line app's start-ups, alternating, one pair discarded."""
    apps: list[float] = []
    hellos: list[float] = []
    for n in range(STARTS + 1):
        for app in (True, False) if n % 2 else (False, True):
            took = start_to_health(tmp, f"start-{n}-{'app' if app else 'hello'}", app)
            if n:
                (apps if app else hellos).append(took)
    return [
        Figure("app start to /_stcore/health ok", "ms", tuple(apps), HEALTH_BUDGET_MS),
        Figure("one-line Streamlit app, start to health ok", "ms", tuple(hellos)),
    ]


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MATURITY_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        found = reruns()
        found += start_ups(Path(tmp))
    return found


def main() -> None:
    print(render(figures()))


if __name__ == "__main__":
    main()
