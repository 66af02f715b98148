"""Tables of the path to air: every text version a leader may have seen, the one delivery of
each session, the one quota warning of each day, and the lock that lets one scheduler act.

Kept beside broadcast.models (which imports nothing from here) so that file stays small;
the migrations' env imports both.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from broadcast.models import utcnow


class ScriptVersion(SQLModel, table=True):
    """One text of one script, as it stood at one version (kept so a leader who saw an older
    version can be shown what changed since)."""

    __table_args__ = (UniqueConstraint("script_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    script_id: int = Field(foreign_key="script.id", index=True)
    version: int
    text_hash: str = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class SessionDelivery(SQLModel, table=True):
    """The delivery of one session of one commune on one day: at most one row, ever."""

    __table_args__ = (UniqueConstraint("commune_id", "day", "session_id"),)

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    day: date
    session_id: int = Field(foreign_key="sessiontemplate.id")
    folder: str
    items: int = 0
    owner: str = ""
    delivered_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class DailyNotice(SQLModel, table=True):
    """A notice given at most once per commune and day (e.g. the quota warning)."""

    __table_args__ = (UniqueConstraint("commune_id", "day", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    day: date
    kind: str
    at: datetime = Field(default_factory=utcnow)


class SchedulerLock(SQLModel, table=True):
    """Who may act as the scheduler of this database, until when (a lease renewed by heartbeat)."""

    __tablename__ = "scheduler_lock"

    name: str = Field(primary_key=True)
    owner: str = ""
    expires_at: datetime = Field(default_factory=utcnow)
    heartbeat_at: datetime = Field(default_factory=utcnow)
