"""Download buttons: the PDF report, the accessible HTML report, the Word file, the responses
as JSON and the action plan (CSV and Markdown, from :mod:`reports.plan`).

Each report is made while the page is drawn, once for each content, so that a report that
cannot be made is said plainly on the page (see :func:`report_button`).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from questionnaire.schema import Responses
from scoring.result import Result

if TYPE_CHECKING:
    from reports.content.model import Options, Report
    from scoring.aggregate import GroupResult
    from store.records import StoredAssessment

LOG = logging.getLogger("ui")


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


@dataclass(frozen=True)
class ReportFormat:
    """One downloadable form of the report: its button and how it is drawn."""

    name: str  # in messages: "the PDF report"
    label: str
    suffix: str
    mime: str
    icon: str
    render: Callable[[Report], bytes]
    primary: bool = False


def _pdf(report: Report) -> bytes:
    from reports.pdf import render_pdf

    return render_pdf(report)


def _html(report: Report) -> bytes:
    from reports.html import render_html

    return render_html(report).encode("utf-8")


def _docx(report: Report) -> bytes:
    from reports.docx import render_docx

    return render_docx(report)


PDF = ReportFormat(
    "PDF report",
    "Download the PDF report",
    "pdf",
    "application/pdf",
    ":material/picture_as_pdf:",
    _pdf,
    primary=True,
)
HTML = ReportFormat(
    "HTML report", "Download the HTML report", "html", "text/html", ":material/article:", _html
)
DOCX = ReportFormat(
    "Word file",
    "Download the Word file",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ":material/edit_document:",
    _docx,
)


@dataclass(frozen=True)
class GroupReport:
    """What a group assessment's report needs beyond its result: the aggregate, the
    participants' own responses (for their names and dates) and whether names may show."""

    group: GroupResult
    people: tuple[Responses, ...] = ()
    names_shown: bool = False


def group_report(stored: StoredAssessment) -> GroupReport | None:
    """What a stored group assessment's workshop report needs (None for one person's):
    names are shown unless the group assessment was anonymous."""
    if stored.group is None:
        return None
    from ui.resources import get_store

    people, anonymous = get_store().group_people(stored.id)
    return GroupReport(stored.group, tuple(people), names_shown=not anonymous)


def report_content(
    result: Result,
    previous: Sequence[Result] = (),
    options: Options | None = None,
    group: GroupReport | None = None,
) -> Report:
    """The report's content: the single report, or a group assessment's workshop report."""
    from reports.content import build_content, build_group_content

    if group is None:
        return build_content(result, tuple(previous), options or _today())
    return build_group_content(
        group.group,
        tuple(previous),
        options or _today(),
        names_shown=group.names_shown,
        people=group.people,
    )


def report_button(
    form: ReportFormat,
    result: Result,
    previous: Sequence[Result] = (),
    *,
    key: str,
    options: Options | None = None,
    group: GroupReport | None = None,
) -> str | None:
    """A button that downloads the report in one form (``previous``: earlier assessments of
    the same organisation, for "since last time" and the trend).

    The file is made while the page is drawn, not when the button is pressed, so that a
    failure can be said on the page: Streamlit runs a deferred download's function outside
    the page, where nothing it raises can reach the person (D4: the History download did
    nothing, and only the server's log said why). The file is made once for each content of
    the report and kept in the session, so a redraw costs only the comparison.

    Returns:
        None when the button is drawn; else a plain sentence saying this form could not be
        made (the caller shows it below the row of buttons; the details go to the log).
    """
    made_key = f"{key}-made"
    try:
        report = report_content(result, previous, options, group)
        made: tuple[Report, bytes | None] | None = st.session_state.get(made_key)
        if made is None or made[0] != report:
            made = (report, None)  # a failure is kept too, so a redraw does not retry it
            st.session_state[made_key] = made
            made = (report, form.render(report))
            st.session_state[made_key] = made
    except Exception:
        LOG.exception("cannot make the %s", form.name)
        made = None
    if made is None or made[1] is None:
        return (
            f"The {form.name} could not be made from this assessment, so it cannot be "
            "downloaded. The other downloads are not affected; the server's log has the details."
        )
    st.download_button(
        form.label,
        data=made[1],
        file_name=f"{file_stem(result)}.{form.suffix}",
        mime=form.mime,
        key=key,
        icon=form.icon,
        type="primary" if form.primary else "secondary",
        on_click="ignore",
    )
    return None


def show_failures(failures: Iterable[str | None]) -> None:
    """The sentences of the downloads that could not be made, each as an error."""
    for failure in failures:
        if failure:
            st.error(failure)


def _today() -> Options:
    import datetime as dt

    from reports.content.model import Options

    return Options(generated_on=dt.date.today())


#: Marks a draft's action plan in Markdown (its CSV is marked by its file name alone: a line
#: above the header row would stop a spreadsheet reading the columns).
PLAN_DRAFT_LINE = "**DRAFT: not finished.** These steps come from answers that may still change."


@dataclass(frozen=True)
class PlanFormat:
    """One downloadable form of the action plan."""

    label: str
    suffix: str
    mime: str


PLAN_CSV = PlanFormat("Download the action plan (CSV)", "csv", "text/csv")
PLAN_MD = PlanFormat("Download the action plan (Markdown)", "md", "text/markdown")


def plan_file(form: PlanFormat, result: Result, *, draft: bool = False) -> bytes:
    """The action plan as a file: CSV with a byte order mark, as ``maturity plan`` writes it,
    so a spreadsheet reads it as UTF-8; Markdown led by :data:`PLAN_DRAFT_LINE` for a draft."""
    from reports.plan import plan_csv_file, plan_markdown

    if form is PLAN_CSV:
        return plan_csv_file(result)
    text = plan_markdown(result)
    return ((PLAN_DRAFT_LINE + "\n\n" + text) if draft else text).encode("utf-8")


def plan_buttons(result: Result, stem: str, *, key: str, draft: bool = False) -> list[str | None]:
    """Buttons that download the action plan as CSV and as Markdown (``stem``: the file
    name's start, ``...-draft`` for a draft); one sentence per form that could not be made."""
    failures: list[str | None] = []
    for form in (PLAN_CSV, PLAN_MD):
        try:
            data = plan_file(form, result, draft=draft)
        except Exception:
            LOG.exception("cannot make the action plan (%s)", form.suffix)
            failures.append(
                f"The action plan ({form.suffix.upper()}) could not be made from this "
                "assessment, so it cannot be downloaded. The other downloads are not "
                "affected; the server's log has the details."
            )
            continue
        st.download_button(
            form.label,
            data=data,
            file_name=f"{stem}-action-plan.{form.suffix}",
            mime=form.mime,
            key=f"{key}-{form.suffix}",
            icon=":material/checklist:",
            on_click="ignore",
        )
    return failures


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
