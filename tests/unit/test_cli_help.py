"""The `maturity` help text is a reviewed output: compared with tests/golden/cli-help.txt.

Regenerate after a deliberate change with `UPDATE_GOLDEN=1 make test`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli import build_parser, main

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cli-help.txt"


def help_text(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    parser = build_parser()
    parts = [parser.format_help()]
    for name, sub in parser._subparsers._group_actions[0].choices.items():  # type: ignore[union-attr]
        parts.append(f"==== maturity {name} --help\n{sub.format_help()}")
    return "\n".join(parts)


def test_help_matches_the_golden_file(monkeypatch: pytest.MonkeyPatch):
    import cli

    if not cli._EXTRA_COMMANDS:
        cli._load_extra_commands()
    text = help_text(monkeypatch)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "help changed: review it, then UPDATE_GOLDEN=1"
    )


def test_every_command_is_in_the_readme():
    import cli

    if not cli._EXTRA_COMMANDS:
        cli._load_extra_commands()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    for name in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
        assert f"maturity {name}" in readme, f"`maturity {name}` is not in the README"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "usage: maturity" in capsys.readouterr().err
