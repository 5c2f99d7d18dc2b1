"""The report's colours, shared by the PDF, its charts and the app's Plotly figures.

Calm and print-friendly; the series colours are the Okabe-Ito set, which stays distinct for
readers with colour-vision deficiency. No chart relies on colour alone: every series and
marker is also labelled in text.
"""

from __future__ import annotations

INK = "#1F2933"  # body text
NAVY = "#1F3A5F"  # headings, cover band
TEAL = "#2A7F8E"  # the organisation's scores
TEAL_FILL = "#2A7F8E"  # drawn with transparency on the radar
TARGET = "#B5541C"  # targets (dashed line, diamond markers)
MUTED = "#5F6B7A"  # captions, axis labels
RULE = "#C9D1DB"  # grid lines and rules
PANEL = "#EEF2F6"  # boxes behind key facts
UP = "#2E7D32"
DOWN = "#B3261E"

# Level bands, lightest first (longer scales reuse them): none is near-white, each is a visible
# step darker than the last in greyscale print, and the darkest still gives the score bar and
# the target mark 3:1 contrast (WCAG 2.2, non-text contrast).
BANDS = ("#EEF1F5", "#E4E9EF", "#DAE0E8", "#D2DAE3", "#CAD3DE")

# One colour per pillar in trend charts (Okabe-Ito, without yellow, which fades on paper).
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")


def band_colour(index: int, count: int) -> str:
    """The fill of level band `index` of `count`, spread across the ramp."""
    if count <= 1:
        return BANDS[0]
    if count <= len(BANDS):
        return BANDS[index]
    return BANDS[round(index * (len(BANDS) - 1) / (count - 1))]
