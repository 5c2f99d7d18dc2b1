"""Pydantic types of the model file and of a set of responses.

Everything here is frozen and forbids unknown keys, so a typo in a model file is an error at
its line rather than a silently ignored setting. Cross-field checks (unique ids, levels that
exist, rules naming real pillars, ...) live in :mod:`questionnaire.checks`; they run on plain
data so the loader can report them together with the structural problems found here.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from questionnaire import limits

# Re-exported: the reserved answer ids are part of the schema's vocabulary.
from questionnaire.reserved import NA as NA
from questionnaire.reserved import RESERVED_OPTION_IDS as RESERVED_OPTION_IDS
from questionnaire.reserved import UNKNOWN as UNKNOWN

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SOURCE_ID_PATTERN = r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$"

Slug = Annotated[
    StrictStr,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Lowercase letters, digits and single hyphens, e.g. `gov-dpia`."),
]
SourceId = Annotated[StrictStr, StringConstraints(pattern=SOURCE_ID_PATTERN, max_length=40)]
# Text of a model is limited (questionnaire.limits) so every accepted model can be reported.
Text = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=limits.MODEL_TEXT_CHARS, strip_whitespace=True),
]
OptionalText = Annotated[
    StrictStr, StringConstraints(max_length=limits.MODEL_TEXT_CHARS, strip_whitespace=True)
]
Name = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=limits.NAME_CHARS, strip_whitespace=True),
]
# Text of responses: its limits are checked by the loader (questionnaire.loader's
# response_problems), so an assessment stored before a limit existed still loads.
FreeText = Annotated[StrictStr, StringConstraints(strip_whitespace=True)]
Score = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0, le=limits.WEIGHT, strict=True, allow_inf_nan=False)]


class Frozen(BaseModel):
    """Base of every type here: immutable, and unknown keys are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        # In YAML `description:` or `rules:` with nothing after it is null; for a key that
        # has a default, the author means "none", so null takes the default ("" or []).
        if not isinstance(data, dict):
            return data
        drop = [
            name
            for name, field in cls.model_fields.items()
            if name in data
            and data[name] is None
            and not field.is_required()
            and (field.default_factory is not None or field.default is not None)
        ]
        return {k: v for k, v in data.items() if k not in drop} if drop else data


class Level(Frozen):
    """One step of the maturity scale."""

    level: Annotated[
        int, Field(ge=1, strict=True, description="1 for the lowest level, then 2, 3, ...")
    ]
    name: Name = Field(description="Short name, e.g. `Developing`.")
    min_score: Score = Field(
        description="Lowest score (0-100) at this level; the first level starts at 0."
    )
    description: OptionalText = Field("", description="What a force at this level looks like.")


class Scale(Frozen):
    """The maturity levels every pillar and the overall result are placed on."""

    levels: list[Level] = Field(
        min_length=1, max_length=limits.LEVELS, description="In ascending order."
    )
    target_level: Annotated[int, Field(strict=True)] = Field(
        description="Default ambition for every pillar: a level number of this scale."
    )


# Who carries out a next step: a role a force has ("DPO", "SIRO", "system owner").
Owner = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=limits.NAME_CHARS, strip_whitespace=True),
    Field(description="The role that carries the step out, e.g. `DPO` or `system owner`."),
]


class Step(Frozen):
    """A next step with the role that owns it (an option's `next_step` written as a mapping)."""

    text: Text = Field(description="The action, in plain words.")
    owner: Owner | None = None


class Option(Frozen):
    """One answer to a question, anchored in what the organisation actually does."""

    id: Slug = Field(description="Unique within the question; `na` and `unknown` are reserved.")
    label: Text = Field(description="What the organisation does at this answer.")
    score: Score = Field(description="0 to 100.")
    next_step: Text | Step | None = Field(
        None,
        description=(
            "The action that moves the organisation to the next answer: text, or "
            "`{text: ..., owner: ...}` naming the role that owns it."
        ),
    )
    sources: list[SourceId] = Field(
        default_factory=list, description="Ids of the model's `sources` this advice draws on."
    )

    @cached_property
    def step(self) -> Step | None:
        """The next step as a :class:`Step` (text and owner) however it was written, or None."""
        if self.next_step is None or isinstance(self.next_step, Step):
            return self.next_step
        return Step(text=self.next_step)


class Question(Frozen):
    """One question of a pillar."""

    id: Slug = Field(description="Unique across the whole model; never reuse a retired id.")
    replaces: Slug | list[Slug] | None = Field(
        None, description="The id(s) this question had in earlier versions, so history joins."
    )
    text: Text = Field(description="The question, in plain words.")
    help: OptionalText | None = Field(None, description="Explanation shown beside the question.")
    weight: Weight = Field(
        1.0, description="Weight within the pillar; 0 keeps the question out of the score."
    )
    allow_na: bool = Field(False, description="Whether `na` (not applicable) is a valid answer.")
    options: list[Option] = Field(
        min_length=2, max_length=limits.OPTIONS, description="At least two answers."
    )
    evidence: list[Text] = Field(
        default_factory=list,
        max_length=limits.EVIDENCE_PROMPTS,
        description="What an inspector would ask to see to believe the answer.",
    )
    sources: list[SourceId] = Field(default_factory=list)

    @property
    def replaced_ids(self) -> tuple[str, ...]:
        """The earlier ids of this question, as a tuple (possibly empty)."""
        if self.replaces is None:
            return ()
        if isinstance(self.replaces, str):
            return (self.replaces,)
        return tuple(self.replaces)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return self._option_index.get(option_id)

    @cached_property
    def _option_index(self) -> dict[str, Option]:
        return {o.id: o for o in reversed(self.options)}  # the first of a repeated id wins


class PillarStep(Frozen):
    """Pillar-level advice, chosen when the pillar's level is one of `levels`."""

    levels: list[Annotated[int, Field(strict=True)]] = Field(min_length=1)
    text: Text
    owner: Owner | None = None
    sources: list[SourceId] = Field(default_factory=list)


class Pillar(Frozen):
    """One adoption pillar and its questions."""

    id: Slug
    name: Name
    description: OptionalText = ""
    weight: Annotated[Weight, Field(gt=0)] = Field(
        1.0, description="Weight of the pillar in the overall score."
    )
    questions: list[Question] = Field(min_length=1)  # the whole model: questionnaire.checks
    next_steps: list[PillarStep] = Field(default_factory=list)


class CapRule(Frozen):
    """Limits the overall level to the level of `pillar` plus `max_above`."""

    kind: Literal["cap"]
    pillar: Slug
    max_above: Annotated[int, Field(ge=0, strict=True)]
    message: Text | None = None


class FlagRule(Frozen):
    """Raises `message` when level(`ahead`) - level(`behind`) >= `by`."""

    kind: Literal["flag"]
    ahead: Slug
    behind: Slug
    by: Annotated[int, Field(ge=1, strict=True)]
    message: Text | None = None


class CriticalRule(Frozen):
    """A control the overall level cannot do without: when `question`'s answer scores below
    `below`, or is "don't know", the overall level is held at `max_level` at most."""

    kind: Literal["critical"]
    question: Slug
    below: Score
    max_level: Annotated[int, Field(ge=1, strict=True)]
    message: Text | None = None


class Condition(Frozen):
    """One condition of a conflict rule: `question` scores at least, or at most, a score.

    Exactly one of `at_least` and `at_most` is given."""

    question: Slug
    at_least: Score | None = None
    at_most: Score | None = None


class ConflictRule(Frozen):
    """Raises `message` when every condition holds: answers that cannot both be true."""

    kind: Literal["conflict"]
    when: list[Condition] = Field(min_length=1, max_length=limits.CONDITIONS)
    message: Text | None = None


Rule = Annotated[CapRule | FlagRule | CriticalRule | ConflictRule, Field(discriminator="kind")]


class Source(Frozen):
    """A public source the model's advice draws on."""

    id: SourceId
    title: Text
    url: (
        Annotated[StrictStr, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] | None
    ) = None
    publisher: OptionalText | None = None


class Term(Frozen):
    """A term the report explains: an abbreviation or a word of art (``SIRO``, ``EqIA``)."""

    term: Text = Field(max_length=80, description="As it appears in the model's text, e.g. `SIRO`.")
    meaning: Text = Field(description="What it stands for and means, in a sentence or two.")


class Model(Frozen):
    """A scoring model: the scale, the pillars with their questions, and the rules."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="AI maturity scoring model",
        json_schema_extra={
            "description": "A scoring model for the AI maturity self-assessment tool."
        },
    )

    id: Slug
    version: Annotated[Name, StringConstraints(max_length=40)] = Field(
        description='Quote it: `"1.0.0"`.'
    )
    title: Name
    description: OptionalText = ""
    scale: Scale
    pillars: list[Pillar] = Field(min_length=1, max_length=limits.PILLARS)
    rules: list[Rule] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    glossary: list[Term] = Field(
        default_factory=list,
        description="Optional: terms the report explains in its glossary, when it uses them.",
    )

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Model:
        # The loader runs the same checks itself so it can place each problem at its line.
        if info.context and info.context.get("skip_consistency"):
            return self
        from questionnaire.checks import model_problems

        problems = model_problems(self.model_dump())
        if problems:
            raise ValueError(
                "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems)
            )
        return self

    # --- lookups -------------------------------------------------------------------------
    # Built once per model (the model is frozen), so a lookup costs the same for a model
    # of 5 questions and one of 1,000: scoring and checking stay linear in the model's size.
    @cached_property
    def _pillar_index(self) -> dict[str, Pillar]:
        return {p.id: p for p in reversed(self.pillars)}  # the first of a repeated id wins

    @cached_property
    def _question_list(self) -> tuple[tuple[Pillar, Question], ...]:
        return tuple((p, q) for p in self.pillars for q in p.questions)

    @cached_property
    def _question_index(self) -> dict[str, Question]:
        return {q.id: q for _, q in reversed(self._question_list)}

    def pillar(self, pillar_id: str) -> Pillar | None:
        """The pillar with this id, or None."""
        return self._pillar_index.get(pillar_id)

    def questions(self) -> list[tuple[Pillar, Question]]:
        """Every question with its pillar, in model order."""
        return list(self._question_list)

    def question_ids(self) -> list[str]:
        """Every question's id, in model order."""
        return [q.id for _, q in self._question_list]

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return self._question_index.get(question_id)

    def level(self, number: int) -> Level | None:
        """The level with this number, or None."""
        return next((lv for lv in self.scale.levels if lv.level == number), None)

    def level_for(self, score: float) -> Level:
        """The highest level whose `min_score` is at most `score` (compared unrounded)."""
        found = self.scale.levels[0]
        for lv in self.scale.levels:
            if lv.min_score <= score:
                found = lv
        return found


class Respondent(Frozen):
    """Who answered. Every field is free text and optional."""

    name: FreeText | None = None
    role: FreeText | None = None
    group: FreeText | None = None


class Responses(Frozen):
    """One organisation's answers to a model."""

    model: Slug
    model_version: Text | None = None
    organisation: FreeText | None = None
    respondent: Respondent | None = None
    assessed_on: dt.date | None = None
    answers: dict[StrictStr, StrictStr] = Field(default_factory=dict)
    notes: dict[StrictStr, StrictStr] = Field(default_factory=dict)
    evidence: dict[StrictStr, StrictStr] = Field(
        default_factory=dict, description="Per question: what backs the answer (text or a link)."
    )
    targets: dict[StrictStr, Annotated[int, Field(strict=True)]] = Field(default_factory=dict)

    @field_validator("answers", "notes", "evidence", mode="before")
    @classmethod
    def _drop_empty(cls, value: Any) -> Any:
        # `question: null` (or an empty entry) means "not answered", like leaving it out.
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if v is not None}
        return value

    @field_validator("assessed_on", mode="before")
    @classmethod
    def _no_datetime(cls, value: Any) -> Any:
        # A datetime would silently lose its time; a date is what the contract asks for.
        if isinstance(value, dt.datetime):
            raise ValueError("expected a date such as 2026-11-27, not a date and time")
        return value
