"""The month schedule as a person reads it: every day, its sessions (with the relay block
at their start) and the pieces in each; and one item with where it sits, for the pages
that move or remove it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from broadcast.errors import NotFoundError
from broadcast.exports.month import Row, rows
from broadcast.models import ScheduleItem
from broadcast.scheduling import rules
from broadcast.services import schedule as sched


@dataclass
class SessionView:
    session_id: int
    name: str
    start: str
    relay_min: int
    relay_label: str
    items: list[Row] = field(default_factory=list)


@dataclass
class DayView:
    day: date
    sessions: list[SessionView]

    @property
    def items(self) -> list[Row]:
        return [r for s in self.sessions for r in s.items]


def month_view(session: Session, *, commune_id: int, year: int, month: int) -> list[DayView]:
    """Every day of the month with the sessions that happen on it and what is scheduled there."""
    read = sched.sessions(session, commune_id=commune_id)
    templates = {t.id: t for t in read}
    slots = rules.occurrences(sched.session_rules(session, commune_id=commune_id, templates=read), year, month)
    days: dict[date, dict[int, SessionView]] = {d: {} for d in rules.month_days(year, month)}
    for slot in slots:
        t = templates[slot.session_id]
        days[slot.day][slot.session_id] = SessionView(slot.session_id, t.name, t.start, t.relay_min, t.relay_label)
    items = sched.items(session, commune_id=commune_id, year=year, month=month)
    month_items = {i.id: i for i in items}
    for row in rows(session, commune_id=commune_id, year=year, month=month, month_items=items, templates=read):
        item = month_items.get(row.item_id)
        if item is None or row.day not in days:
            continue
        if item.session_id not in days[row.day]:  # a session that no longer happens that day
            t = templates[item.session_id]
            days[row.day][item.session_id] = SessionView(item.session_id, t.name, t.start, t.relay_min, t.relay_label)
        days[row.day][item.session_id].items.append(row)
    return [DayView(d, sorted(by_id.values(), key=lambda s: (s.start, s.session_id))) for d, by_id in days.items()]


@dataclass
class ItemView:
    item: ScheduleItem
    row: Row


def item_view(session: Session, *, item_id: int) -> ItemView:
    """One schedule item with its title, day and session, as the move and remove pages show it."""
    item = session.get(ScheduleItem, item_id)
    if item is None:
        raise NotFoundError("Không có mục lịch này (có thể đã được bỏ).", item_id=item_id)
    for row in rows(session, commune_id=item.commune_id, year=item.day.year, month=item.day.month):
        if row.item_id == item_id:
            return ItemView(item, row)
    raise NotFoundError("Không có mục lịch này (có thể đã được bỏ).", item_id=item_id)
