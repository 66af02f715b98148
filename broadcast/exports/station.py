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

from sqlmodel import Session, select

from broadcast.audio import ffmpeg, tags
from broadcast.audio.mp3 import join_mp3
from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.errors import BroadcastError, InputError, StateError
from broadcast.exports.download import Download, zip_files
from broadcast.exports.playable import current_or_render
from broadcast.fsutil import file_sha256, remove_staging, temp_dir_for, temp_path_for
from broadcast.models import AsRunEntry, AsRunKind, Commune, Profile, Script, SessionTemplate, utcnow
from broadcast.models_air import SessionDelivery
from broadcast.scheduling.rules import ITEM_GAP_S
from broadcast.services import schedule as sched
from broadcast.services.communes import get_commune
from broadcast.services.schedule import session_items, slot_start
from broadcast.services.scripts import approved_text
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


def _content_of(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text("utf-8")).get("content_hash")
    except (OSError, ValueError):
        return None


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
    renders = [current_or_render(session, settings, script_id=id_of(s), profile=Profile.STATION) for s in scripts]
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
        files: list[Path] = []
        entries: list[dict[str, object]] = []
        playlist = ["#EXTM3U"]
        for n, (script, render) in enumerate(zip(scripts, renders, strict=True), 1):
            name = f"{n:02d}_{slugify(script.title, max_length=40)}.mp3"
            shutil.copyfile(render.path, tmp / name)
            files.append(tmp / name)
            playlist.append(f"#EXTINF:{round(render.duration_s)},{script.title}\n{name}")
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
            join_mp3(sequence, tmp / "programme.mp3")
            tags.write_tags(
                tmp / "programme.mp3",
                title=title,
                commune=commune.name,
                category="Chương trình",
                date=f"{start:%Y-%m-%d}",
                text_hash=content,
            )
        (tmp / "playlist.m3u8").write_text("\n".join(playlist) + "\n", encoding="utf-8")
        manifest = {
            "commune": commune.name,
            "title": title,
            "start": start.isoformat(),
            "items": entries,
            "programme": {
                "file": "programme.mp3" if files else None,
                "duration_s": round(seconds, 3),
                "sha256": file_sha256(tmp / "programme.mp3") if files else None,
            },
            "content_hash": content,
            "created_at": utcnow().isoformat(),
        }
        (tmp / "manifest.json").write_bytes(
            json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )  # tmp is staged
        remove_staging(tmp)  # the programme's own staging folder (left empty by join and tags) goes
        old = temp_dir_for(folder)
        try:
            if folder.exists():
                folder.replace(old)
            tmp.replace(folder)
        except OSError:  # another process put the same session in place at the same moment
            if _content_of(folder) != content:
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        remove_staging(folder.parent)  # only when empty; a writer that finds it gone makes it again
    return Delivery(folder, len(renders), seconds, changed=True)


@dataclass(frozen=True)
class Resolved:
    """A session's items split into those that may air and those left out (with the reason)."""

    good: list[Script]
    left_out: list[tuple[Script, str]]


def resolve(session: Session, settings: Settings, scripts: list[Script]) -> Resolved:
    """Each item on its own: still approved with its render's text, its audio file the one made."""
    good, left_out = [], []
    for script in scripts:
        try:
            current_or_render(session, settings, script_id=id_of(script), profile=Profile.STATION)
            good.append(script)
        except BroadcastError as exc:
            left_out.append((script, exc.message))
    return Resolved(good, left_out)


class AlreadyDelivered(StateError):
    """A timed delivery found the session delivered already (by another scheduler)."""


def deliver_session(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    day: date,
    template: SessionTemplate,
    owner: str = "",
    once: bool = False,
) -> Delivery:
    """Assemble one session's programme into the outbox and record it in the as-run log.

    Every good item is delivered; an item that may not air is left out and its reason logged;
    a session left with nothing is logged as failed. The delivery row (one per commune, day
    and session) is written in the same transaction: a second timed delivery cannot commit.
    """
    commune = get_commune(session, commune_id=commune_id)
    start = slot_start(day, template, settings.tz)
    items = session_items(session, commune_id=commune_id, day=day, session_id=id_of(template))
    folder = folder_for(settings, commune, start, template.name)
    if not items:  # nothing scheduled: no folder, nothing to log
        log.info("%s ngày %s không có bài nào, không chuẩn bị chương trình.", template.name, day)
        return Delivery(folder, 0, 0.0, changed=False)
    scripts = [s for s in (session.get(Script, i.script_id) for i in items) if s is not None]
    resolved = resolve(session, settings, scripts)
    what = f"{template.name} {day:%d/%m/%Y}"
    for script, reason in resolved.left_out:
        asrun(
            session,
            commune_id,
            AsRunKind.SKIPPED_ITEM,
            day,
            template,
            [id_of(script)],
            f"Bỏ «{script.title}» khỏi {what}: {reason}",
        )
        log.warning("Bỏ bài «%s» khỏi %s: %s", script.title, what, reason)
    if not resolved.good:
        asrun(
            session,
            commune_id,
            AsRunKind.FAILED,
            day,
            template,
            [],
            f"{what} không có bài nào phát được; chưa giao chương trình. Hãy duyệt lại hoặc dựng lại âm thanh các bài trong buổi.",
        )
        log.error("%s không có bài nào phát được", what)
        shutil.rmtree(folder, ignore_errors=True)
        return Delivery(folder, 0, 0.0, changed=False)
    delivery = build_programme(
        session,
        settings,
        commune=commune,
        scripts=resolved.good,
        folder=folder,
        title=f"{template.name} {start:%d/%m/%Y}",
        start=start,
    )
    record = session.exec(
        select(SessionDelivery).where(
            SessionDelivery.commune_id == commune_id,
            SessionDelivery.day == day,
            SessionDelivery.session_id == template.id,
        )
    ).first()
    if record is not None and once:  # the timer delivers a session once; nothing is logged twice
        raise AlreadyDelivered(f"{what} đã được giao.")
    first = record is None  # a folder left in place by a run that never committed is still a first delivery
    if record is None:
        session.add(
            SessionDelivery(
                commune_id=commune_id,
                day=day,
                session_id=id_of(template),
                folder=str(folder),
                items=delivery.items,
                owner=owner,
            )
        )
        session.flush()  # the unique key: a concurrent second delivery fails here or at commit
    elif delivery.changed:
        record.items, record.updated_at = delivery.items, utcnow()
        session.add(record)
    if delivery.changed or first:
        asrun(
            session,
            commune_id,
            AsRunKind.DELIVERED,
            day,
            template,
            [id_of(s) for s in resolved.good],
            f"{delivery.items} bài",
            path=str(delivery.folder),
            seconds=delivery.seconds,
        )
        log.info("Đã chuyển chương trình %s %s (%d bài) vào %s", template.name, day, delivery.items, delivery.folder)
    return delivery


def asrun(
    session: Session,
    commune_id: int,
    kind: AsRunKind,
    day: date,
    template: SessionTemplate | None,
    scripts: list[int],
    detail: str,
    *,
    path: str | None = None,
    seconds: float = 0.0,
) -> None:
    session.add(
        AsRunEntry(
            commune_id=commune_id,
            kind=kind,
            day=day,
            session_id=template.id if template else None,
            path=path,
            scripts=scripts,
            seconds=seconds,
            detail=detail,
        )
    )


def deliver_emergency(session: Session, settings: Settings, *, script_id: int) -> Delivery:
    """Khẩn cấp: produce and deliver one script now, ahead of any schedule, and log it."""
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
            commune_id=id_of(commune),
            kind=AsRunKind.EMERGENCY,
            day=now.date(),
            path=str(delivery.folder),
            scripts=[id_of(script)],
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
    files = sorted(p for p in delivery.folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return Download(zip_files(delivery.folder, files, tz=settings.tz), f"{delivery.folder.name}.zip")
