"""The province timer (BROADCAST_QUEUE=procrastinate): the one elected scheduler (see
scheduling.lock and jobs.Host) looks every few seconds for sessions whose delivery time has
come and queues one `deliver-session` job for each, under a unique key per (commune, day,
session); any `broadcast worker` on any machine runs it. The embedded default keeps
APScheduler as its timer (scheduling.jobs) and delivers in-process.

Three guards, each enough on its own: one scheduler holds the lock; one job per key, ever
(a standby that takes over re-reads the database and queues nothing twice); one delivery
row per (commune, day, session). A session that ended without a delivery and without a job
that could still deliver it is logged as missed, once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import col, select

from broadcast import clock
from broadcast.config import Settings
from broadcast.db import id_of, session_scope
from broadcast.models import Commune, ScheduleItem
from broadcast.models_air import SessionDelivery
from broadcast.models_jobs import BackgroundJob, JobState
from broadcast.scheduling import delivery
from broadcast.services import schedule as sched
from broadcast.tasks import queue

log = logging.getLogger("broadcast.scheduler")
QUOTA_HOUR = 8  # quota warnings from the 20th, from this local hour, once a day
RESEND_AFTER_S = 120.0  # real seconds a keyed job may wait unclaimed before it is handed over again
MISSED_AFTER = timedelta(minutes=30)  # a job still queued or running this long after its session ended


@dataclass(frozen=True)
class Slot:
    commune_id: int
    day: date
    session_id: int
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return delivery_key(self.commune_id, self.day, self.session_id)


def delivery_key(commune_id: int, day: date, session_id: int) -> str:
    return f"deliver:{commune_id}:{day.isoformat()}:{session_id}"


def slots_around(settings: Settings, now: datetime) -> list[Slot]:
    """Every session of every commune from yesterday to tomorrow."""
    days = [now.date() + timedelta(days=d) for d in (-1, 0, 1)]
    found: list[Slot] = []
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            commune_id = id_of(commune)
            rules = {r.id: r for r in sched.session_rules(session, commune_id=commune_id)}
            for template in sched.sessions(session, commune_id=commune_id):
                for day in days:
                    if rules[id_of(template)].happens_on(day):
                        start = sched.slot_start(day, template, settings.tz)
                        end = start + timedelta(minutes=template.length_min)
                        found.append(Slot(commune_id, day, id_of(template), start, end))
    return found


def _known(slots: list[Slot]) -> tuple[set[str], dict[str, str], set[str]]:
    """(keys delivered, state of each key's job, keys with something scheduled) for slots."""
    if not slots:
        return set(), {}, set()
    days = sorted({s.day for s in slots})
    with session_scope() as session:
        delivered = {
            delivery_key(r.commune_id, r.day, r.session_id)
            for r in session.exec(select(SessionDelivery).where(col(SessionDelivery.day).in_(days)))
        }
        keys = [s.key for s in slots]
        jobs = {
            str(j.unique_key): j.state
            for j in session.exec(select(BackgroundJob).where(col(BackgroundJob.unique_key).in_(keys)))
        }
        scheduled = {
            delivery_key(i.commune_id, i.day, i.session_id)
            for i in session.exec(select(ScheduleItem).where(col(ScheduleItem.day).in_(days)))
        }
    return delivered, jobs, scheduled


def tick(settings: Settings, *, now: datetime | None = None) -> dict[str, int]:
    """One look at the clock: queue what is due, log what was missed, queue the day's quota
    warnings, hand over again jobs that never reached a worker. Returns the counts of what
    this call did ("queued", "missed", "quota", "sent_again")."""
    now = now or clock.timer_now(settings.tz, settings.timer_clock_file)
    lead = timedelta(minutes=settings.lead_minutes)
    counts = {"queued": 0, "missed": 0, "quota": 0, "sent_again": 0}
    slots = slots_around(settings, now)
    delivered, jobs, scheduled = _known(slots)
    for slot in slots:
        if slot.key in delivered or slot.key not in scheduled:
            continue
        if slot.start - lead <= now < slot.end:
            if slot.key in jobs:
                continue
            args = {"commune_id": slot.commune_id, "day": slot.day.isoformat(), "session_id": slot.session_id}
            if queue.enqueue_once(
                key=slot.key, kind="deliver-session", args=args, commune_id=slot.commune_id, settings=settings
            ):
                counts["queued"] += 1
        elif now >= slot.end:
            detail = _why_missed(jobs.get(slot.key), now - slot.end)
            if detail and delivery.log_missed_once(slot.commune_id, slot.day, slot.session_id, detail):
                counts["missed"] += 1
    counts["quota"] = _queue_quota_warnings(settings, now)
    counts["sent_again"] = queue.dispatch_again(older_than_s=RESEND_AFTER_S, settings=settings)
    return counts


def _why_missed(job_state: str | None, over_by: timedelta) -> str | None:
    """Why a session that has ended undelivered counts as missed now, or None while its job
    may still settle it (a job that is done has logged its own outcome)."""
    if job_state is None:
        return "Không có bộ hẹn giờ nào chạy vào giờ giao chương trình"
    if job_state == JobState.ERROR.value:
        return "Việc giao chương trình bị lỗi và buổi phát đã hết giờ"
    if job_state != JobState.DONE.value and over_by >= MISSED_AFTER:
        return "Việc giao chương trình chưa xong khi buổi phát đã hết giờ từ lâu"
    return None


def _queue_quota_warnings(settings: Settings, now: datetime) -> int:
    if now.day < 20 or now.hour < QUOTA_HOUR:
        return 0
    day = now.date().isoformat()
    with session_scope() as session:
        keys = {id_of(c): f"quota:{id_of(c)}:{day}" for c in session.exec(select(Commune))}
        queued_before = set(
            session.exec(select(BackgroundJob.unique_key).where(col(BackgroundJob.unique_key).in_(keys.values())))
        )
    queued = 0
    for commune_id, key in keys.items():
        if key in queued_before:
            continue
        args = {"commune_id": commune_id, "day": day}
        if queue.enqueue_once(key=key, kind="quota-warning", args=args, commune_id=commune_id, settings=settings):
            queued += 1
    return queued
