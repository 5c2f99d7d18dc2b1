"""The one rule for shown numbers and labels (scoring.present), by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from questionnaire.schema import Model
from scoring import present


def test_scores_round_half_up_to_one_place():
    assert present.score_text(31.25) == "31.3"
    assert present.score_text(48.35) == "48.4"
    assert present.score_text(0.04) == "0.0"
    assert present.score_text(0.1 + 0.2) == "0.3"
    assert present.score_text(100) == "100.0"
    assert present.score_text(None) == "not assessed"
    assert present.shown(31.25) == 31.3 and present.shown(None) is None
    assert present.points_text(None) == "0.0"


def test_a_change_is_the_difference_of_the_shown_scores():
    assert present.change(10.04, 10.16) == 0.2  # 10.0 -> 10.2, though 10.16 - 10.04 = 0.12
    assert present.change_text(10.04, 10.16) == "+0.2"
    assert present.change_text(12.25, 10.0) == "−2.3"  # 12.3 -> 10.0
    assert present.change_text(10.01, 10.04) == "0.0"
    assert present.change_text(None, 10.0) == "–"
    assert present.change(None, 1.0) is None


@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_shown_numbers_add_up(earlier: float, later: float):
    shown_change = present.change_text(earlier, later).replace(present.MINUS, "-")
    total = float(present.score_text(earlier)) + float(shown_change)
    assert f"{total:.1f}" == present.score_text(later)


def test_thresholds_print_as_written():
    assert present.threshold_text(40.0) == "40"
    assert present.threshold_text(37.5) == "37.5"
    assert present.threshold_text(0) == "0"


def test_answer_labels(tiny_model: Model):
    assert present.answer_label(tiny_model, "gov-policy", None) == "Not answered"
    assert present.answer_label(tiny_model, "gov-policy", "unknown") == "Don’t know"
    assert present.answer_label(tiny_model, "gov-policy", "na") == "Not applicable"
    question = tiny_model.question("gov-policy")
    assert question is not None
    option = question.options[0]
    assert present.answer_label(tiny_model, "gov-policy", option.id) == option.label


def test_question_numbers_are_pillar_dot_position(tiny_model: Model):
    numbers = present.question_numbers(tiny_model)
    first = tiny_model.pillars[0]
    assert numbers[first.questions[0].id] == "1.1"
    assert numbers[tiny_model.pillars[1].questions[0].id] == "2.1"
