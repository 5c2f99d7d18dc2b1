"""Every command and option of ``maturity``, declared in one place before anything runs.

A command names its handler as a module path and a function name (:class:`Handler`); the
module is imported only when that command is chosen, so ``maturity --help`` or
``maturity validate`` never load reportlab or SQLAlchemy. This module imports nothing from
the project, for the same reason.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


class Handler(NamedTuple):
    """Where a command's code lives: ``module`` is imported and ``function(args)`` called."""

    module: str
    function: str


# The export formats store.exports writes (a test keeps the two equal); spelt out here so that
# building the parser does not import the store.
EXPORT_FORMATS = ("json", "csv")

# The marking a report carries unless told otherwise (reports.content.model says the same; a
# test keeps them equal, so building the parser does not import the reports).
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"

# The sections a report can hold (reports.content.model.SECTIONS; a test keeps them equal).
REPORT_SECTIONS = (
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

# Report formats, and the suffixes that name each.
REPORT_FORMATS = ("pdf", "html", "docx")
REPORT_SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}

MODEL_HELP = "model file (default: $MATURITY_MODEL or the bundled policing model)"

REPORT_DESCRIPTION = (
    "Write the personalised report of a responses file, as a PDF, an accessible HTML page or "
    "an editable Word file (from the suffix of OUT, or --format): the summary for the chief "
    "officer group, pillar judgements, issues and actions, what changed since the earlier "
    "assessment(s) with --previous, then appendices: every answer, knowledge gaps, method, "
    "glossary and the sources cited."
)

AGGREGATE_DESCRIPTION = (
    "Per question, the consensus is the median of the participants' option scores ('na' and "
    "'unknown' left out; each 'unknown' counted as a knowledge gap), the spread is the highest "
    "minus the lowest, and a spread of 50 points or more is a disagreement. Pillars, levels, "
    "targets, rules and next steps then follow from the consensus as for one assessment; each "
    "group's pillar scores come from its own participants."
)

IMPORT_DESCRIPTION = (
    "Store each file in its own transaction. A bad file is reported with its location and the "
    "others are still imported; an assessment already stored is reported as 'already "
    "imported' and not stored twice."
)


SUMMARY_DESCRIPTION = (
    "The national summary from the stored scores: per pillar and overall, the median and "
    "interquartile range across organisations (each counted once, by its latest finished "
    "assessment of the model), and the same by respondent group. A figure drawn from fewer "
    "than 5 organisations is never shown, and no organisation is named unless --organisation "
    "asks for it."
)

# The roles of store.access.Role (a test keeps the two equal), spelt out for the same reason.
USER_ROLES = ("administrator", "consultant", "viewer", "respondent")

DELETE_DESCRIPTION = (
    "Without --yes, list what would be erased: the organisation, its assessments (drafts, "
    "finished, discarded) with their answers, notes and targets, its group assessments, the "
    "accounts' access to it, and model versions nobody else used. With --yes, erase all of "
    "it in one transaction and overwrite the freed space, so no byte of it stays in the "
    "database files (on SQLite, its free pages and write-ahead log included)."
)

PURGE_DESCRIPTION = (
    "Erase, as `delete` does, every assessment no one has touched for more than the "
    "retention period, and any organisation left with nothing. Without --yes, only list them."
)

USERS_DESCRIPTION = (
    "Accounts are keyed by the e-mail address the identity provider vouches for. "
    "Administrators see every organisation; consultants and viewers only those given with "
    "--organisation. Addresses in $MATURITY_ADMINS are administrators whatever is stored."
)


def _command(
    sub: Subparsers, name: str, handler: Handler, *, help: str, description: str | None = None
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help, description=description)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The ``maturity`` argument parser: one sub-command per verb, in the order of the help.

    Parsed arguments carry ``handler``, the :class:`Handler` of the chosen command.
    """
    parser = argparse.ArgumentParser(
        prog="maturity",
        description="AI maturity self-assessment for UK policing: check models, score answers, "
        "write reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(
        sub,
        "validate",
        Handler("cli.model", "cmd_validate"),
        help="check model files and report every problem",
    )
    p.add_argument("models", nargs="+", metavar="MODEL", help="model YAML file")

    p = _command(
        sub,
        "score",
        Handler("cli.score", "cmd_score"),
        help="score a responses file (JSON or YAML)",
    )
    p.add_argument("responses", metavar="RESPONSES")
    p.add_argument("--model", metavar="MODEL", help=MODEL_HELP)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")

    p = _command(
        sub,
        "plan",
        Handler("cli.plan", "cmd_plan"),
        help="the action plan of a responses file: every next step with owner, uplift and rank",
    )
    p.add_argument("responses", metavar="RESPONSES")
    p.add_argument("--model", metavar="MODEL", help=MODEL_HELP)
    p.add_argument(
        "--format",
        choices=("csv", "md"),
        help="csv (the default) or md (Markdown); otherwise from the output file's suffix",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file, not the terminal")

    _command(
        sub,
        "schema",
        Handler("cli.model", "cmd_schema"),
        help="print the JSON Schema of the model file",
    )

    p = _command(sub, "docs", Handler("cli.model", "cmd_docs"), help="render a model as Markdown")
    p.add_argument("--model", metavar="MODEL", help=MODEL_HELP)
    p.add_argument("-o", "--output", metavar="OUT.md", help="write here instead of stdout")

    p = _command(
        sub,
        "report",
        Handler("cli.report", "cmd_report"),
        help="write the report of a responses file (PDF, HTML or Word)",
        description=REPORT_DESCRIPTION,
    )
    p.add_argument("responses", metavar="RESPONSES", help="responses file (JSON or YAML)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="where to write the report: OUT.pdf, OUT.html for the accessible HTML page, or "
        "OUT.docx for an editable Word file",
    )
    p.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="pdf, html or docx (default: from the suffix of OUT; pdf when it has none)",
    )
    p.add_argument("--model", metavar="MODEL", help=MODEL_HELP)
    p.add_argument(
        "--previous",
        metavar="EARLIER",
        action="append",
        default=[],
        help="an earlier assessment of the same organisation (a responses file, or an id the "
        "assessment store knows); repeat for several. Adds 'Since last time', and a trend "
        "chart from three assessments on",
    )
    p.add_argument(
        "--previous-model",
        metavar="MODEL",
        help="model file the --previous files answered, when it was an older version "
        "(default: the same model as RESPONSES)",
    )
    p.add_argument(
        "--invariant",
        action="store_true",
        help="reproducible output: the same input gives the same bytes (no timestamps, no "
        "'prepared on' date)",
    )
    p.add_argument(
        "--prepared-by",
        metavar="TEXT",
        help="who prepared the report (a consultant, a team): on the cover, and the document's "
        "author",
    )
    p.add_argument(
        "--marking",
        metavar="TEXT",
        default=DEFAULT_MARKING,
        help=f"protective marking at the top and bottom of every page (default {DEFAULT_MARKING}; "
        "'none' for no marking)",
    )
    p.add_argument("--draft", action="store_true", help="mark every page DRAFT")
    p.add_argument(
        "--sections",
        metavar="LIST",
        help="the sections to include, comma-separated, from: "
        + ", ".join(REPORT_SECTIONS)
        + " (default: all; the cover is always included)",
    )
    p.add_argument(
        "--commentary",
        metavar="FILE",
        help="the assessor's commentary, shown after the summary: a text file with paragraphs, "
        "'- ' bullets, **strong** and *emphasis* (nothing else is rendered)",
    )
    p.add_argument(
        "--logo", metavar="FILE", help="a PNG or SVG logo for the cover (at most 512 KB)"
    )
    p.add_argument(
        "--other-organisation",
        action="store_true",
        help="allow --previous assessments of another organisation (refused without it); the "
        "report then says so where it compares them",
    )

    p = _command(
        sub,
        "aggregate",
        Handler("cli.aggregate", "cmd_aggregate"),
        help="a group assessment (workshop or survey) from one responses file per participant",
        description=AGGREGATE_DESCRIPTION,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="one participant's responses file (JSON or YAML); the group is respondent.group",
    )
    p.add_argument("--model", metavar="MODEL", help=MODEL_HELP)
    p.add_argument(
        "--agreed",
        metavar="AGREED",
        help="the answers the group agreed: a YAML or JSON mapping of question id to "
        "{answer, rationale, dissent}; an agreed answer replaces that question's consensus",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: the single-assessment object of the consensus result, "
        "plus participants, groups, questions and each pillar's by_group scores",
    )
    p.add_argument("--pdf", metavar="OUT.pdf", help="also write the workshop report as a PDF")
    p.add_argument("--html", metavar="OUT.html", help="also write it as an accessible HTML page")
    p.add_argument(
        "--anonymous",
        action="store_true",
        help="print no participant's name in the report (their groups only)",
    )

    p = _command(
        sub,
        "import",
        Handler("cli.store_commands", "cmd_import"),
        help="store responses files or a JSON export as complete assessments",
        description=IMPORT_DESCRIPTION,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="responses file or JSON export")
    p.add_argument(
        "--model",
        action="append",
        metavar="MODEL",
        help=MODEL_HELP + "; repeat for files answered against different versions",
    )
    p.add_argument("--organisation", metavar="ORG", help="for responses files that name none")

    p = _command(
        sub,
        "history",
        Handler("cli.store_commands", "cmd_history"),
        help="an organisation's assessments over time, with the change each time",
    )
    p.add_argument("organisation", metavar="ORGANISATION")
    p.add_argument("--json", action="store_true", help="print a JSON list, oldest first")

    p = _command(
        sub,
        "summary",
        Handler("cli.summary", "cmd_summary"),
        help="the national summary: median and spread per pillar across organisations",
        description=SUMMARY_DESCRIPTION,
    )
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument(
        "--organisation", metavar="ORG", help="add this organisation's own scores and place"
    )
    p.add_argument("--model", metavar="ID", help="the model id (default: the configured model's)")

    p = _command(
        sub,
        "export",
        Handler("cli.store_commands", "cmd_export"),
        help="write every complete assessment and model version as JSON or CSV",
    )
    p.add_argument("--organisation", metavar="ORG", help="only this organisation")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="default: json")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="file to write ('-': standard output)"
    )

    p = _command(
        sub,
        "delete",
        Handler("cli.erase_commands", "cmd_delete"),
        help="erase an organisation and everything stored about it",
        description=DELETE_DESCRIPTION,
    )
    p.add_argument("--organisation", required=True, metavar="ORG", help="its name, exactly")
    p.add_argument("--yes", action="store_true", help="erase (without it: only say what would go)")

    p = _command(
        sub,
        "purge",
        Handler("cli.erase_commands", "cmd_purge"),
        help="erase assessments older than the retention period",
        description=PURGE_DESCRIPTION,
    )
    p.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="untouched for more than N days (default: $MATURITY_RETENTION_DAYS)",
    )
    p.add_argument("--yes", action="store_true", help="erase (without it: only say what would go)")

    p = _command(
        sub,
        "users",
        Handler("cli.user_commands", "cmd_users"),
        help="who may sign in (shared mode): roles and organisations",
        description=USERS_DESCRIPTION,
    )
    actions = p.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    actions.add_parser("list", help="every account, with its role and organisations")
    q = actions.add_parser("add", help="give an address a role (replacing what it had)")
    q.add_argument("email", metavar="EMAIL")
    q.add_argument("--role", required=True, choices=USER_ROLES)
    q.add_argument(
        "--organisation",
        action="append",
        default=[],
        metavar="ORG",
        help="an organisation they may see (repeat for several; not for administrators)",
    )
    q = actions.add_parser("remove", help="take an account away")
    q.add_argument("email", metavar="EMAIL")

    p = _command(sub, "db", Handler("cli.store_commands", "cmd_db"), help="database maintenance")
    actions = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="apply migrations now (every command does this on start)")
    actions.add_parser("status", help="show the database, its revision and how much it holds")

    return parser


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each command's name and parser, in the order of the help.

    argparse offers no public way to list sub-commands; this is the one place that looks
    inside it, for the tests that compare the help with its golden file and the README.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
