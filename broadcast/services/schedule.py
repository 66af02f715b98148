"""The month's schedule in the database: loading what the pure rules need, planning,
checking and validated manual edits."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, not_, or_
from sqlmodel import Session, col, select

from broadcast import clock
from broadcast.config import get_settings
from broadcast.db import id_of
from broadcast.errors import InputError, NotFoundError
from broadcast.models import (
    Render,
    ScheduleItem,
    Script,
    ScriptStatus,
    SessionTemplate,
)
from broadcast.scheduling import rules
from broadcast.scheduling.planner import PlanResult, order_by_priority, plan
from broadcast.services import sessions as _sessions
from broadcast.services.communes import categories, get_commune
from broadcast.services.renders import render_states

# Sessions, quotas and input parsing live in services.sessions; the schedule's callers find them here.
add_session = _sessions.add_session
get_session = _sessions.get_session
parse_day = _sessions.parse_day
parse_month = _sessions.parse_month
parse_time = _sessions.parse_time
quotas = _sessions.quotas
remove_quota = _sessions.remove_quota
remove_session = _sessions.remove_session
sessions = _sessions.sessions
set_quota = _sessions.set_quota


# --- what the rules need --------------------------------------------------------------------


def session_rules(
    session: Session, *, commune_id: int, templates: list[SessionTemplate] | None = None
) -> list[rules.SessionRule]:
    """The commune's sessions as the rules see them (from `templates` if already read)."""
    return [
        rules.SessionRule(
            id_of(s),
            s.name,
            parse_time(s.start),
            s.length_min,
            s.days.value,
            tuple(s.weekdays),
            tuple(date.fromisoformat(d) for d in s.dates),
            s.valid_from,
            s.valid_to,
            s.relay_min,
        )
        for s in (sessions(session, commune_id=commune_id) if templates is None else templates)
    ]


def script_window(script: Script, tz) -> tuple[date | None, date | None]:
    """The days a script may air: its month, its date range, or else the month it was written in."""
    if script.valid_from or script.valid_to:
        return script.valid_from, script.valid_to
    month = script.month or script.created_at.astimezone(tz).strftime("%Y-%m")
    year, mon = parse_month(month)
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def month_scripts(
    session: Session, *, commune_id: int, year: int, month: int, tz, also: Collection[int] = ()
) -> list[Script]:
    """The scripts that may air in the month (their window meets it), those already placed in
    it, and the scripts `also` names: what the planner and the checker need, read in one query
    however many years of scripts the commune keeps."""
    first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    dated = or_(col(Script.valid_from).is_not(None), col(Script.valid_to).is_not(None))
    by_dates = and_(
        dated,
        or_(col(Script.valid_from).is_(None), col(Script.valid_from) <= last),
        or_(col(Script.valid_to).is_(None), col(Script.valid_to) >= first),
    )
    written = and_(  # no month: the month it was written in (a day of slack for the time zone)
        col(Script.month).is_(None),
        col(Script.created_at) >= datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC),
        col(Script.created_at) < datetime.combine(last + timedelta(days=2), time(), tzinfo=UTC),
    )
    by_month = and_(not_(dated), or_(col(Script.month) == f"{year:04d}-{month:02d}", written))
    placed = select(ScheduleItem.script_id).where(
        ScheduleItem.commune_id == commune_id, ScheduleItem.day >= first, ScheduleItem.day <= last
    )
    kept = or_(col(Script.id).in_(placed), col(Script.id).in_(sorted(set(also))))
    query = (
        select(Script, kept)
        .where(Script.commune_id == commune_id, or_(by_dates, by_month, kept))
        .order_by(col(Script.id))
    )
    return [s for s, keep in session.exec(query) if keep or _meets(script_window(s, tz), first, last)]


def _meets(window: tuple[date | None, date | None], first: date, last: date) -> bool:
    start, end = window
    return (start is None or start <= last) and (end is None or end >= first)


def pieces(
    session: Session, *, commune_id: int, tz, year: int, month: int, also: Collection[int] = ()
) -> dict[int, rules.Piece]:
    """The month's scripts as the planner sees them (playable = approved with a current render),
    in a fixed number of queries."""
    scripts = month_scripts(session, commune_id=commune_id, year=year, month=month, tz=tz, also=also)
    states = render_states(session, scripts=[s for s in scripts if s.status == ScriptStatus.DA_DUYET])
    out: dict[int, rules.Piece] = {}
    for script in scripts:
        script_id = id_of(script)
        first, last = script_window(script, tz)
        duration, playable, why = 0.0, False, ""
        state = states.get(script_id)
        if script.status != ScriptStatus.DA_DUYET:
            why = f"bài đang «{script.status.label}», chưa được duyệt"
        elif isinstance(state, Render):
            duration, playable = state.duration_s, True
        elif state is not None:
            why = state.message
        out[script_id] = rules.Piece(
            script_id,
            script.title,
            script.category,
            script.priority.value,
            duration,
            first,
            last,
            playable,
            why,
            tuple(script.channels),
        )
    return out


def items(session: Session, *, commune_id: int, year: int, month: int) -> list[ScheduleItem]:
    first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    query = select(ScheduleItem).where(
        ScheduleItem.commune_id == commune_id, ScheduleItem.day >= first, ScheduleItem.day <= last
    )
    return sorted(session.exec(query), key=lambda i: (i.day, i.session_id, i.position, i.id))


def _placements(rows: list[ScheduleItem]) -> list[rules.Placement]:
    return [rules.Placement(i.day, i.session_id, i.script_id, i.position, i.locked, i.id) for i in rows]


@dataclass
class MonthContext:
    year: int
    month: int
    slots: list[rules.Slot]
    pieces: dict[int, rules.Piece]
    quotas: list[rules.Quota]
    labels: dict[str, str]


def context(
    session: Session, *, commune_id: int, year: int, month: int, tz, also: Collection[int] = ()
) -> MonthContext:
    get_commune(session, commune_id=commune_id)
    return MonthContext(
        year,
        month,
        rules.occurrences(session_rules(session, commune_id=commune_id), year, month),
        pieces(session, commune_id=commune_id, tz=tz, year=year, month=month, also=also),
        [
            rules.Quota(q.category, q.minimum, q.target, q.spacing_days, q.max_per_script)
            for q in quotas(session, commune_id=commune_id)
        ],
        {c.code: c.label for c in categories(session, commune_id=commune_id)},
    )


def check_month(session: Session, *, commune_id: int, year: int, month: int, tz) -> rules.CheckResult:
    ctx = context(session, commune_id=commune_id, year=year, month=month, tz=tz)
    return rules.check(
        year=year,
        month=month,
        slots=ctx.slots,
        pieces=ctx.pieces,
        placements=_placements(items(session, commune_id=commune_id, year=year, month=month)),
        quotas=ctx.quotas,
        labels=ctx.labels,
        now=clock.now(tz).replace(tzinfo=None),
    )


def earliest(tz) -> datetime:
    """The first moment (local, naive) a new airing may be placed at: now plus the lead time."""
    return (clock.now(tz) + timedelta(minutes=get_settings().lead_minutes)).replace(tzinfo=None)


def _gone(item: ScheduleItem | rules.Placement, starts: dict[tuple[date, int], datetime], limit: datetime) -> bool:
    return starts.get((item.day, item.session_id), datetime.combine(item.day, datetime.min.time())) < limit


def _refuse_past(session: Session, *, commune_id: int, day: date, session_id: int, tz, what: str) -> None:
    limit = earliest(tz)
    template = get_session(session, commune_id=commune_id, session_id=session_id)
    start = datetime.combine(day, parse_time(template.start))
    if start < limit:
        raise InputError(
            f"Không thể {what} buổi {template.name} {template.start} ngày {day:%d/%m/%Y}: buổi này đã qua hoặc sắp "
            f"bắt đầu. Chỉ xếp được vào buổi bắt đầu từ {limit:%H:%M %d/%m/%Y} trở đi (sau thời gian chuẩn bị "
            f"{get_settings().lead_minutes} phút)."
        )


def plan_month(session: Session, *, commune_id: int, year: int, month: int, tz) -> PlanResult:
    """Replace the month's unlocked future items by the planner's; locked items and whatever is
    before now plus the lead time (it may have aired) stay where they are."""
    ctx = context(session, commune_id=commune_id, year=year, month=month, tz=tz)
    current = items(session, commune_id=commune_id, year=year, month=month)
    limit = earliest(tz)
    starts = {s.key: datetime.combine(s.day, s.start) for s in ctx.slots}
    fixed = [i for i in current if i.locked or _gone(i, starts, limit)]
    result = plan(
        year=year,
        month=month,
        slots=ctx.slots,
        pieces=ctx.pieces,
        existing=[rules.Placement(i.day, i.session_id, i.script_id, i.position, True, i.id) for i in fixed],
        quotas=ctx.quotas,
        labels=ctx.labels,
        not_before=limit,
    )
    kept = {i.id: i for i in fixed}
    for item in current:
        if item.id not in kept:
            session.delete(item)
    session.flush()
    for p in result.placements:
        if p.item_id in kept:
            kept[p.item_id].position = p.position
            session.add(kept[p.item_id])
        else:
            session.add(
                ScheduleItem(
                    commune_id=commune_id,
                    day=p.day,
                    session_id=p.session_id,
                    position=p.position,
                    script_id=p.script_id,
                )
            )
    session.flush()
    return result


# --- manual edits -------------------------------------------------------------------------------


def _validated(
    session: Session,
    *,
    commune_id: int,
    year: int,
    month: int,
    tz,
    proposed: list[rules.Placement],
) -> list[rules.Placement]:
    """Refuse an edit that breaks a rule the month did not already break (quotas are reported
    by check); return the proposal with every session in priority order."""
    ctx = context(session, commune_id=commune_id, year=year, month=month, tz=tz, also={p.script_id for p in proposed})
    proposed = order_by_priority(proposed, ctx.pieces)
    before = rules.check(
        year=year,
        month=month,
        slots=ctx.slots,
        pieces=ctx.pieces,
        placements=_placements(items(session, commune_id=commune_id, year=year, month=month)),
        quotas=ctx.quotas,
        labels=ctx.labels,
    )
    after = rules.check(
        year=year,
        month=month,
        slots=ctx.slots,
        pieces=ctx.pieces,
        placements=proposed,
        quotas=ctx.quotas,
        labels=ctx.labels,
    )
    old = {v.message for v in before.violations}
    new = [
        v.message
        for v in after.violations
        if v.message not in old and v.code not in ("duoi-toi-thieu", "duoi-muc-tieu")
    ]
    if new:
        raise InputError("Không thể sửa lịch như vậy: " + " ".join(new))
    return proposed


def _save_positions(session: Session, proposed: list[rules.Placement], new_item: ScheduleItem) -> None:
    """Write back the priority order the proposal settled on (the new item has no id yet)."""
    for p in proposed:
        item = new_item if p.item_id is None else _get_item(session, p.item_id)
        item.position = p.position
        session.add(item)
    session.flush()


def _get_item(session: Session, item_id: int) -> ScheduleItem:
    item = session.get(ScheduleItem, item_id)
    if item is None:
        raise NotFoundError(f"Không có mục lịch số {item_id}. Dùng «schedule show» để xem mã các mục.")
    return item


def add_item(session: Session, *, commune_id: int, day: date, session_id: int, script_id: int, tz) -> ScheduleItem:
    script = session.get(Script, script_id)
    if script is None or script.commune_id != commune_id:
        raise NotFoundError(f"Xã không có bài mã số {script_id}.")
    _refuse_past(session, commune_id=commune_id, day=day, session_id=session_id, tz=tz, what="xếp bài vào")
    current = _placements(items(session, commune_id=commune_id, year=day.year, month=day.month))
    position = sum(1 for p in current if p.day == day and p.session_id == session_id)
    proposed = _validated(
        session,
        commune_id=commune_id,
        year=day.year,
        month=day.month,
        tz=tz,
        proposed=[*current, rules.Placement(day, session_id, script_id, position)],
    )
    item = ScheduleItem(commune_id=commune_id, day=day, session_id=session_id, position=position, script_id=script_id)
    session.add(item)
    _save_positions(session, proposed, item)
    return item


def move_item(session: Session, *, item_id: int, day: date, session_id: int, tz) -> ScheduleItem:
    item = _get_item(session, item_id)
    _refuse_past(
        session, commune_id=item.commune_id, day=item.day, session_id=item.session_id, tz=tz, what="chuyển bài đi khỏi"
    )
    _refuse_past(session, commune_id=item.commune_id, day=day, session_id=session_id, tz=tz, what="chuyển bài sang")
    if day.year != item.day.year or day.month != item.day.month:
        raise InputError("Chỉ chuyển được trong cùng tháng; muốn chuyển sang tháng khác hãy xóa rồi thêm mới.")
    current = [
        p
        for p in _placements(items(session, commune_id=item.commune_id, year=day.year, month=day.month))
        if p.item_id != item.id
    ]
    position = sum(1 for p in current if p.day == day and p.session_id == session_id)
    proposed = _validated(
        session,
        commune_id=item.commune_id,
        year=day.year,
        month=day.month,
        tz=tz,
        proposed=[*current, rules.Placement(day, session_id, item.script_id, position, item.locked, item.id)],
    )
    item.day, item.session_id = day, session_id
    _save_positions(session, proposed, item)
    return item


def remove_item(session: Session, *, item_id: int) -> None:
    session.delete(_get_item(session, item_id))
    session.flush()


def lock_item(session: Session, *, item_id: int, locked: bool = True) -> ScheduleItem:
    item = _get_item(session, item_id)
    item.locked = locked
    session.add(item)
    session.flush()
    return item


def session_items(session: Session, *, commune_id: int, day: date, session_id: int) -> list[ScheduleItem]:
    """The items of one session, in play order (priority first, then position)."""
    query = select(ScheduleItem).where(
        ScheduleItem.commune_id == commune_id, ScheduleItem.day == day, ScheduleItem.session_id == session_id
    )
    rows = sorted(session.exec(query), key=lambda i: (i.position, i.id))
    priority = (
        {
            s.id: rules.PRIORITY_RANK.get(s.priority.value, 2)
            for s in session.exec(select(Script).where(col(Script.id).in_([r.script_id for r in rows])))
        }
        if rows
        else {}
    )
    return sorted(rows, key=lambda i: (priority.get(i.script_id, 2), i.position, i.id))


def slot_start(day: date, template: SessionTemplate, tz) -> datetime:
    return datetime.combine(day, parse_time(template.start), tzinfo=tz)


def check_as_dict(result: rules.CheckResult) -> dict:
    """The checker's verdict for JSON output (CLI --json and the API)."""
    return {
        "ok": result.ok,
        "categories": {
            c.category: {
                "label": c.label,
                "pieces": c.pieces,
                "airings": c.airings,
                "minimum": c.minimum,
                "target": c.target,
                "aired": c.aired,
                "planned": c.planned,
                "missing": c.missing,
                "status": c.status,
            }
            for c in result.counts
        },
        "violations": [
            {
                "code": v.code,
                "message": v.message,
                "blocking": v.blocking,
                "day": v.day.isoformat() if v.day else None,
                "session_id": v.session_id,
                "script_id": v.script_id,
            }
            for v in result.violations
        ],
    }
