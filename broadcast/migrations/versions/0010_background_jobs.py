"""background jobs kept in the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 06:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "backgroundjob",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("queue", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=True),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("backgroundjob", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_backgroundjob_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_backgroundjob_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_backgroundjob_commune_id"), ["commune_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("backgroundjob", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backgroundjob_commune_id"))
        batch_op.drop_index(batch_op.f("ix_backgroundjob_state"))
        batch_op.drop_index(batch_op.f("ix_backgroundjob_kind"))
    op.drop_table("backgroundjob")
