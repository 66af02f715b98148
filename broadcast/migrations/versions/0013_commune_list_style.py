"""commune setting: how numbered points at a paragraph start are read

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("list_style", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="mot_la")
        )


def downgrade() -> None:
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.drop_column("list_style")
