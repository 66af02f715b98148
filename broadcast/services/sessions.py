"""Recurring sessions and monthly quotas of a commune, and the parsing of days, months and
times that schedule input shares."""

from __future__ import annotations

import re
from datetime import date, time

from sqlmodel import Session, col, select

from broadcast.errors import InputError, NotFoundError
from broadcast.models import DaysKind, QuotaRule, ScheduleItem, SessionTemplate
from broadcast.services.communes import categories, get_commune


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
