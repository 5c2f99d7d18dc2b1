"""A mock OpenID Connect provider on loopback, and the Streamlit secrets that point at it.

`st.login` signs people in through an OIDC provider named in the ``[auth]`` section of the
app's secrets. The browser tests cannot reach a real one, so :class:`MockProvider` starts the
PyPI package ``oidc-provider-mock`` (a test dependency) as a subprocess on a free port of
127.0.0.1, with a fixed list of people. Its authorise page shows one button per person,
labelled with the person's ``sub``; the tests set ``sub`` to the email address so the button
reads as the person.

Decisions:
- A subprocess, not the package's in-process server: the tests then talk to it over HTTP as
  the app does, and stopping it cannot leave threads behind in the test process.
- The port is chosen free just before start; if another process takes it in between, the mock
  exits, and we try again on another port (three times) instead of failing on a race.
- Ready means ``/.well-known/openid-configuration`` answers with an issuer, the first thing
  Streamlit fetches; a mock that dies while starting fails the test with its log.
- Secrets go into a folder the test owns (pytest's ``tmp_path``), never into the repository,
  and are passed to Streamlit with ``--secrets.files``, so a developer's own
  ``.streamlit/secrets.toml`` is not read either. The client id and secret are made up: the
  mock accepts any client that has not registered.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_browser import free_port

START_TIMEOUT = 30  # seconds; the mock imports Flask and Authlib, slow on a loaded machine
TRIES = 3


@dataclass(frozen=True)
class Person:
    """Someone the mock provider can sign in: their address is both their ``sub`` (the label
    of their button on the mock's page) and their ``email`` claim."""

    email: str
    name: str

    def claims(self) -> str:
        """The ``--user-claims`` JSON the mock takes for this person."""
        return json.dumps(
            {"sub": self.email, "email": self.email, "email_verified": True, "name": self.name}
        )


class MockProvider:
    """``oidc-provider-mock`` on a free loopback port, knowing ``people``."""

    def __init__(self, people: list[Person], log: Path) -> None:
        self.people = people
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    @property
    def metadata_url(self) -> str:
        """The discovery document Streamlit reads (``server_metadata_url``)."""
        return self.url + "/.well-known/openid-configuration"

    def start(self) -> str:
        """Start the provider and wait until its discovery document answers; returns its URL."""
        for _ in range(TRIES):
            port = free_port()
            command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
            for person in self.people:
                command += ["--user-claims", person.claims()]
            with self.log.open("ab") as out:
                self.proc = subprocess.Popen(command, stdout=out, stderr=out)
            self.url = f"http://127.0.0.1:{port}"
            if self._ready():
                return self.url
            self.stop()
        pytest.fail(f"oidc-provider-mock did not start; its log:\n{self.log.read_text()[-3000:]}")

    def _ready(self) -> bool:
        """Whether the discovery document answers before the deadline (False when the process
        exits first, for example because the port was taken)."""
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=1) as r:
                    if "issuer" in json.loads(r.read()):
                        return True
            except (OSError, ValueError):
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        """Stop the provider (killing it if it will not stop)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escaping of an ASCII string is valid TOML."""
    return json.dumps(value, ensure_ascii=True)


def write_secrets(folder: Path, app_port: int, provider: MockProvider) -> Path:
    """Write ``folder/secrets.toml`` with the ``[auth]`` section `st.login` needs for an app
    served on ``http://127.0.0.1:app_port``; returns its path."""
    auth = {
        "redirect_uri": f"http://127.0.0.1:{app_port}/oauth2callback",
        "cookie_secret": secrets.token_hex(32),
        "client_id": "maturity-e2e",
        "client_secret": secrets.token_hex(16),
        "server_metadata_url": provider.metadata_url,
    }
    lines = ["[auth]"] + [f"{key} = {toml_string(value)}" for key, value in auth.items()]
    path = folder / "secrets.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
