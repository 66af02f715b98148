"""schedule: sessions, quotas, items, as-run log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 01:07:48.060449
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "quotarule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("spacing_days", sa.Integer(), nullable=False),
        sa.Column("max_per_script", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "category"),
    )
    with op.batch_alter_table("quotarule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotarule_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "sessiontemplate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("length_min", sa.Integer(), nullable=False),
        sa.Column("days", sa.Enum("DAILY", "WEEKDAYS", "WEEKLY", "DATES", name="dayskind"), nullable=False),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("dates", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("relay_min", sa.Integer(), nullable=False),
        sa.Column("relay_label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sessiontemplate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessiontemplate_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "asrunentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("DELIVERED", "PLAYED", "MISSED", "EMERGENCY", "QUOTA_WARNING", name="asrunkind"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("scripts", sa.JSON(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessiontemplate.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("asrunentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_asrunentry_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "scheduleitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["script.id"],
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessiontemplate.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("scheduleitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduleitem_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scheduleitem_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_scheduleitem_script_id"), ["script_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scheduleitem_session_id"), ["session_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("scheduleitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduleitem_session_id"))
        batch_op.drop_index(batch_op.f("ix_scheduleitem_script_id"))
        batch_op.drop_index(batch_op.f("ix_scheduleitem_day"))
        batch_op.drop_index(batch_op.f("ix_scheduleitem_commune_id"))

    op.drop_table("scheduleitem")
    with op.batch_alter_table("asrunentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_asrunentry_commune_id"))

    op.drop_table("asrunentry")
    with op.batch_alter_table("sessiontemplate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessiontemplate_commune_id"))

    op.drop_table("sessiontemplate")
    with op.batch_alter_table("quotarule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotarule_commune_id"))

    op.drop_table("quotarule")
