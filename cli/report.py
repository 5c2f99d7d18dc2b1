"""``maturity report``: score the responses and any earlier assessments, write the report as a
PDF, as the accessible HTML page or as an editable Word file (all drawn from the same content
blocks).

The earlier assessments (``--previous``) are files, or assessments kept in the database named
``db:<id>``; :func:`cli.inputs.previous_results` turns both into scored Results, so the
reports package only ever sees Results and never the store. Rendering is imported when the command runs, not before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cli.files import check_target, read_bounded, write_atomic
from cli.inputs import model_of, previous_results, scored
from cli.parser import REPORT_SECTIONS, REPORT_SUFFIXES
from cli.terminal import printable
from questionnaire.limits import COMMENTARY_CHARS, LOGO_BYTES, OPTION_CHARS, too_long
from questionnaire.yamlio import InputError, Problem
from reports.content.model import MARKING_LIMIT, Logo
from scoring.compare import same_organisation
from scoring.result import Result


def _warn_about_dates(previous: list[str], earlier: list[Result], result: Result) -> None:
    now = result.responses.assessed_on
    for value, before in zip(previous, earlier, strict=True):
        then = before.responses.assessed_on
        if then and now and then > now:
            print(
                printable(
                    f"{value}: warning: dated {then.isoformat()}, after the assessment being "
                    f"reported ({now.isoformat()}); it is still shown as an earlier one"
                ),
                file=sys.stderr,
            )


def _refuse_other_organisations(previous: list[str], earlier: list[Result], result: Result) -> None:
    """An earlier assessment of another organisation is bad input unless asked for: a silent
    comparison across clients is the worst error a consultant's report can make."""
    problems = []
    for value, before in zip(previous, earlier, strict=True):
        if same_organisation(before, result) is False:
            problems.append(
                Problem(
                    value,
                    None,
                    None,
                    f"is an assessment of {before.responses.organisation!r}, not of "
                    f"{result.responses.organisation!r}; give --other-organisation to compare "
                    "them anyway",
                )
            )
    if problems:
        raise InputError(problems)


def _one_line(option: str, value: str | None, limit: int) -> str | None:
    """An option's text as one line (:func:`reports.text.one_line`), or bad input that says
    what is wrong: over the limit (counted as :func:`~reports.text.one_line` folds spacing),
    or holding characters that cannot be printed."""
    from reports.text import one_line

    try:
        cleaned = one_line(value, limit)
    except ValueError:
        length = len(" ".join((value or "").split()))
        message = (
            f"needs one line of text: {too_long('this one', length, limit)}"
            if length > limit
            else "needs one line of printable text (no control characters)"
        )
        raise InputError([Problem(option, None, None, message)]) from None
    if value is not None and cleaned is None:
        raise InputError([Problem(option, None, None, "needs one line of text, not blank")])
    return cleaned


def _marking(value: str) -> str | None:
    """The protective marking (``none`` for no marking).

    Its limit stays ``MARKING_LIMIT`` (60), not ``OPTION_CHARS`` (200): a longer marking is cut
    short in the PDF's page header, taking "DRAFT" with it.
    """
    if value.strip().casefold() == "none":
        return None
    return _one_line("--marking", value, MARKING_LIMIT)


def _sections(value: str | None) -> tuple[str, ...] | None:
    """The sections ``--sections`` names, in report order; bad input names the unknown ones."""
    if value is None:
        return None
    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in REPORT_SECTIONS]
    if unknown or not names:
        what = f"unknown section {', '.join(repr(n) for n in unknown)}" if unknown else "no section"
        raise InputError(
            [Problem("--sections", None, None, f"{what}: choose from {', '.join(REPORT_SECTIONS)}")]
        )
    return tuple(n for n in REPORT_SECTIONS if n in names)


def _commentary(path: str | None) -> str | None:
    """The assessor's commentary from ``--commentary FILE``: UTF-8 text of at most
    ``COMMENTARY_CHARS`` characters, read no further than the bytes that many characters can
    take (four each, and a byte-order mark)."""
    if path is None:
        return None
    most = COMMENTARY_CHARS * 4 + 3
    data, size = read_bounded(path, most)
    if len(data) > most:
        message = (
            f"is {size:,} bytes, more than {COMMENTARY_CHARS:,} characters can take; a "
            f"commentary may have at most {COMMENTARY_CHARS:,} characters"
        )
        raise InputError([Problem(path, None, None, message)])
    try:
        value = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(path, None, None, f"is not UTF-8 text (byte {exc.start + 1})")]
        ) from None
    if len(value) > COMMENTARY_CHARS:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    None,
                    f"has {len(value):,} characters; a commentary may have at most "
                    f"{COMMENTARY_CHARS:,}",
                )
            ]
        )
    from reports.text import clean

    return clean(value.replace("\r\n", "\n")) if value.strip() else None


def _logo(path: str | None) -> Logo | None:
    """The cover's logo from ``--logo FILE`` (at most ``LOGO_BYTES``, read no further),
    checked by :func:`reports.logo.check_logo`."""
    if path is None:
        return None
    from reports.logo import LogoError, check_logo

    data, size = read_bounded(path, LOGO_BYTES)
    if len(data) > LOGO_BYTES:
        message = (
            f"is larger than the {LOGO_BYTES // 1024} KB a logo may be "
            f"({too_long('it', size, LOGO_BYTES, 'bytes')})"
        )
        raise InputError([Problem(path, None, None, message)])
    try:
        return check_logo(data)
    except LogoError as exc:
        raise InputError([Problem(path, None, None, str(exc))]) from None


def report_format(output: str, chosen: str | None) -> str:
    """The format to write: `chosen` (``--format``), else the one OUT's suffix names (``pdf``
    when it has none). A suffix that names no format is bad input, so a ``.txt`` never holds a
    PDF."""
    if chosen:
        return chosen
    suffix = Path(output).suffix.lower()
    if not suffix:
        return "pdf"
    if suffix not in REPORT_SUFFIXES:
        names = ", ".join(REPORT_SUFFIXES)
        raise InputError(
            [
                Problem(
                    output,
                    None,
                    None,
                    f"cannot tell the report format from {suffix!r}: name "
                    f"the file {names}, or give --format",
                )
            ]
        )
    return REPORT_SUFFIXES[suffix]


def cmd_report(args: argparse.Namespace) -> int:
    """Score the responses (and any earlier ones) and write the report (PDF, HTML or Word)."""
    check_target(args.output)
    fmt = report_format(args.output, args.format)
    marking = _marking(args.marking)
    sections = _sections(args.sections)
    commentary = _commentary(args.commentary)
    logo = _logo(args.logo)
    model = model_of(args)
    problems: list[Problem] = []
    result: Result | None = None
    previous: list[Result] = []
    try:
        result = scored(args.responses, model)
    except InputError as exc:
        problems += exc.problems
    try:
        previous = previous_results(args, model)
    except InputError as exc:
        problems += exc.problems
    if problems or result is None:
        raise InputError(problems)
    _warn_about_dates(args.previous, previous, result)
    if not args.other_organisation:
        _refuse_other_organisations(args.previous, previous, result)

    from reports.content import Options, build_content

    options = Options(
        generated_on=None if args.invariant else dt.date.today(),
        prepared_by=_one_line("--prepared-by", args.prepared_by, OPTION_CHARS),
        marking=marking,
        draft=args.draft,
        sections=sections,
        commentary=commentary,
        logo=logo,
    )
    report = build_content(result, previous, options)
    if fmt == "docx" and logo is not None and logo.kind == "svg":
        print(
            printable(
                f"note: the Word file cannot hold an SVG logo, so {args.logo} is left out of "
                "it (give a PNG for the Word file)"
            ),
            file=sys.stderr,
        )
    if fmt == "html":
        from reports.html import render_html

        data = render_html(report).encode("utf-8")
    elif fmt == "docx":
        from reports.docx import render_docx

        data = render_docx(report, invariant=args.invariant)
    else:
        from reports.pdf import render_pdf

        data = render_pdf(report, invariant=args.invariant)
    output = Path(args.output)
    write_atomic(output, data)
    print(printable(f"wrote {output} ({len(data) // 1024 + 1} KB)"))
    return 0
