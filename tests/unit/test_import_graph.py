"""The layout's import rules, read from the source (DESIGN.md's layout table):

* ``reports/`` imports neither ``store/`` nor ``ui/`` (nor ``cli/``);
* ``reports/content/`` knows no renderer: no reportlab, plotly, streamlit or python-docx, and
  none of the renderer modules of ``reports/``;
* ``ui/nav.py`` imports no page (tests/unit/test_pages.py checks the page list itself);
* no module imports a module that imports it back, directly or through others.

Imports inside functions count as well as those at the top: a cycle made lazy is still a
cycle in the design. Imports under ``if TYPE_CHECKING:`` are left out: they name a type for
the type checker and are never run (the store's modules name ``Store`` that way).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("questionnaire", "scoring", "reports", "store", "ui", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules a file imports (``from a.b import c`` counts ``a.b.c`` when that is
    a module, else ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != this:
                out.add(name)
    return out


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> Iterator[list[str]]:
    """Each import cycle once, as the modules on it (Tarjan's strongly connected parts).

    A package's ``__init__`` that re-exports its own modules is not a cycle of the design:
    edges from a package to the modules inside it are left out.
    """
    inner = {a: {b for b in bs if not b.startswith(a + ".")} for a, bs in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = [0]
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in inner.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(inner):
        if node not in index:
            visit(node)
    yield from found


def test_reports_import_neither_the_store_nor_the_app_nor_the_command():
    for name, imported in graph().items():
        if name.split(".")[0] == "reports":
            bad = {m for m in imported if m.split(".")[0] in ("store", "ui", "cli", "app")}
            assert not bad, f"{name} imports {sorted(bad)}"


def test_the_content_model_knows_no_renderer():
    renderers = {
        "reports.pdf",
        "reports.flowables",
        "reports.blocks",
        "reports.markup",
        "reports.html",
        "reports.docx",
        "reports.docxkit",
        "reports.docxstyle",
        "reports.svg",
        "reports.charts",
        "reports.figures",
    }
    for path in (ROOT / "reports" / "content").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for n in names:
                top = n.split(".")[0]
                assert top not in ("reportlab", "plotly", "streamlit", "docx"), (path, n)
                assert n not in renderers, (path, n)


def test_navigation_imports_no_page():
    pages = {f"ui.{p.stem}" for p in (ROOT / "ui").glob("*.py")} - {
        "ui.nav",
        "ui.state",
        "ui.text",
        "ui.resources",
        "ui.__init__",
        "ui.pages",
        "ui.frame",
        "ui.models",
        "ui.downloads",
        "ui.report_view",
        "ui.access",  # who is asking: the navigation offers only the pages they may open
        "ui.throttle",
    }
    assert not graph()["ui.nav"] & pages, graph()["ui.nav"] & pages


def test_no_module_imports_a_module_that_imports_it_back():
    found = list(cycles(graph()))
    assert not found, f"import cycles: {found}"


def test_the_cycle_check_finds_a_cycle():
    assert list(cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})) == [["a", "b", "c"]]
    assert list(cycles({"p": {"p.x"}, "p.x": {"p"}})) == []  # a package re-exporting
