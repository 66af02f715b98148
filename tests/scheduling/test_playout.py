"""Local playout plays a delivered programme at its time (after the relay) and logs it, once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from broadcast import db
from broadcast.config import get_settings
from broadcast.exports.station import deliver_session
from broadcast.models import AsRunEntry, AsRunKind, ScheduleItem
from broadcast.scheduling import playout
from broadcast.services import schedule as sched

pytestmark = pytest.mark.slow


def test_plays_due_session_once_with_a_null_output(september, monkeypatch) -> None:
    monkeypatch.setenv("BROADCAST_PLAYOUT_COMMAND", "ffmpeg -v error -i {file} -f null -")
    get_settings.cache_clear()
    settings = get_settings()
    now = datetime.now(settings.tz).replace(second=0, microsecond=0)
    start = now - timedelta(minutes=2)
    if start.date() != now.date() or (start.hour == 23 and start.minute > 25):
        pytest.skip("too close to midnight for a session that started two minutes ago")
    with db.session_scope() as session:
        template = sched.add_session(
            session, commune_id=1, name="Buổi thử", start=start.strftime("%H:%M"), length_min=30, relay_min=1
        )
        session.add(ScheduleItem(commune_id=1, day=start.date(), session_id=template.id, script_id=1))
    with db.session_scope() as session:
        deliver_session(
            session, settings, commune_id=1, day=start.date(), template=session.get(type(template), template.id)
        )
    assert playout.due(settings, start + timedelta(seconds=30)) == []  # still the relay block
    played = playout.run_once(settings, now=now + timedelta(seconds=5))
    assert [p.name for p in played] == ["Buổi thử"]
    assert playout.run_once(settings, now=now + timedelta(seconds=10)) == []  # not twice
    with db.session_scope() as session:
        log = list(session.exec(select(AsRunEntry).where(AsRunEntry.kind == AsRunKind.PLAYED)))
    assert len(log) == 1 and log[0].detail.startswith("Phát từ")
