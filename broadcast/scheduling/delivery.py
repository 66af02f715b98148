"""Timed deliveries, exactly once: each session of each commune and day reaches the outbox
once, however many scheduler processes run, and every outcome is in the as-run log.

The timer (APScheduler in scheduling.jobs, or the simulation in the tests) calls
deliver_once; deliver_due is the catch-up form: everything whose delivery time has come.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError as DuplicateRow
from sqlmodel import select

from broadcast.config import Settings
from broadcast.db import id_of, session_scope
from broadcast.errors import BroadcastError
from broadcast.exports.station import AlreadyDelivered, asrun, deliver_session
from broadcast.models import AsRunKind, Commune, SessionTemplate
from broadcast.models_air import SessionDelivery
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
