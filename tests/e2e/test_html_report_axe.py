"""The HTML report in a real browser: axe-core finds nothing serious, a keyboard reaches
everything, and the charts' labels fit as drawn with the browser's own fonts.

Debian's chromium is driven by Playwright with the launch settings of test_browser.py. axe-core
comes from the npm package (``.ci/run`` installs it under ``.cache/npm/``) or from the file
named by MATURITY_AXE_JS. Without chromium or axe-core the tests skip, or fail when
MATURITY_REQUIRE_BROWSER is set, as it is in CI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_run import ALSO, axe_path, run_axe, serious
from conftest import skip_or_fail
from html_samples import sample_report, stress_report

# The fixture that launches Debian's chromium: pytest finds it here by name, so both browser
# suites share one definition and one set of flags.
from test_browser import browser_type_launch_args  # noqa: F401

from reports.html import render_html

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def axe_js() -> Path:
    """axe-core's script: MATURITY_AXE_JS, else the copy `.ci/run` installs."""
    path = axe_path()
    if not path.is_file():
        skip_or_fail(
            "MATURITY_REQUIRE_BROWSER",
            f"axe-core not found at {path} (npm install --prefix .cache/npm axe-core@4)",
        )
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample report and the hostile one (40 pillars, 10 levels), written to files."""
    folder = tmp_path_factory.mktemp("html")
    written = {}
    for name, report in (("sample", sample_report()), ("hostile", stress_report(40, 10))):
        path = folder / f"{name}.html"
        path.write_text(render_html(report), encoding="utf-8")
        written[name] = path
    return written


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Opens a report file at a window width; the page's CSP forbids scripts, so the
    context bypasses it to let the test inject axe-core and run its own checks."""
    contexts: list[Any] = []

    def opener(path: Path, width: int) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.requests = requests
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_axe_finds_no_serious_or_critical_violation(
    open_page: Any, pages: dict[str, Path], axe_js: Path, name: str, width: int
) -> None:
    page = open_page(pages[name], width)
    result = run_axe(page, axe_js, f"{name} {width}px", also=ALSO)
    print(f"axe {name} {width}px: for review: {[r['id'] for r in result['incomplete']]}")
    assert not serious(result), json.dumps(result["violations"], indent=1)[:4000]
    assert page.requests == [pages[name].as_uri()]  # the page fetched nothing


FOCUSABLE = """() => [...document.querySelectorAll('a[href], [tabindex="0"]')]
    .filter(e => e.getClientRects().length > 0)
    .map(e => e.id || e.getAttribute('href') || e.getAttribute('aria-label')
         || e.getAttribute('aria-labelledby'))"""

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return {
        key: e.id || e.getAttribute('href') || e.getAttribute('aria-label')
             || e.getAttribute('aria-labelledby'),
        outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
        shadow: s.boxShadow,
        visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_keyboard_reaches_everything_with_a_visible_focus_and_no_trap(
    open_page: Any, pages: dict[str, Path], width: int
) -> None:
    page = open_page(pages["sample"], width)
    expected = page.evaluate(FOCUSABLE)
    assert expected[0] == "#main" and len(expected) > 5
    reached: list[str] = []
    for _ in range(len(expected) + 3):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus is None or (reached and focus["key"] == expected[0]):
            break  # focus left the page, or came round again: nothing held it
        assert focus["outline"] >= 2 or focus["shadow"] != "none", focus
        assert focus["visible"], focus
        reached.append(focus["key"])
    else:
        pytest.fail(f"focus did not leave the page after every element: {reached[-5:]}")
    assert reached == expected


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_report(
    open_page: Any, pages: dict[str, Path]
) -> None:
    page = open_page(pages["sample"], 1280)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["key"] == "#main" and first["visible"] and first["outline"] >= 2
    assert page.evaluate("document.activeElement.textContent") == "Skip to the report"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside


CHART_TEXT = """() => {
    const found = [];
    for (const svg of document.querySelectorAll('svg.chart-svg')) {
        if (!svg.getClientRects().length) continue;  // the layout not shown at this width
        const frame = svg.getBoundingClientRect();
        const boxes = [...svg.querySelectorAll('text')].map(t => ({
            text: t.textContent.slice(0, 24),
            r: t.getBoundingClientRect(),
            px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a,
        }));
        for (const b of boxes) {
            if (b.r.left < frame.left - 0.5 || b.r.right > frame.right + 0.5
                || b.r.top < frame.top - 0.5 || b.r.bottom > frame.bottom + 0.5)
                found.push(`outside: ${b.text}`);
            if (b.px < 11) found.push(`${b.px.toFixed(1)} px: ${b.text}`);
        }
        for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].r, c = boxes[j].r;
                // Glyph boxes include the font's line gap: allow a pixel of it.
                if (a.left < c.right - 1 && c.left < a.right - 1
                    && a.top < c.bottom - 1 && c.top < a.bottom - 1)
                    found.push(`overlap: ${boxes[i].text} / ${boxes[j].text}`);
            }
    }
    return found;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_chart_labels_fit_and_are_readable_as_the_browser_draws_them(
    open_page: Any, pages: dict[str, Path], name: str, width: int
) -> None:
    page = open_page(pages[name], width)
    assert page.evaluate("document.querySelectorAll('svg.chart-svg').length") > 0
    problems = page.evaluate(CHART_TEXT)
    assert not problems, problems[:10]
    # Nothing but a table's own scroll region is wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
