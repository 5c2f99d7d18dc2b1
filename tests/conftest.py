"""Shared fixtures and the switches that turn optional suites into required ones in CI."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from questionnaire.loader import load_model
from questionnaire.schema import Model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def required(variable: str) -> bool:
    """Whether CI asked for a suite to run rather than skip (MATURITY_REQUIRE_*=1)."""
    return os.environ.get(variable, "") not in ("", "0")


def skip_or_fail(variable: str, reason: str) -> None:
    """Skip with a reason, or fail when CI has made this suite required."""
    if required(variable):
        pytest.fail(f"{reason}, but {variable} is set: this suite must run here")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def tiny_model() -> Model:
    """The two-pillar fixture model the engine tests use."""
    return load_model(FIXTURES / "tiny-model.yaml")


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (PostgreSQL: a fresh schema, dropped afterwards).

    Without a PostgreSQL server the PostgreSQL case skips, or fails when CI requires it.
    """
    from store.testing import postgres_configured, temporary_database

    if request.param == "postgresql" and not postgres_configured():
        skip_or_fail(
            "MATURITY_REQUIRE_POSTGRES", "no PostgreSQL server configured (run under pg_virtualenv)"
        )
    with temporary_database(request.param, tmp_path) as database:
        yield database


@contextlib.contextmanager
def watching_files_and_network() -> Iterator[list[Any]]:
    """Within the block: every file opened is recorded in the list it yields, and any network
    connection or reportlab fetch (``open_for_read``, which images and links would use)
    fails the test."""
    import builtins
    import socket

    import reportlab.lib.utils as rl_utils

    opened: list[Any] = []
    real_open = builtins.open

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(file)
        return real_open(file, *args, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the code under test tried to read a file or use the network")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", spy_open)
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(rl_utils, "open_for_read", refuse)
        yield opened
