"""The storage commands and settings, run in-process: defaults, bad databases, `db`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from cli import main
from store import Store
from store.db import head_revision
from store.settings import SETTINGS, database_url, markdown_table, setting

TINY = str(FIXTURES / "tiny-model.yaml")


def test_the_default_database_is_a_sqlite_file_under_data_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("MATURITY_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path.as_posix()}/data/maturity.db"
    assert not (tmp_path / "data").exists()
    with Store() as store:
        assert store.organisations() == []
    assert (tmp_path / "data" / "maturity.db").is_file()


def test_the_database_url_setting_wins(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MATURITY_DATABASE_URL", "  sqlite:///elsewhere.db ")
    assert database_url() == "sqlite:///elsewhere.db"


def test_every_setting_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in readme, f"{s.name} is missing from the README"
    assert markdown_table() in readme, "paste store.settings.markdown_table() into the README"
    assert setting("MATURITY_MODEL").default
    assert markdown_table().count("\n") == len(SETTINGS) + 2


def test_db_upgrade_and_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    assert main(["db", "upgrade"]) == 0
    head = head_revision()
    assert f"at revision {head} (newest: {head})" in capsys.readouterr().out
    assert main(["db", "status"]) == 0
    assert "0 complete, 0 draft, 0 abandoned" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a usable URL"),
        ("nosuchdb://host/x", "not a usable URL"),
        ("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "cannot open"),
    ],
)
def test_a_database_that_cannot_be_used_is_bad_input_not_a_crash(
    url: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", url)
    assert main(["history", "Anyone"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "secret" not in err


def test_import_uses_the_configured_model_when_none_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    monkeypatch.setenv("MATURITY_MODEL", TINY)
    answers = tmp_path / "a.yaml"
    answers.write_text("model: tiny\nanswers: {gov-policy: draft}\n", encoding="utf-8")
    assert main(["import", str(answers), "--organisation", "Given force"]) == 0
    assert main(["import", str(answers), "--organisation", "Given force"]) == 0
    assert "already imported" in capsys.readouterr().out
    assert main(["history", "Given force", "--json"]) == 0


def test_an_unreadable_model_stops_the_import_before_anything_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setenv("MATURITY_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    answers = tmp_path / "a.yaml"
    answers.write_text("model: tiny\norganisation: X\nanswers: {}\n", encoding="utf-8")
    assert main(["import", str(answers), "--model", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: no such file" in capsys.readouterr().err


def test_the_parser_and_maturity_help_do_not_import_sqlalchemy():
    import subprocess
    import sys

    code = (
        "import sys, cli, contextlib\n"
        "cli.build_parser()\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(None):\n"
        "    cli.main(['--help'])\n"
        "print('sqlalchemy' in sys.modules, 'cli.store_commands' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_the_export_formats_offered_are_the_ones_the_store_writes():
    from cli.parser import EXPORT_FORMATS
    from store import exports

    assert tuple(EXPORT_FORMATS) == tuple(exports.FORMATS)
