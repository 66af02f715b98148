"""Alembic environment: the schema is SQLModel.metadata of broadcast.models."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import broadcast.models  # registers the tables (with the next line)
import broadcast.models_air
import broadcast.models_jobs  # noqa: F401
from broadcast.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """APScheduler and procrastinate own their tables; Alembic leaves them alone."""
    return not (type_ == "table" and (name == "apscheduler_jobs" or name.startswith("procrastinate_")))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), foreign_keys=False)
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True, include_object=include_object
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
