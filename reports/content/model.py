"""The report as data: frozen blocks that every renderer draws and none rewords.

:func:`reports.content.build_content` turns a scored assessment into a :class:`Report`, a
sequence of :class:`Section` objects holding the blocks below. The PDF (:mod:`reports.pdf`),
the HTML report (:mod:`reports.html`) and the app (:mod:`ui.report_view`) each draw these
blocks; a finding is worded once, here, and only drawn there.

Text is never markup. A run of text is a tuple of :class:`Span` objects (an :data:`Inline`),
each carrying plain text and how it is set (strong, emphasis, muted, small, a link). Every
renderer escapes span text for its own format (reportlab markup, HTML, Markdown), so a name
like ``R&D <b>`` is shown exactly as typed everywhere. A ``"\\n"`` inside span text is a line
break.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from questionnaire import limits
from reports.chartdata import ChartData, TrendData

Tone = Literal["muted", "up", "down"]

# A report lists a force's weaknesses: police documents of that kind usually carry this.
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
MARKING_LIMIT = limits.MARKING_CHARS  # one short line at the top and bottom of a page
PREPARED_BY_LIMIT = limits.OPTION_CHARS

# The sections a report can hold, in their order (the cover always comes first, and the
# assessor's commentary after the summary whenever there is one).
SECTIONS = (
    "summary",
    "judgements",
    "actions",
    "change",
    "answers",
    "knowledge-gaps",
    "method",
    "glossary",
    "sources",
)


@dataclass(frozen=True)
class Span:
    """A run of plain text and how it is set.

    Attributes:
        text: plain text (user or model text included); renderers escape it.
        strong: bold.
        emphasis: italic.
        tone: ``muted`` (secondary detail), ``up`` / ``down`` (a change; always with an
            arrow or sign in the text too, so colour is never the only carrier of meaning).
        small: set smaller (a secondary line inside a list item, a source reference).
        href: an ``http(s)`` address to link the text to (renderers refuse any other scheme).
    """

    text: str
    strong: bool = False
    emphasis: bool = False
    tone: Tone | None = None
    small: bool = False
    href: str | None = None


Inline: TypeAlias = tuple[Span, ...]

ParagraphRole = Literal[
    "body", "lead", "headline", "small", "caption", "note", "title", "subtitle", "organisation"
]


@dataclass(frozen=True)
class Heading:
    """A heading inside a section: ``level`` 2 is a subsection, 3 a sub-subsection (a
    section's own title is level 1 and comes from :class:`Section`)."""

    level: Literal[2, 3]
    text: Inline


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``role`` says what kind (body text, the lead line of a box, a caption...)."""

    text: Inline
    role: ParagraphRole = "body"


@dataclass(frozen=True)
class BulletList:
    """A list; each item is one Inline (line breaks inside it are ``"\\n"`` in span text).

    ``start`` continues the numbering of a numbered list split into two blocks (so the PDF
    can keep a heading with the first item).
    """

    items: tuple[Inline, ...]
    numbered: bool = False
    start: int = 1


Align = Literal["left", "right"]


@dataclass(frozen=True)
class Table:
    """A table with a header row (unless ``header`` is empty) and rows of cells.

    Attributes:
        header: the column headings.
        rows: the body rows, each with one cell per column.
        widths: relative column widths (for paged output).
        align: per column; numbers are right-aligned.
        row_headers: the first cell of each row names the row (a pillar, a question).
        caption: what the table shows, in words (the HTML caption; also its accessible name).
    """

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]
    align: tuple[Align, ...] = ()
    row_headers: bool = True
    caption: str = ""

    def alignment(self, column: int) -> Align:
        """The alignment of a column (left unless said otherwise)."""
        return self.align[column] if column < len(self.align) else "left"


ChartKind = Literal["radar", "bars", "trend"]


@dataclass(frozen=True)
class Chart:
    """A chart, with everything a reader without the picture needs.

    Attributes:
        kind: ``radar`` (pillars against targets), ``bars`` (pillars over the level bands)
            or ``trend`` (scores across assessments).
        data: what it draws (:func:`reports.chartdata.chart_data` or ``trend_data``).
        title: a short name for the chart (the figure's accessible name).
        alt: a text alternative: what the chart says, in a sentence or two.
        caption: shown under the chart (how to read it).
        table: the same figures as a table, shown beside the chart wherever the output is
            read on screen (HTML, app).
        print_table: whether paged output (the PDF) prints ``table`` under the chart too.
    """

    kind: ChartKind
    data: ChartData | TrendData
    title: str
    alt: str
    caption: Inline = ()
    table: Table | None = None
    print_table: bool = False


CalloutTone = Literal["info", "warning", "stop"]

# The words a box of each tone opens with, in every format (an "info" box opens with none).
CALLOUT_LABELS: dict[str, str] = {"warning": "Warning", "stop": "Stop and put right"}


@dataclass(frozen=True)
class Callout:
    """A tinted box of blocks: the overall level, a warning, a "stop and put right" box."""

    blocks: tuple[Block, ...]
    tone: CalloutTone = "info"


@dataclass(frozen=True)
class Group:
    """Blocks that belong together on one page where they fit (a heading and its first
    lines). Screen renderers draw the blocks in order and ignore the grouping."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Rule:
    """A thin separating line."""


Block: TypeAlias = Heading | Paragraph | BulletList | Table | Chart | Callout | Group | Rule

BreakBefore = Literal["page", "space"] | None


@dataclass(frozen=True)
class Section:
    """A section of the report: its title (a level-1 heading and a PDF bookmark) and blocks.

    Attributes:
        id: a stable slug (HTML anchor, app key); never shown.
        title: the section's heading; None for the cover, which is titled by its blocks.
        blocks: the content.
        break_before: paged output starts the section on a new page (``page``) or only when
            little of the page is left (``space``).
        one_page: paged output fits the section on one page (shrinking it if it must) and
            starts a new page after it.
    """

    id: str
    title: str | None
    blocks: tuple[Block, ...]
    break_before: BreakBefore = None
    one_page: bool = False


@dataclass(frozen=True)
class Report:
    """A whole report, ready for any renderer.

    Attributes:
        title: the document title (PDF metadata, HTML ``<title>``).
        organisation: the organisation's name as given ("Your organisation" when none).
        author: who the report is by (PDF metadata).
        subject: the model and version (PDF metadata).
        keywords: PDF metadata.
        footer: the running footer of paged output.
        lang: the language tag (``en-GB``).
        sections: the report's sections, cover first.
        marking: the protective marking printed at the top and bottom of every page (such as
            ``OFFICIAL-SENSITIVE``), or None for none.
        draft: whether every page is marked DRAFT.
        logo: the image on the cover, if any.
    """

    title: str
    organisation: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    footer: str
    sections: tuple[Section, ...]
    lang: str = "en-GB"
    marking: str | None = None
    draft: bool = False
    logo: Logo | None = None

    @property
    def page_mark(self) -> str:
        """What the top and bottom of every page say: the marking and DRAFT ("" for none)."""
        return " · ".join(x for x in (self.marking, "DRAFT" if self.draft else None) if x)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)


# --- building inline text ------------------------------------------------------------------


def text(*parts: str | Span | Inline) -> Inline:
    """An Inline from plain strings, spans and other inlines, in order."""
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                spans.append(Span(part))
        elif isinstance(part, Span):
            spans.append(part)
        else:
            spans.extend(part)
    return tuple(spans)


def strong(value: str) -> Span:
    """Bold text."""
    return Span(value, strong=True)


def em(value: str) -> Span:
    """Italic text."""
    return Span(value, emphasis=True)


def muted(value: str, *, small: bool = True) -> Span:
    """Secondary detail: muted and, by default, small."""
    return Span(value, tone="muted", small=small)


def plain(inline: Iterable[Span]) -> str:
    """The text of an Inline without any setting (for alt text, metadata and tests)."""
    return "".join(span.text for span in inline)


@dataclass(frozen=True)
class Options:
    """How the report is put together (not what it says about the organisation).

    Attributes:
        generated_on: the "prepared on" date, or None to leave it out.
        respondent_label: the cover's label for who answered (e.g. "Workshop").
        respondent: who answered, in words, in place of the responses' respondent.
        participants: how many people's answers the report stands on (1 for one respondent).
        prepared_by: who prepared the report (a consultant, a team), for the cover and the
            document's author.
        marking: the protective marking on every page; None for none.
        draft: mark every page DRAFT.
        sections: which of :data:`SECTIONS` to include (all when None).
        commentary: the assessor's commentary, in the Markdown subset of
            :mod:`reports.content.commentary`.
        logo: an image for the cover.
    """

    generated_on: dt.date | None = None
    respondent_label: str = "Respondent"
    respondent: str | None = None
    participants: int = 1
    prepared_by: str | None = None
    marking: str | None = DEFAULT_MARKING
    draft: bool = False
    sections: tuple[str, ...] | None = None
    commentary: str | None = None
    logo: Logo | None = None


@dataclass(frozen=True)
class Logo:
    """An image for the cover, already checked (:mod:`reports.logo`): PNG or SVG bytes and
    its size in points at which to draw it."""

    data: bytes
    kind: Literal["png", "svg"]
    width: float
    height: float


def block_text(block: Block) -> str:
    """All the text a block shows, plain, one piece per line (for search, alt text and tests)."""
    if isinstance(block, Heading | Paragraph):
        return plain(block.text)
    if isinstance(block, BulletList):
        return "\n".join(plain(item) for item in block.items)
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        return "\n".join(" | ".join(plain(cell) for cell in row) for row in rows if row)
    if isinstance(block, Chart):
        parts = [block.title, block.alt, plain(block.caption)]
        if block.table is not None:
            parts.append(block_text(block.table))
        return "\n".join(p for p in parts if p)
    if isinstance(block, Callout | Group):
        return "\n".join(block_text(b) for b in block.blocks)
    return ""


def section_text(section: Section) -> str:
    """All the text of a section, its title first."""
    return "\n".join([section.title or "", *(block_text(b) for b in section.blocks)])
