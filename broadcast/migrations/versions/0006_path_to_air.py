"""path to air: script versions, render audio checksum, one delivery per session, scheduler lock

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NEW_KINDS = ("SKIPPED_ITEM", "FAILED", "WITHDRAWN", "PREFLIGHT")
OLD_KINDS = ("DELIVERED", "PLAYED", "MISSED", "EMERGENCY", "QUOTA_WARNING")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # asrunkind is a native enum of member names; ADD VALUE cannot run inside a transaction block.
        with op.get_context().autocommit_block():
            for kind in NEW_KINDS:
                op.execute(f"ALTER TYPE asrunkind ADD VALUE IF NOT EXISTS '{kind}'")
    else:
        # SQLite stores the names as text; rebuild the column so any CHECK Alembic made allows the new ones.
        with op.batch_alter_table("asrunentry", schema=None) as batch_op:
            batch_op.alter_column(
                "kind",
                existing_type=sa.Enum(*OLD_KINDS, name="asrunkind"),
                type_=sa.Enum(*OLD_KINDS, *NEW_KINDS, name="asrunkind"),
                existing_nullable=False,
            )

    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("render", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audio_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    op.create_table(
        "scriptversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["script_id"], ["script.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("script_id", "version"),
    )
    with op.batch_alter_table("scriptversion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scriptversion_script_id"), ["script_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_scriptversion_text_hash"), ["text_hash"], unique=False)

    op.create_table(
        "sessiondelivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("folder", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["sessiontemplate.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "day", "session_id"),
    )
    with op.batch_alter_table("sessiondelivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessiondelivery_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "dailynotice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "day", "kind"),
    )
    with op.batch_alter_table("dailynotice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dailynotice_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "scheduler_lock",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("scheduler_lock")
    with op.batch_alter_table("dailynotice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dailynotice_commune_id"))
    op.drop_table("dailynotice")
    with op.batch_alter_table("sessiondelivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessiondelivery_commune_id"))
    op.drop_table("sessiondelivery")
    with op.batch_alter_table("scriptversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scriptversion_text_hash"))
        batch_op.drop_index(batch_op.f("ix_scriptversion_script_id"))
    op.drop_table("scriptversion")
    with op.batch_alter_table("render", schema=None) as batch_op:
        batch_op.drop_column("audio_sha256")
    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.drop_column("version")
    # PostgreSQL cannot drop enum values; the added asrunkind values stay (unused) after a downgrade.
