"""Calendar rules and the planner as pure functions of (rules, month): no database, no scheduler."""

from __future__ import annotations

import itertools
from datetime import date, time

import pytest

from broadcast.scheduling.planner import plan
from broadcast.scheduling.rules import (
    ITEM_GAP_S,
    Piece,
    Placement,
    Quota,
    SessionRule,
    check,
    occurrences,
    week_of,
)

MORNING = SessionRule(1, "Buổi sáng", time(5, 30), 30)
EVENING = SessionRule(2, "Buổi chiều", time(17, 0), 30, relay_min=15)
LABELS = {"cchc": "Cải cách hành chính", "y-te": "Y tế", "khac": "Khác"}
CCHC = Quota("cchc", minimum=2, target=3, spacing_days=5, max_per_script=3)


def piece(
    i: int,
    category: str = "cchc",
    seconds: float = 300,
    priority: str = "thong-thuong",
    first: date | None = None,
    last: date | None = None,
    playable: bool = True,
) -> Piece:
    return Piece(
        i, f"Bài {i}", category, priority, seconds, first, last, playable, "" if playable else "chưa dựng âm thanh"
    )


@pytest.mark.parametrize("year, month, days", [(2025, 2, 28), (2024, 2, 29), (2025, 9, 30), (2025, 10, 31)])
def test_occurrences_every_day_with_relay(year: int, month: int, days: int) -> None:
    slots = occurrences([MORNING, EVENING], year, month)
    assert len(slots) == 2 * days
    assert slots[0].name == "Buổi sáng" and slots[1].name == "Buổi chiều"
    assert slots[0].capacity_s == 1800 and slots[1].capacity_s == 900 and slots[1].relay_s == 900


def test_weekday_weekly_dates_and_validity() -> None:
    weekdays = SessionRule(3, "Trưa", time(11, 0), 15, days="weekdays")
    weekly = SessionRule(4, "Tối thứ Hai, thứ Năm", time(19, 0), 20, days="weekly", weekdays=(0, 3))
    dated = SessionRule(5, "Đặc biệt", time(8, 0), 60, days="dates", dates=(date(2025, 9, 2),))
    limited = SessionRule(6, "Mùa mưa", time(6, 0), 10, valid_from=date(2025, 9, 10), valid_to=date(2025, 9, 12))
    slots = occurrences([weekdays, weekly, dated, limited], 2025, 9)
    by = {s: [x.day.day for x in slots if x.session_id == s] for s in (3, 4, 5, 6)}
    assert len(by[3]) == 22 and all(date(2025, 9, d).weekday() < 5 for d in by[3])
    assert by[4] == [1, 4, 8, 11, 15, 18, 22, 25, 29]
    assert by[5] == [2] and by[6] == [10, 11, 12]


def test_capacity_counts_gaps_and_relay() -> None:
    slots = occurrences([EVENING], 2025, 9)
    pieces = {1: piece(1, "khac", 450), 2: piece(2, "khac", 450)}
    day = date(2025, 9, 3)
    full = [Placement(day, 2, 1, 0), Placement(day, 2, 2, 1)]  # 900 s + a gap > 900 s left after relay
    result = check(year=2025, month=9, slots=slots, pieces=pieces, placements=full, quotas=[], labels=LABELS)
    assert [v.code for v in result.violations] == ["qua-thoi-luong"]
    pieces[2] = piece(2, "khac", 450 - ITEM_GAP_S)
    assert check(year=2025, month=9, slots=slots, pieces=pieces, placements=full, quotas=[], labels=LABELS).ok


def test_spacing_repeats_window_playable_and_priority() -> None:
    slots = occurrences([MORNING], 2025, 9)
    pieces = {
        1: piece(1),
        2: piece(2, first=date(2025, 9, 10), last=date(2025, 9, 20)),
        3: piece(3, playable=False),
        4: piece(4, "khac", priority="uu-tien"),
    }
    placements = [Placement(date(2025, 9, d), 1, 1) for d in (1, 8, 15, 22)] + [
        Placement(date(2025, 9, 3), 1, 2),
        Placement(date(2025, 9, 25), 1, 3),
        Placement(date(2025, 9, 22), 1, 4, position=1),
    ]
    codes = {
        v.code
        for v in check(
            year=2025, month=9, slots=slots, pieces=pieces, placements=placements, quotas=[CCHC], labels=LABELS
        ).violations
    }
    assert {"qua-so-lan", "khoang-cach", "ngoai-thoi-gian", "chua-phat-duoc", "thu-tu-uu-tien"} <= codes


def test_minimum_quota_message() -> None:
    slots = occurrences([MORNING, EVENING], 2025, 9)
    result = check(
        year=2025,
        month=9,
        slots=slots,
        pieces={1: piece(1)},
        placements=[Placement(date(2025, 9, 5), 1, 1)],
        quotas=[CCHC],
        labels=LABELS,
    )
    assert not result.ok
    assert "Tháng 9/2025 mới xếp được 1/2 bài CCHC: cần thêm 1 bài CCHC đã duyệt và đã dựng âm thanh." in [
        v.message for v in result.violations
    ]
    assert result.counts[0].pieces == 1 and result.counts[0].status == "chưa đạt tối thiểu"


def test_planner_meets_target_spreads_and_is_deterministic() -> None:
    slots = occurrences([MORNING, EVENING], 2025, 9)
    pieces = {i: piece(i) for i in (1, 2, 3, 4)} | {10: piece(10, "y-te"), 11: piece(11, "khac", priority="uu-tien")}
    first = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[], quotas=[CCHC], labels=LABELS)
    again = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[], quotas=[CCHC], labels=LABELS)
    assert first.placements == again.placements
    assert first.check.ok
    cchc = sorted(p.day for p in first.placements if pieces[p.script_id].category == "cchc")
    assert len(cchc) == 3 and len({week_of(d) for d in cchc}) == 3
    assert all((b - a).days >= 5 for a, b in itertools.pairwise(cchc))
    assert {p.script_id for p in first.placements} >= {10, 11}
    assert first.check.counts[0].status == "đạt mục tiêu"


def test_planner_keeps_locked_items_and_respects_capacity() -> None:
    slots = occurrences([EVENING], 2025, 9)  # 15 minutes free a day
    pieces = {1: piece(1, seconds=800), 2: piece(2, seconds=800), 3: piece(3, seconds=800), 9: piece(9, "khac", 850)}
    locked = Placement(date(2025, 9, 14), 2, 9, locked=True, item_id=77)
    result = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[locked], quotas=[CCHC], labels=LABELS)
    assert locked.item_id in [p.item_id for p in result.placements]
    assert not any(p.day == date(2025, 9, 14) and p.script_id != 9 for p in result.placements)
    assert result.check.ok


def test_planner_explains_missing_material() -> None:
    slots = occurrences([MORNING], 2025, 9)
    pieces = {1: piece(1), 2: piece(2, playable=False)}
    result = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[], quotas=[CCHC], labels=LABELS)
    assert {p.script_id for p in result.placements} == {1}  # the only playable piece, aired again
    assert not result.check.ok
    assert any("mới xếp được 1/2 bài CCHC: cần thêm 1 bài CCHC" in v.message for v in result.check.violations)
    assert any("chỉ có 1 bài phát được, mục tiêu là 3 bài" in n for n in result.notes)
    assert any("1 bài của tháng chưa phát được" in n for n in result.notes)


def test_planner_airs_too_few_pieces_again_up_to_the_target_with_spacing() -> None:
    slots = occurrences([MORNING, EVENING], 2025, 9)
    pieces = {1: piece(1), 2: piece(2)}
    result = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[], quotas=[CCHC], labels=LABELS)
    days = sorted(p.day for p in result.placements)
    assert len(days) == CCHC.target  # two pieces, three airings
    assert all((b - a).days >= CCHC.spacing_days for a, b in itertools.pairwise(days))
    assert max(sum(1 for p in result.placements if p.script_id == i) for i in pieces) <= CCHC.max_per_script
    assert not any(v.code in ("khoang-cach", "qua-so-lan") for v in result.check.violations)
    assert any("chỉ có 2 bài phát được" in n for n in result.notes)


def test_planner_says_why_when_it_places_nothing() -> None:
    slots = occurrences([MORNING], 2025, 9)
    result = plan(
        year=2025, month=9, slots=slots, pieces={1: piece(1, playable=False)}, existing=[], quotas=[CCHC], labels=LABELS
    )
    assert result.placements == []
    assert any("Chưa có bài nào phát được" in n for n in result.notes)
    assert any("chưa có bài nào đã duyệt và đã dựng âm thanh" in n for n in result.notes)
    empty = plan(year=2025, month=9, slots=[], pieces={1: piece(1)}, existing=[], quotas=[CCHC], labels=LABELS)
    assert any("chưa có buổi phát nào" in n for n in empty.notes)


def test_planner_honours_script_windows() -> None:
    slots = occurrences([MORNING], 2025, 9)
    pieces = {
        1: piece(1, first=date(2025, 9, 1), last=date(2025, 9, 7)),
        2: piece(2, first=date(2025, 9, 25), last=date(2025, 9, 30)),
    }
    result = plan(year=2025, month=9, slots=slots, pieces=pieces, existing=[], quotas=[CCHC], labels=LABELS)
    days = {p.script_id: p.day for p in result.placements}
    assert days[1].day <= 7 and days[2].day >= 25
