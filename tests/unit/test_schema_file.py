"""The committed JSON Schema is current, and it accepts the models we ship."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from questionnaire.loader import BUNDLED_MODELS
from questionnaire.schema_export import SCHEMA_PATH, model_json_schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current():
    committed = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert committed == model_json_schema(), "regenerate it with `make schema`"


def test_schema_is_usable_as_draft_7_and_accepts_every_bundled_model():
    schema = model_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    models = sorted(BUNDLED_MODELS.glob("*.yaml")) + [ROOT / "tests/fixtures/tiny-model.yaml"]
    for path in models:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_every_bundled_model_starts_with_the_schema_modeline():
    for path in sorted(BUNDLED_MODELS.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/model.schema.json", path.name
