"""Which model new assessments use, for everyone on this server: an uploaded model kept in
the database, or the standard model (``MATURITY_MODEL`` or the bundled one).

The choice is the database's (:mod:`store.model_choice`), not the session's, so it survives
a reload, a new browser and a restarted server, and is the same for everyone until someone
who may change the model (``Ability.MODEL``) changes it. A draft always carries its own
model (the store keeps the text), so a change here never reaches an assessment already
started. :func:`new_assessments_use` is the one wording of "which model new assessments
use", for the Start and Model pages alike.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from questionnaire import limits
from questionnaire.loader import model_from_text
from questionnaire.yamlio import InputError, Problem
from store.access import Mode, Principal
from store.model_choice import THIS_COMPUTER, UploadedModel
from ui.resources import DatabaseUnavailable, ModelChoice, ModelProblem, default_model, get_store
from ui.text import md_escape

LOG = logging.getLogger("ui")
#: An uploaded model is refused above the one file-size limit of the CLI and the import.
MAX_UPLOAD_BYTES = limits.FILE_BYTES
#: Where a problem reading the stored choice is said to be.
DATABASE = "the database"
UPLOADS_USED = "model-uploads-used"


def megabytes(size: int) -> int:
    """The smallest whole number of Streamlit's megabytes (2**20 bytes) that admits ``size``
    bytes: the unit of ``server.maxUploadSize`` and of a file uploader's limit."""
    return -(-size // 2**20)


def model_for_new_assessments() -> ModelChoice | ModelProblem:
    """The uploaded model chosen for this server, else the standard model (or its problems).

    When the database cannot say which model is chosen, that is a problem to report, not a
    reason to fall back silently to the standard model (the defect this replaces).
    """
    from store.faults import DatabaseFault

    try:
        chosen = get_store().default_model()
    except DatabaseUnavailable as exc:
        return _unreadable(str(exc))
    except DatabaseFault as exc:
        LOG.warning("cannot read the default model: %s (%s)", exc.kind, exc.detail)
        return _unreadable(f"the chosen model could not be read: {exc.reason}. {exc.advice}")
    except Exception:
        LOG.exception("the default model cannot be loaded")
        return _unreadable(
            "the model chosen for new assessments no longer loads; choose another one, or go "
            "back to the standard model, on the Model page"
        )
    if chosen is None:
        return default_model()
    up = chosen.upload
    return ModelChoice(chosen.model, chosen.text, kept_source(up), up)


def kept_source(up: UploadedModel) -> str:
    """Where a kept model came from, in the words of the Model page's description."""
    return f"a file uploaded by {up.uploaded_by} on {day(up.uploaded_at)}"


def _unreadable(message: str) -> ModelProblem:
    return ModelProblem(DATABASE, (Problem(DATABASE, None, None, message),))


def day(when: dt.datetime) -> str:
    """A date as the app writes it for people (``3 Dec 2026``)."""
    return when.strftime("%-d %b %Y")


def new_assessments_use(choice: ModelChoice) -> str:
    """The one sentence (Markdown) naming the model and version new assessments use."""
    named = f"**{md_escape(choice.model.title)}**, version {md_escape(choice.model.version)}"
    up = choice.upload
    if up is None:
        return f"New assessments use the standard model, {named}."
    return (
        f"New assessments use {named} (uploaded by {md_escape(up.uploaded_by)} "
        f"on {day(up.uploaded_at)})."
    )


def uploader(who: Principal) -> str:
    """Who is recorded as uploading or choosing a model: the signed-in address in shared
    mode, "this computer" in local mode (where nobody signs in)."""
    if who.mode is Mode.LOCAL or not who.email:
        return THIS_COMPUTER
    return who.email


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


def use_upload(choice: ModelChoice, who: Principal) -> ModelChoice:
    """Keep an uploaded model in the database and make it everyone's default.

    Raises:
        DatabaseUnavailable, store.faults.DatabaseFault, store.records.StoreError: when the
            database cannot keep it (the page says so; nothing changes).
    """
    kept = get_store().keep_upload(choice.model, choice.text, uploader(who))
    return ModelChoice(choice.model, choice.text, kept_source(kept), kept)


def use_stored(model_version_id: int | None, who: Principal) -> None:
    """Make a stored upload (None: the standard model) everyone's default.

    Raises:
        as :func:`use_upload`; ``store.model_choice.UnknownUpload`` for an id not uploaded.
    """
    get_store().choose_model(model_version_id, uploader(who))


def upload_key() -> str:
    """The file uploader's key: "model-upload" at first, a new one after each use. A new key
    is a new, empty uploader, so the page that follows says once what was chosen instead of
    also redrawing the file still held."""
    used = st.session_state.get(UPLOADS_USED, 0)
    return "model-upload" if not used else f"model-upload-{used}"


def clear_upload() -> None:
    """Forget the file in the uploader (see :func:`upload_key`)."""
    st.session_state[UPLOADS_USED] = st.session_state.get(UPLOADS_USED, 0) + 1
