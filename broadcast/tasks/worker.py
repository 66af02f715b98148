"""The province's workers: procrastinate keeps broadcast's job ids in PostgreSQL queues and
`broadcast worker` processes on any machine run them (tasks.runner.run_job).

A worker that stops sending heartbeats (killed, machine gone) has its jobs handed back to
the queue by the other workers after `worker_stalled_s`; the job then runs again from the
start, and the database row says what happened."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from functools import lru_cache
from typing import Any

import procrastinate

from broadcast.config import get_settings
from broadcast.errors import StateError
from broadcast.models_jobs import JobQueue
from broadcast.tasks.runner import DatabaseUnavailable, run_job, worker_name

log = logging.getLogger("broadcast.worker")
TASK_NAME = "broadcast.run_job"


def _conninfo(url: str) -> str:
    if not url.startswith("postgresql"):
        raise StateError(
            "Hàng đợi procrastinate cần cơ sở dữ liệu PostgreSQL (BROADCAST_DATABASE_URL=postgresql+psycopg://…).",
            url_scheme=url.split(":", 1)[0],
        )
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


@lru_cache
def app() -> procrastinate.App:
    settings = get_settings()
    queue_app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo(settings.db_url)))

    @queue_app.task(name=TASK_NAME, queue=JobQueue.DEFAULT.value)
    def _run(job_id: int) -> None:
        run_until_database_answers(job_id)

    return queue_app


def run_until_database_answers(job_id: int, *, wait_s: float = 2.0) -> None:
    """Run the job; when the database goes away mid-job (a restart), wait for it and run the
    job again, for up to db_outage_s. Its own guards (a done job is not run twice, one
    delivery row per session) keep that to once; the worker keeps its heartbeat meanwhile,
    so no other worker takes the job over."""
    deadline = time.monotonic() + get_settings().db_outage_s
    while True:
        try:
            run_job(job_id, worker=worker_name())
            return
        except DatabaseUnavailable:
            if time.monotonic() > deadline:
                raise
            log.warning("Mất kết nối cơ sở dữ liệu khi chạy việc %s; thử lại sau %s giây.", job_id, wait_s)
            time.sleep(wait_s)


def install_schema() -> None:
    """Create procrastinate's own tables in the database, once (idempotent)."""
    queue_app = app()
    with queue_app.open():
        try:
            queue_app.schema_manager.apply_schema()
        except procrastinate.exceptions.ConnectorException as exc:  # an existing schema is fine
            if "already exists" not in f"{exc} {exc.__cause__}":
                raise
            log.info("procrastinate schema already present")


def defer(job_id: int, *, queue: str) -> None:
    """Hand job_id to the workers; handing it again while it still waits is a no-op (the
    queueing lock), so a timer may re-send a job it is not sure reached the queue."""
    queue_app = app()
    with queue_app.open():
        try:
            queue_app.configure_task(TASK_NAME, queue=queue, queueing_lock=f"job-{job_id}").defer(job_id=job_id)
        except procrastinate.exceptions.AlreadyEnqueued:
            log.info("Việc %s đã có trong hàng đợi.", job_id)


async def _retry_stalled(queue_app: procrastinate.App, every_s: float, stalled_s: float) -> None:
    while True:
        await asyncio.sleep(every_s)
        for job in await queue_app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_s):
            log.warning("Việc %s của một worker đã ngừng được chạy lại.", job.id)
            await queue_app.job_manager.retry_job(job)


def run(queues: list[str] | None = None, *, concurrency: int = 1) -> None:
    """Run a worker until stopped (SIGINT/SIGTERM), retrying jobs of workers that died."""
    settings = get_settings()
    queue_app = app()
    names = queues or [JobQueue.KHAN_CAP.value, JobQueue.DEFAULT.value]
    options: dict[str, Any] = {
        "queues": names,
        "concurrency": concurrency,
        "update_heartbeat_interval": settings.worker_heartbeat_s,
        "stalled_worker_timeout": settings.worker_stalled_s,
        "install_signal_handlers": True,
    }

    async def main() -> None:
        async with queue_app.open_async():
            watcher = asyncio.create_task(
                _retry_stalled(queue_app, settings.worker_heartbeat_s, settings.worker_stalled_s)
            )
            try:
                await queue_app.run_worker_async(**options)
            finally:
                watcher.cancel()

    asyncio.run(main())
