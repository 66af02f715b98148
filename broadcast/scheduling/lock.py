"""One scheduler per database: a lease held in the database (the scheduler_lock row).

The holder renews its lease (heartbeat) well before it expires; any other process waits
as a standby and takes over once the lease has run out, with one atomic UPDATE … WHERE the
lease is its own or has expired. Works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col

from broadcast.models_air import SchedulerLock

NAME = "scheduler"


def owner_id() -> str:
    """This process and thread, readable in the table: host:pid:thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _ensure_row(engine: Engine, name: str) -> None:
    with Session(engine) as session:
        if session.get(SchedulerLock, name) is not None:
            return
        session.add(SchedulerLock(name=name, owner="", expires_at=datetime(2000, 1, 1, tzinfo=UTC)))
        try:
            session.commit()
        except (IntegrityError, OperationalError):  # another process made it first
            session.rollback()


def try_acquire(engine: Engine, owner: str, *, lease_s: float, name: str = NAME, now: datetime | None = None) -> bool:
    """Take (or keep) the lease if it is ours or has expired; True when we hold it now."""
    _ensure_row(engine, name)
    now = now or datetime.now(UTC)
    query = (
        update(SchedulerLock)
        .where(
            col(SchedulerLock.name) == name,
            (col(SchedulerLock.owner) == owner) | (col(SchedulerLock.expires_at) < now),
        )
        .values(owner=owner, expires_at=now + timedelta(seconds=lease_s), heartbeat_at=now)
    )
    try:
        with Session(engine) as session:
            changed = session.execute(query).rowcount  # type: ignore[attr-defined]
            session.commit()
    except OperationalError:  # SQLite busy: try again at the next beat
        return False
    return bool(changed == 1)


def release(engine: Engine, owner: str, *, name: str = NAME) -> None:
    """Give the lease up at once (a clean shutdown), so a standby need not wait for it to expire."""
    query = (
        update(SchedulerLock)
        .where(col(SchedulerLock.name) == name, col(SchedulerLock.owner) == owner)
        .values(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
    )
    with Session(engine) as session:
        session.execute(query)
        session.commit()


def holder(engine: Engine, *, name: str = NAME) -> SchedulerLock | None:
    with Session(engine) as session:
        return session.get(SchedulerLock, name)
