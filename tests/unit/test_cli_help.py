"""The `maturity` help text is a reviewed output: compared with tests/golden/cli-help.txt.

Regenerate after a deliberate change with `UPDATE_GOLDEN=1 make test`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli import build_parser, main
from cli.parser import commands

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cli-help.txt"


def help_text(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    parser = build_parser()
    parts = [parser.format_help()]
    for name, sub in commands(parser).items():
        parts.append(f"==== maturity {name} --help\n{sub.format_help()}")
    return "\n".join(parts)


def test_help_matches_the_golden_file(monkeypatch: pytest.MonkeyPatch):
    text = help_text(monkeypatch)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "help changed: review it, then UPDATE_GOLDEN=1"
    )


def test_every_command_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in commands(build_parser()):
        assert f"maturity {name}" in readme, f"`maturity {name}` is not in the README"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "usage: maturity" in capsys.readouterr().err


def test_every_command_names_a_handler_that_exists():
    import importlib

    for name, sub in commands(build_parser()).items():
        handler = sub.get_default("handler")
        module = importlib.import_module(handler.module)
        assert callable(getattr(module, handler.function, None)), f"{name}: {handler}"


def test_help_and_validate_load_no_renderer_no_database_and_no_other_command():
    """Commands are imported when they run: the parser alone loads none of them."""
    model = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-model.yaml"
    heavy = ("reportlab", "sqlalchemy", "cli.report", "cli.store_commands", "cli.score")
    code = (
        "import contextlib, sys, cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(None):\n"
        "    code = cli.main(sys.argv[1:])\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    for args in (["--help"], ["validate", str(model)]):
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip().splitlines()[-1] == "[]", (args, out.stdout, out.stderr)
