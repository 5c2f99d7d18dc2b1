"""Benchmark: how fast the app answers.

1. Server-side rerun of a pillar page (AppTest, in-process): a plain rerun, and a rerun after
   choosing an answer (which includes saving it to SQLite). Target: median under 60 ms.
2. Start-up: from launching `streamlit run app.py` (the command `make run` runs) to the URL
   being printed, to `/_stcore/health` answering ok, and to the first page drawn in Debian's
   chromium (when it is installed; otherwise the health figure only, and it says so).
   Target: first page ready under 3 s after the URL is printed.

Prints figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_app.py`.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 60
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def summary(times_ms: list[float]) -> str:
    """``median 9.1 ms, p90 11.0 ms (n=60)``."""
    ordered = sorted(times_ms)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.1f} ms, p90 {p90:.1f} ms (n={len(ordered)})"


def bench_reruns() -> None:
    """Median AppTest rerun time of the first pillar page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.text_input(key="start-organisation").input("Benchmark force")
    at.button(key="FormSubmitter:start-form-Start the assessment").click().run()
    cur = at.session_state["current"]
    pillar = cur.model.pillars[0]
    print(
        f"pillar page: {pillar.id!r}, {len(pillar.questions)} questions "
        f"(model {cur.model.id} {cur.model.version})"
    )
    for _ in range(5):
        at.run()
    plain = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        plain.append((time.perf_counter() - start) * 1000)
    print(f"  rerun, nothing changed:        {summary(plain)}")
    answered = []
    for i in range(RUNS):
        question = pillar.questions[i % len(pillar.questions)]
        value = question.options[i % len(question.options)].id
        radio = at.radio(key=f"answer-{question.id}")
        radio.set_value(value)
        start = time.perf_counter()
        at.run()
        answered.append((time.perf_counter() - start) * 1000)
    print(f"  rerun after an answer (saved): {summary(answered)}")
    if at.exception or at.error:
        print("  warning: the page reported an error during the benchmark")


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_startup(database_url: str, app_dir: Path = ROOT, title: str = "") -> None:
    """Time from `streamlit run` to URL printed, health ok, and first page drawn."""
    chromium = shutil.which("chromium")
    playwright: Any = None
    browser: Any = None
    if chromium:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    port = free_port()
    env = {**os.environ, "MATURITY_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [
        "--browser.gatherUsageStats=false",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=app_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    printed = threading.Event()
    printed_at: list[float] = []

    def watch() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "URL:" in line and not printed.is_set():
                printed_at.append(time.perf_counter())
                printed.set()

    threading.Thread(target=watch, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    try:
        healthy_at = None
        while time.perf_counter() - started < 60:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        healthy_at = time.perf_counter()
                        break
            except OSError:
                time.sleep(0.02)
        printed.wait(10)
        if healthy_at is None or not printed_at:
            print("start-up: the server did not come up within 60 s")
            return
        url_at = printed_at[0]
        print(title or "start-up (`streamlit run app.py`, as `make run` runs it):")
        print(f"  process start -> URL printed:   {(url_at - started) * 1000:.0f} ms")
        print(f"  URL printed -> health ok:       {(healthy_at - url_at) * 1000:.0f} ms")
        if browser is None:
            print("  first page in a browser: not measured (Debian chromium is not installed);")
            print("  the figure above is health only")
            return
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("h1", timeout=30000)
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
            state="attached", timeout=30000
        )
        ready_at = time.perf_counter()
        print(f"  URL printed -> first page drawn in chromium: {(ready_at - url_at) * 1000:.0f} ms")
        print(f"  process start -> first page drawn:          {(ready_at - started) * 1000:.0f} ms")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if browser is not None:
            browser.close()
            playwright.stop()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["MATURITY_DATABASE_URL"] = database_url
        sys.path.insert(0, str(ROOT))
        bench_reruns()
        bench_startup(f"sqlite:///{Path(tmp) / 'bench-server.db'}")
        # The floor on this machine: a one-line Streamlit app, measured the same way.
        hello = Path(tmp) / "hello"
        hello.mkdir()
        (hello / "app.py").write_text('import streamlit as st\nst.title("Hello")\n')
        bench_startup("sqlite://", hello, "baseline (a one-line Streamlit app, same measurement):")


if __name__ == "__main__":
    main()
