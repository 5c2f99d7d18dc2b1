"""The HTML report's stylesheet and colours (inlined into the page by :mod:`reports.html`).

Every pair of text and background colour the stylesheet can put together is listed in
:data:`TEXT_ON`, and every mark that must be seen (focus ring, callout borders) in
:data:`MARKS_ON`, so a test can hold them to WCAG 2.2 AA: 4.5:1 for text, 3:1 for the rest.
The screen layout is one readable column; the print layout is black on white, shows link
addresses and keeps rows, figures and boxes from splitting across pages.
"""

from __future__ import annotations

from reports.svgkit import FONT_STACK

WHITE = "#FFFFFF"
INK = "#1F2933"
NAVY = "#1F3A5F"
MUTED = "#5F6B7A"
LINK = "#1A4480"
FOCUS = "#1F3A5F"
RULE = "#8A96A3"  # table rules: decoration only, but kept at 3:1 anyway
ZEBRA = "#F3F6F9"
UP = "#256B29"
DOWN = "#A3221B"
INFO_BG, INFO_BORDER = "#EEF2F6", "#1F3A5F"
WARNING_BG, WARNING_BORDER, WARNING_INK = "#FFF4E5", "#B25E00", "#8A4B00"
STOP_BG, STOP_BORDER, STOP_INK = "#FDECEA", "#A3221B", "#8C1D18"

BACKGROUNDS = (WHITE, ZEBRA, INFO_BG, WARNING_BG, STOP_BG)
TEXT_ON = tuple((fg, bg) for fg in (INK, NAVY, MUTED, LINK, UP, DOWN) for bg in BACKGROUNDS) + (
    (WARNING_INK, WARNING_BG),
    (STOP_INK, STOP_BG),
    (WHITE, NAVY),
)
MARKS_ON = tuple((FOCUS, bg) for bg in (*BACKGROUNDS, WHITE)) + (
    (INFO_BORDER, WHITE),
    (WARNING_BORDER, WHITE),
    (STOP_BORDER, WHITE),
    (RULE, WHITE),
)

STYLESHEET = f"""
:root {{ color-scheme: light; }}
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{
  margin: 0; background: {WHITE}; color: {INK}; font-family: {FONT_STACK};
  font-size: 1.0625rem; line-height: 1.55; overflow-wrap: anywhere;
}}
.cover, .toc, main, .footer {{ max-width: 50rem; margin: 0 auto; padding: 0 1rem; }}
.skip-link {{
  position: absolute; left: 0.5rem; top: -20rem; z-index: 10; padding: 0.6rem 1rem;
  background: {NAVY}; color: {WHITE}; font-weight: 700;
}}
.skip-link:focus {{ top: 0.5rem; }}
a {{ color: {LINK}; text-decoration: underline; text-underline-offset: 0.15em; }}
a:hover {{ text-decoration-thickness: 0.15em; }}
:focus-visible, a:focus, .table-scroll:focus {{
  outline: 3px solid {FOCUS}; outline-offset: 2px;
}}
main:focus, [tabindex="-1"]:focus {{ outline: none; }}
h1, h2, h3, h4 {{ color: {NAVY}; line-height: 1.25; margin: 1.6em 0 0.5em; }}
h1 {{ font-size: 2rem; margin-top: 0.4em; }}
h2 {{ font-size: 1.55rem; }}
h3 {{ font-size: 1.25rem; }}
h4 {{ font-size: 1.075rem; }}
.h1-title {{ display: block; font-size: 1.15rem; color: {MUTED}; font-weight: 700; }}
.h1-organisation {{ display: block; font-size: 2rem; }}
.cover {{ border-top: 0.5rem solid {NAVY}; padding-top: 1.5rem; padding-bottom: 0.5rem; }}
.section {{ padding-top: 0.5rem; }}
p, ul, ol {{ margin: 0 0 0.9em; }}
li {{ margin-bottom: 0.35em; }}
.lead {{ font-size: 1.2rem; }}
.headline {{ font-size: 1.35rem; font-weight: 700; color: {NAVY}; }}
.small, .caption, figcaption {{ font-size: 0.9rem; }}
.caption, figcaption {{ color: {MUTED}; }}
.note {{ font-size: 0.95rem; border-left: 3px solid {RULE}; padding-left: 0.75rem; }}
.title {{ font-size: 1.5rem; font-weight: 700; color: {NAVY}; }}
.subtitle {{ font-size: 1.2rem; color: {MUTED}; }}
.organisation {{ font-size: 1.75rem; font-weight: 700; color: {NAVY}; }}
small {{ font-size: 0.875em; }}
.tone-muted {{ color: {MUTED}; }}
.tone-up {{ color: {UP}; }}
.tone-down {{ color: {DOWN}; }}
.iso {{ unicode-bidi: isolate; }}
hr {{ border: 0; border-top: 1px solid {RULE}; margin: 1.5rem 0; }}
.toc ol {{ padding-left: 1.5rem; }}
.table-scroll {{ overflow-x: auto; max-width: 100%; margin: 1rem 0 1.25rem; }}
table {{
  border-collapse: collapse; width: 100%; font-size: 0.95rem; overflow-wrap: normal;
}}
caption {{ caption-side: top; text-align: left; font-weight: 700; padding: 0 0 0.4rem; }}
th, td {{
  padding: 0.45rem 0.6rem; border-bottom: 1px solid {RULE}; text-align: left;
  vertical-align: top;
}}
thead th {{ border-bottom: 2px solid {INK}; vertical-align: bottom; }}
tbody tr:nth-child(even) {{ background: {ZEBRA}; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.long {{ overflow-wrap: anywhere; min-width: 8rem; }}
.callout {{
  margin: 1.25rem 0; padding: 0.9rem 1.1rem 0.2rem; border-left: 0.4rem solid;
}}
.callout-info {{ background: {INFO_BG}; border-color: {INFO_BORDER}; }}
.callout-warning {{ background: {WARNING_BG}; border-color: {WARNING_BORDER}; }}
.callout-stop {{
  background: {STOP_BG}; border: 3px solid {STOP_BORDER}; border-left-width: 0.6rem;
}}
.callout-label {{ font-weight: 700; margin-bottom: 0.4rem; }}
.callout-warning .callout-label {{ color: {WARNING_INK}; }}
.callout-stop .callout-label {{ color: {STOP_INK}; }}
.callout > :last-child {{ margin-bottom: 0.7rem; }}
figure.chart {{ margin: 1.5rem 0 0.5rem; }}
.chart-svg {{ display: block; width: 100%; height: auto; }}
.chart-narrow {{ display: none; max-width: 30rem; margin: 0 auto; }}
.chart-svg text {{ font-family: inherit; }}
.halo {{ paint-order: stroke; stroke: {WHITE}; stroke-width: 3px; stroke-linejoin: round; }}
figcaption {{ margin-top: 0.5rem; }}
.footer {{ margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid {RULE};
  color: {MUTED}; font-size: 0.9rem; }}
.page-mark {{ margin: 0; padding: 0.35rem 1rem; text-align: center; font-weight: 700;
  letter-spacing: 0.04em; color: {INK}; border-bottom: 1px solid {RULE}; }}
.page-mark-bottom {{ border-bottom: 0; border-top: 1px solid {RULE}; }}
@media (max-width: 43.99em) {{
  .chart-wide {{ display: none; }}
  .chart-narrow {{ display: block; }}
  h1 {{ font-size: 1.7rem; }}
  .h1-organisation {{ font-size: 1.7rem; }}
}}
@media (forced-colors: active) {{
  .callout {{ border: 2px solid CanvasText; }}
}}
@media print {{
  @page {{ margin: 16mm 15mm; }}
  * {{ color: #000 !important; background: transparent !important; box-shadow: none !important; }}
  body {{ font-size: 10.5pt; }}
  .skip-link, .toc {{ display: none !important; }}
  /* A fixed element is printed on every page: the marking heads and foots each sheet. */
  .page-mark {{ position: fixed; left: 0; right: 0; border: 0; padding: 0; font-size: 8pt; }}
  .page-mark-top {{ top: -10mm; }}
  .page-mark-bottom {{ bottom: -10mm; }}
  .cover, main, .footer {{ max-width: none; padding: 0; }}
  a[href^="http://"]::after, a[href^="https://"]::after {{
    content: " (" attr(href) ")"; font-size: 0.9em; overflow-wrap: anywhere;
  }}
  .chart-wide {{ display: block !important; }}
  .chart-narrow {{ display: none !important; }}
  .table-scroll {{ overflow: visible !important; }}
  .break-page {{ break-before: page; }}
  .one-page {{ break-after: page; }}
  h1, h2, h3, h4, caption {{ break-after: avoid; }}
  tr, figure, .callout, .group, li {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .callout, .callout-stop, .callout-warning, .callout-info {{ border-color: #000 !important; }}
}}
"""
