"""`render_html(report) -> str`: the report as one self-contained, accessible HTML page.

The page draws the blocks of :mod:`reports.content.model` and words nothing itself beyond a
few labels of its own (the skip link, "Contents", the kind of a warning box). It loads
nothing: the stylesheet is inline, the charts are inline SVG (:mod:`reports.svg`), the font is
the reader's system font, and a Content-Security-Policy forbids scripts and fetches anyway.

How the blocks become HTML:

- The cover (the first section, which has no title) is the page's ``<header>``; its title and
  organisation paragraphs form the one ``<h1>``. Every other section is a ``<section>``
  labelled by its ``<h2>``; a Heading of level 2 is an ``<h3>`` and level 3 an ``<h4>``, but
  never more than one level below the heading before it, so the outline has no gaps.
- Span text is escaped (quotes too), stripped of characters HTML cannot hold, and a ``"\\n"``
  is a ``<br>``. A link is made only for an ``http://`` or ``https://`` address. Text that
  carries explicit bidirectional controls is isolated so they cannot reorder what follows;
  right-to-left text is otherwise left to the browser, in reading order.
- Tables sit in a scrollable region a keyboard can reach, with a caption, column headers
  and row headers; numbers are right-aligned. A chart is a ``<figure>`` with its caption,
  followed by its table.
- Warning and stop boxes say what they are in words, not only in colour.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable

from reports.content.model import (
    CALLOUT_LABELS,
    Block,
    BulletList,
    Callout,
    Chart,
    Group,
    Heading,
    Inline,
    Paragraph,
    Report,
    Rule,
    Section,
    Span,
    Table,
)
from reports.htmlstyle import STYLESHEET
from reports.svg import chart_svg
from reports.svgkit import clean

__all__ = ["clean", "render_html", "safe_href"]

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LONG_WORD = re.compile(r"\S{41,}")
_LINK = re.compile(r"https?://\S", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

_TONES = {"muted", "up", "down"}
_ROLES = {"body", "lead", "headline", "small", "caption", "note", "title", "subtitle"}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def safe_href(href: str | None) -> str | None:
    """The address to link to, or None when it is not an ``http(s)`` address."""
    address = clean(href).strip()
    return address if _LINK.match(address) else None


def inline(spans: Inline) -> str:
    """An Inline as HTML: each span's text escaped and set as the span says."""
    return "".join(_span(span) for span in spans)


def _span(span: Span) -> str:
    text = clean(span.text)
    if not text:
        return ""
    out = "<br>".join(_esc(line) for line in text.split("\n"))
    if _BIDI_CONTROLS.search(text):
        out = f'<span class="iso">{out}</span>'
    if span.small:
        out = f"<small>{out}</small>"
    if span.emphasis:
        out = f"<em>{out}</em>"
    if span.strong:
        out = f"<strong>{out}</strong>"
    if span.tone in _TONES:
        out = f'<span class="tone-{span.tone}">{out}</span>'
    href = safe_href(span.href)
    if href:
        out = f'<a href="{_esc(href)}" rel="noopener noreferrer">{out}</a>'
    return out


def _plain(spans: Iterable[Span]) -> str:
    return " ".join(clean("".join(span.text for span in spans)).split())


class _Page:
    """What drawing one page needs to remember: the heading level reached, the ids used,
    and the last heading's words (to name a table that has no caption)."""

    def __init__(self) -> None:
        self.level = 1
        self.ids: set[str] = {"main", "contents"}
        self.heading = ""

    def unique(self, base: str) -> str:
        """An id made of safe characters that no other element of the page has."""
        stem = _ID_UNSAFE.sub("-", base).strip("-")[:60] or "x"
        candidate, n = stem, 2
        while candidate in self.ids:
            candidate, n = f"{stem}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def next_level(self, wanted: int) -> int:
        """The heading level to use: `wanted`, but at most one below the last heading."""
        self.level = max(2, min(wanted, self.level + 1, 6))
        return self.level


def render_html(report: Report) -> str:
    """The report as one self-contained HTML5 document.

    Args:
        report: the report's content (:func:`reports.content.build_content`).

    Returns:
        The page as a string: no scripts, and nothing for a browser to fetch.
    """
    page = _Page()
    sections = list(report.sections)
    cover = sections.pop(0) if sections and sections[0].title is None else None
    titled = [(s, page.unique(f"s-{s.id}")) for s in sections]
    title = _plain([Span(report.title)]) or _plain([Span(report.organisation)]) or "Report"
    lang = report.lang if _LANG.fullmatch(report.lang or "") else "en-GB"
    parts = [
        "<!doctype html>",
        f'<html lang="{_esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_esc(title)}</title>",
    ]
    for name, value in (
        ("author", report.author),
        ("description", report.subject),
        ("keywords", ", ".join(report.keywords)),
    ):
        if clean(value).strip():
            parts.append(f'<meta name="{name}" content="{_esc(clean(value).strip())}">')
    parts += [f"<style>{STYLESHEET}</style>", "</head>", "<body>"]
    parts.append('<a class="skip-link" href="#main">Skip to the report</a>')
    mark = clean(report.page_mark).strip()
    if mark:
        parts.append(f'<p class="page-mark page-mark-top">{_esc(mark)}</p>')
    parts.append(_cover(cover, report, page))
    named = [(s, ident) for s, ident in titled if _plain([Span(s.title or "")])]
    if len(named) > 1:
        parts.append(_contents(named))
        page.level = 2  # the contents' <h2>: a section without a title goes on from there
    parts.append('<main id="main" tabindex="-1">')
    for section, ident in titled:
        parts.append(_section(section, ident, page))
    parts.append("</main>")
    if clean(report.footer).strip():
        parts.append(f'<footer class="footer"><p>{inline((Span(report.footer),))}</p></footer>')
    if mark:
        parts.append(f'<p class="page-mark page-mark-bottom">{_esc(mark)}</p>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _flat(blocks: Iterable[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        out.extend(_flat(b.blocks) if isinstance(b, Group) else [b])
    return out


def _cover(cover: Section | None, report: Report, page: _Page) -> str:
    """The cover as the page's header: its first run of title and organisation paragraphs
    is the ``<h1>`` (the report's title when it has none), then its other blocks in order."""
    blocks = _flat(cover.blocks) if cover else []

    def in_heading(b: Block) -> bool:
        return isinstance(b, Paragraph) and b.role in ("title", "organisation")

    def worded(b: Block) -> bool:
        return isinstance(b, Paragraph) and in_heading(b) and bool(_plain(b.text))

    start = next((i for i, b in enumerate(blocks) if worded(b)), None)
    if start is None:
        name = _plain([Span(report.title)]) or _plain([Span(report.organisation)]) or "Report"
        before, heading, after = [], f'<span class="h1-title">{_esc(name)}</span>', blocks
    else:
        end = start
        while end < len(blocks) and in_heading(blocks[end]):
            end += 1
        run = [b for b in blocks[start:end] if isinstance(b, Paragraph) and _plain(b.text)]
        heading = " ".join(f'<span class="h1-{b.role}">{inline(b.text)}</span>' for b in run)
        before, after = blocks[:start], blocks[end:]
    # The <h1> opens the page, so anything the cover has before its title follows it: a
    # heading can never come before the document's first.
    page.level = 1
    rest = "".join(_block(b, page) for b in [*before, *after])
    return f'<header class="cover">{_logo(report)}<h1>{heading}</h1>{rest}</header>'


def _logo(report: Report) -> str:
    """The cover's logo as an image inside the page (never fetched; an SVG shown as an image
    runs no script), or "" when there is none."""
    logo = report.logo
    if logo is None:
        return ""
    kind = "image/png" if logo.kind == "png" else "image/svg+xml"
    data = base64.b64encode(logo.data).decode("ascii")
    return (
        f'<img class="logo" src="data:{kind};base64,{data}" alt="Logo" '
        f'width="{logo.width:.0f}" height="{logo.height:.0f}">'
    )


def _contents(sections: list[tuple[Section, str]]) -> str:
    items = "".join(
        f'<li><a href="#{ident}">{_esc(_plain([Span(s.title or "")]))}</a></li>'
        for s, ident in sections
    )
    return (
        '<nav class="toc" aria-labelledby="contents">'
        f'<h2 id="contents">Contents</h2><ol>{items}</ol></nav>'
    )


def _section(section: Section, ident: str, page: _Page) -> str:
    classes = ["section"]
    if section.break_before == "page":
        classes.append("break-page")
    if section.one_page:
        classes.append("one-page")
    title = _plain([Span(section.title or "")])
    if title:
        page.level, page.heading = 2, title
        head_id = page.unique(f"{ident}-title")
        head = f'<h2 id="{head_id}">{_esc(title)}</h2>'
        label = f' aria-labelledby="{head_id}"'
    else:
        head = label = ""
    body = "".join(_block(b, page) for b in section.blocks)
    return f'<section id="{ident}" class="{" ".join(classes)}"{label}>{head}{body}</section>'


def _block(block: Block, page: _Page) -> str:
    if isinstance(block, Heading):
        words = inline(block.text)
        if not _plain(block.text):
            return ""
        level = page.next_level(block.level + 1)
        page.heading = _plain(block.text)
        return f"<h{level}>{words}</h{level}>"
    if isinstance(block, Paragraph):
        if not _plain(block.text):
            return ""
        role = block.role if block.role in _ROLES or block.role == "organisation" else "body"
        cls = "" if role == "body" else f' class="{role}"'
        return f"<p{cls}>{inline(block.text)}</p>"
    if isinstance(block, BulletList):
        if not block.items:
            return ""
        items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
        if not block.numbered:
            return f"<ul>{items}</ul>"
        start = f' start="{int(block.start)}"' if int(block.start) != 1 else ""
        return f"<ol{start}>{items}</ol>"
    if isinstance(block, Table):
        return _table(block, page)
    if isinstance(block, Chart):
        return _chart(block, page)
    if isinstance(block, Callout):
        return _callout(block, page)
    if isinstance(block, Group):
        return f'<div class="group">{"".join(_block(b, page) for b in block.blocks)}</div>'
    if isinstance(block, Rule):
        return "<hr>"
    return ""


def _cell(tag: str, spans: Inline, numeric: bool, scope: str = "") -> str:
    classes = []
    if numeric:
        classes.append("num")
    if any(_LONG_WORD.search(s.text) for s in spans):
        classes.append("long")
    attrs = f' scope="{scope}"' if scope else ""
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    return f"<{tag}{attrs}>{inline(spans)}</{tag}>"


def _table(table: Table, page: _Page, fallback_caption: str = "") -> str:
    caption = _plain([Span(table.caption)]) or fallback_caption
    ident = page.unique("table")
    if caption:
        label = f' aria-labelledby="{ident}-caption"'
        cap = f'<caption id="{ident}-caption">{_esc(caption)}</caption>'
    else:
        label = f' aria-label="{_esc(page.heading or "Table")}"'
        cap = ""
    head = ""
    if table.header:
        cells = "".join(
            _cell("th", c, table.alignment(i) == "right", "col") for i, c in enumerate(table.header)
        )
        head = f"<thead><tr>{cells}</tr></thead>"
    rows = []
    for row in table.rows:
        cells = "".join(
            _cell(
                "th" if i == 0 and table.row_headers else "td",
                c,
                table.alignment(i) == "right",
                "row" if i == 0 and table.row_headers else "",
            )
            for i, c in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<div class="table-scroll" role="region" tabindex="0"{label}>'
        f"<table>{cap}{head}<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _chart(chart: Chart, page: _Page) -> str:
    title = _plain([Span(chart.title)]) or _plain([Span(chart.alt)]) or "Chart"
    desc = _plain([Span(chart.alt)]) or title
    ident = page.unique("chart")
    caption = f"<figcaption>{inline(chart.caption)}</figcaption>" if _plain(chart.caption) else ""
    figure = (
        f'<figure class="chart" id="{ident}">'
        f"{chart_svg(chart.kind, chart.data, ident, title, desc)}{caption}</figure>"
    )
    table = _table(chart.table, page, title) if chart.table is not None else ""
    return figure + table


def _callout(callout: Callout, page: _Page) -> str:
    tone = callout.tone if callout.tone in ("info", "warning", "stop") else "info"
    body = "".join(_block(b, page) for b in callout.blocks)
    words = CALLOUT_LABELS.get(tone)
    if words is None:
        return f'<div class="callout callout-{tone}" role="note">{body}</div>'
    ident = page.unique("callout")
    return (
        f'<div class="callout callout-{tone}" role="note" aria-labelledby="{ident}">'
        f'<p class="callout-label" id="{ident}">{words}</p>{body}</div>'
    )
