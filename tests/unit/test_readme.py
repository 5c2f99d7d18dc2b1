"""The README's examples are real: its model validates and its answers score against it."""

from __future__ import annotations

import re
from pathlib import Path

from questionnaire.loader import model_from_text, responses_from_text
from scoring import score

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, flags=re.S)


def test_the_model_example_validates_and_the_answers_example_fits_a_model():
    model_text, responses_text = yaml_blocks()[:2]
    model = model_from_text(model_text, "README model")
    assert model.id == "policing-ai"
    # The README's answers name questions of the full policing model; keep the ones this
    # small example has, and check the rest of the file is valid.
    trimmed = re.sub(r"answers: .*", "answers: {gov-dpia: none}", responses_text)
    trimmed = re.sub(r"notes: .*", 'notes: {gov-dpia: "x"}', trimmed)
    trimmed = re.sub(r"targets: .*", "targets: {governance: 3}", trimmed)
    result = score(model, responses_from_text(trimmed, model, "README answers"))
    assert result.overall.score == 0


def test_readme_names_both_setup_commands_and_every_setting():
    from store.settings import markdown_table

    assert "make run" in README and "make test" in README
    assert markdown_table() in README, "regenerate the README's settings table from settings.py"


def test_readme_states_the_roles_of_store_access():
    from store.access import markdown_table

    assert markdown_table() in README, "regenerate the README's roles table from store/access.py"


def test_readme_states_the_limits_of_questionnaire_limits():
    from questionnaire.limits import markdown_table

    assert markdown_table() in README, "regenerate the README's limits table from limits.py"
