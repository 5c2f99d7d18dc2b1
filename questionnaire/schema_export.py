"""The JSON Schema of the model file, generated from the pydantic types.

Editors that understand ``# yaml-language-server: $schema=...`` use it for completion and
hover help. It is committed as ``questionnaire/schema/model.schema.json``; a test keeps it
current (regenerate with ``make schema``).
"""

from __future__ import annotations

from typing import Any

from questionnaire.schema import Model

SCHEMA_PATH = "questionnaire/schema/model.schema.json"


def model_json_schema() -> dict[str, Any]:
    """The schema as a dict (no ``$schema`` key: editors read it as draft-07)."""
    schema = Model.model_json_schema(mode="validation")
    schema["$comment"] = (
        "Generated from questionnaire/schema.py by `maturity schema`; do not edit by hand. "
        "Cross-field rules (unique ids, levels that exist, rules naming real pillars) are "
        "checked by `maturity validate`, not by this schema."
    )
    return schema
