"""Benchmark: the PDF's radar drawn by reportlab against the same radar exported by Plotly with
kaleido, side by side in one run, so the choice of reportlab stands on a number (issue 16).

Both draw the same values (``reports.chartdata.chart_data`` of the bundled model's middle
example): reportlab's vector ``radar_drawing`` (what the PDF report embeds) rendered to a
one-page PDF, and the app's Plotly ``radar_figure`` exported to PDF by kaleido, which drives
Debian's chromium (``BROWSER_PATH=/usr/bin/chromium``). kaleido is timed twice: the first
export of the process (it starts the browser) and warm exports on a browser kept running
(``kaleido.start_sync_server``), the fairest case for it. The ratio is of the medians, warm
kaleido over reportlab; file sizes are of the PDFs. kaleido comes with `make bench`'s `bench`
extra only; without it, or without chromium, its rows say why.

Gives figures; asserts nothing (shared machines are noisy).
Run: `make bench` or `.venv/bin/python bench/bench_radar.py`.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browsing import ROOT, chromium
from table import Figure, render, timed, unmeasured

SLOW = True  # it drives a browser: `bench/run.py --quick` leaves it out
RUNS = 20
KALEIDO_RUNS = 10
WIDTH_PX, HEIGHT_PX = 600, 450  # the Plotly figure's size; reportlab's is the PDF's own


def chart() -> Any:
    """The radar's values for the bundled model's middle example (or its first)."""
    from questionnaire.loader import DEFAULT_MODEL, load_model, load_responses
    from reports.chartdata import chart_data
    from scoring import score

    model = load_model(DEFAULT_MODEL)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    chosen = next((p for p in examples if "middle" in p.name), examples[0])
    return chart_data(score(model, load_responses(chosen, model)))


def reportlab_pdf(data: Any) -> bytes:
    """The PDF report's radar, as a one-page vector PDF."""
    from reportlab.graphics import renderPDF

    from reports.charts import radar_drawing

    return bytes(renderPDF.drawToString(radar_drawing(data)))


def kaleido_pdf(data: Any) -> bytes:
    """The app's Plotly radar, exported to PDF by kaleido."""
    import plotly.io as pio

    from reports.figures import radar_figure

    return bytes(pio.to_image(radar_figure(data), format="pdf", width=WIDTH_PX, height=HEIGHT_PX))


def kaleido_figures(data: Any, ours: Figure) -> list[Figure]:
    """kaleido's first and warm exports, the ratio, and its file size; or rows saying why not."""
    executable = chromium()
    names = ("kaleido: first export", "kaleido: warm export", "radar ratio kaleido/reportlab")
    try:
        import kaleido
    except ImportError:
        why = "skipped: kaleido not installed (the `bench` extra)"
        return [unmeasured(n, why) for n in names]
    if executable is None:
        return [unmeasured(n, "skipped: no chromium") for n in names]
    os.environ.setdefault("BROWSER_PATH", executable)
    # plotly warns that its export options are ignored when kaleido's server is running
    warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
    try:
        start = time.perf_counter()
        first = kaleido_pdf(data)
        first_ms = (time.perf_counter() - start) * 1000
        kaleido.start_sync_server(silence_warnings=True)
        try:
            warm = timed(lambda: kaleido_pdf(data), KALEIDO_RUNS)
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    except Exception as failed:  # a browser that will not start is a row, not a crash
        why = f"failed: {type(failed).__name__}: {str(failed).splitlines()[0][:100]}"
        return [unmeasured(n, why) for n in names]
    theirs = Figure("kaleido: warm export", "ms", warm, note=f"PDF {len(first) / 1024:.0f} KiB")
    return [
        Figure("kaleido: first export", "ms", (first_ms,), note="starts chromium"),
        theirs,
        Figure("radar ratio kaleido/reportlab", "x", (theirs.median / ours.median,)),
    ]


def figures() -> list[Figure]:
    data = chart()
    size = len(reportlab_pdf(data))
    ours = Figure(
        "reportlab: radar to PDF",
        "ms",
        timed(lambda: reportlab_pdf(data), RUNS),
        note=f"PDF {size / 1024:.0f} KiB",
    )
    return [ours, *kaleido_figures(data, ours)]


def main() -> None:
    print(render(figures()))


if __name__ == "__main__":
    main()
