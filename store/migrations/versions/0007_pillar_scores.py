"""Stored scores: each finished assessment's overall and pillar scores (``pillar_scores``).

The table and what its columns mean are described in ``store/scores.py``. The upgrade
backfills every complete assessment History lists (not a participant's own answers: see
``store/scores.py``) by scoring it with its own stored model text, exactly as
reading it back does (``score`` for one person's answers, ``aggregate`` of the participants
and the agreed answers for a group assessment), so the stored figures are the report's. An
assessment whose stored model no longer loads or scores is left without rows, as History
sets it aside.

The rows are read with plain Core statements naming the columns as they are at this
revision, so a later change to the ORM classes cannot break this migration.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500


def upgrade() -> None:
    op.create_table(
        "pillar_scores",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=80), nullable=False),
        sa.Column("pillar_id", sa.String(length=80), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("group_key", sa.String(length=80), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_pillar_scores_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "assessment_id", "part", "pillar_id", name=op.f("pk_pillar_scores")
        ),
    )
    op.create_index(
        "ix_pillar_scores_history",
        "pillar_scores",
        ["organisation_id", "model_id", "pillar_id", "assessed_on"],
    )
    op.create_index(
        "ix_pillar_scores_national",
        "pillar_scores",
        ["model_id", "pillar_id", "organisation_id", "assessed_on"],
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_pillar_scores_national", table_name="pillar_scores")
    op.drop_index("ix_pillar_scores_history", table_name="pillar_scores")
    op.drop_table("pillar_scores")


# --- the backfill ----------------------------------------------------------------------------
_assessments = sa.table(
    "assessments",
    sa.column("id", sa.Integer),
    sa.column("organisation_id", sa.Integer),
    sa.column("model_version_id", sa.Integer),
    sa.column("workshop_id", sa.Integer),
    sa.column("respondent_name", sa.Text),
    sa.column("respondent_role", sa.Text),
    sa.column("respondent_group", sa.Text),
    sa.column("assessed_on", sa.Date),
    sa.column("status", sa.String),
    sa.column("source", sa.String),
    sa.column("created_at", sa.DateTime),
    sa.column("completed_at", sa.DateTime),
)
_answers = sa.table(
    "answers",
    sa.column("assessment_id", sa.Integer),
    sa.column("question_id", sa.String),
    sa.column("answer", sa.String),
    sa.column("note", sa.Text),
    sa.column("evidence", sa.Text),
)
_targets = sa.table(
    "targets",
    sa.column("assessment_id", sa.Integer),
    sa.column("pillar_id", sa.String),
    sa.column("level", sa.Integer),
)
_organisations = sa.table("organisations", sa.column("id", sa.Integer), sa.column("name", sa.Text))
_model_versions = sa.table(
    "model_versions",
    sa.column("id", sa.Integer),
    sa.column("content_hash", sa.String),
    sa.column("text", sa.Text),
)
_agreed = sa.table(
    "agreed_answers",
    sa.column("workshop_id", sa.Integer),
    sa.column("question_id", sa.String),
    sa.column("answer", sa.String),
    sa.column("rationale", sa.Text),
    sa.column("dissent", sa.Text),
)
_scores = sa.table(
    "pillar_scores",
    *(
        sa.column(name)
        for name in (
            "assessment_id",
            "part",
            "pillar_id",
            "organisation_id",
            "model_id",
            "source",
            "assessed_on",
            "group_key",
            "score",
            "level",
        )
    ),
)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


class _Reader:
    """Rebuilds stored assessments' Responses with Core statements, a batch at a time."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.names = dict(conn.execute(sa.select(_organisations.c.id, _organisations.c.name)).all())
        self.models: dict[int, Any] = {}

    def model(self, version_id: int) -> Any:
        from store import records

        if version_id not in self.models:
            text, digest = self.conn.execute(
                sa.select(_model_versions.c.text, _model_versions.c.content_hash).where(
                    _model_versions.c.id == version_id
                )
            ).one()
            try:
                self.models[version_id] = records.stored_model(text, digest)
            except Exception:  # an unloadable model: its assessments stay without rows
                self.models[version_id] = None
        return self.models[version_id]

    def responses(self, rows: Sequence[Any]) -> dict[int, Any]:
        """Responses by assessment id (None where the model does not load or they fail)."""
        from store import records

        ids = [r.id for r in rows]
        answers: dict[int, dict[str, tuple[str | None, str | None, str | None]]] = {
            i: {} for i in ids
        }
        targets: dict[int, dict[str, int]] = {i: {} for i in ids}
        for a in self.conn.execute(
            sa.select(
                _answers.c.assessment_id,
                _answers.c.question_id,
                _answers.c.answer,
                _answers.c.note,
                _answers.c.evidence,
            ).where(_answers.c.assessment_id.in_(ids))
        ):
            answers[a.assessment_id][a.question_id] = (a.answer, a.note, a.evidence)
        for t in self.conn.execute(
            sa.select(_targets.c.assessment_id, _targets.c.pillar_id, _targets.c.level).where(
                _targets.c.assessment_id.in_(ids)
            )
        ):
            targets[t.assessment_id][t.pillar_id] = t.level
        found: dict[int, Any] = {}
        for r in rows:
            model = self.model(r.model_version_id)
            try:
                found[r.id] = records.build_responses(
                    model,
                    self.names[r.organisation_id],
                    records.respondent_of(r.respondent_name, r.respondent_role, r.respondent_group),
                    r.assessed_on,
                    answers[r.id],
                    targets[r.id],
                )
            except Exception:
                found[r.id] = None
        return found

    def group(self, row: Any) -> Any:
        """A group assessment's aggregate, as ``store.workshops`` reads it."""
        from scoring.aggregate import Agreed, aggregate

        people = self.conn.execute(
            sa.select(_assessments)
            .where(
                _assessments.c.workshop_id == row.workshop_id,
                _assessments.c.source == "participant",
                _assessments.c.status != "abandoned",
            )
            .order_by(_assessments.c.created_at, _assessments.c.id)
        ).all()
        given = self.responses(people)
        answering = [given[p.id] for p in people if given[p.id] is not None and given[p.id].answers]
        agreed = {
            q: Agreed(a, why, dissent)
            for q, a, why, dissent in self.conn.execute(
                sa.select(
                    _agreed.c.question_id, _agreed.c.answer, _agreed.c.rationale, _agreed.c.dissent
                ).where(_agreed.c.workshop_id == row.workshop_id)
            )
            if a is not None
        }
        return aggregate(self.model(row.model_version_id), answering, agreed)


def _backfill(conn: sa.Connection) -> None:
    from scoring import score
    from store.scores import score_rows, shown_date

    reader = _Reader(conn)
    ids = list(
        conn.execute(
            sa.select(_assessments.c.id)
            .where(_assessments.c.status == "complete", _assessments.c.source != "participant")
            .order_by(_assessments.c.id)
        ).scalars()
    )
    for chunk in _chunks(ids):
        rows = conn.execute(sa.select(_assessments).where(_assessments.c.id.in_(chunk))).all()
        given = reader.responses(rows)
        out: list[dict[str, Any]] = []
        for r in rows:
            try:
                if r.source == "group":
                    if r.workshop_id is None or reader.model(r.model_version_id) is None:
                        continue
                    group = reader.group(r)
                    result, by_group = group.result, group.by_group
                elif given[r.id] is not None:
                    result, by_group = score(reader.model(r.model_version_id), given[r.id]), None
                else:
                    continue
            except Exception:  # this record cannot be scored: it stays without rows
                continue
            out += score_rows(
                r.id,
                organisation_id=r.organisation_id,
                source=r.source,
                assessed_on=shown_date(r.assessed_on, r.completed_at, r.created_at),
                result=result,
                by_group=by_group,
            )
        if out:
            conn.execute(sa.insert(_scores), out)
