"""The dashboard's summary for one commune: quota status, today's and tomorrow's sessions,
scripts waiting for approval, and warnings that need the station head."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.models import AsRunEntry, AsRunKind, Render, ScheduleItem, Script, ScriptStatus
from broadcast.scheduling.rules import PRIORITY_RANK, CategoryCount
from broadcast.services import schedule as sched
from broadcast.services.script_batch import approved_digests, scripts_by_id


@dataclass
class Dashboard:
    counts: list[CategoryCount]
    sessions: list[tuple[date, str, str, list[str]]]
    waiting: list[Script]
    warnings: list[str]


RECENT_RENDERS = 100  # the dashboard looks at most at this many of the newest renders
RECENT_DAYS = 31  # ... made in the last month
WAITING_SHOWN = 50


def dashboard(session: Session, settings: Settings, *, commune_id: int) -> Dashboard:
    """Read in a fixed number of queries: only this month's schedule, the next two days, the
    newest renders and the last week's log, however many years of data the commune keeps."""
    today = datetime.now(settings.tz).date()
    result = sched.check_month(session, commune_id=commune_id, year=today.year, month=today.month, tz=settings.tz)
    templates = sched.sessions(session, commune_id=commune_id)
    rules = {id_of(r): r for r in sched.session_rules(session, commune_id=commune_id, templates=templates)}
    wanted = [
        (day, template)
        for day in (today, today + timedelta(days=1))
        for template in templates
        if rules[id_of(template)].happens_on(day)
    ]
    days = select(ScheduleItem).where(
        ScheduleItem.commune_id == commune_id, col(ScheduleItem.day).in_([today, today + timedelta(days=1)])
    )
    placed = list(session.exec(days))
    scripts = scripts_by_id(session, script_ids={i.script_id for i in placed})
    rank = {sid: PRIORITY_RANK.get(s.priority.value, 2) for sid, s in scripts.items()}
    by_slot: dict[tuple[date, int], list[ScheduleItem]] = {}
    for item in sorted(placed, key=lambda i: (rank.get(i.script_id, 2), i.position, i.id)):  # play order
        by_slot.setdefault((item.day, item.session_id), []).append(item)
    upcoming = [
        (day, t.name, t.start, [scripts[i.script_id].title for i in by_slot.get((day, id_of(t)), [])])
        for day, t in wanted
    ]
    waiting = list(
        session.exec(
            select(Script)
            .where(Script.commune_id == commune_id, Script.status == ScriptStatus.CHO_DUYET)
            .order_by(col(Script.id))
            .limit(WAITING_SHOWN)
        )
    )
    warnings = render_warnings(session, commune_id=commune_id, since=datetime.now(UTC) - timedelta(days=RECENT_DAYS))
    for v in result.violations:
        if v.code == "duoi-toi-thieu":
            warnings.append(v.message)
    missed = select(AsRunEntry).where(
        AsRunEntry.commune_id == commune_id,
        AsRunEntry.kind == AsRunKind.MISSED,
        col(AsRunEntry.day) >= today - timedelta(days=7),
    )
    for e in session.exec(missed.order_by(col(AsRunEntry.id))):
        warnings.append(f"Lỡ buổi phát ngày {e.day:%d/%m}: {e.detail}")
    warnings += path_to_air_warnings(session, commune_id=commune_id, since=today - timedelta(days=2))
    return Dashboard(result.counts, upcoming, waiting, warnings)


def render_warnings(session: Session, *, commune_id: int, since: datetime) -> list[str]:
    """Stale or offline-voice renders among the newest ones made since `since` (the newest
    render of each script), in three queries."""
    query = (
        select(Render)
        .where(Render.commune_id == commune_id, col(Render.created_at) >= since)
        .order_by(col(Render.id).desc())
        .limit(RECENT_RENDERS)
    )
    newest: dict[int, Render] = {}
    for r in session.exec(query):
        newest.setdefault(r.script_id, r)
    renders = sorted(newest.values(), key=lambda r: id_of(r))
    scripts = scripts_by_id(session, script_ids=newest)
    digests = approved_digests(session, scripts=list(scripts.values()))
    warnings: list[str] = []
    for r in renders:
        title = scripts[r.script_id].title if r.script_id in scripts else str(r.script_id)
        if digests.get(r.script_id) != r.text_hash:  # stale, as renders.is_stale says
            warnings.append(f"Âm thanh của bài «{title}» đã cũ: bài đã sửa sau khi dựng.")
        elif r.offline_voice:
            warnings.append(f"Bài «{title}» dùng giọng đọc ngoại tuyến (espeak-ng); có thể dựng lại khi có mạng.")
    return warnings


_AIR_LABELS = {
    AsRunKind.PREFLIGHT: "Kiểm tra trước giờ phát",
    AsRunKind.FAILED: "Không giao được",
    AsRunKind.SKIPPED_ITEM: "Bỏ bài khỏi buổi",
    AsRunKind.WITHDRAWN: "Rút bài khỏi chương trình đã giao",
}


def path_to_air_warnings(session: Session, *, commune_id: int, since: date) -> list[str]:
    """Recent problems on the way to air (pre-flight, failed or partial deliveries, withdrawals),
    newest first, each once."""
    query = (
        select(AsRunEntry)
        .where(
            AsRunEntry.commune_id == commune_id,
            col(AsRunEntry.kind).in_(list(_AIR_LABELS)),
            or_(col(AsRunEntry.day).is_(None), col(AsRunEntry.day) >= since),
        )
        .order_by(col(AsRunEntry.id).desc())
        .limit(200)
    )
    out: list[str] = []
    for e in session.exec(query):
        text = f"{_AIR_LABELS[e.kind]}: {e.detail}"
        if text not in out:
            out.append(text)
    return out[:20]
