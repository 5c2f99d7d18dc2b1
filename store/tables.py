"""The database schema (SQLAlchemy 2.x declarative tables).

Every change here needs a migration in ``store/migrations/versions/``; a test compares this
metadata with the migrated database, so a forgotten migration fails the suite.

Free text from people (names, roles, notes, evidence, rationale) is ``Text`` so no database truncates or
refuses it; ids from the model are bounded strings. Timestamps are stored in UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let alembic's batch mode (SQLite) find and recreate them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(80)  # a model slug, question, option or pillar id
HASH = String(64)  # a SHA-256 in hex
STATUSES = ("draft", "complete", "abandoned")
ROLES = ("administrator", "consultant", "viewer", "respondent")  # store.access.Role
WORKSHOP_STATUSES = ("open", "closed")


def utcnow() -> dt.datetime:
    """Now, in UTC (the only clock the store reads)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class Organisation(Base):
    """A force or other organisation that is assessed; its name is its identity."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ModelVersion(Base):
    """A model file exactly as it was used, keyed by the SHA-256 of its text."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_id: Mapped[str] = mapped_column(ID)
    version: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(HASH, unique=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assessment(Base):
    """One respondent's answers to one model version, for one organisation.

    ``uid`` identifies the assessment across databases (exports carry it); ``resume_hash`` is
    the SHA-256 of the draft's resume code (the code itself is never stored); ``content_hash``
    is the SHA-256 of its canonical content, used to recognise a re-imported file.
    """

    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        Index("ix_assessments_history", "organisation_id", "status", "assessed_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(HASH, unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"), index=True)
    respondent_name: Mapped[str | None] = mapped_column(Text)
    respondent_role: Mapped[str | None] = mapped_column(Text)
    respondent_group: Mapped[str | None] = mapped_column(Text)
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # "app", "import", "participant" (one person's answers in a group assessment) or "group"
    # (a closed group assessment: its result is aggregated from its participants)
    source: Mapped[str] = mapped_column(String(16), default="app", server_default="app")
    resume_hash: Mapped[str | None] = mapped_column(HASH, unique=True)
    content_hash: Mapped[str | None] = mapped_column(HASH, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()
    model_version: Mapped[ModelVersion] = relationship()
    workshop: Mapped[Workshop | None] = relationship(back_populates="assessments")
    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    targets: Mapped[list[Target]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Answer(Base):
    """The answer (an option id, ``na`` or ``unknown``), note and evidence given to one
    question (evidence: what backs the answer, a document, register or link)."""

    __tablename__ = "answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(ID, primary_key=True)
    answer: Mapped[str | None] = mapped_column(ID)
    note: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Target(Base):
    """A pillar's target level chosen by the respondent (instead of the model's default)."""

    __tablename__ = "targets"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    pillar_id: Mapped[str] = mapped_column(ID, primary_key=True)
    level: Mapped[int] = mapped_column(Integer)


class Workshop(Base):
    """A group assessment (a live workshop or an open survey) of one organisation.

    ``facilitator_hash`` is the SHA-256 of the facilitator's private code (the code itself is
    never stored); ``join_code`` is the short code participants type, shown to a room, and
    ``join_hash`` its SHA-256, by which it is looked up. Participants' answers are assessments with ``source`` "participant";
    closing adds one assessment with ``source`` "group" that History lists.
    """

    __tablename__ = "workshops"
    __table_args__ = (CheckConstraint(f"status IN {WORKSHOP_STATUSES!r}", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id"))
    title: Mapped[str] = mapped_column(Text)
    facilitator: Mapped[str | None] = mapped_column(Text)
    join_hash: Mapped[str] = mapped_column(HASH, unique=True)
    join_code: Mapped[str | None] = mapped_column(String(16))
    facilitator_hash: Mapped[str | None] = mapped_column(HASH, unique=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    groups: Mapped[str | None] = mapped_column(Text)  # the groups offered, as a JSON list
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()
    model_version: Mapped[ModelVersion] = relationship()
    assessments: Mapped[list[Assessment]] = relationship(back_populates="workshop")
    agreed: Mapped[list[AgreedAnswer]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class AgreedAnswer(Base):
    """The answer a workshop agreed for one question, why, and who disagreed."""

    __tablename__ = "agreed_answers"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(ID, primary_key=True)
    answer: Mapped[str | None] = mapped_column(ID)
    rationale: Mapped[str | None] = mapped_column(Text)
    dissent: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(Base):
    """A person who signs in (shared mode), keyed by the address the identity provider
    vouches for, in lower case, with their one role."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(Text, unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Membership(Base):
    """An organisation a user is given (administrators need none: they see every one)."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ModelUpload(Base):
    """A model version someone uploaded on the Model page: who (their address in shared mode,
    "this computer" in local mode) and when. The text itself is its ``model_versions`` row."""

    __tablename__ = "model_uploads"

    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id"), primary_key=True)
    uploaded_by: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ModelDefault(Base):
    """The one row saying which model new assessments use, for everyone on this server: an
    uploaded model, or (``model_version_id`` NULL, or no row at all) the standard model."""

    __tablename__ = "model_default"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    model_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("model_uploads.model_version_id")
    )
    chosen_by: Mapped[str] = mapped_column(Text)
    chosen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PillarScore(Base):
    """A finished assessment's overall or pillar score as the engine gave it (see
    :mod:`store.scores`: what each column means, and why the exact value is kept)."""

    __tablename__ = "pillar_scores"
    __table_args__ = (
        Index(
            "ix_pillar_scores_history", "organisation_id", "model_id", "pillar_id", "assessed_on"
        ),
        Index(
            "ix_pillar_scores_national",
            "model_id",
            "pillar_id",
            "organisation_id",
            "assessed_on",
        ),
    )

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    part: Mapped[str] = mapped_column(ID, primary_key=True)
    pillar_id: Mapped[str] = mapped_column(ID, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(Integer)
    model_id: Mapped[str] = mapped_column(ID)
    source: Mapped[str] = mapped_column(String(16))
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    group_key: Mapped[str | None] = mapped_column(ID)
    score: Mapped[float | None] = mapped_column(Double)
    level: Mapped[int | None] = mapped_column(Integer)
