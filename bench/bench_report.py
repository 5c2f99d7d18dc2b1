"""How long the PDF report takes: in-process render, and `maturity report` as a whole process,
and the peak memory of that process.

Gives figures and asserts nothing (speed is never a test). Budgets: 250 ms median in-process
after warm-up, 2 s for the whole command, 200 MB of peak resident memory for it. Both renders include a
"since last time" comparison against two earlier assessments (so the trend chart too).

    .venv/bin/python bench/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses  # noqa: E402
from reports.pdf import build_report  # noqa: E402
from scoring import score  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from table import Figure, render, timed  # noqa: E402


def _inputs() -> tuple[Path, Path, list[Path]]:
    """(model, current responses, earlier responses): the bundled model and its examples,
    or the four-pillar fixture when they are missing."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if DEFAULT_MODEL.exists() and len(examples) >= 3:
        middle = next((p for p in examples if "middle" in p.name), examples[0])
        return DEFAULT_MODEL, middle, [p for p in examples if p != middle][:2]
    fixtures = ROOT / "tests" / "fixtures"
    return (
        fixtures / "four-pillar-model.yaml",
        fixtures / "four-pillar-responses.yaml",
        [
            fixtures / "four-pillar-responses-2025.yaml",
            fixtures / "four-pillar-responses-2024.yaml",
        ],
    )


def in_process(model_path: Path, current: Path, earlier: list[Path], runs: int) -> list[float]:
    """Milliseconds per `build_report` call, after three warm-up calls."""
    model = load_model(model_path)
    result = score(model, load_responses(current, model))
    previous = [score(model, load_responses(p, model)) for p in earlier]
    return list(timed(lambda: build_report(result, previous), runs, warmup=3))


def whole_process(
    model_path: Path, current: Path, earlier: list[Path], runs: int
) -> tuple[list[float], list[float]]:
    """(milliseconds, peak resident MB) per `maturity report` run, a new process each time.

    The peak is the child's own (``os.wait4`` returns the rusage of that one process)."""
    script = shutil.which("maturity", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-c", "import cli; cli.run()"]
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        args = [*command, "report", str(current), "--model", str(model_path)]
        args += ["-o", str(Path(tmp) / "report.pdf")]
        for path in earlier:
            args += ["--previous", str(path)]
        args.append("--other-organisation")  # the examples are three different forces
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)  # warm the disk cache
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.Popen(
                args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, status, usage = os.wait4(proc.pid, 0)
            times.append((time.perf_counter() - start) * 1000)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                raise RuntimeError(f"maturity report failed (exit {proc.returncode})")
            peaks.append(usage.ru_maxrss / 1024)  # kilobytes on Linux
    return times, peaks


def figures(runs: int = 20, process_runs: int = 5) -> list[Figure]:
    model_path, current, earlier = _inputs()
    note = f"{current.name}, {len(earlier)} earlier"
    renders = in_process(model_path, current, earlier, runs)
    commands, peaks = whole_process(model_path, current, earlier, process_runs)
    return [
        Figure("PDF report with a comparison, in-process", "ms", tuple(renders), 250.0, note=note),
        Figure("`maturity report`, whole process", "ms", tuple(commands), 2000.0, note=note),
        Figure("`maturity report`, peak memory", "MB", tuple(peaks), 200.0, note="max RSS"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed in-process renders")
    parser.add_argument("--process-runs", type=int, default=5, help="timed command runs")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(render(figures(args.runs, args.process_runs)))


if __name__ == "__main__":
    main()
