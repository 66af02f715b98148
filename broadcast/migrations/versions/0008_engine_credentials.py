"""engine credentials: a commune's API keys for commercial voice providers

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 06:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enginecredential",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("engine", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("api_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "engine"),
    )
    with op.batch_alter_table("enginecredential", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enginecredential_commune_id"), ["commune_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enginecredential", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enginecredential_commune_id"))
    op.drop_table("enginecredential")
