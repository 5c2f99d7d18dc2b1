"""Keyboard focus in a real browser: a ring anyone can see, no stops on hidden anchors, and
focus on the new page's heading after a page change (issue 14; ui/client.py does it).

The ring is measured as WCAG 2.2's "focus appearance" asks: the colour of the focused
control's outline against the background behind that outline, by the relative-luminance
contrast formula (:func:`contrast`), at least 3:1, and at least 2 px wide. The outline is
looked for on the focused element and, where that element is hidden or framed (a radio's
input, a text box inside its border), on the nearest of its ancestors that draws one.

Runs on the two-pillar fixture model (tests/fixtures/tiny-model.yaml) for speed; the other
keyboard suites import its fixtures (``tiny_server``, ``tiny``) and the helpers from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# pytest finds fixtures by name: these come from the main browser suite, so every browser
# test launches chromium one way and starts the server one way.
from test_browser import (  # noqa: F401
    ORGANISATION,
    AppServer,
    browser_context_args,
    browser_type_launch_args,
    wait_for_app,
)

from questionnaire.loader import load_model
from questionnaire.schema import Model

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny-model.yaml"
#: WCAG 2.2 (1.4.11 and 2.4.13): a focus indicator contrasts at least 3:1 with what is
#: around it, and is at least 2 CSS pixels thick.
MIN_CONTRAST = 3.0
MIN_WIDTH_PX = 2.0


@pytest.fixture(name="tiny_server")
def tiny_server_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppServer]:
    """An app server using the two-pillar fixture model, on a fresh database."""
    monkeypatch.setenv("MATURITY_MODEL", str(TINY))
    app = AppServer(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "streamlit.log")
    yield app
    app.stop()


@pytest.fixture(name="tiny")
def tiny_fixture() -> Model:
    """The fixture model the server uses."""
    return load_model(TINY)


# --- the contrast measure --------------------------------------------------------------------
def parse_colour(css: str) -> tuple[float, float, float, float]:
    """``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` as computed by the browser: (r, g, b, a)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if len(numbers) == 3:
        numbers.append(1.0)
    assert len(numbers) == 4, css
    r, g, b, a = numbers
    return r, g, b, a


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance: each sRGB channel linearised, then weighted 0.2126, 0.7152,
    0.0722."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    """WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(
    colour: tuple[float, float, float, float], behind: tuple[float, float, float]
) -> tuple[float, float, float]:
    """A colour with alpha as seen over an opaque one."""
    r, g, b, a = colour
    return tuple(a * c + (1 - a) * d for c, d in zip((r, g, b), behind, strict=True))  # type: ignore[return-value]


# The focused element's ring: the widest outline drawn by the element itself or one of its
# nearest ancestors (a radio's input keeps the browser's 1 px outline, but it is clipped out
# of sight; the option around it draws the ring that is seen); then the backgrounds behind the ring, from the ring holder's parent up to
# the first opaque one (the ring sits outside the holder, over its parent).
RING_JS = """() => {
  let holder = null, widest = 0, el = document.activeElement;
  for (let i = 0; el && i < 6; i++, el = el.parentElement) {
    const cs = getComputedStyle(el), width = parseFloat(cs.outlineWidth);
    if (cs.outlineStyle !== 'none' && width > widest) { holder = el; widest = width; }
  }
  if (!holder) return null;
  const cs = getComputedStyle(holder), layers = [];
  for (let back = holder.parentElement; back; back = back.parentElement) {
    const c = getComputedStyle(back).backgroundColor;
    layers.push(c);
    if (!c.startsWith('rgba')) break;
  }
  const a = document.activeElement;
  return {colour: cs.outlineColor, width: cs.outlineWidth, layers: layers,
          what: a.tagName + ' ' + (a.getAttribute('aria-label') || a.textContent || '').slice(0, 40)};
}"""


def ring(page: Any) -> dict[str, Any]:
    """The focused element's ring: colour, width, the backgrounds behind it (nearest first),
    and a label."""
    found = page.evaluate(RING_JS)
    assert found is not None, "the focused element and its ancestors draw no outline"
    return dict(found)


def background(layers: list[str]) -> tuple[float, float, float]:
    """The colour seen through the given backgrounds (nearest first) over a white page."""
    seen = (255.0, 255.0, 255.0)
    for layer in reversed(layers):
        seen = over(parse_colour(layer), seen)
    return seen


def assert_visible_ring(page: Any) -> None:
    """The focused control's ring is at least 2 px wide and 3:1 against its background."""
    found = ring(page)
    behind = background(found["layers"])
    ratio = contrast(over(parse_colour(found["colour"]), behind), behind)
    width = float(found["width"].removesuffix("px"))
    assert width >= MIN_WIDTH_PX, found
    assert ratio >= MIN_CONTRAST, (round(ratio, 2), found)


def tab_until(page: Any, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until the focused element matches ``selector``; returns what was focused
    on the way (each as tag, test id and label), the match last."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"Tab never reached {selector}; focused on the way: {seen}")


def focused(page: Any) -> str:
    """The focused element, as tag, test id and label (for messages)."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement;
            return [e.tagName, e.getAttribute('data-testid') || '',
                    (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 50)]
                   .join(' ') }"""
        )
    )


def fill_start_form(page: Any, url: str) -> None:
    """Open the app and fill in the start form (with the keyboard: the fields are typed)."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("Organisation (for example, the name of the force)").fill(ORGANISATION)


# --- the tests -------------------------------------------------------------------------------
def test_the_contrast_formula_gives_the_known_ratios() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # Streamlit's own faint focus shadow, the defect: rgba(29, 63, 114, 0.5) on white
    faint = over((29, 63, 114, 0.5), (255, 255, 255))
    assert contrast(faint, (255, 255, 255)) < MIN_CONTRAST
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert background(["rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)"]) == (127.5, 127.5, 127.5)


def test_tab_stops_on_the_start_page_are_never_heading_anchors(
    tiny_server: AppServer, page: Any
) -> None:
    fill_start_form(page, tiny_server.start())
    page.locator("h1").first.focus()  # start from the top of the page's content
    seen = tab_until(page, "button[data-testid^='stBaseButton']")
    page.locator(".st-key-site-menu a").first.focus()
    seen += tab_until(page, "[data-testid='stMain'] input")
    anchors = [s for s in seen if "Link to heading" in s]
    assert not anchors, seen
    assert page.locator("[data-testid='stHeaderActionElements'] a").count() == 0 or all(
        not a.is_visible() for a in page.locator("[data-testid='stHeaderActionElements'] a").all()
    )


def test_every_kind_of_control_shows_a_ring_of_3_to_1(
    tiny_server: AppServer, page: Any, tiny: Model
) -> None:
    fill_start_form(page, tiny_server.start())
    page.locator("h1").first.focus()
    tab_until(page, "[data-testid='stMain'] input[type='text']")
    assert_visible_ring(page)  # a text input
    tab_until(page, "button[data-testid^='stBaseButton']")
    assert_visible_ring(page)  # a button
    page.locator(".st-key-site-menu a").first.focus()
    page.keyboard.press("Tab")
    assert_visible_ring(page)  # a sidebar link

    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator("h1").first).to_have_text(tiny.pillars[0].name, timeout=30000)
    wait_for_app(page)
    page.locator("h1").first.focus()
    tab_until(page, "input[type='radio']")
    assert_visible_ring(page)  # a radio option
    tab_until(page, "textarea")
    assert_visible_ring(page)  # a text area
    tab_until(page, "[data-testid='stSelectbox'] input")
    assert_visible_ring(page)  # a select box
    tab_until(page, "button[data-testid='stBaseButton-primary']")
    assert_visible_ring(page)  # the primary (dark blue) button: the ring is outside it


def test_next_with_the_keyboard_puts_focus_on_the_new_pages_heading(
    tiny_server: AppServer, page: Any, tiny: Model
) -> None:
    fill_start_form(page, tiny_server.start())
    # the first load leaves focus alone (a screen reader starts at the top as usual)
    assert page.evaluate("document.activeElement.tagName") != "H1"
    page.get_by_role("button", name="Start the assessment").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1").first).to_have_text(tiny.pillars[0].name, timeout=30000)
    wait_for_app(page)
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_focused()

    tab_until(page, "button[data-testid='stBaseButton-primary']")
    page.keyboard.press("Enter")
    expect(page.locator("h1").first).to_have_text(tiny.pillars[1].name, timeout=30000)
    wait_for_app(page)
    heading = page.locator("[data-testid='stMain'] h1").first
    expect(heading).to_be_focused()
    assert heading.get_attribute("tabindex") == "-1"

    page.reload()  # a reload is a first load: focus is not moved
    expect(page.locator("h1").first).to_have_text(tiny.pillars[1].name, timeout=30000)
    wait_for_app(page)
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.tagName") != "H1"
