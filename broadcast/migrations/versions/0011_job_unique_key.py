"""background jobs: an optional unique key (timed work queued once by any number of timers)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("backgroundjob", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unique_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_unique_constraint("uq_backgroundjob_unique_key", ["unique_key"])


def downgrade() -> None:
    with op.batch_alter_table("backgroundjob", schema=None) as batch_op:
        batch_op.drop_constraint("uq_backgroundjob_unique_key", type_="unique")
        batch_op.drop_column("unique_key")
