"""What the browser benchmarks share: app servers on loopback, Debian's chromium, and how a
click is timed.

A click's time runs from just before Playwright's click until the server's own word that the
click's run has ended (the ``script_finished`` message on the page's websocket, a whole run's
or a fragment's, read with Streamlit's protobuf classes) and the page says its script is not
running. The 50 ms wait after the click is there because the page's "not running" alone
cannot tell a run that has ended from one not yet begun (engineering notes, section 7).
Every server listens on 127.0.0.1 on a free port, from its own folder, without any
``MATURITY_*`` setting from the caller's environment except those given; every wait is
bounded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 20_000
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"
# What the server sends when a run has ended (a whole run's, or only a fragment's).
RUN_ENDED = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without any MATURITY_* setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    return {**env, **extra}


def folder(parent: Path, name: str) -> Path:
    """A new working folder holding a copy of the app's Streamlit settings."""
    where = parent / name
    (where / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", where / ".streamlit" / "config.toml")
    return where


class Server:
    """`streamlit run SCRIPT` from folder ``cwd`` on a free loopback port."""

    def __init__(self, script: Path, cwd: Path, env: dict[str, str], quiet: bool) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "streamlit", "run", str(script)]
        command += ["--server.headless=true", "--browser.gatherUsageStats=false"]
        command += [f"--server.port={self.port}", "--server.address=127.0.0.1"]
        if quiet:  # not for start-up, which runs exactly as `make run` does
            command += ["--server.fileWatcherType=none"]
        self.log = cwd / "streamlit.log"
        self.started = time.perf_counter()
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out)

    def wait_healthy(self) -> None:
        """Poll `/_stcore/health` until it says ok (60 s at most)."""
        while time.perf_counter() - self.started < 60:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"streamlit did not start; its log:\n{self.log.read_text()[-2000:]}")

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user and system, from /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Stop the server (killing it if it will not stop)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def settle(page: Any) -> None:
    """Wait until the script is not running."""
    page.locator(SETTLED).wait_for(state="attached", timeout=TIMEOUT_MS)


def run_ended(payload: str | bytes) -> bool:
    """Whether a websocket frame from Streamlit says a run ended without error."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if isinstance(payload, str):
        return False
    msg = ForwardMsg.FromString(payload)
    if msg.WhichOneof("type") != "script_finished":
        return False
    return ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished) in RUN_ENDED


def watch_socket(page: Any) -> list[Any]:
    """The websockets the page opens, newest last (register before ``goto``)."""
    sockets: list[Any] = []

    def opened(socket: Any) -> None:  # Playwright needs a Python function here
        sockets.append(socket)

    page.on("websocket", opened)
    return sockets


def timed_click(page: Any, sockets: list[Any], target: Any) -> float:
    """Click ``target`` and return the milliseconds until its run has ended and the page has
    settled (``sockets`` from :func:`watch_socket` on this page)."""
    socket = sockets[-1]
    started = time.perf_counter()
    with socket.expect_event("framereceived", predicate=run_ended, timeout=TIMEOUT_MS):
        target.click(timeout=TIMEOUT_MS)
        page.wait_for_timeout(50)
    settle(page)
    return (time.perf_counter() - started) * 1000


def chromium() -> str | None:
    """Debian's chromium, or None when it is not installed."""
    return shutil.which("chromium")


async def settle_async(page: Any, timeout_ms: float = TIMEOUT_MS) -> None:
    """:func:`settle` for Playwright's asyncio API."""
    await page.locator(SETTLED).wait_for(state="attached", timeout=timeout_ms)


async def timed_click_async(
    page: Any, sockets: list[Any], target: Any, timeout_ms: float = TIMEOUT_MS
) -> float:
    """:func:`timed_click` for Playwright's asyncio API (many pages driven at once)."""
    socket = sockets[-1]
    started = time.perf_counter()
    async with socket.expect_event("framereceived", predicate=run_ended, timeout=timeout_ms):
        await target.click(timeout=timeout_ms)
        await page.wait_for_timeout(50)
    await settle_async(page, timeout_ms)
    return (time.perf_counter() - started) * 1000
