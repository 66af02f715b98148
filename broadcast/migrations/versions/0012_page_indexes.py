"""indexes for the queries that pages make (listings, month rows, newest renders, recent log)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 09:45:00
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# (table, index name, columns); the same indexes are declared on the SQLModel tables.
INDEXES = [
    ("script", "ix_script_listing", ["commune_id", "status", "id"]),
    ("script", "ix_script_month", ["commune_id", "month"]),
    ("render", "ix_render_newest", ["script_id", "profile", "id"]),
    ("render", "ix_render_recent", ["commune_id", "created_at"]),
    ("scheduleitem", "ix_scheduleitem_month", ["commune_id", "day"]),
    ("asrunentry", "ix_asrunentry_recent", ["commune_id", "kind", "day"]),
]


def upgrade() -> None:
    for table, name, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
