"""Models kept for the whole server: the models uploaded on the Model page, and which one new
assessments use.

Decisions:

- **Where the text lives.** An uploaded model is a ``model_versions`` row like every model an
  assessment used (full text, keyed by its SHA-256); ``model_uploads`` adds who uploaded it
  and when. Uploading the same text again keeps the first upload's name and time: it is the
  same file, and the list shows when it first arrived.
- **What is kept.** Only a model someone chose to use: the Model page stores a file when
  "Use this model" is pressed, not when it is merely checked (a check is not a decision).
- **One default for everyone.** ``model_default`` holds at most one row: the uploaded model
  new assessments use, or NULL for the standard model (``MATURITY_MODEL`` or the bundled
  one). No row at all also means the standard model, so a new database needs no seeding.
  The last choice wins; who made it and when is kept with it. A draft already started
  carries its own model version, so a change never reaches it.
- **Erasure.** The chosen default is in use by the server for every new assessment, so an
  erasure (``maturity delete``, ``maturity purge``) never takes its model version, even when
  only the erased records had used it (see :mod:`store.erase`); the default therefore never
  points at nothing. Any other uploaded model that only erased records used goes with them,
  its upload record too (an uploaded model may name the force).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Row, select

from questionnaire.schema import Model
from store.base import Executor, StoreBase, insert_ignore, retried, upsert
from store.records import StoreError, as_utc, check_text
from store.tables import ModelDefault, ModelUpload, ModelVersion, utcnow

#: Who uploaded or chose a model in local mode, where nobody signs in.
THIS_COMPUTER = "this computer"


class UnknownUpload(StoreError, LookupError):
    """No uploaded model has this id."""


@dataclass(frozen=True)
class UploadedModel:
    """One model uploaded on the Model page, as the list shows it."""

    model_version_id: int
    model_id: str
    version: str
    title: str
    content_hash: str
    uploaded_by: str
    uploaded_at: dt.datetime


@dataclass(frozen=True)
class DefaultModel:
    """The uploaded model new assessments use: its record, the model and its exact text."""

    upload: UploadedModel
    model: Model
    text: str
    chosen_by: str
    chosen_at: dt.datetime


_UPLOADS = select(
    ModelVersion.id,
    ModelVersion.model_id,
    ModelVersion.version,
    ModelVersion.title,
    ModelVersion.content_hash,
    ModelUpload.uploaded_by,
    ModelUpload.uploaded_at,
).join(ModelUpload, ModelUpload.model_version_id == ModelVersion.id)


def _uploaded(row: Row[int, str, str, str, str, str, dt.datetime]) -> UploadedModel:
    vid, model_id, version, title, digest, by, at = row
    return UploadedModel(vid, model_id, version, title, digest, by, as_utc(at))


class ModelChoices(StoreBase):
    """The uploaded models and the server's default model, for :class:`store.Store`."""

    @retried
    def keep_upload(
        self, model: Model, text: str, uploaded_by: str, *, choose: bool = True
    ) -> UploadedModel:
        """Store an uploaded model (text and hash), record who uploaded it, and (``choose``)
        make it the default for new assessments, all in one transaction.

        Raises:
            ValueError: when ``text`` does not load as ``model``.
            UnsafeText: when the uploader's name holds a control character.
        """
        check_text("uploaded by", uploaded_by)
        with self.engine.begin() as conn:
            version_id = self.model_version_id(conn, model, text)
            insert_ignore(
                conn,
                ModelUpload.__table__,
                {
                    "model_version_id": version_id,
                    "uploaded_by": uploaded_by,
                    "uploaded_at": utcnow(),
                },
            )
            if choose:
                _choose(conn, version_id, uploaded_by)
            row = conn.execute(_UPLOADS.where(ModelVersion.id == version_id)).one()
        return _uploaded(row)

    @retried
    def uploaded_models(self) -> list[UploadedModel]:
        """Every uploaded model, the most recently uploaded first."""
        with self.session(write=False) as s:
            rows = s.execute(
                _UPLOADS.order_by(ModelUpload.uploaded_at.desc(), ModelVersion.id.desc())
            ).all()
        return [_uploaded(r) for r in rows]

    @retried
    def choose_model(self, model_version_id: int | None, chosen_by: str) -> None:
        """Make an uploaded model the default for new assessments (None: the standard model).

        Raises:
            UnknownUpload: when no uploaded model has this id.
            UnsafeText: when the chooser's name holds a control character.
        """
        check_text("chosen by", chosen_by)
        with self.engine.begin() as conn:
            if (
                model_version_id is not None
                and conn.scalar(
                    select(ModelUpload.model_version_id).where(
                        ModelUpload.model_version_id == model_version_id
                    )
                )
                is None
            ):
                raise UnknownUpload(f"no uploaded model has the id {model_version_id}")
            _choose(conn, model_version_id, chosen_by)

    @retried
    def default_model(self) -> DefaultModel | None:
        """The uploaded model new assessments use, or None for the standard model.

        Raises:
            ValueError: when the stored text no longer loads (a model that validated when
                uploaded but that a newer program refuses); the caller says so.
        """
        with self.session(write=False) as s:
            chosen = s.execute(
                select(
                    ModelDefault.model_version_id, ModelDefault.chosen_by, ModelDefault.chosen_at
                )
            ).one_or_none()
            if chosen is None or chosen.model_version_id is None:
                return None
            row = s.execute(_UPLOADS.where(ModelVersion.id == chosen.model_version_id)).one()
            model, text, _ = self.model_of(s, chosen.model_version_id)
        return DefaultModel(_uploaded(row), model, text, chosen.chosen_by, as_utc(chosen.chosen_at))


def _choose(conn: Executor, model_version_id: int | None, chosen_by: str) -> None:
    upsert(
        conn,
        ModelDefault.__table__,
        {"id": 1},
        {"model_version_id": model_version_id, "chosen_by": chosen_by, "chosen_at": utcnow()},
    )
