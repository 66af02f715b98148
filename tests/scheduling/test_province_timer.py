"""The province timer on a real PostgreSQL server: several scheduler and worker processes,
one simulated day, every session delivered exactly once; a database restarted in the middle
of a delivery delivers it once when it is back.

The timer's clock is a file (BROADCAST_TIMER_CLOCK_FILE) the test moves forward, waiting at
each step until what is due has been delivered, so a whole day takes well under a minute.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import col, select

from broadcast import db, production
from broadcast.config import Settings, get_settings
from broadcast.models import AsRunEntry, AsRunKind, Render, ScheduleItem, SessionTemplate, utcnow
from broadcast.models_air import DailyNotice, SessionDelivery
from broadcast.models_jobs import BackgroundJob, JobState
from broadcast.scheduling import lock, timer
from broadcast.services import communes
from tests.production.conftest import SHORT_SCRIPT
from tests.scheduling.conftest import make_script

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
DAY = date(2025, 9, 22)  # from the 20th: the quota warnings are part of the day
COMMUNES = 40


def _use_postgres(monkeypatch: pytest.MonkeyPatch, url: str, clock_file: Path) -> Settings:
    for name, value in {
        "DATABASE_URL": url,
        "QUEUE": "procrastinate",
        "TIMER_CLOCK_FILE": str(clock_file),
        "TIMER_TICK_S": "0.5",
        "SCHEDULER_LEASE_S": "5",
        "LEAD_MINUTES": "30",
        "WORKER_HEARTBEAT_S": "1",
        "WORKER_STALLED_S": "5",
        "RENDER_ON_APPROVE": "false",
    }.items():
        monkeypatch.setenv(f"BROADCAST_{name}", value)
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    from broadcast.tasks import worker

    worker.app.cache_clear()
    db.upgrade()
    worker.install_schema()
    return get_settings()


def _province(settings: Settings, count: int) -> list[tuple[int, date, int]]:
    """count communes, each with one approved script in both default sessions of DAY. The
    audio is rendered once (real espeak-ng and ffmpeg) and its render row given to every
    script of the same text; returns the (commune, day, session) keys that must air."""
    keys: list[tuple[int, date, int]] = []
    with db.session_scope() as session:
        first: Render | None = None
        for n in range(1, count + 1):
            commune = communes.create_commune(session, name=f"xã Thử Nghiệm {n:02d}")
            script_id = make_script(
                session, settings, SHORT_SCRIPT, category="cchc", render=False, commune_id=db.id_of(commune)
            )
            if first is None:
                job = production.render(session, settings, script_id=script_id, engine="espeak")
                assert job.render is not None
                first = job.render
            else:
                fields = first.model_dump(exclude={"id", "script_id", "commune_id", "created_at"})
                session.add(Render(**fields, script_id=script_id, commune_id=db.id_of(commune)))
            templates = session.exec(select(SessionTemplate).where(SessionTemplate.commune_id == commune.id)).all()
            assert len(templates) == 2
            for template in templates:
                session.add(ScheduleItem(commune_id=commune.id, day=DAY, session_id=template.id, script_id=script_id))
                keys.append((db.id_of(commune), DAY, db.id_of(template)))
    return keys


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "broadcast"), *args],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("WORKER_LOG", os.devnull), "ab"),
        start_new_session=True,
    )


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _set_clock(clock_file: Path, now: datetime) -> None:
    clock_file.with_suffix(".tmp").write_text(now.isoformat(), encoding="utf-8")
    clock_file.with_suffix(".tmp").replace(clock_file)


def _delivered() -> set[tuple[int, date, int]]:
    with db.session_scope() as session:
        return {(r.commune_id, r.day, r.session_id) for r in session.exec(select(SessionDelivery))}


def _wait_until(what: str, ok: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not ok():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; {_queue_state()}")
        time.sleep(0.2)


def _queue_state() -> str:
    """What the jobs and the queue looked like when a wait timed out (for a CI log)."""
    with db.session_scope() as session:
        unsettled = session.exec(
            select(BackgroundJob).where(col(BackgroundJob.state).not_in([JobState.DONE.value, JobState.ERROR.value]))
        ).all()
        queue_rows = session.execute(
            text("SELECT status, count(*) FROM procrastinate_jobs GROUP BY status ORDER BY status")
        ).all()
        workers = session.execute(
            text("SELECT id, now() - last_heartbeat FROM procrastinate_workers ORDER BY id")
        ).all()
        failed = session.exec(select(AsRunEntry).where(AsRunEntry.kind == AsRunKind.FAILED)).all()
    jobs = [(j.id, j.kind, j.state, j.attempts, j.worker) for j in unsettled][:10]
    return (
        f"unsettled jobs {jobs}; queue {[tuple(r) for r in queue_rows]}; "
        f"workers {[(r[0], str(r[1])) for r in workers]}; failed {[e.detail for e in failed][:3]}"
    )


def _asrun(kind: AsRunKind) -> list[AsRunEntry]:
    with db.session_scope() as session:
        return list(session.exec(select(AsRunEntry).where(AsRunEntry.kind == kind)))


def _programmes(settings: Settings) -> list[Path]:
    return sorted(p.parent for p in settings.outbox_dir.glob("*/*/manifest.json"))


@pytest.fixture
def province_db(
    offline: Settings, postgres_server: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[tuple[Settings, Path]]:
    from tests import pg_server

    sock, port = postgres_server
    url = pg_server.create_database(sock, port, "t_province_day")
    clock_file = tmp_path / "timer-clock"
    _set_clock(clock_file, datetime.combine(DAY, datetime.min.time(), tzinfo=offline.tz))
    yield _use_postgres(monkeypatch, url, clock_file), clock_file
    from broadcast.tasks import worker

    worker.app.cache_clear()
    db.get_engine().dispose()


def test_a_simulated_day_of_40_communes_is_delivered_exactly_once(province_db: tuple[Settings, Path]) -> None:
    settings, clock_file = province_db
    began = time.monotonic()
    keys = _province(settings, COMMUNES)
    set_up_s = time.monotonic() - began
    schedulers = [_start("scheduler", "run") for _ in range(2)]
    workers = [_start("worker") for _ in range(2)]
    began = time.monotonic()
    killed: dict[str, object] = {}
    try:
        now = datetime.combine(DAY, datetime.min.time(), tzinfo=settings.tz).replace(hour=4, minute=30)
        with db.session_scope() as session:
            starts = {db.id_of(t): t for t in session.exec(select(SessionTemplate))}
        lead = timedelta(minutes=settings.lead_minutes)
        while now.hour < 19:
            _set_clock(clock_file, now)
            due = {
                k for k in keys if datetime.combine(k[1], _hhmm(starts[k[2]].start), tzinfo=settings.tz) - lead <= now
            }
            if now.hour == 16 and now.minute == 30:  # a worker dies in the middle of the evening deliveries
                killed["worker"] = _kill_a_busy_worker(workers)
            _wait_until(f"the sessions due at {now:%H:%M}", lambda due=due: due <= _delivered())
            _wait_until(f"the jobs queued by {now:%H:%M}", _all_jobs_settled)  # e.g. the 08:00 quota checks
            if now.hour == 12 and "scheduler" not in killed:  # the timer holding the lock dies at noon
                holder = lock.holder(db.get_engine())
                assert holder is not None and holder.owner
                pid = int(holder.owner.split(":")[1])
                os.killpg(pid, signal.SIGKILL)
                killed["scheduler"] = pid
            now += timedelta(minutes=15)
        _wait_until("every job done", _all_jobs_settled)
        run_s = time.monotonic() - began
    finally:
        _stop(schedulers + workers)
    with db.session_scope() as session:
        rows = list(session.exec(select(SessionDelivery)))
        jobs = list(session.exec(select(BackgroundJob).where(BackgroundJob.kind == "deliver-session")))
        quota_notices = session.exec(select(DailyNotice).where(DailyNotice.kind == AsRunKind.QUOTA_WARNING.value)).all()
        quota_jobs = session.exec(select(BackgroundJob).where(BackgroundJob.kind == "quota-warning")).all()
    delivered_log = Counter((e.commune_id, e.day, e.session_id) for e in _asrun(AsRunKind.DELIVERED))
    programmes = _programmes(settings)
    print(
        f"\n{COMMUNES} communes x 2 sessions: set-up {set_up_s:.1f} s, simulated day {run_s:.1f} s; "
        f"{len(rows)} delivery rows, {len(programmes)} programmes in the outbox, {len(jobs)} delivery jobs "
        f"(attempts {Counter(j.attempts for j in jobs)}), duplicates {sum(v - 1 for v in delivered_log.values())}, "
        f"killed {killed}, owners {Counter(r.owner.split(':')[1] for r in rows)}"
    )
    assert sorted((r.commune_id, r.day, r.session_id) for r in rows) == sorted(keys)  # none missing, none twice
    assert set(delivered_log) == set(keys) and max(delivered_log.values()) == 1
    assert sorted(Path(r.folder) for r in rows) == programmes
    assert all((p / "programme.mp3").is_file() for p in programmes)
    assert _asrun(AsRunKind.MISSED) == [] and _asrun(AsRunKind.FAILED) == []
    assert len(jobs) == len(keys) and {j.state for j in jobs} == {JobState.DONE.value}
    assert "scheduler" in killed and int(str(killed.get("worker", -1))) > 0  # both died while on duty
    assert len(quota_notices) == COMMUNES and len(quota_jobs) == COMMUNES  # once per commune and day
    assert len(_asrun(AsRunKind.QUOTA_WARNING)) == COMMUNES  # one script a month is under every minimum


def _hhmm(text: str) -> dt_time:
    return datetime.strptime(text, "%H:%M").time()


def _all_jobs_settled() -> bool:
    with db.session_scope() as session:
        pending = session.exec(
            select(BackgroundJob).where(col(BackgroundJob.state).not_in([JobState.DONE.value, JobState.ERROR.value]))
        ).all()
    if pending:
        print("pending:", [(j.id, j.kind, j.state, j.attempts, j.worker, j.unique_key) for j in pending][:5])
    return not pending


def _kill_a_busy_worker(workers: list[subprocess.Popen[bytes]]) -> int:
    """SIGKILL a worker while it runs a delivery (or the first worker, if none is caught busy)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with db.session_scope() as session:
            running = session.exec(
                select(BackgroundJob.worker).where(
                    BackgroundJob.kind == "deliver-session", BackgroundJob.state == JobState.RUNNING.value
                )
            ).all()
        for proc in workers:
            if any(w and w.endswith(f":{proc.pid}") for w in running):
                os.killpg(proc.pid, signal.SIGKILL)
                return proc.pid
        time.sleep(0.05)
    os.killpg(workers[0].pid, signal.SIGKILL)
    return -workers[0].pid


def test_the_timer_queues_each_session_once_and_logs_what_nobody_delivered(
    province_db: tuple[Settings, Path],
) -> None:
    settings, _ = province_db
    keys = _province(settings, 2)
    at_five = datetime.combine(DAY, datetime.min.time(), tzinfo=settings.tz).replace(hour=5)
    assert timer.tick(settings, now=at_five)["queued"] == 2  # the two 05:30 sessions
    assert timer.tick(settings, now=at_five)["queued"] == 0  # a second timer queues nothing again
    evening = at_five.replace(hour=18)  # no worker ran: the morning jobs are still queued
    assert timer.tick(settings, now=evening)["missed"] == 4  # 05:30 queued but never run, 17:00 never queued
    assert timer.tick(settings, now=evening)["missed"] == 0  # logged once
    missed = _asrun(AsRunKind.MISSED)
    assert sorted((e.commune_id, e.day, e.session_id) for e in missed) == sorted(keys)
    with db.session_scope() as session:
        jobs = session.exec(select(BackgroundJob).where(col(BackgroundJob.unique_key).is_not(None))).all()
    assert len([j for j in jobs if j.kind == "deliver-session"]) == 2


def test_a_job_stored_by_a_timer_killed_before_handing_it_over_is_handed_over_later(
    province_db: tuple[Settings, Path],
) -> None:
    settings, _ = province_db
    with db.session_scope() as session:  # stored, never given to the queue (the timer died in between)
        orphan = BackgroundJob(
            kind="quota-warning", args={}, unique_key="quota:x", created_at=utcnow() - timedelta(minutes=5)
        )
        fresh = BackgroundJob(kind="quota-warning", args={}, unique_key="quota:y")
        session.add_all([orphan, fresh])
    assert _in_queue(db.id_of(orphan)) == 0
    counts = timer.tick(settings, now=datetime.combine(DAY, datetime.min.time(), tzinfo=settings.tz))
    assert counts["sent_again"] == 1  # the fresh one may still be on its way
    assert _in_queue(db.id_of(orphan)) == 1 and _in_queue(db.id_of(fresh)) == 0
    timer.tick(settings, now=datetime.combine(DAY, datetime.min.time(), tzinfo=settings.tz))
    assert _in_queue(db.id_of(orphan)) == 1  # handed over again while it waits: still one


def _in_queue(job_id: int) -> int:
    with db.session_scope() as session:
        query = text("SELECT count(*) FROM procrastinate_jobs WHERE (args->>'job_id')::int = :id")
        return int(session.execute(query, {"id": job_id}).scalar_one())


def test_a_database_restarted_mid_delivery_delivers_once_when_it_is_back(
    offline: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests import pg_server

    if pg_server.find_bindir() is None:
        pytest.skip("PostgreSQL chưa được cài trên máy này")
    with pg_server.running_server() as (sock, port):
        url = pg_server.create_database(sock, port, "t_restart")
        clock_file = tmp_path / "timer-clock"
        at_five = datetime.combine(DAY, datetime.min.time(), tzinfo=offline.tz).replace(hour=5)
        _set_clock(clock_file, at_five)
        settings = _use_postgres(monkeypatch, url, clock_file)
        monkeypatch.setenv("BROADCAST_DB_OUTAGE_S", "120")
        keys = _province(settings, 1)
        holder = psycopg.connect(host=str(sock), port=port, user="postgres", dbname="t_restart")
        holder.execute("LOCK TABLE sessiondelivery IN SHARE MODE")  # the delivery's INSERT waits here
        assert timer.tick(settings, now=at_five)["queued"] == 1
        worker_proc = _start("worker")
        try:
            _wait_until("the delivery to wait on its INSERT", lambda: _insert_waiting(sock, port), seconds=60)
            db.get_engine().dispose()
            pg_server.stop(sock)  # the operator restarts the database mid-delivery
            time.sleep(3)
            pg_server.start(sock, port)
            _wait_until("the delivery", lambda: _delivered() == {keys[0]}, seconds=120)
            _wait_until("the job to finish", _all_jobs_settled, seconds=60)
        finally:
            _stop([worker_proc])
            holder.close()
        with db.session_scope() as session:
            job = session.exec(select(BackgroundJob).where(BackgroundJob.kind == "deliver-session")).one()
            rows = session.exec(select(SessionDelivery)).all()
        print(f"\nafter the restart: job {job.state} after {job.attempts} attempts, {len(rows)} delivery row")
        assert job.state == JobState.DONE.value and job.result == {"outcome": "delivered"}
        assert job.attempts == 2  # cut off once, run again once the database was back
        assert len(rows) == 1 and len(_asrun(AsRunKind.DELIVERED)) == 1
        assert _asrun(AsRunKind.FAILED) == [] and _asrun(AsRunKind.MISSED) == []
        assert _programmes(settings) == [Path(rows[0].folder)]
        db.get_engine().dispose()


def _insert_waiting(sock: Path, port: int) -> bool:
    with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="t_restart") as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO sessiondelivery%'"
        ).fetchone()
    return bool(row and row[0])
