"""Render a scoring model as Markdown, so the docs show the same questions as the tool.

:func:`render_markdown` is pure and deterministic: the same model gives the same text, byte for
byte, which lets a test compare ``docs/policing-model.md`` with the bundled model.
"""

from __future__ import annotations

import re

from questionnaire import rule_words
from questionnaire.schema import Model, Option, Pillar, Question

__all__ = ["md_escape", "md_url", "render_markdown"]

# ``~`` too: ``~~x~~`` is struck through and a line starting ``~~~`` opens a code block that
# swallows the rest of the document. ``$`` starts GitHub's maths.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
# ``&`` only where it would start an entity (``&lt;`` shows ``<``); ``R&D`` stays readable.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Only at the start of a line: "# x", "- x", "+ x" and "1. x" (followed by a space), and a
# hyphen before another hyphen, so "---" cannot become a horizontal rule.
_LEADING_MARK = re.compile(r"^(#{1,6}(?=\s|$)|\+(?=\s|$)|-(?=[\s-]|$))")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")
_DONT_KNOW = '"don\'t know", which scores 0 and is reported as a gap in knowledge'
_WEB = re.compile(r"^https?://", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Escape model text so it reads literally in Markdown, including inside a table cell.

    Markdown's inline markers (backslash, backtick, ``*``, ``_``, ``~``, ``$``, brackets, angle
    brackets, and ``&`` where it would start an entity) and the table separator ``|`` get a
    backslash; line breaks become ``<br>`` so a table row stays on one line; a leading ``# ``,
    ``- ``, ``+ ``, ``--`` or ``1. `` is escaped so it cannot start a heading, a list or a
    rule.

    Args:
        text: Text from a model (or any user-supplied text).

    Returns:
        The escaped text.
    """
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _LEADING_MARK.sub(r"\\\1", escaped)
    escaped = _LEADING_NUMBER.sub(r"\1\\\2", escaped)
    return _LINE_BREAK.sub("<br>", escaped)


def md_url(url: str) -> str:
    """Percent-encode the characters that would end a Markdown link destination early.

    Args:
        url: An http(s) address.

    Returns:
        The address, safe to place inside ``[title](...)``. A backslash is encoded too, so it
        cannot escape the closing bracket.
    """
    for char, code in (
        ("\\", "%5C"),
        ("(", "%28"),
        (")", "%29"),
        ("<", "%3C"),
        (">", "%3E"),
        (" ", "%20"),
    ):
        url = url.replace(char, code)
    return url


def _number(value: float) -> str:
    return f"{value:g}"


def _cite(ids: list[str]) -> str:
    return ", ".join(md_escape(i) for i in ids)


def _scale(model: Model) -> list[str]:
    lines = ["## Maturity scale", "", "| Level | Name | Score from | What it looks like |"]
    lines.append("| --- | --- | --- | --- |")
    for lv in model.scale.levels:
        lines.append(
            f"| {lv.level} | {md_escape(lv.name)} | {_number(lv.min_score)} "
            f"| {md_escape(lv.description)} |"
        )
    target = model.level(model.scale.target_level)
    target_name = f" ({md_escape(target.name)})" if target else ""
    lines += [
        "",
        f"Default target level for every pillar: {model.scale.target_level}{target_name}.",
    ]
    return lines


def _option_row(option: Option) -> str:
    advice = option.step
    step = "-"
    if advice is not None:
        owner = f" (owner: {md_escape(advice.owner)})" if advice.owner else ""
        step = md_escape(advice.text) + owner
    sources = _cite(option.sources) if option.sources else "-"
    return (
        f"| {_number(option.score)} | `{option.id}` | {md_escape(option.label)} "
        f"| {step} | {sources} |"
    )


def _question(number: str, question: Question) -> list[str]:
    lines = [f"### {number} {md_escape(question.text)}", ""]
    facts = [f"Id `{question.id}`", f"weight {_number(question.weight)}"]
    facts.append(f'"not applicable" allowed: {"yes" if question.allow_na else "no"}')
    if question.replaced_ids:
        facts.append("replaces " + ", ".join(f"`{old}`" for old in question.replaced_ids))
    lines += ["- " + "; ".join(facts) + "."]
    if question.sources:
        lines.append(f"- Sources: {_cite(question.sources)}.")
    if question.help:
        lines += ["", md_escape(question.help)]
    if question.evidence:
        lines += ["", "Evidence an inspector would ask to see:", ""]
        lines += [f"- {md_escape(item)}" for item in question.evidence]
    lines += ["", "| Score | Option | What the force does | Next step | Sources |"]
    lines.append("| --- | --- | --- | --- | --- |")
    lines += [_option_row(option) for option in question.options]
    return lines


def _pillar(model: Model, index: int, pillar: Pillar) -> list[str]:
    lines = [f"## {index}. {md_escape(pillar.name)}", ""]
    lines.append(f"Pillar id `{pillar.id}`; weight {_number(pillar.weight)}.")
    if pillar.description:
        lines += ["", md_escape(pillar.description)]
    for q_index, question in enumerate(pillar.questions, start=1):
        lines += [""] + _question(f"{index}.{q_index}", question)
    if pillar.next_steps:
        lines += ["", f"### Next steps for {md_escape(pillar.name)} by level", ""]
        lines += ["| Levels | Next step | Sources |", "| --- | --- | --- |"]
        for step in pillar.next_steps:
            names = []
            for number in step.levels:
                level = model.level(number)
                names.append(f"{number} ({md_escape(level.name)})" if level else str(number))
            sources = _cite(step.sources) if step.sources else "-"
            owner = f" (owner: {md_escape(step.owner)})" if step.owner else ""
            lines.append(f"| {', '.join(names)} | {md_escape(step.text)}{owner} | {sources} |")
    return lines


def _rules(model: Model) -> list[str]:
    lines = ["## Rules", ""]
    if not model.rules:
        return [*lines, "This model has no rules."]
    for rule in model.rules:
        text = f"{rule_words.label(rule)}: {md_escape(rule_words.describe(model, rule))}."
        message = f" {md_escape(rule.message)}" if rule.message else ""
        lines.append(f"- **{text}**{message}")
    return lines


def _sources(model: Model) -> list[str]:
    lines = ["## Sources", ""]
    for source in model.sources:
        title = md_escape(source.title)
        # The schema allows only http(s) addresses; anything else is never made a link.
        linked = source.url and _WEB.match(source.url)
        entry = f"[{title}]({md_url(source.url)})" if source.url and linked else title
        publisher = f", {md_escape(source.publisher)}" if source.publisher else ""
        lines.append(f"- **{md_escape(source.id)}** {entry}{publisher}.")
    return lines


def render_markdown(model: Model) -> str:
    """Render the whole model as a readable Markdown document.

    The document has the title, version and description; the scale as a table; each pillar with
    its questions (text, help, weight, whether "not applicable" is allowed, and a table of the
    options with their scores, next steps and sources); each pillar's next steps by level; the
    rules in plain words; the glossary, if any; and the sources with links.

    Args:
        model: A validated model.

    Returns:
        Markdown text ending in a single newline. Equal models give equal text.
    """
    lines = [f"# {md_escape(model.title)}", ""]
    lines.append(f"Model `{model.id}`, version {md_escape(model.version)}.")
    lines += ["", "<!-- Generated from the model file by `maturity docs`; do not edit by hand. -->"]
    if model.description:
        lines += ["", md_escape(model.description)]
    count = len(model.questions())
    summary = f"{len(model.pillars)} pillars and {count} questions."
    lines += ["", f"{summary} Every question also accepts {_DONT_KNOW}."]
    lines += [""] + _scale(model)
    for index, pillar in enumerate(model.pillars, start=1):
        lines += [""] + _pillar(model, index, pillar)
    lines += [""] + _rules(model)
    if model.glossary:
        lines += ["", "## Glossary", ""]
        terms = sorted(model.glossary, key=lambda t: t.term.casefold())
        lines += [f"- **{md_escape(t.term)}**: {md_escape(t.meaning)}" for t in terms]
    if model.sources:
        lines += [""] + _sources(model)
    return "\n".join(lines) + "\n"
