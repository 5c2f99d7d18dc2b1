"""The workshop report's HTML in a real browser: axe-core finds nothing serious at a desktop
and a phone width, and the by-group chart's labels fit and are readable as drawn.

The browser, axe-core and the page opener are those of ``test_html_report_axe.py`` (imported
here by name, so pytest finds the same fixtures); see there for how they are found and when
the tests skip.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_run import ALSO, run_axe, serious
from group_samples import workshop

# The fixtures shared with the single report's browser checks: pytest finds them by name.
from test_browser import browser_type_launch_args  # noqa: F401
from test_html_report_axe import CHART_TEXT, WIDTHS, axe_js, open_page  # noqa: F401

from reports.content import build_group_content
from reports.html import render_html

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Workshop reports of 2 participants (names shown) and of 40 (anonymous)."""
    folder = tmp_path_factory.mktemp("group-html")
    written = {}
    for size in (2, 40):
        w = workshop(size)
        report = build_group_content(w.group, names_shown=size == 2, people=w.people)
        path = folder / f"workshop-{size}.html"
        path.write_text(render_html(report), encoding="utf-8")
        written[f"workshop-{size}"] = path
    return written


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["workshop-2", "workshop-40"])
def test_axe_finds_no_serious_or_critical_violation_in_the_workshop_report(
    open_page: Any,  # noqa: F811
    pages: dict[str, Path],
    axe_js: Path,  # noqa: F811
    name: str,
    width: int,
) -> None:
    page = open_page(pages[name], width)
    result = run_axe(page, axe_js, f"{name} {width}px", also=ALSO)
    assert not serious(result), json.dumps(result["violations"], indent=1)[:4000]
    assert page.requests == [pages[name].as_uri()]  # the page fetched nothing


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["workshop-2", "workshop-40"])
def test_the_by_group_chart_labels_fit_and_are_readable_as_the_browser_draws_them(
    open_page: Any,  # noqa: F811
    pages: dict[str, Path],
    name: str,
    width: int,
) -> None:
    page = open_page(pages[name], width)
    assert page.evaluate("document.querySelectorAll('svg.chart-svg').length") > 0
    problems = page.evaluate(CHART_TEXT)
    assert not problems, problems[:10]
