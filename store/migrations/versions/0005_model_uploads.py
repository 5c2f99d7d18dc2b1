"""Models kept, not per session: who uploaded each model and when, and the server's default.

``model_uploads`` records the model versions uploaded on the Model page (their text is in
``model_versions``); ``model_default`` holds at most one row: the uploaded model new
assessments use, or NULL for the standard model.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "model_uploads",
        sa.Column("model_version_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_version_id"],
            ["model_versions.id"],
            name=op.f("fk_model_uploads_model_version_id_model_versions"),
        ),
        sa.PrimaryKeyConstraint("model_version_id", name=op.f("pk_model_uploads")),
    )
    op.create_table(
        "model_default",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_version_id", sa.Integer(), nullable=True),
        sa.Column("chosen_by", sa.Text(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_model_default_one_row")),
        sa.ForeignKeyConstraint(
            ["model_version_id"],
            ["model_uploads.model_version_id"],
            name=op.f("fk_model_default_model_version_id_model_uploads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_default")),
    )


def downgrade() -> None:
    op.drop_table("model_default")
    op.drop_table("model_uploads")
