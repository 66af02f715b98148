"""scripts read from scans and photos: OCR mark, confidence, confirmation, OCR data

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 06:05:00

The lead re-chains down_revision at merge.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_from_image", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ocr_confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("ocr_confirmed_by", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("ocr_data", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("script", schema=None) as batch_op:
        batch_op.drop_column("ocr_data")
        batch_op.drop_column("ocr_confirmed_by")
        batch_op.drop_column("ocr_confirmed_at")
        batch_op.drop_column("ocr_confidence")
        batch_op.drop_column("read_from_image")
