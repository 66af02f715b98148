"""The province's workers: procrastinate keeps broadcast's job ids in PostgreSQL queues and
`broadcast worker` processes on any machine run them (tasks.runner.run_job).

A worker that stops sending heartbeats (killed, machine gone) has its jobs handed back to
the queue by the other workers after `worker_stalled_s`; the job then runs again from the
start, and the database row says what happened."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
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
RESTART_S = 5.0  # pause before a worker that stopped by itself is started again


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
    """Hand the jobs of workers that stopped sending heartbeats back to the queue, for as
    long as this worker runs: one failed look (a database hiccup, a job another worker
    settled in between) is logged and the watch goes on, never ends it."""
    while True:
        await asyncio.sleep(every_s)
        try:
            stalled = list(await queue_app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_s))
        except procrastinate.exceptions.ConnectorException as exc:
            log.warning("Không xem được các việc bị bỏ dở (%s); sẽ xem lại sau %s giây.", type(exc).__name__, every_s)
            continue
        for job in stalled:
            await _retry_one(queue_app, job)


async def _retry_one(queue_app: procrastinate.App, job: procrastinate.jobs.Job) -> None:
    manager = queue_app.job_manager
    try:
        await manager.retry_job(job)
        log.warning("Việc %s của một worker đã ngừng được chạy lại.", job.id)
    except (procrastinate.exceptions.AlreadyEnqueued, procrastinate.exceptions.UniqueViolation):  # a twin waits
        log.warning("Việc %s của một worker đã ngừng đã có bản khác chờ chạy; bỏ bản dở.", job.id)
        with contextlib.suppress(
            procrastinate.exceptions.ConnectorException
        ):  # settled in between: the twin runs it all the same
            await manager.finish_job(job, status=procrastinate.jobs.Status.ABORTED, delete_job=False)
    except procrastinate.exceptions.ConnectorException as exc:  # settled elsewhere meanwhile: nothing to do
        log.info("Việc %s không cần chạy lại (%s).", job.id, type(exc).__name__)


def run(queues: list[str] | None = None, *, concurrency: int = 1) -> None:
    """Run a worker until stopped (SIGINT/SIGTERM), retrying jobs of workers that died.

    procrastinate stops its worker when one of its side tasks fails (the heartbeat or the
    listener losing the database for a moment); nobody would then run this machine's jobs
    until someone restarted it, so the worker is started again after a short pause."""
    settings = get_settings()
    queue_app = app()
    names = queues or [JobQueue.KHAN_CAP.value, JobQueue.DEFAULT.value]
    options: dict[str, Any] = {
        "queues": names,
        "concurrency": concurrency,
        "update_heartbeat_interval": settings.worker_heartbeat_s,
        "stalled_worker_timeout": settings.worker_stalled_s,
        "install_signal_handlers": False,  # ours below: a stop asked for is told from a failure
    }

    async def main() -> None:
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stopping.set)
        async with queue_app.open_async():
            await serve(queue_app, options, stopping, every_s=settings.worker_heartbeat_s)

    asyncio.run(main())


async def serve(
    queue_app: procrastinate.App, options: dict[str, Any], stopping: asyncio.Event, *, every_s: float
) -> None:
    """Run procrastinate's worker and the watch over stalled jobs until stopping is set,
    starting the worker again (after RESTART_S) whenever it stopped by itself."""
    watcher = asyncio.create_task(_retry_stalled(queue_app, every_s, options["stalled_worker_timeout"]))
    try:
        while not stopping.is_set():
            await _run_until_stopped(queue_app, options, stopping)
            if not stopping.is_set():
                log.error("Tiến trình làm việc nền bị dừng ngoài ý muốn; khởi động lại sau %s giây.", RESTART_S)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), RESTART_S)
    finally:
        watcher.cancel()


async def _run_until_stopped(queue_app: procrastinate.App, options: dict[str, Any], stopping: asyncio.Event) -> None:
    """One run of procrastinate's worker, until it ends by itself or a stop is asked for
    (then it finishes its running jobs: procrastinate stops gracefully on cancellation)."""
    running = asyncio.create_task(queue_app.run_worker_async(**options))
    asked = asyncio.create_task(stopping.wait())
    await asyncio.wait({running, asked}, return_when=asyncio.FIRST_COMPLETED)
    asked.cancel()
    if not running.done():
        running.cancel()
    try:
        await running
    except asyncio.CancelledError:
        pass
    except Exception as exc:
        log.error("Tiến trình làm việc nền gặp lỗi: %s", type(exc).__name__, exc_info=exc)
