"""`make bench`: every benchmark module's figures in one table, and the same in bench/results.json.

A benchmark module is any ``bench/bench_*.py`` defining ``figures() -> list[Figure]`` at its
top level (found by reading its source, so a module joins the table by existing, without an
edit here). Each module runs in a child process of its own (``run.py --child NAME``): one
module's crash, hang, leaked state or memory cannot spoil another's figures, and a module
that fails, runs out of time or skips (it raises :class:`table.Skipped`, for example without
chromium) is still a row saying so. A module without ``figures()`` is a row too.

Options: ``--quick`` skips the modules that declare ``SLOW = True`` (the browser ones, minutes
of wall time) and says so in their rows; ``--only NAME ...`` runs only those modules.
PostgreSQL figures are measured when libpq's PG* variables name a server (``make bench``
runs this under ``pg_virtualenv`` when it is installed).

    .venv/bin/python bench/run.py [--quick] [--only bench_store ...] [--json PATH]
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from table import Figure, Skipped, render, unmeasured, write_json  # noqa: E402

RESULTS = BENCH / "results.json"
TIMEOUT_S = 420  # one module at most (bench_users bounds its own run to 300 s)


@dataclass(frozen=True)
class Module:
    """A bench/bench_*.py file, as read from its source without importing it."""

    name: str
    has_figures: bool
    slow: bool


def _slow(node: ast.stmt) -> bool:
    """Whether a top-level statement is ``SLOW = True``."""
    if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
        return False
    named = any(isinstance(t, ast.Name) and t.id == "SLOW" for t in node.targets)
    return named and node.value.value is True


def modules(folder: Path = BENCH) -> list[Module]:
    """Every benchmark module in ``folder``, in name order."""
    found = []
    for path in sorted(folder.glob("bench_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top = tree.body
        has = any(isinstance(n, ast.FunctionDef) and n.name == "figures" for n in top)
        found.append(Module(path.stem, has, any(_slow(n) for n in top)))
    return found


def machine() -> str:
    """``2 cores, 24 GiB, AMD EPYC, Linux 6.1, Python 3.11.2``: where the figures come from."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (OSError, ValueError):
        memory = "unknown memory"
    return (
        f"{os.cpu_count()} cores, {memory}, {cpu}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def child(name: str, out: Path) -> int:
    """Run one module's ``figures()`` here and write them to ``out`` (the child's side)."""
    module = importlib.import_module(name)
    try:
        figures = module.figures()
    except Skipped as why:
        figures = [unmeasured(name, f"skipped: {why}", group=name)]
    rows = [f.as_dict() for f in figures]
    for row in rows:
        row["group"] = row["group"] or name
    out.write_text(json.dumps(rows), encoding="utf-8")
    return 0


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else "no message"


def measure(module: Module, timeout_s: float = TIMEOUT_S) -> tuple[list[Figure], str]:
    """(the module's figures, or one row saying why there are none; its log when it failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        command = [sys.executable, str(Path(__file__)), "--child", module.name, "--out", str(out)]
        try:
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s
            )
        except subprocess.TimeoutExpired:
            return [unmeasured(module.name, f"failed: over {timeout_s:.0f} s", module.name)], ""
        if done.returncode != 0 or not out.exists():
            log = done.stderr or done.stdout
            why = f"failed (exit {done.returncode}): {_last_line(log)}"
            return [unmeasured(module.name, why, module.name)], log
        rows = json.loads(out.read_text(encoding="utf-8"))
    return [Figure.from_dict(row) for row in rows], ""


def run(quick: bool, only: list[str] | None) -> list[Figure]:
    """Every module's figures in name order, with a progress line per module on stderr."""
    figures: list[Figure] = []
    logs: list[tuple[str, str]] = []
    for module in modules():
        if only and module.name not in only:
            continue
        if not module.has_figures:
            why = "not measured: the module has no figures(); run it alone"
            figures.append(unmeasured(module.name, why, module.name))
            continue
        if quick and module.slow:
            figures.append(unmeasured(module.name, "skipped: --quick", module.name))
            continue
        print(f"== {module.name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        measured, log = measure(module)
        print(f"   {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
        figures.extend(measured)
        if log:
            logs.append((module.name, log))
    for name, log in logs:
        print(f"-- {name} failed; the end of its output:\n{log[-3000:]}", file=sys.stderr)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the modules marked SLOW")
    parser.add_argument("--only", nargs="*", help="module names to run (default: all)")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.out)
    began = time.perf_counter()
    figures = run(args.quick, args.only)
    where = machine()
    print(f"machine: {where}")
    print(render(figures))
    print(f"(whole run: {time.perf_counter() - began:.0f} s; the same as JSON in {args.json})")
    write_json(figures, args.json, where)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # the child's traceback goes to the parent, which shows its end
        traceback.print_exc()
        sys.exit(1)
