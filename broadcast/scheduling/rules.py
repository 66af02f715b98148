"""Calendar rules as pure functions of (rules, month): occurrences, capacity, spacing,
repeats, windows, priorities and quotas. No database and no scheduler here."""

from __future__ import annotations

import calendar
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

ITEM_GAP_S = 2.0  # silence between two items of a session
PRIORITY_RANK = {"khan-cap": 0, "uu-tien": 1, "thong-thuong": 2}


@dataclass(frozen=True)
class SessionRule:
    """A recurring session as the rules see it (a copy of SessionTemplate's fields)."""

    id: int
    name: str
    start: time
    length_min: int
    days: str = "daily"  # daily | weekdays | weekly | dates
    weekdays: tuple[int, ...] = ()
    dates: tuple[date, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    relay_min: int = 0

    def happens_on(self, day: date) -> bool:
        if (self.valid_from and day < self.valid_from) or (self.valid_to and day > self.valid_to):
            return False
        if self.days == "daily":
            return True
        if self.days == "weekdays":
            return day.weekday() < 5
        if self.days == "weekly":
            return day.weekday() in self.weekdays
        return day in self.dates


@dataclass(frozen=True)
class Slot:
    day: date
    session_id: int
    name: str
    start: time
    capacity_s: float  # the session's length less its relay block
    relay_s: float

    @property
    def key(self) -> tuple[date, int]:
        return (self.day, self.session_id)


@dataclass(frozen=True)
class Piece:
    """A script as the planner sees it."""

    script_id: int
    title: str
    category: str
    priority: str
    duration_s: float
    first_day: date | None  # the script's window; None = open
    last_day: date | None
    playable: bool  # approved, and its render is current
    why_not: str = ""
    channels: tuple[str, ...] = ("dai",)

    def fits(self, day: date) -> bool:
        return (self.first_day is None or day >= self.first_day) and (self.last_day is None or day <= self.last_day)


@dataclass(frozen=True)
class Quota:
    category: str
    minimum: int
    target: int
    spacing_days: int = 5
    max_per_script: int = 3


@dataclass(frozen=True)
class Placement:
    day: date
    session_id: int
    script_id: int
    position: int = 0
    locked: bool = False
    item_id: int | None = None


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    day: date | None = None
    session_id: int | None = None
    script_id: int | None = None
    blocking: bool = True  # unmet minimums and broken rules block; a missed target only warns


@dataclass
class CategoryCount:
    category: str
    label: str
    pieces: int
    airings: int
    minimum: int
    target: int
    aired: int = 0  # distinct pieces with an airing already past
    planned: int = 0  # distinct pieces whose airings are all still ahead

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.pieces)

    @property
    def status(self) -> str:
        if not self.minimum and not self.target:
            return "không có chỉ tiêu"
        if self.pieces >= self.target:
            return "đạt mục tiêu"
        if self.pieces >= self.minimum:
            return "đạt tối thiểu"
        return "chưa đạt tối thiểu"


@dataclass
class CheckResult:
    violations: list[Violation] = field(default_factory=list)
    counts: list[CategoryCount] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(v.blocking for v in self.violations)


def month_days(year: int, month: int) -> list[date]:
    return [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def month_label(year: int, month: int) -> str:
    return f"Tháng {month}/{year}"


def occurrences(sessions: Iterable[SessionRule], year: int, month: int) -> list[Slot]:
    """Every session of the month, in time order."""
    slots = []
    for day in month_days(year, month):
        for s in sorted(sessions, key=lambda s: (s.start, s.id)):
            if s.happens_on(day):
                slots.append(
                    Slot(day, s.id, s.name, s.start, max(0.0, (s.length_min - s.relay_min) * 60.0), s.relay_min * 60.0)
                )
    return slots


def load_seconds(durations: Sequence[float]) -> float:
    """Air time of items in one session, gaps between them included."""
    return sum(durations) + ITEM_GAP_S * max(0, len(durations) - 1)


def short_name(category: str, label: str) -> str:
    return category.upper() if category == "cchc" else label.lower()


def check(
    *,
    year: int,
    month: int,
    slots: Sequence[Slot],
    pieces: Mapping[int, Piece],
    placements: Sequence[Placement],
    quotas: Sequence[Quota],
    labels: Mapping[str, str],
    now: datetime | None = None,
) -> CheckResult:
    """Every violation of the month's schedule, and per-category counts against the quotas
    (with `now`, a local naive time: how many pieces already aired and how many are planned)."""
    result = CheckResult()
    v = result.violations.append
    by_slot: dict[tuple[date, int], list[Placement]] = defaultdict(list)
    slot_index = {s.key: s for s in slots}
    quota_of = {q.category: q for q in quotas}
    for p in placements:
        by_slot[(p.day, p.session_id)].append(p)
        piece = pieces.get(p.script_id)
        if (p.day, p.session_id) not in slot_index:
            v(
                Violation(
                    "khong-co-buoi", f"Ngày {p.day:%d/%m/%Y} không có buổi phát này.", p.day, p.session_id, p.script_id
                )
            )
        if piece is None:
            v(Violation("khong-co-bai", f"Bài {p.script_id} không có trong xã.", p.day, p.session_id, p.script_id))
            continue
        if not piece.playable:
            v(
                Violation(
                    "chua-phat-duoc",
                    f"Bài «{piece.title}» chưa phát được: {piece.why_not}",
                    p.day,
                    p.session_id,
                    p.script_id,
                )
            )
        if not piece.fits(p.day):
            v(
                Violation(
                    "ngoai-thoi-gian",
                    f"Bài «{piece.title}» chỉ được phát {window_text(piece)}, không phát ngày {p.day:%d/%m/%Y}.",
                    p.day,
                    p.session_id,
                    p.script_id,
                )
            )
    for key, items in by_slot.items():
        slot = slot_index.get(key)
        if slot is None:
            continue
        known = [pieces[i.script_id] for i in items if i.script_id in pieces]
        used = load_seconds([pc.duration_s for pc in known])
        if used > slot.capacity_s + 0.5:
            v(
                Violation(
                    "qua-thoi-luong",
                    f"{slot.name} ngày {slot.day:%d/%m/%Y} quá thời lượng: "
                    f"{used / 60:.1f} phút bài trên {slot.capacity_s / 60:.0f} phút còn trống.",
                    slot.day,
                    slot.session_id,
                )
            )
        ordered = sorted(items, key=lambda i: i.position)
        ranks = [PRIORITY_RANK.get(pieces[i.script_id].priority, 2) for i in ordered if i.script_id in pieces]
        if ranks != sorted(ranks):
            v(
                Violation(
                    "thu-tu-uu-tien",
                    f"{slot.name} ngày {slot.day:%d/%m/%Y}: bài ưu tiên phải phát trước.",
                    slot.day,
                    slot.session_id,
                )
            )
    airings: dict[int, list[date]] = defaultdict(list)
    for p in placements:
        airings[p.script_id].append(p.day)
    for script_id, days in airings.items():
        piece = pieces.get(script_id)
        if piece is None:
            continue
        limit = quota_of[piece.category].max_per_script if piece.category in quota_of else 3
        if len(days) > limit:
            v(
                Violation(
                    "qua-so-lan",
                    f"Bài «{piece.title}» phát {len(days)} lần trong tháng, tối đa {limit} lần.",
                    script_id=script_id,
                )
            )
    for q in quotas:
        days = sorted(p.day for p in placements if p.script_id in pieces and pieces[p.script_id].category == q.category)
        for a, b in itertools.pairwise(days):
            if (b - a).days < q.spacing_days:
                v(
                    Violation(
                        "khoang-cach",
                        f"Hai lần phát bài {short_name(q.category, labels.get(q.category, q.category))} "
                        f"ngày {a:%d/%m} và {b:%d/%m} cách nhau chưa đủ {q.spacing_days} ngày.",
                        b,
                    )
                )
    categories = list(dict.fromkeys([q.category for q in quotas] + sorted({pc.category for pc in pieces.values()})))
    for category in categories:
        placed = [p for p in placements if p.script_id in pieces and pieces[p.script_id].category == category]
        quota = quota_of.get(category)
        aired = {p.script_id for p in placed if now is not None and _starts(p, slot_index) < now}
        count = CategoryCount(
            category,
            labels.get(category, category),
            len({p.script_id for p in placed}),
            len(placed),
            quota.minimum if quota else 0,
            quota.target if quota else 0,
            len(aired),
            len({p.script_id for p in placed} - aired),
        )
        if quota or placed:
            result.counts.append(count)
        if quota and count.pieces < quota.minimum:
            name = short_name(category, count.label)
            missing = quota.minimum - count.pieces
            v(
                Violation(
                    "duoi-toi-thieu",
                    f"{month_label(year, month)} mới xếp được {count.pieces}/{quota.minimum} bài "
                    f"{name}: cần thêm {missing} bài {name} đã duyệt và đã dựng âm thanh.",
                )
            )
        elif quota and count.pieces < quota.target:
            v(
                Violation(
                    "duoi-muc-tieu",
                    f"{month_label(year, month)} đạt tối thiểu {quota.minimum} bài "
                    f"{short_name(category, count.label)} nhưng chưa đủ mục tiêu {quota.target} bài.",
                    blocking=False,
                )
            )
    return result


def window_text(piece: Piece) -> str:
    """The days a piece may air, in words: "từ 01/07/2024 đến 31/07/2024"."""
    first = f"từ {piece.first_day:%d/%m/%Y}" if piece.first_day else ""
    last = f"đến {piece.last_day:%d/%m/%Y}" if piece.last_day else ""
    return " ".join(x for x in (first, last) if x) or "trong thời gian đã định"


def _starts(p: Placement, slot_index: Mapping[tuple[date, int], Slot]) -> datetime:
    slot = slot_index.get((p.day, p.session_id))
    return datetime.combine(p.day, slot.start if slot else time(0, 0))


def week_of(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso[0], iso[1])


def nearest_days(ideal: date, days: Sequence[date]) -> list[date]:
    """Days ordered by distance from ideal (later first on ties)."""
    return sorted(days, key=lambda d: (abs((d - ideal).days), -(d - ideal).days))


def spread_targets(year: int, month: int, count: int) -> list[date]:
    """count days spread evenly over the month (the middle of equal parts)."""
    days = month_days(year, month)
    return [days[min(len(days) - 1, int((k + 0.5) * len(days) / count))] for k in range(count)]


def gap(a: date, b: date) -> int:
    return abs((b - a).days)


__all__ = [
    "ITEM_GAP_S",
    "PRIORITY_RANK",
    "CategoryCount",
    "CheckResult",
    "Piece",
    "Placement",
    "Quota",
    "SessionRule",
    "Slot",
    "Violation",
    "check",
    "gap",
    "load_seconds",
    "month_days",
    "month_label",
    "nearest_days",
    "occurrences",
    "short_name",
    "spread_targets",
    "week_of",
]
