"""Running one job: claim its row, call its task function with a progress callback, and
mark it done in the same transaction as the task's own work.

A worker that dies mid-job leaves the row "running" and its transaction rolled back; the
queue runs the job again, which does the work from the start. A job already done is not
run twice."""

from __future__ import annotations

import logging
import os
import socket
import time
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from broadcast.config import Settings, get_settings
from broadcast.db import database_unavailable, session_scope
from broadcast.errors import BroadcastError
from broadcast.models import utcnow
from broadcast.models_jobs import BackgroundJob, JobState
from broadcast.tasks.catalogue import get_task

log = logging.getLogger("broadcast.tasks")
PROGRESS_EVERY_S = 0.5  # at most two progress writes a second per job


class DatabaseUnavailable(Exception):
    """The database went away while a job ran; nothing of it was committed. The province's
    queue runs the job again (tasks.worker); raised only out of run_job."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class _ProgressWriter:
    """Writes a job's stage and counts in short transactions of their own, throttled."""

    def __init__(self, job_id: int, engine: Engine | None) -> None:
        self.job_id, self.engine, self.last = job_id, engine, 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY_S and done < total:
            return
        self.last = now
        with session_scope(self.engine) as session:
            job = session.get(BackgroundJob, self.job_id)
            if job is not None:
                job.stage, job.done, job.total = stage, done, max(total, 1)
                session.add(job)


def _claim(job_id: int, worker: str, engine: Engine | None) -> tuple[str, dict[str, Any]] | None:
    with session_scope(engine) as session:
        job = session.get(BackgroundJob, job_id)
        if job is None or job.state == JobState.DONE.value:
            return None
        job.state, job.worker, job.started_at = JobState.RUNNING.value, worker, utcnow()
        job.attempts += 1
        job.error = None
        session.add(job)
        return job.kind, dict(job.args)


def _finish(session: Session, job_id: int, *, state: JobState, result: dict[str, Any], error: str | None) -> None:
    job = session.get(BackgroundJob, job_id)
    if job is None:
        return
    job.state, job.result, job.error, job.finished_at = state.value, result, error, utcnow()
    if state == JobState.DONE:
        job.stage, job.done = "Xong", job.total
    session.add(job)


def run_job(
    job_id: int, *, worker: str | None = None, settings: Settings | None = None, engine: Engine | None = None
) -> None:
    """Run job job_id to its end; errors are recorded on the job, never raised, except a
    lost database (DatabaseUnavailable), after which the queue runs the job again.

    settings and engine default to the process's own; the in-process queue passes those of
    the code that queued the job, so a job never runs against another configuration."""
    kind = "?"
    try:
        claimed = _claim(job_id, worker or worker_name(), engine)
        if claimed is None:
            return
        kind, args = claimed
        settings = settings or get_settings()
        try:
            with session_scope(engine) as session:
                result = get_task(kind)(session, settings, _ProgressWriter(job_id, engine), args)
                _finish(session, job_id, state=JobState.DONE, result=result, error=None)
        except Exception as exc:
            if database_unavailable(exc):
                raise
            _record_failure(job_id, kind, exc, engine)
    except Exception as exc:
        if not database_unavailable(exc):
            raise
        log.warning("background job %s (%s): database unavailable, to be run again", job_id, kind)
        raise DatabaseUnavailable(f"job {job_id}: {type(exc).__name__}") from exc


def _record_failure(job_id: int, kind: str, exc: Exception, engine: Engine | None) -> None:
    if isinstance(exc, BroadcastError):
        error = exc.message
    else:  # recorded for the user as a short message; details in the log
        log.error("background job %s (%s) failed", job_id, kind, exc_info=exc)
        error = f"Lỗi ngoài dự kiến khi chạy việc nền ({type(exc).__name__})."
    with session_scope(engine) as session:
        _finish(session, job_id, state=JobState.ERROR, result={}, error=error)
