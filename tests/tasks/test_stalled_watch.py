"""The worker's watch over stalled jobs keeps going whatever one look meets: a job settled
by another worker in between, a queueing-lock twin, a database hiccup."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import procrastinate
import pytest

from broadcast.tasks import worker


class _Manager:
    def __init__(self, rounds: list[Any]) -> None:
        self.rounds = rounds
        self.retried: list[int] = []
        self.finished: list[tuple[int, Any]] = []

    async def get_stalled_jobs(self, *, seconds_since_heartbeat: float) -> list[SimpleNamespace]:
        if not self.rounds:
            raise asyncio.CancelledError  # the test is over: stop the watch
        found = self.rounds.pop(0)
        if isinstance(found, Exception):
            raise found
        return found

    async def retry_job(self, job: SimpleNamespace) -> None:
        if job.raises is not None:
            raise job.raises
        self.retried.append(job.id)

    async def finish_job(self, job: SimpleNamespace, *, status: Any, delete_job: bool) -> None:
        self.finished.append((job.id, status))


def _job(job_id: int, raises: Exception | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=job_id, raises=raises)


def test_the_watch_survives_a_failed_look_and_a_job_settled_in_between() -> None:
    twin = procrastinate.exceptions.UniqueViolation("queueing lock", constraint_name="x", queueing_lock="job-3")
    manager = _Manager(
        [
            [_job(1, raises=procrastinate.exceptions.ConnectorException("not in doing")), _job(2)],
            procrastinate.exceptions.ConnectorException("connection lost"),
            [_job(3, raises=twin), _job(4)],
        ]
    )
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(worker._retry_stalled(SimpleNamespace(job_manager=manager), 0.001, 5))  # type: ignore[arg-type]
    assert manager.retried == [2, 4]  # job 1 was settled elsewhere; the lost connection did not end the watch
    assert manager.finished == [(3, procrastinate.jobs.Status.ABORTED)]  # its twin waits in the queue


class _App:
    """procrastinate's worker that stops by itself once (a side task failed), then runs
    until cancelled (a stop asked for), which it reports."""

    def __init__(self, stopping: asyncio.Event) -> None:
        self.stopping, self.starts, self.cancelled = stopping, 0, False
        self.job_manager = _Manager([])

    async def run_worker_async(self, **options: Any) -> None:
        self.starts += 1
        if self.starts == 1:
            return
        self.stopping.set()  # the operator presses Ctrl+C while the second run works
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise


def test_a_worker_that_stopped_by_itself_is_started_again_and_a_stop_asked_for_ends_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(worker, "RESTART_S", 0.01)

    async def go() -> _App:
        stopping = asyncio.Event()
        fake = _App(stopping)
        options = {"stalled_worker_timeout": 5.0}
        await asyncio.wait_for(worker.serve(fake, options, stopping, every_s=60), 5)  # type: ignore[arg-type]
        return fake

    fake = asyncio.run(go())
    assert fake.starts == 2 and fake.cancelled
