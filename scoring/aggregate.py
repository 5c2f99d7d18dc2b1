"""`aggregate(model, participants, agreed) -> GroupResult`: a group assessment, pure.

A workshop or a survey gives one set of responses per participant. The rules, in plain words
(the README says the same for facilitators):

* **per question**, the *consensus* is the median of the participants' option scores. "Not
  applicable" (`na`), "don't know" (`unknown`) and unanswered questions are left out of it;
  each "don't know" is counted (``unknown``) as a knowledge gap. The median of an even number
  of scores is the mean of the two middle ones, worked out exactly (25 and 50 give 37.5).
  The *spread* is the highest score minus the lowest; a spread of :data:`DISAGREEMENT`
  points or more is a *disagreement*. A question nobody scored has no consensus and no
  spread;
* an **agreed answer** (recorded by the facilitator) replaces the consensus of its question
  with that answer's score; an agreed `na` leaves the question out, an agreed `unknown`
  leaves it out and makes it a knowledge gap. The spread and the disagreement stay what the
  participants said: the disagreement happened, the agreed answer is how it was resolved;
* the **consensus result** is an ordinary :class:`~scoring.result.Result`, scored from the
  consensus question scores by the engine's own functions (:func:`scoring.engine.result_of`):
  weights, levels, targets, rules, strengths, priorities and next steps exactly as for one
  assessment. Each question's score in it is the median itself, not an option's score (held
  as a float like every score of a Result; the engine reads it back as the decimal it is,
  which has at most one decimal place more than the scores the model wrote);
* **per group**, each pillar is scored the same way from that group's participants only
  (agreed answers take no part: they are the room's, not a group's); a group with no scored
  answer in a pillar is left out of that pillar.

What the consensus result's ``responses`` say:

* **answers**: the agreed answer where there is one; else the option whose score is nearest
  the median, ties to the lower-scoring option (then the first in the model's order), so the
  next step the result offers is the one that lifts the group from the weaker reading; a
  question nobody scored names ``unknown`` when anyone said "don't know", else ``na`` when
  anyone said "not applicable", else nothing (not answered);
* **organisation**: the one the participants name. A participant that names none joins the
  others; two different names are an error (:class:`MixedOrganisations`);
* **respondent**: none (the result is the group's); **notes**: none (each participant's notes
  are theirs, never merged into the group's);
* **assessed_on**: the latest date among the participants (none when none gives one);
* **targets**: a pillar's target is the one every participant set for it when they all set
  the same one; otherwise the model's default.

The consensus result's ``knowledge_gaps`` are the questions the *group* does not know: those
whose consensus answer is ``unknown`` (nobody scored it and someone said "don't know", or the
group agreed it is unknown). Every single "don't know" is counted in its question's
``unknown`` and ``unknown_by_group``, for the report's knowledge gaps by group.

Each participant's own pillar score (:meth:`GroupResult.spread`) is scored as a group of one:
"don't know" left out, as the consensus leaves it out.

A group of one is scored as :func:`scoring.engine.score` scores that person, except that a
"don't know" is left out instead of scoring 0, and the result carries no respondent and no
notes (a property test holds this).

Groups are named by ``respondent.group`` compared without regard to case or repeated spaces
and reported in lower case (``Leadership`` and ``leadership `` are one group,
``leadership``); a participant with no group is counted under :data:`NO_GROUP` (with anyone who names
that group).

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import lcm

from questionnaire.schema import NA, UNKNOWN, Model, Question, Responses
from scoring.engine import exact, result_of
from scoring.present import change
from scoring.result import QuestionResult, Result

#: The spread, in points, from which a question counts as a disagreement (the one home of it).
DISAGREEMENT = 50
#: The group of a participant who gave none.
NO_GROUP = "unspecified"


@dataclass(frozen=True)
class Agreed:
    """What a workshop agreed for one question."""

    answer: str  # an option id, "na" or "unknown"
    rationale: str | None = None
    dissent: str | None = None


@dataclass(frozen=True)
class QuestionSpread:
    """How the participants answered one question, and what the group made of it."""

    id: str
    pillar: str
    #: Each answer given -> how many gave it, in the question's option order, then
    #: ``unknown``, then ``na``; an answer nobody gave is left out.
    counts: dict[str, int]
    #: The median of the participants' scores, or the agreed answer's score; None when
    #: nobody scored it (or the agreed answer is ``na`` or ``unknown``).
    consensus: float | None
    #: Highest minus lowest participant score; None when nobody scored it.
    spread: float | None
    disagreement: bool  # spread >= DISAGREEMENT
    unknown: int  # participants who answered "don't know"
    agreed: Agreed | None
    #: Group -> participants of that group who answered "don't know" (groups with none left
    #: out): the knowledge gaps by group.
    unknown_by_group: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupResult:
    """Everything :func:`aggregate` works out for a group."""

    result: Result  # the consensus result, scored as one assessment
    participants: int
    groups: dict[str, int]  # group -> participants, alphabetical, NO_GROUP last
    questions: tuple[QuestionSpread, ...]  # model order
    #: Pillar id -> group -> that group's pillar score (groups that scored nothing there left
    #: out); every pillar of the model has an entry, maybe empty.
    by_group: dict[str, dict[str, float]]
    #: Pillar id -> (lowest, highest) of the participants' own pillar scores; pillars no
    #: participant scored are left out.
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)

    def gap(self, pillar_id: str, high: str = "leadership", low: str = "frontline") -> float | None:
        """`high`'s pillar score minus `low`'s, as a reader sees it: the difference of the two
        shown scores (:func:`scoring.present.change`), so the three numbers printed side by
        side add up. None when either group has no score in that pillar."""
        scores = self.by_group.get(pillar_id, {})
        return change(scores.get(group_key(low)), scores.get(group_key(high)))

    def spread(self, pillar_id: str) -> tuple[float, float] | None:
        """The lowest and the highest of the participants' own scores of a pillar (each scored
        as this module scores a group of one: "don't know" left out); None when nobody
        scored it."""
        return self.ranges.get(pillar_id)

    def disagreements(self) -> tuple[QuestionSpread, ...]:
        """Every question, the most divided first: by spread, largest first (so every
        disagreement comes before the rest), questions nobody scored last, model order among
        equals."""
        order = {q.id: i for i, q in enumerate(self.questions)}
        return tuple(
            sorted(
                self.questions,
                key=lambda q: (q.spread is None, -(q.spread or 0.0), order[q.id]),
            )
        )


class MixedOrganisations(ValueError):
    """Participants name different organisations; `index` is the first participant (0-based,
    in the order given) whose organisation differs from an earlier one."""

    def __init__(self, index: int, expected: str, found: str) -> None:
        self.index = index
        self.expected = expected
        self.found = found
        super().__init__(
            f"participant {index + 1} names the organisation {found!r}, but an earlier "
            f"participant names {expected!r}; a group assessment is of one organisation"
        )


def aggregate(
    model: Model, participants: Sequence[Responses], agreed: Mapping[str, Agreed] | None = None
) -> GroupResult:
    """Aggregate the participants of a group assessment (see the module's rules).

    Args:
        model: a validated model.
        participants: one Responses per participant, each checked against `model` (through
            ``questionnaire.loader``); the group is ``respondent.group``. Their order does
            not matter.
        agreed: question id -> the answer the group agreed, for the questions it settled.

    Returns:
        The frozen GroupResult.

    Raises:
        ValueError: no participants; a participant answered another model or gives an answer
            the model does not have; an agreed answer of a question or option the model does
            not have. :class:`MixedOrganisations` when participants name different
            organisations.
    """
    people = tuple(participants)
    settled = dict(agreed or {})
    if not people:
        raise ValueError("a group assessment needs at least one participant")
    organisation = _organisation(people)
    units = _Units(model)
    for n, person in enumerate(people, 1):
        if person.model != model.id:
            raise ValueError(
                f"participant {n} answered the model {person.model!r}, not {model.id!r}"
            )
        for qid, answer in person.answers.items():
            units.check(qid, answer, f"participant {n}")
    for qid, decision in settled.items():
        units.check(qid, decision.answer, "the agreed answers")

    groups = [group_key(p.respondent.group if p.respondent else None) for p in people]
    names = sorted(set(groups), key=lambda g: (g == NO_GROUP, g))
    members = {g: [i for i, own in enumerate(groups) if own == g] for g in names}

    spreads: list[QuestionSpread] = []
    per_pillar: list[tuple[QuestionResult, ...]] = []
    answers: dict[str, str] = {}
    by_group: dict[str, dict[str, float]] = {}
    ranges: dict[str, tuple[float, float]] = {}
    for pillar in model.pillars:
        results = []
        # Per question of the pillar: each participant's score in whole units, or None.
        columns: list[list[int | None]] = []
        for question in pillar.questions:
            given = [p.answers.get(question.id) for p in people]
            scores = [units.score(question.id, a) for a in given]
            columns.append(scores)
            spread, result = _question(units, question, pillar.id, given, scores, settled, groups)
            spreads.append(spread)
            results.append(result)
            if result.answer is not None:
                answers[question.id] = result.answer
        per_pillar.append(tuple(results))
        weights = [units.weight[q.id] for q in pillar.questions]
        by_group[pillar.id] = {
            g: float(mean)
            for g in names
            if (mean := units.mean_of_medians(weights, columns, members[g])) is not None
        }
        own = [
            mean
            for i in range(len(people))
            if (mean := units.mean(weights, [c[i] for c in columns])) is not None
        ]
        if own:
            ranges[pillar.id] = (float(min(own)), float(max(own)))

    dates = [p.assessed_on for p in people if p.assessed_on is not None]
    responses = Responses(
        model=model.id,
        model_version=model.version,
        organisation=organisation,
        respondent=None,
        assessed_on=max(dates) if dates else None,
        answers=answers,
        notes={},
        targets=_targets(people),
    )
    return GroupResult(
        result=result_of(model, responses, per_pillar),
        participants=len(people),
        groups={g: len(members[g]) for g in names},
        questions=tuple(spreads),
        by_group=by_group,
        ranges=ranges,
    )


class _Units:
    """A model's option scores and question weights as whole numbers, so the medians and
    means of many participants are sums of integers, exact and quick (Fractions throughout
    cost about 20 ms for 50 participants on the bundled model; see bench/bench_aggregate.py).

    A score s counts ``s * unit``, a weight w ``w * weight_unit``, each unit the least that
    makes every number the model wrote whole (as written: 0.1 is 1/10, the engine's
    reading). A median is kept doubled (``twice``), so the mean of two middle scores is whole
    too.
    """

    def __init__(self, model: Model) -> None:
        questions = [q for _, q in model.questions()]
        scores = {exact(o.score) for q in questions for o in q.options}
        weights = {exact(q.weight) for q in questions}
        self.unit = lcm(1, *(f.denominator for f in scores))
        weight_unit = lcm(1, *(f.denominator for f in weights))
        self.options = {
            q.id: {o.id: _whole(exact(o.score), self.unit) for o in q.options} for q in questions
        }
        self.weight = {q.id: _whole(exact(q.weight), weight_unit) for q in questions}
        self.allow_na = {q.id: q.allow_na for q in questions}
        self.model_id = model.id

    def check(self, question_id: str, answer: str, who: str) -> None:
        """Raise ValueError unless `answer` is an answer the question allows."""
        options = self.options.get(question_id)
        if options is None:
            raise ValueError(f"{who}: no question {question_id!r} in model {self.model_id!r}")
        if answer == NA and not self.allow_na[question_id]:
            raise ValueError(f"{who}: question {question_id!r} does not allow 'na'")
        if answer not in (NA, UNKNOWN) and answer not in options:
            raise ValueError(f"{who}: question {question_id!r} has no option {answer!r}")

    def score(self, question_id: str, answer: str | None) -> int | None:
        """An answer's score in units; None for na, unknown and no answer."""
        if answer is None:
            return None
        return self.options[question_id].get(answer)

    def twice_median(self, values: Sequence[int]) -> int:
        """Twice the median of at least one score (units): the middle one doubled, or the sum
        of the two middle ones of an even number."""
        ordered = sorted(values)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return 2 * ordered[middle]
        return ordered[middle - 1] + ordered[middle]

    def points(self, value: int, doubled: bool = False) -> Fraction:
        """A number of units as exact points."""
        return Fraction(value, self.unit * (2 if doubled else 1))

    def nearest_option(self, question: Question, twice: int) -> str:
        """The option whose score is nearest the median: ties to the lower-scoring option,
        then to the first in the model's order."""
        options = self.options[question.id]
        return min(options, key=lambda o: (abs(2 * options[o] - twice), options[o]))

    def mean(self, weights: Sequence[int], scores: Sequence[int | None]) -> Fraction | None:
        """The weighted mean (points) of the scored questions of weight above 0."""
        total = weight = 0
        for w, s in zip(weights, scores, strict=True):
            if s is not None and w > 0:
                total += w * s
                weight += w
        return Fraction(total, weight * self.unit) if weight else None

    def mean_of_medians(
        self, weights: Sequence[int], columns: Sequence[Sequence[int | None]], who: Sequence[int]
    ) -> Fraction | None:
        """A pillar's score from some participants only: the weighted mean of their medians."""
        total = weight = 0
        for w, column in zip(weights, columns, strict=True):
            if w <= 0:
                continue
            scored = [s for i in who if (s := column[i]) is not None]
            if scored:
                total += w * self.twice_median(scored)
                weight += w
        return Fraction(total, weight * 2 * self.unit) if weight else None


def _whole(value: Fraction, unit: int) -> int:
    """``value * unit`` for a unit that is a multiple of the value's denominator."""
    return value.numerator * (unit // value.denominator)


def _question(
    units: _Units,
    question: Question,
    pillar_id: str,
    given: list[str | None],
    scores: list[int | None],
    settled: Mapping[str, Agreed],
    groups: list[str],
) -> tuple[QuestionSpread, QuestionResult]:
    """One question's spread and its consensus QuestionResult."""
    tally = Counter(a for a in given if a is not None)
    order = [o.id for o in question.options] + [UNKNOWN, NA]
    counts = {a: tally[a] for a in order if tally[a]}
    scored = [s for s in scores if s is not None]
    decision = settled.get(question.id)
    value: Fraction | None = None
    answer: str | None
    if decision is not None:
        answer = decision.answer
        agreed_score = units.score(question.id, answer)
        value = None if agreed_score is None else units.points(agreed_score)
    elif scored:
        twice = units.twice_median(scored)
        answer, value = units.nearest_option(question, twice), units.points(twice, doubled=True)
    else:
        answer = UNKNOWN if tally[UNKNOWN] else NA if tally[NA] else None
    spread = units.points(max(scored) - min(scored)) if scored else None
    unknown_by_group = Counter(g for g, a in zip(groups, given, strict=True) if a == UNKNOWN)
    consensus = None if value is None else float(value)
    return (
        QuestionSpread(
            id=question.id,
            pillar=pillar_id,
            counts=counts,
            consensus=consensus,
            spread=None if spread is None else float(spread),
            disagreement=spread is not None and spread >= DISAGREEMENT,
            unknown=tally[UNKNOWN],
            agreed=decision,
            unknown_by_group=dict(sorted(unknown_by_group.items())),
        ),
        QuestionResult(question.id, pillar_id, answer, consensus, question.weight, None),
    )


def group_key(group: str | None) -> str:
    """A group's name as compared and reported: lower case, spaces collapsed (the one normal
    form of a group's name, also used for the stored scores by :mod:`store.scores`)."""
    name = " ".join((group or "").split()).lower()
    return name or NO_GROUP


def _organisation(people: Sequence[Responses]) -> str | None:
    found: str | None = None
    for i, person in enumerate(people):
        name = person.organisation
        if name is None:
            continue
        if found is None:
            found = name
        elif name != found:
            raise MixedOrganisations(i, found, name)
    return found


def _targets(people: Sequence[Responses]) -> dict[str, int]:
    """The targets every participant set alike."""
    first = people[0].targets
    return {
        pillar: level
        for pillar, level in first.items()
        if all(p.targets.get(pillar) == level for p in people[1:])
    }
