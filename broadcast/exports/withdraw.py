"""Taking withdrawn content out of sessions already delivered to the station outbox.

A script edited after delivery (back to "chờ duyệt"), or an audio file changed on disk, must
not air: the session's folder is rebuilt without that item (or removed when nothing is
left), and every item taken out is written to the as-run log as withdrawn.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from broadcast.config import Settings
from broadcast.errors import BroadcastError, IntegrityError
from broadcast.exports.station import asrun, build_programme
from broadcast.fsutil import file_sha256
from broadcast.models import AsRunKind, Profile, Script, SessionTemplate, utcnow
from broadcast.models_air import SessionDelivery
from broadcast.services.communes import get_commune
from broadcast.services.renders import current_render, verify_audio
from broadcast.services.schedule import slot_start

log = logging.getLogger("broadcast.outbox")


@dataclass(frozen=True)
class Withdrawal:
    folder: Path
    script_id: int
    reason: str


def item_problem(session: Session, folder: Path, entry: dict[str, object]) -> str | None:
    """Why one delivered item may no longer air, or None when it still may."""
    try:
        render = current_render(session, script_id=int(str(entry["script_id"])), profile=Profile.STATION)
        if render.text_hash != entry.get("text_hash"):
            raise IntegrityError("Nội dung bài đã đổi so với bản đã giao cho đài.")
        verify_audio(render)
        copy = folder / str(entry["file"])
        if not copy.is_file() or file_sha256(copy) != render.audio_sha256:
            raise IntegrityError("Tệp âm thanh trong thư mục giao cho đài không phải bản đã dựng.")
    except BroadcastError as exc:
        return exc.message
    return None


def check_delivery(session: Session, settings: Settings, record: SessionDelivery) -> list[Withdrawal]:
    """Rebuild one delivered session without the items that may no longer air."""
    folder = Path(record.folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        return []
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except ValueError:
        manifest = {"items": []}
    entries = manifest.get("items", [])
    problems = [(e, item_problem(session, folder, e)) for e in entries]
    bad = [(e, why) for e, why in problems if why]
    if not bad:
        return []
    template = session.get(SessionTemplate, record.session_id)
    commune = get_commune(session, commune_id=record.commune_id)
    keep = [session.get(Script, int(e["script_id"])) for e, why in problems if not why]
    scripts = [s for s in keep if s is not None]
    out = []
    for entry, why in bad:
        detail = f"Rút bài «{entry.get('title')}» khỏi chương trình đã giao ({folder.name}): {why}"
        asrun(
            session,
            record.commune_id,
            AsRunKind.WITHDRAWN,
            record.day,
            template,
            [int(str(entry["script_id"]))],
            detail,
        )
        log.warning("%s", detail)
        out.append(Withdrawal(folder, int(str(entry["script_id"])), why or ""))
    if scripts and template is not None:
        start = slot_start(record.day, template, settings.tz)
        title = f"{template.name} {start:%d/%m/%Y}"
        build_programme(session, settings, commune=commune, scripts=scripts, folder=folder, title=title, start=start)
    else:
        shutil.rmtree(folder, ignore_errors=True)  # nothing left that may air: the station gets no programme
    record.items, record.updated_at = len(scripts), utcnow()
    session.add(record)
    session.flush()
    return out


def withdraw_stale(
    session: Session,
    settings: Settings,
    *,
    now: datetime,
    commune_id: int | None = None,
    session_id: int | None = None,
) -> list[Withdrawal]:
    """Check every delivered session that has not ended yet; take out what may no longer air."""
    query = select(SessionDelivery).where(SessionDelivery.day >= now.date() - timedelta(days=1))
    if commune_id is not None:
        query = query.where(SessionDelivery.commune_id == commune_id)
    if session_id is not None:
        query = query.where(SessionDelivery.session_id == session_id)
    out: list[Withdrawal] = []
    for record in session.exec(query):
        template = session.get(SessionTemplate, record.session_id)
        if template is None:
            continue
        ends = slot_start(record.day, template, settings.tz) + timedelta(minutes=template.length_min)
        if ends > now:
            out += check_delivery(session, settings, record)
    return out
