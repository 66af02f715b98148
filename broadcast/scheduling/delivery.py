"""Timed deliveries, exactly once: each session of each commune and day reaches the outbox
once, however many scheduler processes run, and every outcome is in the as-run log.

The timer (APScheduler in scheduling.jobs, the province timer in scheduling.timer through
a queued job, or the simulation in the tests) calls deliver_once; deliver_due is the
catch-up form: everything whose delivery time has come. A lost database connection is not
a failed delivery: it is raised again, so the queue runs the job once more when the
database is back (the unique delivery row keeps that to one delivery).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError as DuplicateRow
from sqlmodel import select

from broadcast.config import Settings
from broadcast.db import database_unavailable, id_of, session_scope
from broadcast.errors import BroadcastError
from broadcast.exports.station import AlreadyDelivered, asrun, deliver_session
from broadcast.models import AsRunEntry, AsRunKind, Commune, SessionTemplate
from broadcast.models_air import DailyNotice, SessionDelivery
from broadcast.services import schedule as sched

log = logging.getLogger("broadcast.scheduler")


def delivered(commune_id: int, day: date, session_id: int) -> bool:
    with session_scope() as session:
        query = select(SessionDelivery).where(
            SessionDelivery.commune_id == commune_id,
            SessionDelivery.day == day,
            SessionDelivery.session_id == session_id,
        )
        return session.exec(query).first() is not None


def deliver_once(settings: Settings, *, commune_id: int, day: date, session_id: int, owner: str = "") -> str:
    """Deliver one session unless it already was; 'delivered', 'already', 'empty' or 'failed'."""
    if delivered(commune_id, day, session_id):
        return "already"
    try:
        with session_scope() as session:
            template = session.get(SessionTemplate, session_id)
            if template is None:
                return "empty"
            result = deliver_session(
                session, settings, commune_id=commune_id, day=day, template=template, owner=owner, once=True
            )
            return "delivered" if result.items else "empty"
    except (DuplicateRow, AlreadyDelivered):  # another scheduler committed this session's delivery first
        log.info("Buổi %s ngày %s đã được giao bởi tiến trình khác; bỏ qua.", session_id, day)
        return "already"
    except Exception as exc:  # any failure of a timed delivery must reach the as-run log
        if database_unavailable(exc):  # nothing was committed; the job runs again later
            log.warning("Mất kết nối cơ sở dữ liệu khi giao buổi %s ngày %s; sẽ giao lại.", session_id, day)
            raise
        reason = exc.message if isinstance(exc, BroadcastError) else f"lỗi ngoài dự kiến ({type(exc).__name__}: {exc})"
        log.exception("Không giao được buổi %s ngày %s", session_id, day)
        with session_scope() as session:
            template = session.get(SessionTemplate, session_id)
            asrun(
                session,
                commune_id,
                AsRunKind.FAILED,
                day,
                template,
                [],
                f"Không giao được chương trình: {reason}. Hãy kiểm tra rồi giao lại bằng «broadcast export session».",
            )
        return "failed"


def deliver_due(settings: Settings, *, now: datetime, owner: str = "") -> dict[str, int]:
    """Deliver every session (today and tomorrow) whose delivery time (start − lead) has come
    and that has not ended; returns the count of each outcome."""
    lead = timedelta(minutes=settings.lead_minutes)
    due: list[tuple[int, date, int]] = []
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            rules = {r.id: r for r in sched.session_rules(session, commune_id=id_of(commune))}
            for template in sched.sessions(session, commune_id=id_of(commune)):
                for day in (now.date(), now.date() + timedelta(days=1)):
                    if not rules[id_of(template)].happens_on(day):
                        continue
                    start = sched.slot_start(day, template, settings.tz)
                    if start - lead <= now < start + timedelta(minutes=template.length_min):
                        due.append((id_of(commune), day, id_of(template)))
    counts: dict[str, int] = {}
    for commune_id, day, session_id in due:
        outcome = deliver_once(settings, commune_id=commune_id, day=day, session_id=session_id, owner=owner)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def session_end(day: date, template: SessionTemplate, settings: Settings) -> datetime:
    return sched.slot_start(day, template, settings.tz) + timedelta(minutes=template.length_min)


def log_missed_once(commune_id: int, day: date, session_id: int, detail: str) -> bool:
    """Record in the as-run log that a session was not delivered, at most once however many
    processes notice it; True when this call recorded it."""
    try:
        with session_scope() as session:
            session.add(DailyNotice(commune_id=commune_id, day=day, kind=f"missed:{session_id}"))
            session.flush()
            template = session.get(SessionTemplate, session_id)
            asrun(session, commune_id, AsRunKind.MISSED, day, template, [], detail)
            log.error("Lỡ buổi %s ngày %s của xã %s: %s", session_id, day, commune_id, detail)
            return True
    except DuplicateRow:
        return False


def deliver_timed(
    settings: Settings, *, commune_id: int, day: date, session_id: int, now: datetime, owner: str = ""
) -> str:
    """A queued timed delivery: delivered once, or logged as missed when the session is
    already over by the time a worker gets to it (a queue stopped for hours)."""
    if delivered(commune_id, day, session_id):
        return "already"
    with session_scope() as session:
        template = session.get(SessionTemplate, session_id)
        end = session_end(day, template, settings) if template is not None else now
    if now >= end:
        log_missed_once(commune_id, day, session_id, "Buổi phát đã hết giờ trước khi việc giao chương trình được chạy")
        return "missed"
    return deliver_once(settings, commune_id=commune_id, day=day, session_id=session_id, owner=owner)


def warn_quota(settings: Settings, *, commune_id: int, today: date) -> list[str]:
    """The quota warning of one commune for today, at most once per day (the notice row is
    unique, whichever process gets here first); the warnings given, if any."""
    warnings: list[str] = []
    try:
        with session_scope() as session:
            session.add(DailyNotice(commune_id=commune_id, day=today, kind=AsRunKind.QUOTA_WARNING.value))
            session.flush()
            commune = session.get(Commune, commune_id)
            name = commune.name if commune else str(commune_id)
            result = sched.check_month(
                session, commune_id=commune_id, year=today.year, month=today.month, tz=settings.tz
            )
            for v in result.violations:
                if v.code == "duoi-toi-thieu":
                    warnings.append(f"{name}: {v.message}")
                    session.add(
                        AsRunEntry(commune_id=commune_id, kind=AsRunKind.QUOTA_WARNING, day=today, detail=v.message)
                    )
                    log.warning("%s: %s", name, v.message)
    except DuplicateRow:
        log.info("Xã %s: đã cảnh báo chỉ tiêu hôm nay, không cảnh báo lại.", commune_id)
    return warnings
