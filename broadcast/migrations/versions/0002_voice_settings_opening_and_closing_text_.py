"""voice settings, opening and closing text, renders

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:37:03.399642
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "render",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.Enum("STATION", "LOA_KEO", "IP_SPEAKER", name="profile"), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("spoken_text", sa.Text(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("lufs", sa.Float(), nullable=False),
        sa.Column("true_peak", sa.Float(), nullable=False),
        sa.Column("engines", sa.JSON(), nullable=False),
        sa.Column("offline_voice", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["commune.id"],
        ),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["script.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("render", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_render_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_render_script_id"), ["script_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_render_text_hash"), ["text_hash"], unique=False)

    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engine_chain", sa.JSON(), nullable=False, server_default='["gtts", "espeak"]'))
        batch_op.add_column(
            sa.Column("espeak_voice", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="vi")
        )
        batch_op.add_column(sa.Column("online_voice", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("speech_rate", sa.Integer(), nullable=False, server_default="145"))
        batch_op.add_column(sa.Column("loudness_target", sa.Float(), nullable=False, server_default="-16"))
        batch_op.add_column(sa.Column("horn_profile", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("intro_jingle", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("outro_jingle", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("music_bed", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("closing_text", sa.Text(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.drop_column("closing_text")
        batch_op.drop_column("opening_text")

    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.drop_column("music_bed")
        batch_op.drop_column("outro_jingle")
        batch_op.drop_column("intro_jingle")
        batch_op.drop_column("horn_profile")
        batch_op.drop_column("loudness_target")
        batch_op.drop_column("speech_rate")
        batch_op.drop_column("online_voice")
        batch_op.drop_column("espeak_voice")
        batch_op.drop_column("engine_chain")

    with op.batch_alter_table("render", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_render_text_hash"))
        batch_op.drop_index(batch_op.f("ix_render_script_id"))
        batch_op.drop_index(batch_op.f("ix_render_commune_id"))

    op.drop_table("render")
