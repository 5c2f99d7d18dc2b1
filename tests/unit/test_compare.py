"""`compare` matches questions by id and `replaces:`, and names what changed in the model."""

from __future__ import annotations

import pytest

from questionnaire.schema import Model, Responses
from scoring import compare, score


def next_version(model: Model) -> Model:
    """v1.1 of the tiny model: gov-policy renamed, gov-review reworded, a question added,
    data-catalogue removed."""
    data = model.model_dump()
    data["version"] = "1.1.0"
    gov, d = data["pillars"]
    gov["questions"][0].update(id="gov-ai-policy", replaces="gov-policy")
    gov["questions"][1]["text"] = "Are AI tools reviewed before use?"
    d["questions"] = [
        d["questions"][0],
        {**d["questions"][0], "id": "data-sharing", "text": "Is data shared?"},
    ]
    return Model.model_validate(data)


def test_deltas_and_model_changes(tiny_model: Model):
    v2 = next_version(tiny_model)
    earlier = score(
        tiny_model,
        Responses(
            model="tiny",
            answers={
                "gov-policy": "none",
                "gov-review": "never",
                "data-quality": "fair",
                "data-catalogue": "yes",
            },
        ),
    )
    later = score(
        v2,
        Responses(
            model="tiny",
            answers={
                "gov-ai-policy": "approved",
                "gov-review": "never",
                "data-quality": "good",
                "data-sharing": "poor",
            },
        ),
    )
    c = compare(earlier, later)
    assert not c.same_model
    assert c.added == ("data-sharing",)
    assert c.removed == ("data-catalogue",)
    assert [(q.earlier_id, q.later_id) for q in c.renamed] == [("gov-policy", "gov-ai-policy")]
    assert [q.later_id for q in c.reworded] == ["gov-review"]
    gov, data = c.pillars
    assert gov.score.change == pytest.approx(25.0)  # 0 -> (100 + 0)/4
    assert data.score.change == pytest.approx(0.0)  # 40 -> (80 + 0)/2
    # The change is the difference of the shown scores: 30.0 - 13.3 (not 16.666...).
    assert c.overall.change == 16.7
    assert [q.later_id for q in c.answer_changes] == ["gov-ai-policy", "data-quality"]


def test_same_model_has_no_model_changes(tiny_model: Model):
    r = score(tiny_model, Responses(model="tiny", answers={"gov-policy": "draft"}))
    c = compare(r, r)
    assert c.same_model and c.added == c.removed == () and c.reworded == ()
    assert c.overall.change == 0
    data = c.pillars[1]
    assert data.score.change is None  # not assessed either time
