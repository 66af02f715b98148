"""Timed playback exports with APScheduler (the only module that touches APScheduler).

Jobs live in the application database (SQLAlchemyJobStore), so they survive restarts.
Every session gets a one-off job at (start − lead time) that assembles its programme in
the station outbox; a daily job schedules the next days; a daily job from the 20th warns
when a month's minimum quota is still unmet. Delivery is idempotent, and a restart after a
missed time catches up: a session that has not ended yet is delivered at once, one that
has ended is logged as missed.

Deliberate settings: coalesce=True (many missed runs of a job become one), misfire grace
= the lead time (a delivery that is late but still ahead of the session start runs), and
max_instances=1 (one delivery of a session at a time).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlmodel import select

from broadcast.config import Settings, get_settings
from broadcast.db import session_scope
from broadcast.models import AsRunEntry, AsRunKind, Commune, SessionTemplate
from broadcast.services import schedule as sched

log = logging.getLogger("broadcast.scheduler")
# APScheduler reports every job it adds or runs, in English; the station only needs its problems.
logging.getLogger("apscheduler").setLevel(logging.WARNING)
DAYS_AHEAD = 2


def build_scheduler(settings: Settings, *, blocking: bool = False) -> BaseScheduler:
    cls = BlockingScheduler if blocking else BackgroundScheduler
    return cls(
        jobstores={"default": SQLAlchemyJobStore(url=settings.db_url, tablename="apscheduler_jobs")},
        timezone=settings.tz,
        job_defaults={"coalesce": True, "misfire_grace_time": max(60, settings.lead_minutes * 60), "max_instances": 1},
    )


def install(scheduler: BaseScheduler, settings: Settings) -> None:
    """The recurring jobs; then today's and tomorrow's deliveries right away."""
    scheduler.add_job(prepare_job, "cron", hour=0, minute=5, id="prepare-upcoming", replace_existing=True)
    scheduler.add_job(quota_warning_job, "cron", hour=8, minute=0, id="quota-warning", replace_existing=True)
    prepare(scheduler, settings)


def _delivered(session, commune_id: int, day: date, session_id: int) -> bool:
    query = select(AsRunEntry).where(
        AsRunEntry.commune_id == commune_id,
        AsRunEntry.day == day,
        AsRunEntry.session_id == session_id,
        AsRunEntry.kind.in_([AsRunKind.DELIVERED, AsRunKind.MISSED]),
    )
    return session.exec(query).first() is not None


def prepare(scheduler: BaseScheduler, settings: Settings, *, now: datetime | None = None) -> list[str]:
    """Schedule (or catch up on) every session of today and the next days; returns the job ids.

    The database is read first and the session closed before the job store writes, so the
    two never wait on each other's locks.
    """
    now = now or datetime.now(settings.tz)
    lead = timedelta(minutes=settings.lead_minutes)
    plans: list[tuple[str, datetime, list]] = []  # (job id, run at, args)
    missed: list[tuple[int, date, int, str]] = []
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            rules = {r.id: r for r in sched.session_rules(session, commune_id=commune.id)}
            for template in sched.sessions(session, commune_id=commune.id):
                for offset in range(DAYS_AHEAD):
                    day = now.date() + timedelta(days=offset)
                    if not rules[template.id].happens_on(day):
                        continue
                    start = sched.slot_start(day, template, settings.tz)
                    job_id = f"deliver:{commune.id}:{day.isoformat()}:{template.id}"
                    args = [commune.id, day.isoformat(), template.id]
                    if start - lead > now:
                        plans.append((job_id, start - lead, args))
                    elif not _delivered(session, commune.id, day, template.id):
                        if start + timedelta(minutes=template.length_min) > now:
                            log.warning(
                                "Giao muộn %s ngày %s của %s (máy vừa khởi động lại)", template.name, day, commune.name
                            )
                            plans.append((job_id, now, args))
                        elif offset == 0 and sched.session_items(
                            session, commune_id=commune.id, day=day, session_id=template.id
                        ):
                            missed.append((commune.id, day, template.id, f"{template.name} {day} của {commune.name}"))
    for job_id, run_at, args in plans:
        scheduler.add_job(deliver_job, "date", run_date=run_at, id=job_id, replace_existing=True, args=args)
    if missed:
        with session_scope() as session:
            for commune_id, day, session_id, what in missed:
                session.add(
                    AsRunEntry(
                        commune_id=commune_id,
                        kind=AsRunKind.MISSED,
                        day=day,
                        session_id=session_id,
                        detail="Máy không chạy vào giờ giao chương trình",
                    )
                )
                log.error("Lỡ %s: máy không chạy vào giờ giao", what)
    return [job_id for job_id, _, _ in plans]


def deliver_job(commune_id: int, day_iso: str, session_id: int) -> None:
    """Job body (module-level so the job store can find it again after a restart)."""
    from broadcast.exports.station import deliver_session

    settings = get_settings()
    with session_scope() as session:
        template = session.get(SessionTemplate, session_id)
        if template is None:
            return
        deliver_session(session, settings, commune_id=commune_id, day=date.fromisoformat(day_iso), template=template)


def prepare_job() -> None:
    """Daily: schedule the coming days' deliveries (uses the running scheduler)."""
    scheduler = _RUNNING.get("scheduler")
    if scheduler is not None:
        prepare(scheduler, get_settings())


def quota_warning_job(*, today: date | None = None) -> list[str]:
    """From the 20th: warn (log and as-run flag for the dashboard) when a minimum is unmet."""
    settings = get_settings()
    today = today or datetime.now(settings.tz).date()
    warnings = []
    if today.day < 20:
        return warnings
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            result = sched.check_month(
                session, commune_id=commune.id, year=today.year, month=today.month, tz=settings.tz
            )
            for v in result.violations:
                if v.code == "duoi-toi-thieu":
                    warnings.append(f"{commune.name}: {v.message}")
                    session.add(
                        AsRunEntry(commune_id=commune.id, kind=AsRunKind.QUOTA_WARNING, day=today, detail=v.message)
                    )
                    log.warning("%s: %s", commune.name, v.message)
    return warnings


_RUNNING: dict[str, BaseScheduler] = {}


def start(settings: Settings, *, blocking: bool = False) -> BaseScheduler:
    """Start the scheduler with its jobs (blocking=True for `broadcast scheduler run`)."""
    scheduler = build_scheduler(settings, blocking=blocking)
    _RUNNING["scheduler"] = scheduler
    install(scheduler, settings)  # jobs added before start wait in the store until it starts
    scheduler.start()
    return scheduler
