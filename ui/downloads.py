"""Download buttons: the PDF report, the accessible HTML report and the responses as JSON.

Each report is built only when the button is pressed (Streamlit calls the function then, on its
own thread), so drawing a page never waits for a report.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence

import streamlit as st

from questionnaire.schema import Responses
from scoring.result import Result


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


def pdf_button(result: Result, previous: Sequence[Result] = (), *, key: str) -> None:
    """A button that downloads the PDF report (``previous``: earlier assessments of the same
    organisation, for "since last time" and the trend)."""
    from reports.pdf import build_report

    earlier = tuple(previous)
    st.download_button(
        "Download the PDF report",
        data=lambda: build_report(result, earlier),
        file_name=f"{file_stem(result)}.pdf",
        mime="application/pdf",
        key=key,
        icon=":material/picture_as_pdf:",
        type="primary",
        on_click="ignore",
    )


def html_button(result: Result, previous: Sequence[Result] = (), *, key: str) -> None:
    """A button that downloads the accessible HTML report (the PDF's content, for screen
    readers, phones and pasting into a paper)."""
    import datetime as dt

    from reports.content import Options, build_content
    from reports.html import render_html

    earlier = tuple(previous)

    def page() -> bytes:
        options = Options(generated_on=dt.date.today())
        return render_html(build_content(result, earlier, options)).encode("utf-8")

    st.download_button(
        "Download the HTML report",
        data=page,
        file_name=f"{file_stem(result)}.html",
        mime="text/html",
        key=key,
        icon=":material/article:",
        on_click="ignore",
    )


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
