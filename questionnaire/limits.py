"""Every limit on what the tool accepts, in one place.

The command line, ``maturity import``, the app's uploads and its text boxes all read their
limits from here, so a note the app refuses is refused by the CLI too, and every message
states the same number. Over a limit is always refused with a message that names the limit;
nothing is silently cut short.

The limits are generous for real use (the bundled model has 6 pillars and about 30 questions;
a long note is a few hundred words) and small enough that every model the validator accepts
can be scored, reported (PDF, HTML and Word) and stored in seconds.
"""

from __future__ import annotations

# --- files -------------------------------------------------------------------------------
#: A model, a responses file, an export or an upload: at most this many bytes. Readers take
#: at most one byte more than this, so a huge file (or /dev/zero) is refused without being
#: read whole.
FILE_BYTES = 5_000_000
#: Values in one document once its aliases are expanded (a defence against alias bombs).
#: A model at the limits below holds about 200,000; a 5 MB file of short lines can hold more.
DOCUMENT_VALUES = 500_000
#: Nesting of mappings and lists in one document.
NESTING = 200
#: Problems listed for one file; the rest are counted in one closing line.
PROBLEMS_SHOWN = 100

# --- a model -----------------------------------------------------------------------------
PILLARS = 40
QUESTIONS = 1_000  # in the whole model
OPTIONS = 20  # per question
EVIDENCE_PROMPTS = 10  # per question: what an inspector would ask to see
CONDITIONS = 20  # per conflict rule
LEVELS = 10  # in the scale
#: The largest weight of a pillar or a question (weights are relative: 1, 2, 0.5, ...).
WEIGHT = 1_000
#: Names and titles: a pillar's or level's name, the model's title and version.
NAME_CHARS = 200
#: Any other text of a model: question text, help, option labels, next steps, descriptions.
MODEL_TEXT_CHARS = 10_000

# --- a set of responses ------------------------------------------------------------------
#: The organisation, and the respondent's name, role and group.
RESPONDENT_CHARS = 200
#: One note on one answer (about 800 words).
NOTE_CHARS = 5_000
#: The evidence given for one answer (a sentence or a link or two).
EVIDENCE_CHARS = 2_000

# --- report options ----------------------------------------------------------------------
#: The assessor's commentary (about three pages).
COMMENTARY_CHARS = 20_000
#: "Prepared by".
OPTION_CHARS = 200
#: The protective marking: it is printed in every page's header beside DRAFT, and a longer
#: one is cut short there (OFFICIAL-SENSITIVE and its handling caveats fit in 60).
MARKING_CHARS = 60
LOGO_BYTES = 512 * 1024
LOGO_PIXELS = 4000  # on the longer side
#: The longest retention period (MATURITY_RETENTION_DAYS, `maturity purge --days`), in days.
RETENTION_DAYS = 36_500


def too_long(what: str, length: int, limit: int, unit: str = "characters") -> str:
    """The one wording of "over a limit": states the size found and the limit."""
    return f"{what} is {length:,} {unit}; the limit is {limit:,}"


def markdown_table() -> str:
    """The README's table of limits, made from the constants above (a test keeps them equal)."""
    rows = [
        ("a model, responses or export file, and any upload", f"{FILE_BYTES:,} bytes"),
        ("values in one file, aliases expanded", f"{DOCUMENT_VALUES:,}"),
        ("nesting of lists and mappings", f"{NESTING} levels"),
        ("pillars in a model", f"{PILLARS}"),
        ("questions in a model", f"{QUESTIONS:,}"),
        ("options of a question", f"{OPTIONS}"),
        ("evidence prompts of a question", f"{EVIDENCE_PROMPTS}"),
        ("conditions of a conflict rule", f"{CONDITIONS}"),
        ("levels of the scale", f"{LEVELS}"),
        ("weight of a pillar or question", f"{WEIGHT:,} (and a finite number)"),
        ("a pillar's or level's name, the model's title", f"{NAME_CHARS} characters"),
        ("any other text of a model", f"{MODEL_TEXT_CHARS:,} characters"),
        ("organisation; respondent's name, role and group", f"{RESPONDENT_CHARS} characters"),
        ("a note on an answer", f"{NOTE_CHARS:,} characters"),
        ("the evidence for an answer", f"{EVIDENCE_CHARS:,} characters"),
        ("assessor's commentary", f"{COMMENTARY_CHARS:,} characters"),
        ("prepared by", f"{OPTION_CHARS} characters"),
        ("protective marking", f"{MARKING_CHARS} characters"),
        ("logo", f"{LOGO_BYTES // 1024} KB, {LOGO_PIXELS:,} pixels on its longer side"),
        ("retention period", f"1 to {RETENTION_DAYS:,} days"),
        ("problems listed for one file", f"{PROBLEMS_SHOWN} (the rest are counted)"),
    ]
    lines = ["| what | limit |", "| --- | --- |"]
    lines += [f"| {what} | {limit} |" for what, limit in rows]
    return "\n".join(lines)
