"""Every page is declared once, in ``ui/pages.py``; the navigation imports no page module.

The page modules are found from the list itself (the modules its render functions live in),
so a page added to the list is checked without editing this file, and a module that draws a
page (has a ``render`` function) but is missing from the list fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from questionnaire.loader import load_model
from ui import nav
from ui.pages import PAGES, pillar_paths

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
FIXTURES = ROOT / "tests" / "fixtures"
FIXED = [e for e in PAGES if isinstance(e, nav.PageSpec)]


def page_modules() -> set[str]:
    """The modules the list's pages are drawn by (``ui.start``, ...)."""
    modules: set[str] = set()
    for entry in PAGES:
        if isinstance(entry, nav.PillarPages):
            modules.add(entry.render.__module__)
        else:
            render = entry.render or entry.render_assessment
            assert render is not None
            modules.add(render.__module__)
    return modules


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, by full dotted name (``from ui import x`` gives ``ui`` and
    ``ui.x``), wherever the import is, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def project_files() -> list[Path]:
    """Every Python file of the app and the tools beside it (not the tests)."""
    files = [ROOT / "app.py", ROOT / "cli.py"]
    for package in ("ui", "questionnaire", "scoring", "reports", "store", "bench"):
        files += sorted((ROOT / package).rglob("*.py"))
    return [f for f in files if f.exists()]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_list_names_the_page_modules_it_should():
    assert page_modules() == {
        "ui.start",
        "ui.questionnaire",
        "ui.finish",
        "ui.results",
        "ui.history",
        "ui.model_page",
        "ui.national",
        "ui.users_page",
        "ui.workshops",
        "ui.facilitate",
    }


def test_the_navigation_imports_no_page_module():
    imported = imported_modules(UI / "nav.py")
    assert not imported & page_modules(), sorted(imported & page_modules())
    assert "ui.pages" not in imported


def test_page_modules_are_imported_by_the_list_only():
    pages = page_modules()
    for path in project_files():
        name = module_name(path)
        if name == "ui.pages" or name in pages:
            continue
        reached = imported_modules(path) & pages
        assert not reached, f"{name} imports {sorted(reached)}; only ui/pages.py may"


def test_no_page_module_imports_the_list():
    # Pages reach each other through ui.nav by path or pillar, never through the list.
    for name in page_modules():
        path = ROOT / Path(*name.split(".")).with_suffix(".py")
        assert "ui.pages" not in imported_modules(path), name


def test_every_module_that_draws_a_page_is_in_the_list():
    pages = page_modules()
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        draws = any(isinstance(n, ast.FunctionDef) and n.name == "render" for n in tree.body)
        if draws:
            assert module_name(path) in pages, f"{path.name} has a render() but no entry"


def test_the_one_needs_an_assessment_message_lives_in_the_navigation_only():
    for name in page_modules():
        path = ROOT / Path(*name.split(".")).with_suffix(".py")
        assert nav.NEEDS_ASSESSMENT not in path.read_text(encoding="utf-8"), name


def test_the_checker_finds_imports_of_every_form(tmp_path: Path):
    sample = tmp_path / "x.py"
    sample.write_text(
        "import ui.start\nfrom ui import finish\nfrom ui.results import render\n"
        "def f():\n    from ui import history\n",
        encoding="utf-8",
    )
    assert imported_modules(sample) >= {"ui.start", "ui.finish", "ui.results", "ui.history"}


def test_paths_are_unique_and_one_page_is_the_default():
    paths = [spec.path for spec in FIXED]
    assert len(paths) == len(set(paths))
    assert paths.count(nav.HOME) == 1
    home = next(spec for spec in FIXED if spec.path == nav.HOME)
    assert not home.needs_assessment, "with no assessment open the app needs somewhere to land"
    assert sum(isinstance(e, nav.PillarPages) for e in PAGES) == 1


def test_pillar_paths_keep_clear_of_every_fixed_page_and_of_each_other():
    model = load_model(FIXTURES / "tiny-model.yaml")
    taken = [spec.path for spec in FIXED]
    paths = pillar_paths(model)
    assert set(paths) == {p.id for p in model.pillars}
    assert not set(paths.values()) & set(taken)
    clashing = model.model_copy(
        update={
            "pillars": [
                p.model_copy(update={"id": new})
                for p, new in zip(model.pillars, ["results", "pillar-results"], strict=True)
            ]
        }
    )
    assert nav.pillar_paths(clashing, taken) == {
        "results": "pillar-results",
        "pillar-results": "pillar-pillar-results",
    }


def test_a_spec_draws_with_exactly_one_render_function():
    with pytest.raises(ValueError):
        nav.PageSpec(path="x", title="X", icon="", section="")
    with pytest.raises(ValueError):
        nav.PageSpec(
            path="x",
            title="X",
            icon="",
            section="",
            render=lambda: None,
            render_assessment=lambda cur: None,
        )
