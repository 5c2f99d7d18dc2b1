"""Wrong resume codes, slowed down and logged.

A resume code has 128 random bits, so guessing one is hopeless; this makes trying costly as
well, and visible to the people who run the service. Every wrong code is counted against the
browser session and against the client's address (a new session per guess does not reset
the count). The first :data:`FREE` wrong codes in a row cost nothing, so a mistyped code is
not punished; each one after that waits twice as long as the last, up to :data:`LONGEST`
seconds, before it is even looked up. A count is forgotten :data:`FORGET` seconds after its
last wrong code; a right code clears the session's count (not the address's, so one valid
code does not buy an attacker more guesses).

The log line says how many wrong codes in a row, from which session and address; never the
code itself.

The counts are held in this server process: behind several app servers each counts its own.
The wait runs in the session's own script thread, so it slows only that browser.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

LOG = logging.getLogger("ui.security")
FREE = 3
LONGEST = 30.0
FORGET = 15 * 60.0


def delay_for(failures: int) -> float:
    """Seconds to wait before checking a code, after ``failures`` wrong codes in a row."""
    if failures < FREE:
        return 0.0
    return min(2.0 ** (failures - FREE), LONGEST)


@dataclass
class Throttle:
    """Counts of wrong codes by session and by address (thread-safe; ``clock`` for tests)."""

    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _count(self, key: str, now: float) -> int:
        found = self._counts.get(key)
        if found is None or now - found[1] > FORGET:
            return 0
        return found[0]

    def delay(self, session: str, address: str | None) -> float:
        """How long this session must wait before its next code is checked."""
        now = self.clock()
        with self._lock:
            n = max(self._count(f"s:{session}", now), self._count(f"a:{address}", now))
        return delay_for(n)

    def wrong(self, session: str, address: str | None) -> int:
        """Count a wrong code; returns the larger of the two counts now."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            counts = []
            for key in (f"s:{session}", f"a:{address}"):
                n = self._count(key, now) + 1
                self._counts[key] = (n, now)
                counts.append(n)
        n = max(counts)
        LOG.warning(
            "wrong resume code: %d in a row (session %s, address %s)",
            n,
            session[:8],
            address or "unknown",
        )
        return n

    def right(self, session: str) -> None:
        """A right code: the session's count starts again."""
        with self._lock:
            self._counts.pop(f"s:{session}", None)

    def _forget_old(self, now: float) -> None:
        if len(self._counts) < 10_000:
            return
        for key in [k for k, (_, at) in self._counts.items() if now - at > FORGET]:
            del self._counts[key]


#: The server's one throttle (module state lives as long as the server process).
THROTTLE = Throttle()
sleep: Callable[[float], None] = time.sleep


def who() -> tuple[str, str | None]:
    """This browser session's id and the client's address (None when unknown)."""
    import streamlit as st
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "unknown"
    try:
        address = st.context.ip_address
    except Exception:
        address = None
    return session, address


def before_check() -> None:
    """Wait as long as this session's wrong codes call for (call before each lookup)."""
    session, address = who()
    wait = THROTTLE.delay(session, address)
    if wait > 0:
        sleep(wait)


def checked(found: bool) -> None:
    """Record the outcome of a lookup."""
    session, address = who()
    if found:
        THROTTLE.right(session)
    else:
        THROTTLE.wrong(session, address)
