"""Download buttons: the PDF report, the accessible HTML report and the responses as JSON.

Each report is built only when the button is pressed (Streamlit calls the function then, on its
own thread), so drawing a page never waits for a report.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from questionnaire.schema import Responses
from scoring.result import Result

if TYPE_CHECKING:
    from reports.content.model import Options


def file_stem(result: Result) -> str:
    """``ai-maturity-heddlu-dyfed-powys-2026-11-27``: ASCII, safe in any file system."""
    r = result.responses
    name = unicodedata.normalize("NFKD", r.organisation or "assessment")
    slug = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    parts = ["ai-maturity", slug[:60] or "assessment"]
    if r.assessed_on:
        parts.append(r.assessed_on.isoformat())
    return "-".join(parts)


def responses_json(responses: Responses) -> str:
    """The responses in the contract's format (``maturity score`` reads it back)."""
    data = responses.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_options(*, key: str) -> Options:
    """The consultant's options for the reports (the CLI's --prepared-by, --marking, --draft,
    --sections, --commentary and --logo), in a fold above the buttons; a setting that is not
    allowed is shown as an error at its field and left out."""
    import datetime as dt

    from questionnaire.limits import COMMENTARY_CHARS, LOGO_BYTES, OPTION_CHARS, too_long
    from reports.content.model import DEFAULT_MARKING, SECTIONS, Logo, Options
    from reports.logo import LogoError, check_logo
    from reports.text import clean, one_line
    from ui.models import megabytes

    with st.expander("Report options: prepared by, marking, draft, sections, commentary, logo"):
        prepared = st.text_input(
            "Prepared by (on the cover)", key=f"{key}-prepared-by", max_chars=OPTION_CHARS
        )
        marking = st.text_input(
            "Protective marking on every page (leave empty for none)",
            value=DEFAULT_MARKING,
            key=f"{key}-marking",
            max_chars=OPTION_CHARS,
        )
        draft = st.checkbox("Mark every page DRAFT", key=f"{key}-draft")
        values: dict[str, str | None] = {}
        for name, value in (("prepared_by", prepared), ("marking", marking)):
            try:
                values[name] = one_line(value, OPTION_CHARS)
            except ValueError as exc:
                st.error(f"{str(exc).capitalize()}; left out of the reports.")
                values[name] = None if name == "prepared_by" else DEFAULT_MARKING
        chosen = st.multiselect(
            "Sections (the cover is always included)",
            SECTIONS,
            default=SECTIONS,
            key=f"{key}-sections",
        )
        commentary = st.text_area(
            "Assessor’s commentary, shown after the summary (paragraphs, “- ” bullets, "
            "**strong** and *emphasis*)",
            max_chars=COMMENTARY_CHARS,
            key=f"{key}-commentary",
        )
        if len(commentary) > COMMENTARY_CHARS:  # sent past the browser's own limit
            st.error(
                too_long("The commentary", len(commentary), COMMENTARY_CHARS)
                + "; left out of the reports."
            )
            commentary = ""
        upload = st.file_uploader(
            f"Logo for the cover (PNG or SVG, at most {LOGO_BYTES // 1024} KB)",
            type=["png", "svg"],
            key=f"{key}-logo",
            max_upload_size=megabytes(LOGO_BYTES),
        )
        logo: Logo | None = None
        if upload is not None:
            try:
                if upload.size > LOGO_BYTES:
                    raise LogoError(too_long("file", upload.size, LOGO_BYTES, "bytes"))
                logo = check_logo(upload.getvalue())
            except LogoError as exc:
                st.error(f"The logo {exc}; left out of the reports.")
    return Options(
        generated_on=dt.date.today(),
        prepared_by=values["prepared_by"],
        marking=values["marking"],
        draft=draft,
        sections=tuple(s for s in SECTIONS if s in chosen),
        commentary=clean(commentary) if commentary.strip() else None,
        logo=logo,
    )


def pdf_button(
    result: Result, previous: Sequence[Result] = (), *, key: str, options: Options | None = None
) -> None:
    """A button that downloads the PDF report (``previous``: earlier assessments of the same
    organisation, for "since last time" and the trend)."""
    from reports.content import build_content
    from reports.pdf import render_pdf

    earlier = tuple(previous)
    st.download_button(
        "Download the PDF report",
        data=lambda: render_pdf(build_content(result, earlier, options or _today())),
        file_name=f"{file_stem(result)}.pdf",
        mime="application/pdf",
        key=key,
        icon=":material/picture_as_pdf:",
        type="primary",
        on_click="ignore",
    )


def html_button(
    result: Result, previous: Sequence[Result] = (), *, key: str, options: Options | None = None
) -> None:
    """A button that downloads the accessible HTML report (the PDF's content, for screen
    readers, phones and pasting into a paper)."""
    from reports.content import build_content
    from reports.html import render_html

    earlier = tuple(previous)

    def page() -> bytes:
        report = build_content(result, earlier, options or _today())
        return render_html(report).encode("utf-8")

    st.download_button(
        "Download the HTML report",
        data=page,
        file_name=f"{file_stem(result)}.html",
        mime="text/html",
        key=key,
        icon=":material/article:",
        on_click="ignore",
    )


def docx_button(
    result: Result, previous: Sequence[Result] = (), *, key: str, options: Options | None = None
) -> None:
    """A button that downloads the report as an editable Word file."""
    from reports.content import build_content
    from reports.docx import render_docx

    earlier = tuple(previous)
    st.download_button(
        "Download the Word file",
        data=lambda: render_docx(build_content(result, earlier, options or _today())),
        file_name=f"{file_stem(result)}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key=key,
        icon=":material/edit_document:",
        on_click="ignore",
    )


def _today() -> Options:
    import datetime as dt

    from reports.content.model import Options

    return Options(generated_on=dt.date.today())


def json_button(responses: Responses, stem: str, *, key: str) -> None:
    """A button that downloads the answers as a responses file (JSON)."""
    st.download_button(
        "Download the answers (JSON)",
        data=responses_json(responses),
        file_name=f"{stem}-responses.json",
        mime="application/json",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )
