"""communes, scripts, approvals, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-22 00:27:40.402095
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "commune",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("don_vi", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opening_template", sa.Text(), nullable=False),
        sa.Column("closing_template", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commune_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_commune_slug"), ["slug"], unique=True)

    op.create_table(
        "category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id", "code"),
    )
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_category_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "script",
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("priority", sa.Enum("THONG_THUONG", "UU_TIEN", "KHAN_CAP", name="priority"), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("source_unit", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("opening_present", sa.Boolean(), nullable=False),
        sa.Column("closing_present", sa.Boolean(), nullable=False),
        sa.Column("signer", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("signer_title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("status", sa.Enum("NHAP", "CHO_DUYET", "DA_DUYET", "TRA_LAI", name="scriptstatus"), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("stored_path", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_encoding", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_script_commune_id"), ["commune_id"], unique=False)

    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("chuc_vu", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["script.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approval_script_id"), ["script_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_approval_text_hash"), ["text_hash"], unique=False)

    op.create_table(
        "scriptevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("from_status", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("to_status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("text_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["script.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("scriptevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scriptevent_script_id"), ["script_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("scriptevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scriptevent_script_id"))

    op.drop_table("scriptevent")
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_text_hash"))
        batch_op.drop_index(batch_op.f("ix_approval_script_id"))

    op.drop_table("approval")
    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_script_commune_id"))

    op.drop_table("script")
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_commune_id"))

    op.drop_table("category")
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commune_slug"))
        batch_op.drop_index(batch_op.f("ix_commune_name"))

    op.drop_table("commune")
