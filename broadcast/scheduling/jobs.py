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

In a province (BROADCAST_QUEUE=procrastinate) the elected host keeps APScheduler for the
pre-flight and withdrawal jobs only; deliveries and quota warnings are queued by its timer
ticks (scheduling.timer) and run by the workers.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlmodel import Session, select

from broadcast.config import Settings, get_settings
from broadcast.db import get_engine, id_of, session_scope
from broadcast.models import AsRunEntry, AsRunKind, Commune
from broadcast.models_air import SessionDelivery
from broadcast.scheduling import delivery, lock, timer
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


def province(settings: Settings) -> bool:
    """Deliveries and quota warnings are queued for the workers (scheduling.timer)."""
    return settings.queue == "procrastinate"


def install(scheduler: BaseScheduler, settings: Settings) -> None:
    """The recurring jobs; then today's and tomorrow's deliveries right away (embedded
    default; in a province the host's timer ticks queue them instead)."""
    scheduler.add_job(
        preflight_job, "cron", hour=settings.preflight_hour, minute=15, id="preflight", replace_existing=True
    )
    scheduler.add_job(withdraw_job, "interval", minutes=5, id="withdraw-stale", replace_existing=True)
    if province(settings):
        for stale in ("prepare-upcoming", "quota-warning"):  # left by an embedded run on this database
            if scheduler.get_job(stale) is not None:
                scheduler.remove_job(stale)
        return
    scheduler.add_job(prepare_job, "cron", hour=0, minute=5, id="prepare-upcoming", replace_existing=True)
    scheduler.add_job(quota_warning_job, "cron", hour=8, minute=0, id="quota-warning", replace_existing=True)
    prepare(scheduler, settings)


def _delivered(session: Session, commune_id: int, day: date, session_id: int) -> bool:
    done = select(SessionDelivery).where(
        SessionDelivery.commune_id == commune_id, SessionDelivery.day == day, SessionDelivery.session_id == session_id
    )
    missed = select(AsRunEntry).where(
        AsRunEntry.commune_id == commune_id,
        AsRunEntry.day == day,
        AsRunEntry.session_id == session_id,
        AsRunEntry.kind == AsRunKind.MISSED,
    )
    return session.exec(done).first() is not None or session.exec(missed).first() is not None


def prepare(scheduler: BaseScheduler, settings: Settings, *, now: datetime | None = None) -> list[str]:
    """Schedule (or catch up on) every session of today and the next days; returns the job ids.

    The database is read first and the session closed before the job store writes, so the
    two never wait on each other's locks.
    """
    now = now or datetime.now(settings.tz)
    lead = timedelta(minutes=settings.lead_minutes)
    plans: list[tuple[str, datetime, list[int | str]]] = []  # (job id, run at, args)
    missed: list[tuple[int, date, int, str]] = []
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            commune_id = id_of(commune)
            rules = {id_of(r): r for r in sched.session_rules(session, commune_id=commune_id)}
            for template in sched.sessions(session, commune_id=commune_id):
                template_id = id_of(template)
                for offset in range(DAYS_AHEAD):
                    day = now.date() + timedelta(days=offset)
                    if not rules[template_id].happens_on(day):
                        continue
                    start = sched.slot_start(day, template, settings.tz)
                    job_id = f"deliver:{commune_id}:{day.isoformat()}:{template_id}"
                    args: list[int | str] = [commune_id, day.isoformat(), template_id]
                    if start - lead > now:
                        plans.append((job_id, start - lead, args))
                    elif not _delivered(session, commune_id, day, template_id):
                        if start + timedelta(minutes=template.length_min) > now:
                            log.warning(
                                "Giao muộn %s ngày %s của %s (máy vừa khởi động lại)", template.name, day, commune.name
                            )
                            plans.append((job_id, now, args))
                        elif offset == 0 and sched.session_items(
                            session, commune_id=commune_id, day=day, session_id=template_id
                        ):
                            missed.append((commune_id, day, template_id, f"{template.name} {day} của {commune.name}"))
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
    delivery.deliver_once(
        get_settings(), commune_id=commune_id, day=date.fromisoformat(day_iso), session_id=session_id, owner=_OWNER
    )


def preflight_job() -> None:
    """Daily: check the next hours' sessions ahead of air (see scheduling.preflight)."""
    from broadcast.scheduling.preflight import run_and_record

    run_and_record(get_settings())


def withdraw_job() -> None:
    """Every few minutes: take withdrawn items out of sessions already delivered."""
    from broadcast.exports.withdraw import withdraw_stale

    settings = get_settings()
    with session_scope() as session:
        withdraw_stale(session, settings, now=datetime.now(settings.tz))


def prepare_job() -> None:
    """Daily: schedule the coming days' deliveries (uses the running scheduler)."""
    scheduler = _RUNNING.get("scheduler")
    if scheduler is not None:
        prepare(scheduler, get_settings())


def quota_warning_job(*, today: date | None = None) -> list[str]:
    """From the 20th: warn (log and as-run flag for the dashboard) when a minimum is unmet,
    once per commune and day however many schedulers run (delivery.warn_quota)."""
    settings = get_settings()
    today = today or datetime.now(settings.tz).date()
    warnings: list[str] = []
    if today.day < 20:
        return warnings
    with session_scope() as session:
        commune_ids = [id_of(c) for c in session.exec(select(Commune))]
    for commune_id in commune_ids:
        warnings += delivery.warn_quota(settings, commune_id=commune_id, today=today)
    return warnings


_RUNNING: dict[str, BaseScheduler] = {}
_OWNER = lock.owner_id()


class Host:
    """Runs this process's scheduler only while it holds the database's scheduler lock.

    A second `serve` or `scheduler run` on the same database waits as a standby (and says
    so), renews nothing, and takes over when the holder's lease runs out."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.owner = _OWNER
        self.scheduler: BaseScheduler | None = None
        self._stop = threading.Event()
        self._said_standby = False

    def beat(self) -> bool:
        """One heartbeat: take or renew the lease; start or stop the scheduler to match."""
        engine = get_engine()
        held = lock.try_acquire(engine, self.owner, lease_s=self.settings.scheduler_lease_s)
        if held and self.scheduler is None:
            log.info("Bộ hẹn giờ này (%s) giữ khóa và bắt đầu điều khiển việc giao chương trình.", self.owner)
            self.scheduler = build_scheduler(self.settings)
            _RUNNING["scheduler"] = self.scheduler
            install(self.scheduler, self.settings)
            self.scheduler.start()
            self._said_standby = False
        elif not held:
            if self.scheduler is not None:
                log.warning("Bộ hẹn giờ này mất khóa; dừng lại và chuyển sang chờ dự phòng.")
                self.scheduler.shutdown(wait=False)
                self.scheduler = None
            if not self._said_standby:
                current = lock.holder(engine)
                log.warning(
                    "Đã có bộ hẹn giờ khác (%s) đang chạy trên cơ sở dữ liệu này; máy này chờ dự phòng và sẽ "
                    "tiếp quản nếu bộ kia dừng.",
                    current.owner if current else "?",
                )
                self._said_standby = True
        if held and province(self.settings):
            done = timer.tick(self.settings)
            if done["queued"] or done["missed"]:
                log.info("Bộ hẹn giờ: %s việc giao chương trình mới, %s buổi lỡ.", done["queued"], done["missed"])
        return held

    def run(self) -> None:
        every = max(1.0, self.settings.scheduler_lease_s / 3)
        if province(self.settings):  # the lease is renewed at every tick of the timer
            every = min(every, self.settings.timer_tick_s)
        while not self._stop.is_set():
            try:
                self.beat()
            except Exception:  # a database hiccup must not end the timer; try at the next beat
                log.exception("Lỗi khi giữ khóa bộ hẹn giờ")
            self._stop.wait(every)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        lock.release(get_engine(), self.owner)

    def shutdown(self, wait: bool = False) -> None:
        self._stop.set()


def start(settings: Settings, *, blocking: bool = False) -> Host:
    """Start the scheduler host (blocking=True for `broadcast scheduler run`)."""
    host = Host(settings)
    if blocking:
        try:
            host.run()
        finally:
            host.shutdown()
    else:
        threading.Thread(target=host.run, name="scheduler-host", daemon=True).start()
    return host
