"""Putting work on a queue and reading it back.

Two backends run the same task functions: the embedded default runs them in thread pools
inside the process that enqueued them (no server beyond the database); a province runs
them in `broadcast worker` processes on any machine through procrastinate, a task queue
that keeps its jobs in PostgreSQL (BROADCAST_QUEUE=procrastinate). Emergency work has its
own queue and its own pool or workers, so it never waits behind ordinary renders."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.exc import IntegrityError as DuplicateRow
from sqlmodel import Session, col, select

from broadcast.config import Settings, get_settings
from broadcast.db import get_engine, id_of, on_commit, session_scope
from broadcast.errors import NotFoundError
from broadcast.models import utcnow
from broadcast.models_jobs import BackgroundJob, BackgroundJobPublic, JobQueue, JobState
from broadcast.tasks.catalogue import get_task
from broadcast.tasks.runner import run_job


@lru_cache
def _pools() -> dict[str, ThreadPoolExecutor]:
    # One render at a time on a small machine; emergencies beside it, never behind it.
    return {
        JobQueue.DEFAULT.value: ThreadPoolExecutor(max_workers=1, thread_name_prefix="job"),
        JobQueue.KHAN_CAP.value: ThreadPoolExecutor(max_workers=1, thread_name_prefix="khan-cap"),
    }


def _dispatch(settings: Settings, job_id: int, queue: str) -> None:
    if settings.queue == "procrastinate":
        from broadcast.tasks import worker

        worker.defer(job_id, queue=queue)
    else:  # the job runs with the configuration that queued it
        _pools()[queue].submit(run_job, job_id, settings=settings, engine=get_engine())


def enqueue(
    session: Session,
    *,
    kind: str,
    args: dict[str, Any],
    commune_id: int | None = None,
    queue: JobQueue = JobQueue.DEFAULT,
    settings: Settings | None = None,
) -> BackgroundJob:
    """A new job for kind with args; it starts once this transaction is committed."""
    get_task(kind)  # an unknown kind is refused now, not in the background
    job = BackgroundJob(kind=kind, args=args, commune_id=commune_id, queue=queue.value)
    session.add(job)
    session.flush()
    job_id = id_of(job)
    on_commit(session, lambda: _dispatch(settings or get_settings(), job_id, queue.value))
    return job


def enqueue_once(
    *,
    key: str,
    kind: str,
    args: dict[str, Any],
    commune_id: int | None = None,
    queue: JobQueue = JobQueue.DEFAULT,
    settings: Settings | None = None,
) -> int | None:
    """Queue a job under a unique key, in a transaction of its own; the new job's id, or None
    when a job with that key already exists (queued by this or any other process, ever)."""
    existing = select(BackgroundJob.id).where(BackgroundJob.unique_key == key)
    try:
        with session_scope() as session:
            if session.exec(existing).first() is not None:
                return None
            job = enqueue(session, kind=kind, args=args, commune_id=commune_id, queue=queue, settings=settings)
            job.unique_key = key
            session.add(job)
            session.flush()  # the unique key: a concurrent second timer fails here or at commit
            return id_of(job)
    except DuplicateRow:
        return None


def dispatch_again(*, older_than_s: float, settings: Settings | None = None) -> int:
    """Hand keyed jobs still queued after older_than_s to the queue again: a timer killed
    between storing a job and handing it over must not leave it waiting forever. Harmless
    when the job did reach the queue (it waits there once; a done job is not run twice)."""
    settings = settings or get_settings()
    cutoff = utcnow() - timedelta(seconds=older_than_s)
    query = select(BackgroundJob).where(
        col(BackgroundJob.unique_key).is_not(None),
        BackgroundJob.state == JobState.QUEUED.value,
        col(BackgroundJob.created_at) < cutoff,
    )
    with session_scope() as session:
        stale = [(id_of(job), job.queue) for job in session.exec(query)]
    for job_id, queue in stale:
        _dispatch(settings, job_id, queue)
    return len(stale)


def job_by_key(session: Session, key: str) -> BackgroundJob | None:
    return session.exec(select(BackgroundJob).where(BackgroundJob.unique_key == key)).first()


def get_job(session: Session, *, job_id: int) -> BackgroundJob:
    job = session.get(BackgroundJob, job_id)
    if job is None:
        raise NotFoundError("Không có việc nền này.", job_id=job_id)
    return job


def to_public(job: BackgroundJob) -> BackgroundJobPublic:
    return BackgroundJobPublic.model_validate(job)


def recent_jobs(session: Session, *, commune_id: int, limit: int = 20) -> list[BackgroundJob]:
    query = (
        select(BackgroundJob)
        .where(BackgroundJob.commune_id == commune_id)
        .order_by(col(BackgroundJob.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))
