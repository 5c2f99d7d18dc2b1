"""Group assessments: join code, facilitator's code, closing date, groups offered, anonymity.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("join_code", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("facilitator_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("closes_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("groups", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("anonymous", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_workshops_facilitator_hash"), ["facilitator_hash"]
        )


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_workshops_facilitator_hash"), type_="unique")
        batch_op.drop_column("anonymous")
        batch_op.drop_column("groups")
        batch_op.drop_column("closes_on")
        batch_op.drop_column("facilitator_hash")
        batch_op.drop_column("join_code")
