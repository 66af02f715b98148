"""Optional local playout for a station PC: plays each delivered session's programme on
the sound card at its time (after the relay block), and logs start and end."""

from __future__ import annotations

import json
import logging
import shlex
import subprocess
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from broadcast.config import Settings
from broadcast.db import id_of, session_scope
from broadcast.errors import AudioError
from broadcast.exports.station import folder_for
from broadcast.exports.withdraw import withdraw_stale
from broadcast.fsutil import file_sha256
from broadcast.models import AsRunEntry, AsRunKind, Commune
from broadcast.services import schedule as sched

log = logging.getLogger("broadcast.playout")


@dataclass(frozen=True)
class Due:
    commune_id: int
    session_id: int
    day: date
    name: str
    programme: Path
    ends: datetime


def due(settings: Settings, now: datetime) -> list[Due]:
    """Sessions whose play time (start + relay) has come, not yet over, delivered and not yet played."""
    out: list[Due] = []
    with session_scope() as session:
        for commune in session.exec(select(Commune)):
            commune_id = id_of(commune)
            rules = {id_of(r): r for r in sched.session_rules(session, commune_id=commune_id)}
            for template in sched.sessions(session, commune_id=commune_id):
                day = now.date()
                if not rules[id_of(template)].happens_on(day):
                    continue
                start = sched.slot_start(day, template, settings.tz)
                play_at = start + timedelta(minutes=template.relay_min)
                ends = start + timedelta(minutes=template.length_min)
                programme = folder_for(settings, commune, start, template.name) / "programme.mp3"
                played = session.exec(
                    select(AsRunEntry).where(
                        AsRunEntry.commune_id == commune.id,
                        AsRunEntry.day == day,
                        AsRunEntry.session_id == template.id,
                        AsRunEntry.kind == AsRunKind.PLAYED,
                    )
                ).first()
                if play_at <= now < ends and programme.is_file() and played is None:
                    out.append(Due(commune_id, id_of(template), day, template.name, programme, ends))
    return out


def play(settings: Settings, item: Due) -> tuple[datetime, datetime]:
    """Play one programme with the configured command; (started, ended)."""
    command = [part.replace("{file}", str(item.programme)) for part in shlex.split(settings.playout_command)]
    started = datetime.now(settings.tz)
    log.info("Bắt đầu phát %s (%s)", item.name, item.programme)
    try:
        subprocess.run(
            command, check=True, capture_output=True, timeout=max(60, (item.ends - started).total_seconds() + 60)
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, FileNotFoundError) as exc:
        raise AudioError(f"Không phát được {item.programme.name}: {exc}") from exc
    ended = datetime.now(settings.tz)
    log.info("Kết thúc phát %s", item.name)
    return started, ended


def verify(settings: Settings, item: Due, now: datetime) -> None:
    """Right before playing: take out anything withdrawn since delivery, then check the
    programme file is the one delivered (its checksum in the manifest)."""
    with session_scope() as session:
        withdraw_stale(session, settings, now=now, commune_id=item.commune_id, session_id=item.session_id)
    if not item.programme.is_file():
        raise AudioError(f"Chương trình {item.name} không còn bài nào được phép phát (các bài đã bị rút).")
    try:
        manifest = json.loads((item.programme.parent / "manifest.json").read_text("utf-8"))
        expected = manifest["programme"]["sha256"]
    except (OSError, ValueError, KeyError) as exc:
        raise AudioError(f"Không đọc được danh mục của chương trình {item.name}; không phát.") from exc
    if expected != file_sha256(item.programme):
        raise AudioError(
            f"Tệp chương trình {item.name} đã bị thay đổi sau khi giao; không phát. Hãy giao lại chương trình."
        )


def run_once(settings: Settings, *, now: datetime | None = None) -> list[Due]:
    """Play everything due now; each play is written to the as-run log (played or missed).

    Nothing withdrawn after delivery is played (see verify)."""
    done = []
    now = now or datetime.now(settings.tz)
    for item in due(settings, now):
        try:
            verify(settings, item, now)
            started, ended = play(settings, item)
            entry = AsRunEntry(
                commune_id=item.commune_id,
                kind=AsRunKind.PLAYED,
                day=item.day,
                session_id=item.session_id,
                path=str(item.programme),
                seconds=(ended - started).total_seconds(),
                detail=f"Phát từ {started:%H:%M:%S} đến {ended:%H:%M:%S}",
            )
        except AudioError as exc:
            entry = AsRunEntry(
                commune_id=item.commune_id,
                kind=AsRunKind.MISSED,
                day=item.day,
                session_id=item.session_id,
                path=str(item.programme),
                detail=exc.message,
            )
            log.error("%s", exc.message)
        with session_scope() as session:
            session.add(entry)
        done.append(item)
    return done


def run_forever(settings: Settings, *, poll_s: float = 15.0) -> None:
    while True:
        run_once(settings)
        time.sleep(poll_s)
