"""Background jobs: long work (renders, exports, deliveries) and its progress, kept in the
database. Beside broadcast.models (which imports nothing from here); the migrations' env
imports it too."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from broadcast.models import utcnow


class JobState(str, enum.Enum):
    """Where a background job is. Stored as the value in a text column."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


class JobQueue(str, enum.Enum):
    """Emergency work has its own queue, never stuck behind ordinary renders."""

    DEFAULT = "thuong"
    KHAN_CAP = "khan-cap"


class BackgroundJob(SQLModel, table=True):
    """One piece of long work (a render, an export, a delivery) and its progress, kept in the
    database so that any web process can answer a poll and any worker can take it over."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    # At most one job per key, ever (e.g. "deliver:3:2026-09-21:7"): the timers of several
    # processes may all try to queue the same timed work; only the first row is stored.
    unique_key: str | None = Field(default=None, unique=True)
    queue: str = JobQueue.DEFAULT.value
    state: str = Field(default=JobState.QUEUED.value, index=True)
    commune_id: int | None = Field(default=None, foreign_key="commune.id", index=True)
    args: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    stage: str = "Đang chờ"
    done: int = 0
    total: int = 1
    attempts: int = 0
    worker: str | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    result: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None


class BackgroundJobPublic(SQLModel):
    id: int
    kind: str
    state: JobState
    stage: str
    done: int
    total: int
    error: str | None
    result: dict
    created_at: datetime
    finished_at: datetime | None
