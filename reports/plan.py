"""The action plan: every next step of an assessment as rows for a force's action tracker.

One row per next step of the Result, ranked steps first in their rank order (where to start
first), then each priority pillar's own advice in the order of the priorities, with:

- ``rank``: the step's place in :func:`scoring.ranking.ranked_steps` (1 is where to start);
  pillar advice is not ranked (it moves no single answer), so its rank is empty;
- ``pillar`` and ``pillar_name``: the pillar's id and name;
- ``question``, ``question_number`` and ``question_text``: the question's id, its number as
  the report shows it (``2.3``) and its text (empty for pillar advice);
- ``current_answer``: the answer the step starts from;
- ``text`` and ``owner``: the step and the role the model says owns it (empty when the
  model names none: a force fills it in);
- ``uplift``: overall points one move up would add, rounded as every shown score is;
- ``kind``: ``pillar`` (the pillar's advice), ``question`` (an answer's next step) or
  ``unknown`` (a "don't know" to find out).

The CSV's header is those keys (``pillar``, ``question``, ``text``, ``owner``, ``uplift`` and
``kind`` are the keys of ``next_steps`` in the JSON, so the two read alike); the Markdown's is
their titles, for people.
The CSV neutralises every cell (:mod:`reports.csvcells`), so a spreadsheet opens it without
running anything; the Markdown escapes every cell (:func:`questionnaire.markdown.md_escape`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from questionnaire.markdown import md_escape
from reports.csvcells import neutralise
from scoring.present import answer_label, points_text, question_numbers
from scoring.ranking import ranked_steps
from scoring.result import Result

KIND_WORDS = {
    "pillar": "Pillar advice",
    "question": "Next step for an answer",
    "unknown": "Find out a “don’t know”",
}


@dataclass(frozen=True)
class PlanRow:
    """One step of the action plan (see the module docstring for each field)."""

    rank: int | None
    pillar: str
    pillar_name: str
    question: str
    question_number: str
    question_text: str
    current_answer: str
    text: str
    owner: str
    uplift: str
    kind: str


# (key, title): the CSV's header is the keys, the Markdown's the titles.
COLUMNS = (
    ("rank", "Rank"),
    ("pillar", "Pillar id"),
    ("pillar_name", "Pillar"),
    ("question", "Question id"),
    ("question_number", "Question number"),
    ("question_text", "Question"),
    ("current_answer", "Current answer"),
    ("text", "Action"),
    ("owner", "Owner"),
    ("uplift", "Uplift (overall points)"),
    ("kind", "Kind"),
)
# Columns the Markdown leaves out: ids are for joining in a spreadsheet, not for reading.
_FOR_MACHINES = ("pillar", "question")


def plan_rows(result: Result) -> tuple[PlanRow, ...]:
    """Every next step of `result` as a row of the action plan."""
    model = result.model
    numbers = question_numbers(model)
    ranks = {
        (r.step.pillar, r.step.question, r.step.kind): place
        for place, r in enumerate(ranked_steps(result), 1)
    }
    rows = []
    for step in result.next_steps:
        pillar = result.pillar(step.pillar)
        question = model.question(step.question) if step.question else None
        answered = result.question(step.question) if step.question else None
        rows.append(
            PlanRow(
                rank=ranks.get((step.pillar, step.question, step.kind)),
                pillar=step.pillar,
                pillar_name=pillar.name if pillar else step.pillar,
                question=step.question or "",
                question_number=numbers.get(step.question or "", ""),
                question_text=question.text if question else "",
                current_answer=(
                    answer_label(model, answered.id, answered.answer) if answered else ""
                ),
                text=step.text,
                owner=step.owner or "",
                uplift="" if step.uplift is None else points_text(step.uplift),
                kind=step.kind,
            )
        )
    order = sorted(range(len(rows)), key=lambda i: (rows[i].rank is None, rows[i].rank or 0, i))
    return tuple(rows[i] for i in order)


def _cells(row: PlanRow, columns: tuple[tuple[str, str], ...] = COLUMNS) -> list[str]:
    values = {name: getattr(row, name) for name, _ in columns}
    values["rank"] = "" if row.rank is None else str(row.rank)
    return [values[name] for name, _ in columns]


def plan_csv(result: Result) -> str:
    """The action plan as CSV text (a header row, then one row per step), every cell
    neutralised against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([key for key, _ in COLUMNS])
    for row in plan_rows(result):
        writer.writerow([neutralise(cell) for cell in _cells(row)])
    return out.getvalue()


def plan_csv_file(result: Result) -> bytes:
    """The action plan as a CSV file's bytes: UTF-8 with a byte order mark, without which a
    spreadsheet reads the file in its own code page and garbles every accented name."""
    return ("\ufeff" + plan_csv(result)).encode("utf-8")


def plan_markdown(result: Result) -> str:
    """The action plan as a Markdown document: a heading naming the organisation and model,
    then one table with every cell escaped."""
    r = result.responses
    who = r.organisation or "the organisation"
    when = f", {r.assessed_on.isoformat()}" if r.assessed_on else ""
    lines = [
        f"# Action plan: {md_escape(who)}",
        "",
        f"From the assessment against {md_escape(result.model.title)} "
        f"(version {md_escape(result.model.version)}){when}. Rank 1 is where to start; "
        "pillar advice is not ranked.",
        "",
    ]
    rows = plan_rows(result)
    if not rows:
        return "\n".join([*lines, "No next steps: every pillar meets its target."]) + "\n"
    shown = tuple(c for c in COLUMNS if c[0] not in _FOR_MACHINES)
    lines.append("| " + " | ".join(title for _, title in shown) + " |")
    lines.append("| " + " | ".join("---" for _ in shown) + " |")
    for row in rows:
        cells = _cells(row, shown)
        cells[[k for k, _ in shown].index("kind")] = KIND_WORDS.get(row.kind, row.kind)
        lines.append("| " + " | ".join(md_escape(cell) or " " for cell in cells) + " |")
    return "\n".join(lines) + "\n"
