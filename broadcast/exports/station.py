"""A session's programme in the station outbox:

    schedule/outbox/<commune>/<YYYY-MM-DD>_<HHMM>_<session>/
        programme.mp3        every item in play order with short gaps
        01_<title>.mp3 …     the items themselves
        playlist.m3u8        the items, relative paths
        manifest.json        items, durations, approved text hashes

Built in a temporary folder and renamed into place; delivering the same content again
changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from broadcast.audio import ffmpeg, tags
from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.exports.download import Download, zip_files
from broadcast.exports.playable import current_or_render
from broadcast.fsutil import remove_staging, temp_dir_for, temp_path_for
from broadcast.models import AsRunEntry, AsRunKind, Commune, Profile, Script, SessionTemplate, utcnow
from broadcast.scheduling.rules import ITEM_GAP_S
from broadcast.services import schedule as sched
from broadcast.services.communes import get_commune
from broadcast.services.schedule import session_items, slot_start
from broadcast.text.folding import slugify

log = logging.getLogger("broadcast.outbox")


@dataclass(frozen=True)
class Delivery:
    folder: Path
    items: int
    seconds: float
    changed: bool


def folder_for(settings: Settings, commune: Commune, start: datetime, name: str) -> Path:
    return settings.outbox_dir / commune.slug / f"{start:%Y-%m-%d_%H%M}_{slugify(name, max_length=30)}"


def _silence(settings: Settings, seconds: float) -> Path:
    """A short silent MP3 in the station profile, made once."""
    path = settings.data_dir / "silence" / f"station-{seconds:g}s.mp3"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path_for(path)
        ffmpeg.run(
            [
                "-y",
                "-f",
                "lavfi",
                "-i",
                "anullsrc=r=44100:cl=stereo",
                "-t",
                str(seconds),
                "-c:a",
                "libmp3lame",
                "-b:a",
                "128k",
                str(tmp),
            ]
        )
        tmp.replace(path)
    return path


def _concat(files: list[Path], out: Path) -> None:
    listing = out.with_suffix(".txt")
    listing.write_text("".join(f"file '{f.resolve()}'\n" for f in files), encoding="utf-8")
    try:
        ffmpeg.run(
            [
                "-y",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                "-map",
                "0:a",
                "-c",
                "copy",
                "-id3v2_version",
                "3",
                str(out),
            ]
        )
    finally:
        listing.unlink(missing_ok=True)


def build_programme(
    session: Session,
    settings: Settings,
    *,
    commune: Commune,
    scripts: list[Script],
    folder: Path,
    title: str,
    start: datetime,
) -> Delivery:
    """Write a programme of these scripts (in this order) into folder, atomically and idempotently."""
    renders = [current_or_render(session, settings, script_id=s.id, profile=Profile.STATION) for s in scripts]
    content = hashlib.sha256(json.dumps([[r.id, r.text_hash] for r in renders]).encode()).hexdigest()
    manifest_path = folder / "manifest.json"
    if manifest_path.is_file():
        try:
            if json.loads(manifest_path.read_text("utf-8")).get("content_hash") == content:
                seconds = sum(r.duration_s for r in renders)
                return Delivery(folder, len(renders), seconds, changed=False)
        except ValueError:
            pass  # a damaged manifest is rebuilt below
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_dir_for(folder)  # in the outbox's staging folder: the station never sees it half-made
    try:
        files, entries = [], []
        for n, (script, render) in enumerate(zip(scripts, renders, strict=True), 1):
            name = f"{n:02d}_{slugify(script.title, max_length=40)}.mp3"
            shutil.copyfile(render.path, tmp / name)
            files.append(tmp / name)
            entries.append(
                {
                    "position": n,
                    "script_id": script.id,
                    "title": script.title,
                    "category": script.category,
                    "priority": script.priority.value,
                    "file": name,
                    "duration_s": render.duration_s,
                    "text_hash": render.text_hash,
                    "render_id": render.id,
                }
            )
        seconds = sum(r.duration_s for r in renders) + ITEM_GAP_S * max(0, len(renders) - 1)
        if files:
            gap = _silence(settings, ITEM_GAP_S)
            sequence = [p for f in files for p in (f, gap)][:-1]
            _concat(sequence, tmp / "programme.mp3")
            tags.write_tags(
                tmp / "programme.mp3",
                title=title,
                commune=commune.name,
                category="Chương trình",
                date=f"{start:%Y-%m-%d}",
                text_hash=content,
            )
        playlist = ["#EXTM3U"] + [f"#EXTINF:{round(e['duration_s'])},{e['title']}\n{e['file']}" for e in entries]
        (tmp / "playlist.m3u8").write_text("\n".join(playlist) + "\n", encoding="utf-8")
        manifest = {
            "commune": commune.name,
            "title": title,
            "start": start.isoformat(),
            "items": entries,
            "programme": {"file": "programme.mp3" if files else None, "duration_s": round(seconds, 3)},
            "content_hash": content,
            "created_at": utcnow().isoformat(),
        }
        (tmp / "manifest.json").write_bytes(
            json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )  # tmp is staged
        old = temp_dir_for(folder)
        if folder.exists():
            folder.replace(old)
        tmp.replace(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        remove_staging(folder.parent)
    return Delivery(folder, len(renders), seconds, changed=True)


def deliver_session(
    session: Session, settings: Settings, *, commune_id: int, day: date, template: SessionTemplate
) -> Delivery:
    """Assemble one session's programme into the outbox and record it in the as-run log."""
    commune = get_commune(session, commune_id=commune_id)
    start = slot_start(day, template, settings.tz)
    items = session_items(session, commune_id=commune_id, day=day, session_id=template.id)
    folder = folder_for(settings, commune, start, template.name)
    if not items:  # nothing scheduled: no folder, nothing to log
        log.info("Buổi %s %s không có bài nào, không chuẩn bị chương trình.", template.name, day)
        return Delivery(folder, 0, 0.0, changed=False)
    scripts = [session.get(Script, i.script_id) for i in items]
    delivery = build_programme(
        session,
        settings,
        commune=commune,
        scripts=scripts,
        folder=folder,
        title=f"{template.name} {start:%d/%m/%Y}",
        start=start,
    )
    if delivery.changed:
        session.add(
            AsRunEntry(
                commune_id=commune_id,
                kind=AsRunKind.DELIVERED,
                day=day,
                session_id=template.id,
                path=str(delivery.folder),
                scripts=[s.id for s in scripts],
                seconds=delivery.seconds,
                detail=f"{delivery.items} bài",
            )
        )
        log.info("Đã chuyển chương trình %s %s (%d bài) vào %s", template.name, day, delivery.items, delivery.folder)
    return delivery


def deliver_emergency(session: Session, settings: Settings, *, script_id: int) -> Delivery:
    """Khẩn cấp: produce and deliver one script now, ahead of any schedule, and log it."""
    from broadcast.services.scripts import approved_text

    script, _, _ = approved_text(session, script_id=script_id)
    commune = get_commune(session, commune_id=script.commune_id)
    now = datetime.now(settings.tz)
    delivery = build_programme(
        session,
        settings,
        commune=commune,
        scripts=[script],
        folder=folder_for(settings, commune, now, "khan-cap"),
        title=f"Khẩn cấp {now:%H:%M %d/%m/%Y}",
        start=now,
    )
    session.add(
        AsRunEntry(
            commune_id=commune.id,
            kind=AsRunKind.EMERGENCY,
            day=now.date(),
            path=str(delivery.folder),
            scripts=[script.id],
            seconds=delivery.seconds,
            detail=script.title,
        )
    )
    log.warning("PHÁT KHẨN CẤP: «%s» đã chuyển vào %s", script.title, delivery.folder)
    return delivery


__all__ = ["Delivery", "build_programme", "deliver_emergency", "deliver_session", "folder_for"]


def session_download(session: Session, settings: Settings, *, commune_id: int, day: date, session_id: int) -> Download:
    """One session's programme, delivered now, as a ZIP to download."""
    template = sched.get_session(session, commune_id=commune_id, session_id=session_id)
    delivery = deliver_session(session, settings, commune_id=commune_id, day=day, template=template)
    if not delivery.items:
        raise InputError("Buổi phát này chưa có bài nào trong lịch.")
    files = sorted(delivery.folder.iterdir())
    return Download(zip_files(delivery.folder, files, tz=settings.tz), f"{delivery.folder.name}.zip")
