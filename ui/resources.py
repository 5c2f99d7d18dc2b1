"""Things the whole server shares: the store and the default model (``st.cache_resource``).

Both are read from the environment (``MATURITY_DATABASE_URL``, ``MATURITY_MODEL``) and cached
per value, so a test that changes the environment gets its own store and model.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import streamlit as st

from questionnaire.loader import default_model_path, model_from_text, read_bytes
from questionnaire.schema import Model
from questionnaire.yamlio import InputError, Problem

if TYPE_CHECKING:
    from store.model_choice import UploadedModel
    from store.repository import Store

LOG = logging.getLogger("ui")
_T = TypeVar("_T")


@dataclass(frozen=True)
class ModelChoice:
    """A model ready for new assessments: the validated model, its exact text and where it
    came from (for people: "the bundled policing model", a file name, ...); ``upload`` is
    its record when it is an uploaded model kept in the database (None: the standard model,
    or a file only checked, not kept)."""

    model: Model
    text: str
    source: str
    upload: UploadedModel | None = None


@dataclass(frozen=True)
class ModelProblem:
    """Why the configured model could not be loaded."""

    source: str
    problems: tuple[Problem, ...]  # as shown: at most limits.PROBLEMS_SHOWN, then a count
    total: int = 0  # every problem found (0: as many as listed)

    @classmethod
    def of(cls, source: str, exc: InputError) -> ModelProblem:
        """The problems of a refused file, listed as the command line lists them."""
        return cls(source, tuple(exc.shown), len(exc.problems))

    @property
    def count(self) -> int:
        return self.total or len(self.problems)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened; the message says so in plain words."""


def get_store() -> Store:
    """The store for ``MATURITY_DATABASE_URL`` (created and migrated once per server).

    Raises:
        DatabaseUnavailable: when the database cannot be opened or migrated.
    """
    try:
        return _store(os.environ.get("MATURITY_DATABASE_URL", "").strip())
    except Exception as exc:
        raise DatabaseUnavailable(
            "The database that keeps assessments cannot be opened, so nothing can be saved "
            "or loaded just now. If this keeps happening, ask the people who run this service "
            "to check the MATURITY_DATABASE_URL setting."
        ) from exc


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    from store.repository import Store

    return Store(url or None)


_warmed = threading.Event()


def warm_up() -> None:
    """Import the database and report libraries on a background thread, once per process.

    The start page needs neither, so the first page is drawn without waiting for them
    (about a second on a cold server); by the time someone presses "Start" they are loaded.
    """
    if _warmed.is_set():
        return
    _warmed.set()

    def load() -> None:
        import reports.figures
        import reports.pdf  # noqa: F401
        import store.repository  # noqa: F401

    threading.Thread(target=load, name="warm-up", daemon=True).start()


PURGE_EVERY = 24 * 60 * 60.0  # seconds between two purges by one server process
_purge_lock = threading.Lock()
_last_purge: list[float] = []


def purge_if_due(clock: Callable[[], float] = time.monotonic) -> threading.Thread | None:
    """Erase what the retention period (``MATURITY_RETENTION_DAYS``) has run out on, at most
    once a day per server process, on a background thread; returns that thread, if started.

    A setting that cannot be read is left for ``maturity purge`` to refuse loudly; the app
    does not guess a period. The log says how many assessments went, never what they held.
    """
    from store.settings import SettingError, retention_days

    try:
        days = retention_days()
    except SettingError:
        return None
    if days is None:
        return None
    with _purge_lock:
        now = clock()
        if _last_purge and now - _last_purge[-1] < PURGE_EVERY:
            return None
        _last_purge.append(now)

    def purge() -> None:
        try:
            done = get_store().purge(days)
        except Exception:
            LOG.exception("the daily purge failed")
            return
        LOG.info("daily purge: %d assessment(s) past %d days erased", done.assessments, days)

    thread = threading.Thread(target=purge, name="purge", daemon=True)
    thread.start()
    return thread


def default_model() -> ModelChoice | ModelProblem:
    """The model new assessments use: ``MATURITY_MODEL`` or the bundled one.

    Returns:
        The loaded model, or the located problems that stopped it loading (the app then
        says so and offers the Model page instead of failing).
    """
    path = default_model_path()
    return _model(str(path), _mtime(path))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(show_spinner=False)
def _model(path: str, mtime: float) -> ModelChoice | ModelProblem:
    # `mtime` is only part of the cache key, so an edited file is read again.
    del mtime
    configured = "MATURITY_MODEL" in os.environ and os.environ["MATURITY_MODEL"] != ""
    source = path if configured else "the bundled policing model"
    try:
        raw = read_bytes(path)
        model = model_from_text(raw, path)
        text = raw.decode("utf-8")
    except InputError as exc:
        return ModelProblem.of(source, exc)
    return ModelChoice(model, text, source)


def store_action(
    action: Callable[[], _T], failed: str, log: str, *, unexpected: bool = False
) -> _T | None:
    """Run ``action`` against the store; when the database or the store refuses it, say on
    the page ``failed`` ("The model could not be changed") with the reason and return None.

    ``log`` names the action in the log ("change the model"). With ``unexpected``, any other
    error is logged and told in general words too; without it, it goes up to the page's guard.
    """
    from store.faults import DatabaseFault
    from store.records import StoreError

    try:
        return action()
    except DatabaseUnavailable as exc:
        LOG.exception("database unavailable")
        st.error(str(exc))
    except DatabaseFault as exc:
        LOG.warning("cannot %s: %s (%s)", log, exc.kind, exc.detail)
        st.error(f"{failed}: {exc.reason}. {exc.advice}")
    except StoreError as exc:
        st.error(f"{failed}: {exc}.")
    except Exception:
        if not unexpected:
            raise
        LOG.exception("cannot %s", log)
        st.error(f"{failed} just now. Please try again in a moment.")
    return None
