"""The dashboard's summary for one commune: quota status, today's and tomorrow's sessions,
scripts waiting for approval, and warnings that need the station head."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.models import AsRunEntry, AsRunKind, Render, Script, ScriptStatus
from broadcast.scheduling.rules import CategoryCount
from broadcast.services import schedule as sched
from broadcast.services.renders import is_stale
from broadcast.services.scripts import get_script


@dataclass
class Dashboard:
    counts: list[CategoryCount]
    sessions: list[tuple[date, str, str, list[str]]]
    waiting: list[Script]
    warnings: list[str]


def dashboard(session: Session, settings: Settings, *, commune_id: int) -> Dashboard:
    today = datetime.now(settings.tz).date()
    result = sched.check_month(session, commune_id=commune_id, year=today.year, month=today.month, tz=settings.tz)
    upcoming: list[tuple[date, str, str, list[str]]] = []
    rules = {id_of(r): r for r in sched.session_rules(session, commune_id=commune_id)}
    templates = sched.sessions(session, commune_id=commune_id)
    for day in (today, today + timedelta(days=1)):
        for template in templates:
            if rules[id_of(template)].happens_on(day):
                items = sched.session_items(session, commune_id=commune_id, day=day, session_id=id_of(template))
                upcoming.append(
                    (
                        day,
                        template.name,
                        template.start,
                        [get_script(session, script_id=i.script_id).title for i in items],
                    )
                )
    waiting = list(
        session.exec(select(Script).where(Script.commune_id == commune_id, Script.status == ScriptStatus.CHO_DUYET))
    )
    warnings: list[str] = []
    newest: dict[int, Render] = {}
    for r in session.exec(select(Render).where(Render.commune_id == commune_id).order_by(col(Render.id))):
        newest[r.script_id] = r
    for r in newest.values():
        script = get_script(session, script_id=r.script_id)
        if is_stale(session, r):
            warnings.append(f"Âm thanh của bài «{script.title}» đã cũ: bài đã sửa sau khi dựng.")
        elif r.offline_voice:
            warnings.append(
                f"Bài «{script.title}» dùng giọng đọc ngoại tuyến (espeak-ng); có thể dựng lại khi có mạng."
            )
    for v in result.violations:
        if v.code == "duoi-toi-thieu":
            warnings.append(v.message)
    for e in session.exec(
        select(AsRunEntry).where(AsRunEntry.commune_id == commune_id, AsRunEntry.kind == AsRunKind.MISSED)
    ):
        if e.day and e.day >= today - timedelta(days=7):
            warnings.append(f"Lỡ buổi phát ngày {e.day:%d/%m}: {e.detail}")
    warnings += path_to_air_warnings(session, commune_id=commune_id, since=today - timedelta(days=2))
    return Dashboard(result.counts, upcoming, waiting, warnings)


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
        .where(AsRunEntry.commune_id == commune_id, col(AsRunEntry.kind).in_(list(_AIR_LABELS)))
        .order_by(col(AsRunEntry.id).desc())
    )
    out: list[str] = []
    for e in session.exec(query):
        if e.day is not None and e.day < since:
            continue
        text = f"{_AIR_LABELS[e.kind]}: {e.detail}"
        if text not in out:
            out.append(text)
    return out[:20]
