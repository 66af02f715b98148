"""Planner, checker and manual edits through the CLI, on a real database and real renders."""

from __future__ import annotations

import json

import pytest

from broadcast import db
from tests.scheduling.conftest import CCHC, make_script

pytestmark = pytest.mark.slow


def test_plan_meets_quota_and_check_passes(september, cli) -> None:
    result = cli("schedule", "plan", "2025-09", "-c", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "đạt mục tiêu" in result.stdout
    data = json.loads(cli("schedule", "check", "2025-09", "-c", "1", "--json").stdout)
    assert data["ok"] is True
    assert data["categories"]["cchc"] == {
        "label": "Cải cách hành chính",
        "pieces": 3,
        "airings": 3,
        "minimum": 2,
        "target": 3,
        "status": "đạt mục tiêu",
        "aired": 0,
        "planned": 3,
        "missing": 0,
    }
    shown = json.loads(cli("schedule", "show", "2025-09", "-c", "1", "--json").stdout)
    cchc_days = sorted(r["day"] for r in shown if r["category"] == "Cải cách hành chính")
    assert len(cchc_days) == 3 and len({d[:8] for d in cchc_days}) == 1
    assert cli("schedule", "check", "2025-09", "-c", "1").exit_code == 0


def test_unmet_minimum_is_explained_and_exits_non_zero(offline, cli) -> None:
    from broadcast.services import communes

    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
        make_script(session, offline, CCHC.format(n=1), category="cchc")
        make_script(session, offline, CCHC.format(n=2), category="cchc", render=False)  # approved, no audio yet
    result = cli("schedule", "plan", "2025-09", "-c", "1")
    assert result.exit_code == 1
    assert "Tháng 9/2025 mới xếp được 1/2 bài CCHC: cần thêm 1 bài CCHC đã duyệt và đã dựng âm thanh." in result.stdout
    check = cli("schedule", "check", "2025-09", "-c", "1", "--json")
    assert check.exit_code == 1
    assert json.loads(check.stdout)["categories"]["cchc"]["pieces"] == 1


def test_manual_edits_are_validated(september, cli) -> None:
    a, b, _c = september["cchc"]
    assert cli("schedule", "add", "2025-09-10", "05:30", str(a), "-c", "1").exit_code == 0
    too_close = cli("schedule", "add", "2025-09-12", "17:00", str(b), "-c", "1")
    assert too_close.exit_code == 2 and "chưa đủ 5 ngày" in too_close.stderr
    no_session = cli("schedule", "add", "2025-09-12", "09:00", str(b), "-c", "1")
    assert no_session.exit_code == 4
    assert cli("schedule", "add", "2025-09-20", "05:30", str(b), "-c", "1").exit_code == 0
    items = json.loads(cli("schedule", "show", "2025-09", "-c", "1", "--json").stdout)
    first = next(r for r in items if r["script_id"] == a)
    assert cli("schedule", "move", str(first["item_id"]), "2025-09-16", "05:30", "-c", "1").exit_code == 2  # 4 days
    assert cli("schedule", "move", str(first["item_id"]), "2025-09-03", "17:00", "-c", "1").exit_code == 0
    assert cli("schedule", "lock", str(first["item_id"])).exit_code == 0
    assert cli("schedule", "plan", "2025-09", "-c", "1").exit_code == 0
    after = json.loads(cli("schedule", "show", "2025-09", "-c", "1", "--json").stdout)
    kept = next(r for r in after if r["item_id"] == first["item_id"])
    assert kept["day"] == "2025-09-03" and kept["locked"] is True
    assert json.loads(cli("schedule", "check", "2025-09", "-c", "1", "--json").stdout)["ok"]
    assert cli("schedule", "remove", str(first["item_id"])).exit_code == 0
    assert cli("schedule", "remove", str(first["item_id"])).exit_code == 4


def test_capacity_and_priority_order_in_a_session(september, cli) -> None:
    assert cli("sessions", "add", "Buổi ngắn", "11:00", "-c", "1", "--length", "2", "--relay", "1").exit_code == 0
    with db.session_scope() as session:
        extra = [
            make_script(
                session,
                september["settings"],
                f"THÔNG BÁO SỐ {n}\nBà con chú ý lịch họp thôn số {n}.\n",
                category="khac",
            )
            for n in (1, 2)
        ]
    a = september["cchc"][0]
    results = [
        cli("schedule", "add", "2025-09-10", "11:00", str(sid), "-c", "1") for sid in (a, september["health"], *extra)
    ]
    assert results[0].exit_code == 0 and results[1].exit_code == 0  # the ưu tiên notice goes before
    assert any(r.exit_code == 2 and "quá thời lượng" in r.stderr for r in results[2:])
    shown = [
        r
        for r in json.loads(cli("schedule", "show", "2025-09", "-c", "1", "--json").stdout)
        if r["day"] == "2025-09-10"
    ]
    assert shown[0]["script_id"] == september["health"]


def test_quota_and_session_settings(september, cli) -> None:
    assert cli("quotas", "set", "y-te", "-c", "1", "--min", "1", "--target", "2").exit_code == 0
    quotas = json.loads(cli("quotas", "list", "-c", "1", "--json").stdout)
    assert [(q["category"], q["minimum"], q["target"]) for q in quotas] == [("cchc", 2, 3), ("y-te", 1, 2)]
    assert cli("quotas", "set", "y-te", "-c", "1", "--min", "3", "--target", "2").exit_code == 2
    assert cli("sessions", "add", "Tối", "19:00", "-c", "1", "--days", "2,4,6").exit_code == 0
    sessions = json.loads(cli("sessions", "list", "-c", "1", "--json").stdout)
    assert [s["start"] for s in sessions] == ["05:30", "17:00", "19:00"] and sessions[2]["weekdays"] == [0, 2, 4]


def test_sessions_in_use_cannot_be_removed(september) -> None:
    from broadcast.errors import InputError
    from broadcast.services import schedule as sched

    with db.session_scope() as session:
        sched.add_item(
            session,
            commune_id=1,
            day=sched.parse_day("2025-09-10"),
            session_id=1,
            script_id=september["cchc"][0],
            tz=september["settings"].tz,
        )
        with pytest.raises(InputError):
            sched.remove_session(session, commune_id=1, session_id=1)
        sched.remove_session(session, commune_id=1, session_id=2)
        sched.remove_quota(session, commune_id=1, category="cchc")
        assert [s.id for s in sched.sessions(session, commune_id=1)] == [1]
        assert sched.quotas(session, commune_id=1) == []
