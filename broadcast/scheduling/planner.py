"""The month planner: deterministic and greedy, built on the pure rules.

Order of work: keep what the user locked; for each category with a quota, place distinct
pieces at days spread evenly over the month (nearest free slot that respects the piece's
window, capacity, spacing and — when avoidable — one piece of the category per week)
until the target is reached or material runs out; when there are fewer pieces than the
target, air them again (each at most max_per_script times, spacing kept, in the widest
gaps) until the category has as many airings as its target; then give every other playable
piece of the month one airing, also spread; finally order each session by priority. The
checker (rules.check) says what is still missing, and the notes say in plain words why
the planner placed fewer than the target.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from broadcast.scheduling.rules import (
    PRIORITY_RANK,
    CheckResult,
    Piece,
    Placement,
    Quota,
    Slot,
    check,
    load_seconds,
    month_days,
    nearest_days,
    spread_targets,
    week_of,
)


@dataclass
class PlanResult:
    placements: list[Placement]
    check: CheckResult
    notes: list[str] = field(default_factory=list)


class _Board:
    """Slots with what is in them, for placing pieces one by one."""

    def __init__(self, slots: Sequence[Slot], pieces: Mapping[int, Piece], kept: Sequence[Placement]) -> None:
        self.slots_by_day: dict[date, list[Slot]] = defaultdict(list)
        for slot in slots:
            self.slots_by_day[slot.day].append(slot)
        self.pieces = pieces
        self.items: dict[tuple[date, int], list[int]] = defaultdict(list)
        self.placements: list[Placement] = []
        for p in kept:
            self.add(p.day, p.session_id, p.script_id, locked=p.locked, item_id=p.item_id)

    def add(
        self, day: date, session_id: int, script_id: int, *, locked: bool = False, item_id: int | None = None
    ) -> None:
        self.items[(day, session_id)].append(script_id)
        self.placements.append(Placement(day, session_id, script_id, locked=locked, item_id=item_id))

    def has_room(self, slot: Slot, piece: Piece) -> bool:
        durations = [self.pieces[s].duration_s for s in self.items[slot.key] if s in self.pieces]
        return load_seconds([*durations, piece.duration_s]) <= slot.capacity_s

    def days_of(self, category: str) -> list[date]:
        return [
            p.day
            for p in self.placements
            if p.script_id in self.pieces and self.pieces[p.script_id].category == category
        ]

    def airings(self, script_id: int) -> int:
        return sum(1 for p in self.placements if p.script_id == script_id)

    def find(self, piece: Piece, ideal: date, days: Sequence[date], *, spacing: int, one_per_week: bool) -> Slot | None:
        taken = self.days_of(piece.category) if spacing or one_per_week else []
        weeks = {week_of(d) for d in taken}
        for day in nearest_days(ideal, days):
            if not piece.fits(day):
                continue
            if spacing and any(abs((day - d).days) < spacing for d in taken):
                continue
            if one_per_week and week_of(day) in weeks:
                continue
            for slot in sorted(self.slots_by_day.get(day, []), key=lambda s: (len(self.items[s.key]), s.start)):
                if piece.script_id not in self.items[slot.key] and self.has_room(slot, piece):
                    return slot
        return None


def plan(
    *,
    year: int,
    month: int,
    slots: Sequence[Slot],
    pieces: Mapping[int, Piece],
    existing: Sequence[Placement],
    quotas: Sequence[Quota],
    labels: Mapping[str, str],
    not_before: datetime | None = None,
) -> PlanResult:
    """Fill the month; returns every placement (locked ones kept as they were) and the check.

    With not_before (local, naive: now plus the lead time) nothing new is placed in a
    session that starts earlier; what is already there (it may have aired) is kept."""
    days = month_days(year, month)
    free = [s for s in slots if not_before is None or datetime.combine(s.day, s.start) >= not_before]
    if not_before is not None:
        days = [d for d in days if d >= not_before.date()]
    board = _Board(free, pieces, [p for p in existing if p.locked])
    notes: list[str] = []
    in_month = {pid: pc for pid, pc in pieces.items() if pc.playable and any(pc.fits(d) for d in days)}

    def order(candidates: list[Piece]) -> list[Piece]:
        return sorted(candidates, key=lambda pc: (PRIORITY_RANK.get(pc.priority, 2), pc.script_id))

    if not slots:
        notes.append("Tháng này chưa có buổi phát nào: hãy thêm buổi phát ở trang Cài đặt.")
    if not in_month:
        notes.append(
            "Chưa có bài nào phát được trong tháng này: bài cần được duyệt và dựng âm thanh trước khi xếp lịch."
        )
    waiting = [pc for pc in pieces.values() if not pc.playable and any(pc.fits(d) for d in days)]
    if waiting:
        notes.append(
            f"{len(waiting)} bài của tháng chưa phát được nên chưa xếp (ví dụ «{waiting[0].title}»: {waiting[0].why_not})."
        )

    for quota in quotas:
        candidates = order([pc for pc in in_month.values() if pc.category == quota.category])
        placed = {
            p.script_id
            for p in board.placements
            if p.script_id in pieces and pieces[p.script_id].category == quota.category
        }
        wanted = max(0, quota.target - len(placed))
        fresh = [pc for pc in candidates if pc.script_id not in placed]
        for ideal, piece in zip(
            spread_targets(year, month, max(quota.target, 1))[len(placed) :], fresh[:wanted], strict=False
        ):
            slot = board.find(piece, ideal, days, spacing=quota.spacing_days, one_per_week=True) or board.find(
                piece, ideal, days, spacing=quota.spacing_days, one_per_week=False
            )
            if slot is None:
                notes.append(f"Không còn buổi trống phù hợp cho bài «{piece.title}».")
                continue
            board.add(slot.day, slot.session_id, piece.script_id)
        _repeat(board, quota, candidates, days)
        notes.extend(_quota_notes(board, quota, candidates, labels.get(quota.category, quota.category)))

    quota_categories = {q.category for q in quotas}
    others = order(
        [pc for pc in in_month.values() if pc.category not in quota_categories and board.airings(pc.script_id) == 0]
    )
    for ideal, piece in zip(spread_targets(year, month, max(len(others), 1)), others, strict=False):
        slot = board.find(piece, ideal, days, spacing=0, one_per_week=False)
        if slot is None:
            notes.append(f"Không còn buổi trống cho bài «{piece.title}».")
            continue
        board.add(slot.day, slot.session_id, piece.script_id)

    placements = order_by_priority(board.placements, pieces)
    return PlanResult(
        placements,
        check(
            year=year,
            month=month,
            slots=slots,
            pieces=pieces,
            placements=placements,
            quotas=quotas,
            labels=labels,
            now=not_before,
        ),
        notes,
    )


def _repeat(board: _Board, quota: Quota, candidates: Sequence[Piece], days: Sequence[date]) -> None:
    """Air the category's pieces again until it has `target` airings, as far as the rules allow."""
    aired = [pc for pc in candidates if board.airings(pc.script_id)]
    while len(board.days_of(quota.category)) < quota.target:
        progress = False
        for piece in aired:
            if len(board.days_of(quota.category)) >= quota.target:
                break
            if board.airings(piece.script_id) >= quota.max_per_script:
                continue
            ideal = widest_gap_middle(board.days_of(quota.category), days)
            slot = board.find(piece, ideal, days, spacing=quota.spacing_days, one_per_week=False)
            if slot is not None:
                board.add(slot.day, slot.session_id, piece.script_id)
                progress = True
        if not progress:
            return


def _quota_notes(board: _Board, quota: Quota, candidates: Sequence[Piece], label: str) -> list[str]:
    """Why a category has fewer pieces or airings than its target (nothing when it is met)."""
    airings = len(board.days_of(quota.category))
    pieces = len(
        {
            p.script_id
            for p in board.placements
            if p.script_id in board.pieces and board.pieces[p.script_id].category == quota.category
        }
    )
    notes = []
    if not candidates:
        notes.append(
            f"{label}: chưa có bài nào đã duyệt và đã dựng âm thanh cho tháng này (mục tiêu {quota.target} bài)."
        )
    elif pieces < quota.target:
        notes.append(
            f"{label}: chỉ có {len(candidates)} bài phát được, mục tiêu là {quota.target} bài; "
            "cần thêm bài đã duyệt và đã dựng âm thanh."
        )
    if candidates and airings < quota.target:
        notes.append(
            f"{label}: xếp được {airings}/{quota.target} lượt phát, vì mỗi bài phát tối đa {quota.max_per_script} lần, "
            f"các lần phát cách nhau ít nhất {quota.spacing_days} ngày và buổi phát còn chỗ trống có hạn."
        )
    return notes


def widest_gap_middle(taken: Sequence[date], days: Sequence[date]) -> date:
    """The day in the middle of the longest stretch of the month without any of taken."""
    if not days:
        raise ValueError("a month has days")
    edges = [days[0] - timedelta(days=1), *sorted(taken), days[-1] + timedelta(days=1)]
    a, b = max(itertools.pairwise(edges), key=lambda e: ((e[1] - e[0]).days, -e[0].toordinal()))
    middle = a + timedelta(days=(b - a).days // 2)
    return min(max(middle, days[0]), days[-1])


def order_by_priority(placements: Sequence[Placement], pieces: Mapping[int, Piece]) -> list[Placement]:
    """Positions within each session: priority first, then the order of placing."""
    by_slot: dict[tuple[date, int], list[Placement]] = defaultdict(list)
    for p in placements:
        by_slot[(p.day, p.session_id)].append(p)
    out = []
    for key in sorted(by_slot):
        items = sorted(
            enumerate(by_slot[key]),
            key=lambda e: (
                PRIORITY_RANK.get(pieces[e[1].script_id].priority, 2) if e[1].script_id in pieces else 2,
                e[0],
            ),
        )
        for position, (_, p) in enumerate(items):
            out.append(Placement(p.day, p.session_id, p.script_id, position, p.locked, p.item_id))
    return out
