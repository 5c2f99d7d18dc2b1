"""Valid models and responses of any size, for the scale tests and ``bench/bench_scale.py``.

Everything is deterministic: the same sizes give the same model and the same answers, so a
failure can be reproduced and a benchmark compared run to run. The texts are made of plain
words (or, with ``spaces=False``, one unbroken word) cut to exactly the length asked for, so
a test at a limit is at the limit and not near it.

The models are plain data first (:func:`model_data`), so the benchmark can write them as YAML
and time the loader; :func:`big_model` validates the data with the schema directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from questionnaire import limits
from questionnaire.schema import NA, UNKNOWN, Model, Responses

_WORDS = [
    "force",
    "data",
    "officers",
    "review",
    "assess",
    "public",
    "trust",
    "governance",
    "model",
    "tools",
    "evidence",
    "partners",
    "training",
    "custody",
    "control",
    "room",
    "digital",
    "ethics",
    "equality",
    "risk",
    "owner",
    "plan",
]


def text_of(length: int, seed: int = 0, *, spaces: bool = True) -> str:
    """Exactly `length` characters of plain words (or one unbroken word), varied by `seed`."""
    if length <= 0:
        return ""
    if not spaces:
        word = "".join(_WORDS[(seed + i) % len(_WORDS)] for i in range(length // 4 + 2))
        return word[:length]
    parts: list[str] = []
    size = 0
    i = seed
    while size < length:
        word = _WORDS[i % len(_WORDS)]
        parts.append(word)
        size += len(word) + 1
        i += 1
    text = " ".join(parts)[:length]
    # Never end on a space: the schema strips text, which would change its length.
    return text[:-1] + "x" if text.endswith(" ") else text


@dataclass(frozen=True)
class Size:
    """How big a generated model is, and how long its texts are.

    Attributes:
        pillars: number of pillars.
        questions: questions per pillar.
        options: options per question (scores spread evenly from 0 to 100).
        levels: levels of the scale (thresholds spread evenly from 0).
        name_chars: length of names and titles (pillars, levels, the model's title).
        text_chars: length of the other model texts (questions, help, labels, steps).
        long_chars: length of the long texts: the first question of each pillar has its
            text, first option's label and next step this long (every text at
            MODEL_TEXT_CHARS would make a file far over FILE_BYTES).
        spaces: whether texts have spaces; False makes every text one unbroken word.
    """

    pillars: int = 6
    questions: int = 5
    options: int = 5
    levels: int = 5
    name_chars: int = 30
    text_chars: int = 120
    long_chars: int = 0
    spaces: bool = True


#: The largest model the validator accepts, with every text at its limit.
AT_LIMITS = Size(
    pillars=limits.PILLARS,
    questions=limits.QUESTIONS // limits.PILLARS,
    options=limits.OPTIONS,
    levels=limits.LEVELS,
    name_chars=limits.NAME_CHARS,
    text_chars=30,
    long_chars=limits.MODEL_TEXT_CHARS,
)


def model_data(size: Size) -> dict[str, Any]:
    """A valid model as plain data (what a YAML file would hold)."""

    def text(n: int, seed: int) -> str:
        return text_of(n, seed, spaces=size.spaces)

    levels = [
        {
            "level": k + 1,
            "name": text(size.name_chars, k),
            "min_score": round(100 * k / size.levels, 2),
            "description": text(size.text_chars, k + 1),
        }
        for k in range(size.levels)
    ]
    pillars = []
    for p in range(size.pillars):
        questions = []
        for q in range(size.questions):
            long = size.long_chars if q == 0 and size.long_chars else size.text_chars
            options = [
                {
                    "id": f"o{k}",
                    "label": text(long if k == 0 else size.text_chars, p + q + k),
                    "score": round(100 * k / (size.options - 1), 2),
                    **(
                        {"next_step": text(long if k == 0 else size.text_chars, q + k)}
                        if k < size.options - 1
                        else {}
                    ),
                    **({"sources": ["S1"]} if k == 0 else {}),
                }
                for k in range(size.options)
            ]
            questions.append(
                {
                    "id": f"p{p}-q{q}",
                    "text": text(long, p * 7 + q),
                    "help": text(size.text_chars, q),
                    "weight": 1 + (q % 3),
                    "allow_na": q % 4 == 3,
                    "options": options,
                }
            )
        pillars.append(
            {
                "id": f"p{p}",
                "name": text(size.name_chars, p),
                "description": text(size.text_chars, p + 3),
                "weight": 1 + (p % 2),
                "questions": questions,
                "next_steps": [
                    {"levels": [k + 1], "text": text(size.text_chars, p + k)}
                    for k in range(size.levels)
                ],
            }
        )
    rules: list[dict[str, Any]] = [{"kind": "cap", "pillar": "p0", "max_above": 1}]
    if size.pillars > 1:
        rules.append({"kind": "flag", "ahead": f"p{size.pillars - 1}", "behind": "p0", "by": 1})
    return {
        "id": "big-model",
        "version": "1.0.0",
        "title": text(size.name_chars, 1),
        "description": text(size.text_chars, 2),
        "scale": {"levels": levels, "target_level": max(1, (size.levels + 1) // 2)},
        "pillars": pillars,
        "rules": rules,
        "sources": [
            {"id": "S1", "title": text(size.name_chars, 5), "url": "https://example.org/s1"}
        ],
    }


def big_model(size: Size) -> Model:
    """A validated model of this size."""
    return Model.model_validate(model_data(size))


def scaled_data(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """A model's data with every pillar's questions repeated `factor` times (new ids, same
    texts and options): "10x the bundled model" is ``scaled_data(bundled, 10)``."""
    pillars = []
    for pillar in data["pillars"]:
        questions = [
            {**q, "id": f"{q['id']}-x{n}" if n else q["id"], "replaces": None}
            for n in range(factor)
            for q in pillar["questions"]
        ]
        pillars.append({**pillar, "questions": questions})
    return {**data, "pillars": pillars}


def responses_data(
    model: Model,
    *,
    seed: int = 0,
    note_chars: int = 0,
    respondent_chars: int = 30,
    spaces: bool = True,
    assessed_on: str = "2026-11-27",
) -> dict[str, Any]:
    """Answers to every question of `model`, as plain data: options spread across the
    ladder, with some "don't know" and "not applicable"; a note of `note_chars` on every
    answer; an organisation and respondent of `respondent_chars`."""
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for n, (_, question) in enumerate(model.questions()):
        pick = (n * 5 + n // 7 + seed * 3) % (len(question.options) + 2)
        if pick == len(question.options):
            answers[question.id] = UNKNOWN
        elif pick == len(question.options) + 1:
            answers[question.id] = NA if question.allow_na else question.options[0].id
        else:
            answers[question.id] = question.options[pick].id
        if note_chars:
            notes[question.id] = text_of(note_chars, n, spaces=spaces)
    return {
        "model": model.id,
        "model_version": model.version,
        "organisation": text_of(respondent_chars, 11 + seed, spaces=spaces),
        "respondent": {
            "name": text_of(respondent_chars, 12, spaces=spaces),
            "role": text_of(respondent_chars, 13, spaces=spaces),
            "group": text_of(respondent_chars, 14, spaces=spaces),
        },
        "assessed_on": assessed_on,
        "answers": answers,
        "notes": notes,
    }


def big_responses(model: Model, **kwargs: Any) -> Responses:
    """Validated responses (see :func:`responses_data` for the arguments)."""
    return Responses.model_validate(responses_data(model, **kwargs))
