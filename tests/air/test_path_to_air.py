"""The path to air never lies: what the leader approved is exactly what airs, on time, once.

Each test reproduces one failure of issue 11 and shows it fixed; concurrency is tested with
real processes on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from broadcast import clock, db
from broadcast.config import get_settings
from broadcast.errors import InputError, IntegrityError
from broadcast.exports import loa_keo, station
from broadcast.models import AsRunEntry, AsRunKind, Profile, ScheduleItem, ScriptStatus
from broadcast.models_air import SessionDelivery
from broadcast.scheduling import playout
from broadcast.services import communes, renders
from broadcast.services import schedule as sched
from broadcast.services import scripts as svc
from tests.air import workers
from tests.conftest import EXAMPLE_SCRIPT
from tests.web.conftest import login

SPAWN = multiprocessing.get_context("spawn")


def _env(settings) -> dict[str, str]:
    return {
        "BROADCAST_DATA_DIR": str(settings.data_dir),
        "BROADCAST_SCRIPTS_DIR": str(settings.scripts_dir),
        "BROADCAST_AUDIO_DIR": str(settings.audio_dir),
        "BROADCAST_SCHEDULE_DIR": str(settings.schedule_dir),
        "BROADCAST_DATABASE_URL": get_settings().db_url,
        "BROADCAST_GTTS_URL": settings.gtts_url,
        "BROADCAST_EDGE_URL": settings.edge_url,
    }


def _asrun(kind: AsRunKind) -> list[AsRunEntry]:
    with db.session_scope() as session:
        return list(session.exec(select(AsRunEntry).where(AsRunEntry.kind == kind)))


# --- approval binds to what was seen -----------------------------------------------------


@pytest.mark.slow
def test_two_tab_approval_refuses_the_text_the_leader_never_saw(site, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from broadcast.api.app import create_app

    monkeypatch.setenv("BROADCAST_RENDER_ON_APPROVE", "false")
    get_settings.cache_clear()
    sid = site["ids"]["waiting"]
    with TestClient(create_app()) as leader, TestClient(create_app()) as head:
        csrf = login(leader, "lanhdao")
        page = leader.get(f"/scripts/{sid}").text
        seen = re.search(r'name="text_hash" value="([0-9a-f]{64})"', page).group(1)
        # meanwhile, in another tab, the station head changes the waiting text
        head_csrf = login(head, "truongdai")
        edited = head.post(
            f"/scripts/{sid}/edit",
            data={"csrf": head_csrf, "text": "BÀI SỬA\nNgười dân nộp hồ sơ tại bộ phận một cửa trước ngày 30/9.\n"},
        )
        assert edited.status_code == 200
        refused = leader.post(f"/scripts/{sid}/approve", data={"csrf": csrf, "text_hash": seen})
        assert "đã thay đổi so với bản bạn đã xem" in refused.text
        assert "<ins>" in refused.text and "<del>" in refused.text and "một cửa" in refused.text
        with db.session_scope() as session:
            assert svc.get_script(session, script_id=sid).status == ScriptStatus.CHO_DUYET
            assert svc.approvals(session, script_id=sid) == []
        fresh = re.search(r'name="text_hash" value="([0-9a-f]{64})"', refused.text).group(1)
        assert fresh != seen
        ok = leader.post(f"/scripts/{sid}/approve", data={"csrf": csrf, "text_hash": fresh})
        assert "Đã duyệt đúng nội dung này" in ok.text
    with db.session_scope() as session:
        _, text, digest = svc.approved_text(session, script_id=sid)
        assert digest == fresh and "một cửa" in text


def test_api_and_cli_require_the_fingerprint(cli) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    sid = cli("scripts", "add", "-", "-c", "1", input=EXAMPLE_SCRIPT).stdout.strip()
    cli("scripts", "submit", sid)
    shown = cli("scripts", "show", sid).stdout
    digest = re.search(r"\b[0-9a-f]{64}\b", shown).group(0)
    no_hash = cli("scripts", "approve", sid, "--by", "A", "--chuc-vu", "Chủ tịch")
    assert no_hash.exit_code != 0
    wrong = cli("scripts", "approve", sid, "--hash", "0" * 12, "--by", "A", "--chuc-vu", "Chủ tịch", "--no-render")
    assert wrong.exit_code == 3 and "đã thay đổi" in wrong.stderr
    short = cli("scripts", "approve", sid, "--hash", digest[:8], "--by", "A", "--chuc-vu", "Chủ tịch", "--no-render")
    assert short.exit_code == 0, short.stderr


@pytest.mark.slow
@pytest.mark.postgres
def test_edit_approve_race_never_ends_approved_on_another_text(any_db: str, settings) -> None:
    rounds = 100
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Tân Lập")
        ids, seen = [], {}
        for n in range(rounds):
            script, _ = svc.add_script_text(
                session, settings, commune_id=commune.id, text=EXAMPLE_SCRIPT.replace("12/9", f"{n % 28 + 1}/9")
            )
            svc.submit(session, script_id=script.id)
            ids.append(script.id)
    with db.session_scope() as session:
        seen = {sid: svc.fingerprint(session, script_id=sid) for sid in ids}
    db.get_engine().dispose()
    barrier, out = SPAWN.Barrier(2), SPAWN.Queue()
    env = _env(settings)
    procs = [
        SPAWN.Process(target=workers.race, args=(role, env, ids, seen, barrier, out)) for role in ("approve", "edit")
    ]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=600) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    inconsistent, outcomes = 0, Counter()
    with db.session_scope() as session:
        for sid in ids:
            script = svc.get_script(session, script_id=sid)
            digest = svc.fingerprint(session, script_id=sid)
            current = svc.current_approval(session, script_id=sid)
            if script.status == ScriptStatus.DA_DUYET:
                outcomes["approved"] += 1
                if current is None or current.text_hash != digest or digest != seen[sid]:
                    inconsistent += 1
            else:
                outcomes[script.status.value] += 1
                if current is not None:  # an approval that is in force on a script not approved
                    inconsistent += 1
    print(
        f"race on {any_db}: {rounds} rounds, {inconsistent} inconsistent, outcomes {dict(outcomes)}, "
        f"approve {Counter(r for _, r in results['approve'])}, edit {Counter(r for _, r in results['edit'])}"
    )
    assert inconsistent == 0
    assert sum(outcomes.values()) == rounds


# --- checked at every step toward air -------------------------------------------------------


def _today_session(settings, minutes_ago: int, script_ids: list[int], name: str = "Buổi thử") -> tuple:
    now = datetime.now(settings.tz).replace(second=0, microsecond=0)
    start = now - timedelta(minutes=minutes_ago)
    if start.date() != now.date() or start.hour >= 23:
        pytest.skip("too close to midnight")
    with db.session_scope() as session:
        template = sched.add_session(
            session, commune_id=1, name=name, start=start.strftime("%H:%M"), length_min=30, relay_min=1
        )
        for pos, sid in enumerate(script_ids):
            session.add(
                ScheduleItem(commune_id=1, day=start.date(), session_id=template.id, script_id=sid, position=pos)
            )
        return template.id, start, now


@pytest.mark.slow
def test_playout_skips_an_item_withdrawn_after_delivery(september, monkeypatch) -> None:
    monkeypatch.setenv("BROADCAST_PLAYOUT_COMMAND", "ffmpeg -v error -i {file} -f null -")
    get_settings.cache_clear()
    settings = get_settings()
    first, second = september["cchc"][0], september["cchc"][1]
    session_id, start, now = _today_session(settings, 2, [first, second])
    with db.session_scope() as session:
        template = sched.get_session(session, commune_id=1, session_id=session_id)
        delivered = station.deliver_session(session, settings, commune_id=1, day=start.date(), template=template)
    assert delivered.items == 2
    with db.session_scope() as session:  # withdrawn: edited, back to "chờ duyệt"
        script = svc.get_script(session, script_id=first)
        svc.edit_script_text(session, settings, script_id=first, text=f"{script.title.upper()}\n{script.body} Sửa.\n")
    played = playout.run_once(settings, now=now + timedelta(seconds=5))
    assert [p.name for p in played] == ["Buổi thử"]
    manifest = (delivered.folder / "manifest.json").read_text("utf-8")
    assert f'"script_id": {second}' in manifest and f'"script_id": {first}' not in manifest
    withdrawn = _asrun(AsRunKind.WITHDRAWN)
    assert [w.scripts for w in withdrawn] == [[first]]
    assert len(_asrun(AsRunKind.PLAYED)) == 1


@pytest.mark.slow
def test_replaced_audio_file_is_refused_at_export(september, tmp_path: Path) -> None:
    settings = september["settings"]
    victim, other = september["cchc"][0], september["cchc"][1]
    with db.session_scope() as session:
        loa_keo.build(session, settings, commune_id=1, to=tmp_path / "usb", script_ids=[victim, other])  # renders
    with db.session_scope() as session:
        for profile in (Profile.STATION, Profile.LOA_KEO):  # swapped on disk
            path = Path(renders.current_render(session, script_id=victim, profile=profile).path)
            shutil.copyfile(renders.current_render(session, script_id=other, profile=profile).path, path)
    with pytest.raises(IntegrityError, match="thay thế"), db.session_scope() as session:
        loa_keo.build(session, settings, commune_id=1, to=tmp_path / "usb2", script_ids=[victim])
    session_id, start, _ = _today_session(settings, -120, [victim, other])
    with db.session_scope() as session:
        template = sched.get_session(session, commune_id=1, session_id=session_id)
        delivery = station.deliver_session(session, settings, commune_id=1, day=start.date(), template=template)
    assert delivery.items == 1  # the good item still goes out
    skipped = _asrun(AsRunKind.SKIPPED_ITEM)
    assert [s.scripts for s in skipped] == [[victim]] and "thay thế" in skipped[0].detail


@pytest.mark.slow
def test_session_with_one_stale_item_delivers_the_rest(september) -> None:
    settings = september["settings"]
    stale, good = september["cchc"][0], september["health"]
    session_id, start, _ = _today_session(settings, -120, [stale, good])
    with db.session_scope() as session:
        script = svc.get_script(session, script_id=stale)
        svc.edit_script_text(session, settings, script_id=stale, text=f"{script.title.upper()}\n{script.body} Sửa.\n")
    with db.session_scope() as session:
        template = sched.get_session(session, commune_id=1, session_id=session_id)
        delivery = station.deliver_session(session, settings, commune_id=1, day=start.date(), template=template)
    assert delivery.items == 1 and (delivery.folder / "programme.mp3").is_file()
    assert [s.scripts for s in _asrun(AsRunKind.SKIPPED_ITEM)] == [[stale]]
    assert [d.scripts for d in _asrun(AsRunKind.DELIVERED)] == [[good]]


# --- planning in the future only ----------------------------------------------------------


@pytest.mark.slow
def test_planning_and_manual_edits_refuse_the_past(september, monkeypatch) -> None:
    settings = september["settings"]
    monkeypatch.setattr(clock, "now", lambda tz: datetime(2025, 9, 15, 10, 0, tzinfo=tz))
    with db.session_scope() as session:
        result = sched.plan_month(session, commune_id=1, year=2025, month=9, tz=settings.tz)
        assert result.placements and all(p.day >= date(2025, 9, 15) for p in result.placements)
        assert all(i.day >= date(2025, 9, 15) for i in sched.items(session, commune_id=1, year=2025, month=9))
        counts = {c.category: c for c in result.check.counts}
        assert counts["cchc"].aired == 0 and counts["cchc"].planned == counts["cchc"].pieces
    with pytest.raises(InputError, match=r"từ 11:00 15/09/2025"), db.session_scope() as session:
        sched.add_item(
            session, commune_id=1, day=date(2025, 9, 10), session_id=1, script_id=september["health"], tz=settings.tz
        )


# --- exactly once -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("use_lock", [True, False], ids=["lock", "unique-key-only"])
def test_two_scheduler_processes_deliver_each_session_once(any_db: str, september, use_lock: bool) -> None:
    settings = september["settings"]
    day = date(2025, 9, 10)
    starts = ["05:30", "05:30", "11:00", "17:00", "17:00", "20:15"]  # two pairs in one minute
    with db.session_scope() as session:
        for n, start in enumerate(starts):
            template = sched.add_session(session, commune_id=1, name=f"Buổi {n}", start=start, length_min=30)
            session.add(ScheduleItem(commune_id=1, day=day, session_id=template.id, script_id=september["cchc"][n % 3]))
    db.get_engine().dispose()
    out = SPAWN.Queue()
    env = _env(settings)
    procs = [
        SPAWN.Process(target=workers.scheduler, args=(f"s{k}", env, day.isoformat(), use_lock, out)) for k in (1, 2)
    ]
    for p in procs:
        p.start()
    reports = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    delivered = _asrun(AsRunKind.DELIVERED)
    keys = Counter((e.commune_id, e.day, e.session_id) for e in delivered if e.day == day)
    with db.session_scope() as session:
        rows = list(session.exec(select(SessionDelivery)))
    print(
        f"{any_db} lock={use_lock}: {reports}; {len(keys)} sessions delivered, duplicates "
        f"{sum(v - 1 for v in keys.values())}"
    )
    assert max(keys.values()) == 1  # 0 duplicate deliveries
    assert len(keys) == len(starts) == len({(r.commune_id, r.day, r.session_id) for r in rows})
    assert all((Path(r.folder) / "programme.mp3").is_file() for r in rows)
    if use_lock:
        assert len({r.owner for r in rows}) == 1  # one scheduler acted; the other stood by
        assert sorted(standby > 0 for _, _, standby in reports) == [False, True]


def test_second_scheduler_waits_as_standby_and_says_so(settings, caplog) -> None:
    from broadcast.scheduling import jobs

    first, second = jobs.Host(settings), jobs.Host(settings)
    second.owner = first.owner + "-khac"
    try:
        assert first.beat() is True
        with caplog.at_level("WARNING", logger="broadcast.scheduler"):
            assert second.beat() is False
        assert "chờ dự phòng" in caplog.text and second.scheduler is None
    finally:
        if first.scheduler is not None:
            first.scheduler.shutdown(wait=False)


@pytest.mark.slow
def test_quota_warning_once_per_commune_and_day(september) -> None:
    from broadcast.scheduling import jobs

    assert jobs.quota_warning_job(today=date(2025, 9, 21))
    assert jobs.quota_warning_job(today=date(2025, 9, 21)) == []
    assert len(_asrun(AsRunKind.QUOTA_WARNING)) == 1


# --- month from the title; the database made on first use ---------------------------------------


def test_month_from_the_title_and_the_window_in_errors(cli) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    text = "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH THÁNG 7/2024\nNgười dân nộp hồ sơ trực tuyến.\n"
    added = cli("scripts", "add", "-", "-c", "1", input=text)
    assert "Tháng phát lấy từ tiêu đề bài: 2024-07" in added.stderr
    sid = int(added.stdout)
    with db.session_scope() as session:
        assert svc.get_script(session, script_id=sid).month == "2024-07"
        assert sched.script_window(svc.get_script(session, script_id=sid), get_settings().tz) == (
            date(2024, 7, 1),
            date(2024, 7, 31),
        )
    from broadcast.scheduling.rules import Piece, window_text

    piece = Piece(sid, "x", "cchc", "thong-thuong", 1.0, date(2024, 7, 1), date(2024, 7, 31), True)
    assert window_text(piece) == "từ 01/07/2024 đến 31/07/2024"


def test_first_command_on_an_empty_database_creates_it(tmp_path: Path) -> None:
    env = {**os.environ, "BROADCAST_DATA_DIR": str(tmp_path / "data"), "BROADCAST_SCRIPTS_DIR": str(tmp_path / "s")}
    env.pop("BROADCAST_DATABASE_URL", None)
    first = subprocess.run(
        [sys.executable, "main.py", "communes", "add", "xã Mới"], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1" and "ngoài dự kiến" not in first.stderr
