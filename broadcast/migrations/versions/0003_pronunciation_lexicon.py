"""pronunciation lexicon

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 00:57:10.072710
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "lexiconentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("written", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("spoken", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "written"),
    )
    with op.batch_alter_table("lexiconentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lexiconentry_commune_id"), ["commune_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("lexiconentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lexiconentry_commune_id"))

    op.drop_table("lexiconentry")
