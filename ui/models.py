"""Which model new assessments in this session use: an uploaded one, or the server's default.

An uploaded model belongs to the session that uploaded it; other people keep the default. A
draft always carries its own model (the store keeps the text), so changing the model here
never changes an assessment already started.
"""

from __future__ import annotations

import streamlit as st

from questionnaire import limits
from questionnaire.loader import model_from_text
from questionnaire.yamlio import InputError, Problem
from ui.resources import ModelChoice, ModelProblem, default_model

CUSTOM = "custom_model"
#: An uploaded model is refused above the one file-size limit of the CLI and the import.
MAX_UPLOAD_BYTES = limits.FILE_BYTES


def megabytes(size: int) -> int:
    """The smallest whole number of Streamlit's megabytes (2**20 bytes) that admits ``size``
    bytes: the unit of ``server.maxUploadSize`` and of a file uploader's limit."""
    return -(-size // 2**20)


def model_for_new_assessments() -> ModelChoice | ModelProblem:
    """The uploaded model if this session chose one, else the default (or its problems)."""
    custom = st.session_state.get(CUSTOM)
    return custom if isinstance(custom, ModelChoice) else default_model()


def check_upload(name: str, raw: bytes) -> ModelChoice | ModelProblem:
    """Validate an uploaded model file exactly as ``maturity validate`` does.

    Returns:
        The model, or every problem located as ``file:line:column: message``.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        message = limits.too_long("file", len(raw), MAX_UPLOAD_BYTES, "bytes")
        return ModelProblem(name, (Problem(name, None, None, message),))
    try:
        model = model_from_text(raw, name)
    except InputError as exc:
        return ModelProblem.of(name, exc)
    # model_from_text has checked the bytes are UTF-8.
    return ModelChoice(model, raw.decode("utf-8"), f"the uploaded file {name}")


def use_custom(choice: ModelChoice) -> None:
    """Use an uploaded model for this session's new assessments."""
    st.session_state[CUSTOM] = choice


def use_default() -> None:
    """Go back to the server's default model for new assessments."""
    st.session_state.pop(CUSTOM, None)
