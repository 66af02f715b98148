"""Background jobs: kept in the database, run once, emergencies never wait behind renders,
and (on PostgreSQL) a worker killed mid-render hands its job to another worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from broadcast import db
from broadcast.config import Settings, get_settings
from broadcast.models import Profile, Render
from broadcast.models_jobs import BackgroundJob, JobQueue, JobState
from broadcast.services import communes, render_jobs
from broadcast.tasks import catalogue, queue
from tests.production.conftest import SHORT_SCRIPT, approve_new

_RELEASE = threading.Event()


@catalogue.task("test-wait")
def _wait(session: Session, settings: Settings, progress: catalogue.Progress, args: dict[str, Any]) -> dict[str, Any]:
    progress("Đang chờ trong phép thử", 0, 1)
    _RELEASE.wait(30)
    return {"finished_at": time.monotonic()}


@catalogue.task("test-now")
def _now(session: Session, settings: Settings, progress: catalogue.Progress, args: dict[str, Any]) -> dict[str, Any]:
    return {"finished_at": time.monotonic()}


def _wait_for(job_id: int, *, seconds: float = 120) -> BackgroundJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with db.session_scope() as session:
            job = queue.get_job(session, job_id=job_id)
            if job.state in (JobState.DONE.value, JobState.ERROR.value):
                return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.slow
def test_a_render_job_runs_once_and_reports_progress_from_the_database(offline: Settings) -> None:
    with db.session_scope() as session:
        script_id = approve_new(session, offline, SHORT_SCRIPT)
        job_id = db.id_of(render_jobs.start(session, script_id=script_id, profile=Profile.STATION, engine="espeak"))
    job = _wait_for(job_id)
    assert job.state == JobState.DONE.value, job.error
    assert job.attempts == 1 and job.done == job.total and job.stage == "Xong"
    with db.session_scope() as session:
        renders = session.exec(select(Render).where(Render.script_id == script_id)).all()
        assert [r.id for r in renders] == [job.result["render_id"]]
        assert Path(renders[0].path).is_file()
    queue.run_job(job_id)  # a job run again after it finished does nothing
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(Render)).one() == 1


def test_an_unapproved_script_is_refused_before_anything_is_queued(offline: Settings) -> None:
    from broadcast.errors import StateError
    from broadcast.services import scripts as svc

    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Tân Lập")
        script, _ = svc.add_script_text(session, offline, commune_id=commune.id, text=SHORT_SCRIPT)
        with pytest.raises(StateError):
            render_jobs.start(session, script_id=db.id_of(script), profile=Profile.STATION, engine=None)
        assert session.exec(select(BackgroundJob)).all() == []


def test_emergency_work_does_not_wait_behind_ordinary_work(settings: Settings) -> None:
    _RELEASE.clear()
    with db.session_scope() as session:
        slow = db.id_of(queue.enqueue(session, kind="test-wait", args={}))
        urgent = db.id_of(queue.enqueue(session, kind="test-now", args={}, queue=JobQueue.KHAN_CAP))
    try:
        done = _wait_for(urgent, seconds=20)
        assert done.state == JobState.DONE.value
        with db.session_scope() as session:
            assert queue.get_job(session, job_id=slow).state == JobState.RUNNING.value
    finally:
        _RELEASE.set()
    assert _wait_for(slow, seconds=20).state == JobState.DONE.value


def test_an_unknown_kind_is_refused(settings: Settings) -> None:
    from broadcast.errors import InputError

    with pytest.raises(InputError), db.session_scope() as session:
        queue.enqueue(session, kind="khong-co", args={})


def test_a_rolled_back_enqueue_never_runs(settings: Settings) -> None:
    with pytest.raises(RuntimeError), db.session_scope() as session:
        queue.enqueue(session, kind="test-now", args={})
        raise RuntimeError("the request failed after queuing")
    time.sleep(0.5)
    with db.session_scope() as session:
        assert session.exec(select(BackgroundJob)).all() == []


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "broadcast"), "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("WORKER_LOG", os.devnull), "ab"),
        start_new_session=True,
    )


@pytest.mark.slow
@pytest.mark.postgres
def test_a_worker_killed_mid_render_hands_the_job_to_another(
    offline: Settings, postgres_server: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests import pg_server

    sock, port = postgres_server
    url = pg_server.create_database(sock, port, "t_worker_kill")
    monkeypatch.setenv("BROADCAST_DATABASE_URL", url)
    monkeypatch.setenv("BROADCAST_QUEUE", "procrastinate")
    monkeypatch.setenv("BROADCAST_WORKER_HEARTBEAT_S", "1")
    monkeypatch.setenv("BROADCAST_WORKER_STALLED_S", "3")
    monkeypatch.setenv("BROADCAST_RENDER_ON_APPROVE", "false")  # the one render is the one this test queues
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    from broadcast.tasks import worker

    worker.app.cache_clear()
    db.upgrade()
    worker.install_schema()
    settings = get_settings()
    with db.session_scope() as session:
        script_id = approve_new(session, settings, SHORT_SCRIPT * 3)
        job_id = db.id_of(render_jobs.start(session, script_id=script_id, profile=Profile.STATION, engine="espeak"))
    env = {k: v for k, v in os.environ.items()}
    first = _worker(env)
    second = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with db.session_scope() as session:
                job = queue.get_job(session, job_id=job_id)
                if job.state == JobState.RUNNING.value and job.worker and job.worker.endswith(f":{first.pid}"):
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("the first worker never took the job")
        time.sleep(1.0)  # in the middle of the render
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        second = _worker(env)
        done = _wait_for(job_id, seconds=180)
        assert done.state == JobState.DONE.value, done.error
        assert done.attempts == 2 and done.worker and done.worker.endswith(f":{second.pid}")
        with db.session_scope() as session:
            renders = session.exec(select(Render).where(Render.script_id == script_id)).all()
            assert len(renders) == 1 and Path(renders[0].path).is_file()
        visible = [p for p in Path(settings.audio_dir).rglob("*.mp3") if not p.name.startswith(".")]
        assert visible == [Path(renders[0].path)]
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        worker.app.cache_clear()
        db.get_engine().dispose()


def test_a_keyed_job_is_queued_once_whoever_asks(settings: Settings) -> None:
    first = queue.enqueue_once(key="deliver:1:2025-09-22:1", kind="test-now", args={})
    again = queue.enqueue_once(key="deliver:1:2025-09-22:1", kind="test-now", args={})
    other = queue.enqueue_once(key="deliver:1:2025-09-22:2", kind="test-now", args={})
    assert first is not None and again is None and other is not None and other != first
    assert _wait_for(first, seconds=20).state == JobState.DONE.value
    assert queue.enqueue_once(key="deliver:1:2025-09-22:1", kind="test-now", args={}) is None  # done: still once
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(BackgroundJob)).one() == 2
