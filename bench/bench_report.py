"""How long the PDF report takes: in-process render, and `maturity report` as a whole process.

Prints figures and asserts nothing (speed is never a test). Targets: under 250 ms median
in-process after warm-up, under 2 s for the whole command. Both renders include a
"since last time" comparison against two earlier assessments (so the trend chart too).

    .venv/bin/python bench/bench_report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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


def in_process(
    model_path: Path, current: Path, earlier: list[Path], runs: int
) -> tuple[list[float], list[float]]:
    """(wall-clock seconds, CPU seconds) per `build_report` call, after three warm-up calls.

    CPU time is printed too because it hardly moves when other work shares the machine."""
    model = load_model(model_path)
    result = score(model, load_responses(current, model))
    previous = [score(model, load_responses(p, model)) for p in earlier]
    for _ in range(3):
        build_report(result, previous)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        build_report(result, previous)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def whole_process(model_path: Path, current: Path, earlier: list[Path], runs: int) -> list[float]:
    """Seconds per `maturity report` run (a new Python process each time)."""
    script = shutil.which("maturity", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-c", "import cli; cli.run()"]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        args = [*command, "report", str(current), "--model", str(model_path)]
        args += ["-o", str(Path(tmp) / "report.pdf")]
        for path in earlier:
            args += ["--previous", str(path)]
        args.append("--other-organisation")  # the examples are three different forces
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)  # warm the disk cache
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed in-process renders")
    parser.add_argument("--process-runs", type=int, default=5, help="timed command runs")
    args = parser.parse_args()
    model_path, current, earlier = _inputs()
    model = load_model(model_path)
    print(
        f"model {model.id} {model.version}: {len(model.pillars)} pillars, "
        f"{len(model.questions())} questions; report of {current.name} with "
        f"--previous {' '.join(p.name for p in earlier)}"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    renders, cpu = in_process(model_path, current, earlier, args.runs)
    print(
        f"in-process render: median {statistics.median(renders) * 1000:.0f} ms, "
        f"min {min(renders) * 1000:.0f} ms, max {max(renders) * 1000:.0f} ms "
        f"over {len(renders)} runs after warm-up (target < 250 ms); "
        f"CPU time median {statistics.median(cpu) * 1000:.0f} ms"
    )
    commands = whole_process(model_path, current, earlier, args.process_runs)
    print(
        f"maturity report (whole process): median {statistics.median(commands):.2f} s, "
        f"min {min(commands):.2f} s, max {max(commands):.2f} s over {len(commands)} runs "
        "(target < 2 s)"
    )


if __name__ == "__main__":
    main()
