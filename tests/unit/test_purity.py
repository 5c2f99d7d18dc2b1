"""`scoring/` stays pure: no I/O library, no clock, no randomness, no Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

SCORING = Path(__file__).resolve().parents[2] / "scoring"
FORBIDDEN = {
    "streamlit",
    "sqlalchemy",
    "reportlab",
    "yaml",
    "plotly",
    "alembic",
    "psycopg",
    "os",
    "io",
    "pathlib",
    "shutil",
    "socket",
    "subprocess",
    "sqlite3",
    "urllib",
    "requests",
    "http",
    "time",
    "datetime",
    "random",
    "secrets",
    "uuid",
    "tempfile",
    "glob",
    "open",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"open", "__import__", "input", "print"}
        ):
            names.add(node.func.id)
    return names


def test_scoring_imports_nothing_that_does_io():
    files = sorted(SCORING.rglob("*.py"))
    assert files
    for path in files:
        bad = imported_modules(path) & FORBIDDEN
        assert not bad, f"{path.name} imports or calls {sorted(bad)}; scoring must stay pure"


def test_scoring_imports_only_questionnaire_types_from_the_project():
    for path in sorted(SCORING.rglob("*.py")):
        project = {
            m
            for m in imported_modules(path)
            if m in {"questionnaire", "store", "reports", "ui", "cli", "app"}
        }
        assert project <= {"questionnaire"}, f"{path.name} imports {sorted(project)}"


def test_the_check_catches_a_forbidden_import(tmp_path: Path):
    sample = tmp_path / "x.py"
    sample.write_text("import datetime\nfrom yaml import safe_load\nopen('f')\n", encoding="utf-8")
    assert imported_modules(sample) >= {"datetime", "yaml", "open"}
