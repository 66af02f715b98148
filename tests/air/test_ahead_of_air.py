"""Ahead of air: a render starts when a script is approved, and the daily pre-flight check
finds what would not air in the next two days, with what to do, on the dashboard."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.config import get_settings
from broadcast.models import AsRunKind, Render, ScheduleItem
from broadcast.scheduling import preflight
from broadcast.services import dashboard, renders
from broadcast.services import schedule as sched

pytestmark = pytest.mark.slow


def test_api_approval_needs_the_fingerprint_and_starts_the_render(site) -> None:
    from broadcast.api.app import create_app

    sid = site["ids"]["waiting"]
    headers = {"Authorization": f"Bearer {site['tokens']['lanhdao']}"}
    with TestClient(create_app()) as client:
        missing = client.post(f"/api/v1/scripts/{sid}/approve", headers=headers)
        assert missing.status_code == 422
        wrong = client.post(f"/api/v1/scripts/{sid}/approve", headers=headers, json={"text_hash": "ab" * 32})
        assert wrong.status_code == 409 and "đã thay đổi" in wrong.text
        digest = client.get(f"/api/v1/scripts/{sid}", headers=headers).json()["text_hash"]
        ok = client.post(f"/api/v1/scripts/{sid}/approve", headers=headers, json={"text_hash": digest})
        assert ok.status_code == 200 and ok.json()["status"] == "da-duyet"
    deadline = time.monotonic() + 120
    found = None
    while time.monotonic() < deadline and found is None:  # the render runs in the background
        with db.session_scope() as session:
            found = renders.newest_render(session, script_id=sid)
        time.sleep(0.5)
    from broadcast.services import render_jobs

    assert found is not None, [(j.status, j.stage, j.error) for j in render_jobs._JOBS.values()]
    assert found.text_hash == digest and found.audio_sha256


def test_preflight_finds_missing_and_replaced_audio_with_what_to_do(september, cli) -> None:
    settings = september["settings"]
    now = datetime.now(settings.tz)
    tomorrow = (now + timedelta(days=1)).date()
    with db.session_scope() as session:
        template = sched.add_session(session, commune_id=1, name="Buổi mai", start="06:00", length_min=30)
        for sid in (september["cchc"][0], september["cchc"][1]):
            session.add(ScheduleItem(commune_id=1, day=tomorrow, session_id=template.id, script_id=sid))
        gone = renders.current_render(session, script_id=september["cchc"][0])
        Path(gone.path).unlink()  # the file disappeared from disk
        fresh = september["cchc"][1]
        session.execute(  # the second has no render yet: pre-flight makes it
            Render.__table__.delete().where(Render.__table__.c.script_id == fresh)  # type: ignore[attr-defined]
        )
    problems = preflight.run_and_record(settings, now=now)
    assert [p.script_id for p in problems] == [september["cchc"][0]]
    assert "Không tìm thấy tệp âm thanh" in problems[0].reason and "dựng lại" in problems[0].todo
    with db.session_scope() as session:
        assert renders.current_render(session, script_id=fresh).audio_sha256  # made ahead of air
        board = dashboard.dashboard(session, settings, commune_id=1)
    assert any(w.startswith("Kiểm tra trước giờ phát") and "Không tìm thấy tệp" in w for w in board.warnings)
    result = cli("schedule", "preflight", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["problems"][0]["script_id"] == september["cchc"][0]
    from sqlmodel import select

    from broadcast.models import AsRunEntry

    with db.session_scope() as session:
        logged = list(session.exec(select(AsRunEntry).where(AsRunEntry.kind == AsRunKind.PREFLIGHT)))
    assert [e.scripts for e in logged] == [[september["cchc"][0]]] and "Việc cần làm" in logged[0].detail
    assert get_settings().preflight_hours == 48
