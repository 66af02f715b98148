"""The daily pre-flight check, a day or two ahead of air: is every scheduled item of the
coming sessions approved, rendered, and is its audio file present and the file the render
made? Missing renders of approved scripts are made now; everything else is reported with
what to do, on the dashboard and in the as-run log."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from broadcast import production
from broadcast.config import Settings
from broadcast.db import id_of, session_scope
from broadcast.errors import BroadcastError
from broadcast.models import AsRunEntry, AsRunKind, Commune, Profile, Script, ScriptStatus
from broadcast.services import schedule as sched
from broadcast.services.renders import current_render, newest_render, verify_audio

log = logging.getLogger("broadcast.preflight")


@dataclass(frozen=True)
class Problem:
    commune_id: int
    day: date
    session: str
    start: str
    script_id: int
    title: str
    reason: str
    todo: str

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "day": self.day.isoformat()}

    @property
    def message(self) -> str:
        return f"{self.session} {self.start} ngày {self.day:%d/%m}: bài «{self.title}» — {self.reason} {self.todo}"


def _todo(script: Script) -> str:
    if script.status != ScriptStatus.DA_DUYET:
        return "Việc cần làm: nhờ lãnh đạo duyệt bài, hoặc bỏ bài khỏi buổi phát."
    return f"Việc cần làm: dựng lại âm thanh («broadcast render {id_of(script)}»), hoặc bỏ bài khỏi buổi phát."


def _item_problem(session: Session, settings: Settings, script: Script, *, fix: bool) -> str | None:
    try:
        if fix and script.status == ScriptStatus.DA_DUYET and newest_render(session, script_id=id_of(script)) is None:
            production.render(session, settings, script_id=id_of(script), profile=Profile.STATION)
        verify_audio(current_render(session, script_id=id_of(script), profile=Profile.STATION))
    except BroadcastError as exc:
        return exc.message
    return None


def check(session: Session, settings: Settings, *, now: datetime, hours: int, fix: bool = True) -> list[Problem]:
    """Every problem of the sessions starting in the next `hours`."""
    until = now + timedelta(hours=hours)
    problems: list[Problem] = []
    for commune in session.exec(select(Commune)):
        rules = {r.id: r for r in sched.session_rules(session, commune_id=id_of(commune))}
        templates = sched.sessions(session, commune_id=id_of(commune))
        for offset in range(hours // 24 + 2):
            day = now.date() + timedelta(days=offset)
            for template in templates:
                start = sched.slot_start(day, template, settings.tz)
                if not (now <= start < until and rules[id_of(template)].happens_on(day)):
                    continue
                for item in sched.session_items(
                    session, commune_id=id_of(commune), day=day, session_id=id_of(template)
                ):
                    script = session.get(Script, item.script_id)
                    if script is None:
                        continue
                    reason = _item_problem(session, settings, script, fix=fix)
                    if reason:
                        problems.append(
                            Problem(
                                id_of(commune),
                                day,
                                template.name,
                                template.start,
                                id_of(script),
                                script.title,
                                reason,
                                _todo(script),
                            )
                        )
    return problems


def run_and_record(settings: Settings, *, now: datetime | None = None) -> list[Problem]:
    """The daily job: check, and write each problem to the as-run log (the dashboard shows them)."""
    now = now or datetime.now(settings.tz)
    with session_scope() as session:
        problems = check(session, settings, now=now, hours=settings.preflight_hours)
        for p in problems:
            session.add(
                AsRunEntry(
                    commune_id=p.commune_id,
                    kind=AsRunKind.PREFLIGHT,
                    day=p.day,
                    scripts=[p.script_id],
                    detail=p.message,
                )
            )
            log.warning("Kiểm tra trước giờ phát: %s", p.message)
    if not problems:
        log.info("Kiểm tra trước giờ phát: %d giờ tới không có vấn đề.", settings.preflight_hours)
    return problems
