"""APScheduler delivers a session on time from its database job store, survives a restart
without delivering twice, logs what it missed, and warns about quotas from the 20th."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from broadcast import db
from broadcast.config import get_settings
from broadcast.models import AsRunEntry, AsRunKind, ScheduleItem
from broadcast.scheduling import jobs
from broadcast.services import schedule as sched

pytestmark = pytest.mark.slow


def _session_in(settings, seconds: float) -> tuple[int, datetime]:
    """A session starting `lead + seconds` from now, with one scheduled item; its delivery is due in `seconds`."""
    start = datetime.now(settings.tz) + timedelta(minutes=settings.lead_minutes, seconds=seconds)
    start = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
    with db.session_scope() as session:
        template = sched.add_session(
            session, commune_id=1, name="Buổi thử", start=start.strftime("%H:%M"), length_min=10
        )
        session.add(ScheduleItem(commune_id=1, day=start.date(), session_id=template.id, script_id=1))
        return template.id, start


def _entries(kind: AsRunKind) -> list[AsRunEntry]:
    with db.session_scope() as session:
        return list(session.exec(select(AsRunEntry).where(AsRunEntry.kind == kind)))


def test_delivery_on_time_and_no_double_delivery_after_restart(september, monkeypatch) -> None:
    settings = september["settings"]
    monkeypatch.setenv("BROADCAST_LEAD_MINUTES", "1")
    get_settings.cache_clear()
    settings = get_settings()
    session_id, start = _session_in(settings, 0)
    deliver_at = start - timedelta(minutes=1)
    first = jobs.build_scheduler(settings)
    first.start(paused=True)
    ids = jobs.prepare(first, settings, now=deliver_at - timedelta(seconds=2))
    job_id = f"deliver:1:{start.date().isoformat()}:{session_id}"
    assert job_id in ids
    # make the stored job due in a second (the fake clock above put it two seconds ahead)
    first.modify_job(job_id, next_run_time=datetime.now(settings.tz) + timedelta(seconds=1))
    first.resume()
    folder = settings.outbox_dir / "xa-tan-lap" / f"{start:%Y-%m-%d_%H%M}_buoi-thu"
    deadline = time.monotonic() + 30
    while not (folder / "manifest.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    first.shutdown(wait=True)
    assert (folder / "programme.mp3").is_file()
    assert len(_entries(AsRunKind.DELIVERED)) == 1

    # restart: a new scheduler on the same job store catches up without delivering again
    second = jobs.build_scheduler(settings)
    second.start(paused=True)
    jobs.prepare(second, settings, now=start - timedelta(seconds=30))
    second.resume()
    time.sleep(2)
    second.shutdown(wait=True)
    assert len(_entries(AsRunKind.DELIVERED)) == 1


def test_jobs_are_stored_in_the_database(september) -> None:
    settings = september["settings"]
    session_id, start = _session_in(settings, 3600)
    scheduler = jobs.build_scheduler(settings)
    scheduler.start(paused=True)
    jobs.install(scheduler, settings)
    scheduler.shutdown(wait=False)
    again = jobs.build_scheduler(settings)
    again.start(paused=True)
    stored = {j.id for j in again.get_jobs()}
    again.shutdown(wait=False)
    assert {"prepare-upcoming", "quota-warning", f"deliver:1:{start.date().isoformat()}:{session_id}"} <= stored


def test_missed_session_is_logged(september) -> None:
    settings = september["settings"]
    session_id, start = _session_in(settings, 0)
    scheduler = jobs.build_scheduler(settings)
    scheduler.start(paused=True)
    jobs.prepare(scheduler, settings, now=start + timedelta(minutes=30))  # the machine was off past the end
    scheduler.shutdown(wait=False)
    missed = _entries(AsRunKind.MISSED)
    assert [(m.session_id, m.day) for m in missed] == [(session_id, start.date())]


def test_quota_warning_from_the_20th(september) -> None:
    from datetime import date

    assert jobs.quota_warning_job(today=date(2025, 9, 19)) == []
    warnings = jobs.quota_warning_job(today=date(2025, 9, 20))
    assert warnings == [
        "xã Tân Lập: Tháng 9/2025 mới xếp được 0/2 bài CCHC: cần thêm 2 bài CCHC đã duyệt và đã dựng âm thanh."
    ]
    assert len(_entries(AsRunKind.QUOTA_WARNING)) == 1
