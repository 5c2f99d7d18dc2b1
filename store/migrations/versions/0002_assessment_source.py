"""Record where an assessment came from, and index the history query.

``source`` is "app" for an assessment answered in the app and "import" for one read from a
file; the index serves "this organisation's complete assessments in date order".

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=16), server_default="app", nullable=False)
        )
        batch_op.create_index(
            "ix_assessments_history", ["organisation_id", "status", "assessed_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_history")
        batch_op.drop_column("source")
