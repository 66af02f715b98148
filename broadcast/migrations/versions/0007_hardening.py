"""hardening: session epoch on users, log-in attempts shared by every process

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auth_epoch", sa.Integer(), nullable=False, server_default="0"))

    op.create_table(
        "loginattempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("loginattempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loginattempt_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_loginattempt_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_loginattempt_username"), ["username"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("loginattempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loginattempt_username"))
        batch_op.drop_index(batch_op.f("ix_loginattempt_address"))
        batch_op.drop_index(batch_op.f("ix_loginattempt_at"))
    op.drop_table("loginattempt")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("auth_epoch")
