"""The month's schedule in the database: loading what the pure rules need, planning,
checking and validated manual edits."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from broadcast.db import id_of
from broadcast.errors import InputError, IntegrityError, NotFoundError, StateError
from broadcast.models import (
    DaysKind,
    Profile,
    QuotaRule,
    ScheduleItem,
    Script,
    ScriptStatus,
    SessionTemplate,
)
from broadcast.scheduling import rules
from broadcast.scheduling.planner import PlanResult, order_by_priority, plan
from broadcast.services.communes import categories, get_commune
from broadcast.services.renders import current_render


def parse_month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"Tháng «{text}» không hợp lệ. Viết theo dạng năm-tháng, ví dụ 2025-09.")
    return int(m.group(1)), int(m.group(2))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"Ngày «{text}» không hợp lệ. Viết theo dạng năm-tháng-ngày, ví dụ 2025-09-15.") from exc


def parse_time(text: str) -> time:
    m = re.fullmatch(r"([01]?\d|2[0-3])[:hH]([0-5]\d)", text.strip())
    if not m:
        raise InputError(f"Giờ «{text}» không hợp lệ. Viết theo dạng giờ:phút, ví dụ 05:30.")
    return time(int(m.group(1)), int(m.group(2)))


# --- sessions and quotas -------------------------------------------------------------------


def sessions(session: Session, *, commune_id: int) -> list[SessionTemplate]:
    query = select(SessionTemplate).where(SessionTemplate.commune_id == commune_id)
    return sorted(session.exec(query), key=lambda s: (s.start, s.id))


def add_session(
    session: Session,
    *,
    commune_id: int,
    name: str,
    start: str,
    length_min: int,
    days: str = "daily",
    weekdays: list[int] | None = None,
    dates: list[str] | None = None,
    relay_min: int = 0,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> SessionTemplate:
    get_commune(session, commune_id=commune_id)
    if not name.strip():
        raise InputError("Cần đặt tên buổi phát, ví dụ «Buổi sáng».")
    if not 1 <= length_min <= 240:
        raise InputError("Thời lượng buổi phát phải từ 1 đến 240 phút.")
    if not 0 <= relay_min < length_min:
        raise InputError("Thời gian tiếp sóng phải ngắn hơn cả buổi phát.")
    kind = DaysKind(days) if days in {d.value for d in DaysKind} else None
    if kind is None:
        raise InputError("Kiểu ngày phát phải là daily, weekdays, weekly hoặc dates.")
    if kind == DaysKind.WEEKLY and not weekdays:
        raise InputError("Chọn thứ trong tuần (1 = thứ Hai … 7 = Chủ nhật) cho buổi phát hằng tuần.")
    if kind == DaysKind.DATES and not dates:
        raise InputError("Chọn ngày cụ thể cho buổi phát theo ngày.")
    for d in dates or []:
        parse_day(d)
    template = SessionTemplate(
        commune_id=commune_id,
        name=" ".join(name.split()),
        start=parse_time(start).strftime("%H:%M"),
        length_min=length_min,
        days=kind,
        weekdays=sorted(set(weekdays or [])),
        dates=sorted(set(dates or [])),
        relay_min=relay_min,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    session.add(template)
    session.flush()
    return template


def get_session(
    session: Session, *, commune_id: int, session_id: int | None = None, start: str | None = None
) -> SessionTemplate:
    """A session by id, or by its start time ("05:30")."""
    for template in sessions(session, commune_id=commune_id):
        if template.id == session_id or (start and template.start == parse_time(start).strftime("%H:%M")):
            return template
    raise NotFoundError("Không có buổi phát này. Dùng «sessions list» để xem các buổi phát của xã.")


def quotas(session: Session, *, commune_id: int) -> list[QuotaRule]:
    return list(session.exec(select(QuotaRule).where(QuotaRule.commune_id == commune_id).order_by(col(QuotaRule.id))))


def set_quota(
    session: Session,
    *,
    commune_id: int,
    category: str,
    minimum: int,
    target: int,
    spacing_days: int = 5,
    max_per_script: int = 3,
) -> QuotaRule:
    known = {c.code for c in categories(session, commune_id=commune_id)}
    if category not in known:
        raise InputError(f"Không có chuyên mục «{category}». Các chuyên mục: {', '.join(sorted(known))}.")
    if not 0 <= minimum <= target or target > 31:
        raise InputError("Cần 0 ≤ tối thiểu ≤ mục tiêu ≤ 31 bài mỗi tháng.")
    if not 0 <= spacing_days <= 31 or not 1 <= max_per_script <= 31:
        raise InputError("Khoảng cách phải từ 0 đến 31 ngày; số lần phát mỗi bài từ 1 đến 31.")
    rule = session.exec(
        select(QuotaRule).where(QuotaRule.commune_id == commune_id, QuotaRule.category == category)
    ).first()
    rule = rule or QuotaRule(commune_id=commune_id, category=category)
    rule.minimum, rule.target, rule.spacing_days, rule.max_per_script = minimum, target, spacing_days, max_per_script
    session.add(rule)
    session.flush()
    return rule


# --- what the rules need --------------------------------------------------------------------


def session_rules(session: Session, *, commune_id: int) -> list[rules.SessionRule]:
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
        for s in sessions(session, commune_id=commune_id)
    ]


def script_window(script: Script, tz) -> tuple[date | None, date | None]:
    """The days a script may air: its month, its date range, or else the month it was written in."""
    if script.valid_from or script.valid_to:
        return script.valid_from, script.valid_to
    month = script.month or script.created_at.astimezone(tz).strftime("%Y-%m")
    year, mon = parse_month(month)
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def pieces(session: Session, *, commune_id: int, tz) -> dict[int, rules.Piece]:
    """Every script of the commune as the planner sees it (playable = approved with a current render)."""
    out: dict[int, rules.Piece] = {}
    for script in session.exec(select(Script).where(Script.commune_id == commune_id)):
        script_id = id_of(script)
        first, last = script_window(script, tz)
        duration, playable, why = 0.0, False, ""
        if script.status != ScriptStatus.DA_DUYET:
            why = f"bài đang «{script.status.label}», chưa được duyệt"
        else:
            try:
                duration, playable = (
                    current_render(session, script_id=script_id, profile=Profile.STATION).duration_s,
                    True,
                )
            except (StateError, IntegrityError) as exc:
                why = exc.message
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


def context(session: Session, *, commune_id: int, year: int, month: int, tz) -> MonthContext:
    get_commune(session, commune_id=commune_id)
    return MonthContext(
        year,
        month,
        rules.occurrences(session_rules(session, commune_id=commune_id), year, month),
        pieces(session, commune_id=commune_id, tz=tz),
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
    )


def plan_month(session: Session, *, commune_id: int, year: int, month: int, tz) -> PlanResult:
    """Replace the month's unlocked items by the planner's; locked items stay where they are."""
    ctx = context(session, commune_id=commune_id, year=year, month=month, tz=tz)
    current = items(session, commune_id=commune_id, year=year, month=month)
    result = plan(
        year=year,
        month=month,
        slots=ctx.slots,
        pieces=ctx.pieces,
        existing=_placements(current),
        quotas=ctx.quotas,
        labels=ctx.labels,
    )
    kept = {i.id: i for i in current if i.locked}
    for item in current:
        if not item.locked:
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
    ctx = context(session, commune_id=commune_id, year=year, month=month, tz=tz)
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


def remove_session(session: Session, *, commune_id: int, session_id: int) -> None:
    """Remove a recurring session that has nothing scheduled in it."""
    template = get_session(session, commune_id=commune_id, session_id=session_id)
    used = session.exec(select(ScheduleItem).where(ScheduleItem.session_id == template.id)).all()
    if used:
        raise InputError(f"Buổi {template.name} còn {len(used)} bài trong lịch. Hãy chuyển hoặc bỏ các bài đó trước.")
    session.delete(template)
    session.flush()


def remove_quota(session: Session, *, commune_id: int, category: str) -> None:
    rule = session.exec(
        select(QuotaRule).where(QuotaRule.commune_id == commune_id, QuotaRule.category == category)
    ).first()
    if rule is None:
        raise NotFoundError(f"Chuyên mục «{category}» không có chỉ tiêu.")
    session.delete(rule)
    session.flush()
