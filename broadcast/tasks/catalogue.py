"""The task functions, by name. Each takes the job's session, the settings, a progress
callback and the job's arguments, and returns a JSON-able result. They only call the core
(production, exports, services), so the same code runs in-process and in a worker."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from broadcast import clock, production
from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.exports.download import Download
from broadcast.fsutil import atomic_write_bytes
from broadcast.models import Profile
from broadcast.scheduling import delivery, lock
from broadcast.services import schedule as sched

Progress = Callable[[str, int, int], None]
TaskFunction = Callable[[Session, Settings, Progress, dict[str, Any]], dict[str, Any]]
TASKS: dict[str, TaskFunction] = {}
KEEP_EXPORTS_S = 24 * 3600  # a built download stays this long


def task(name: str) -> Callable[[TaskFunction], TaskFunction]:
    def register(fn: TaskFunction) -> TaskFunction:
        TASKS[name] = fn
        return fn

    return register


def get_task(name: str) -> TaskFunction:
    if name not in TASKS:
        raise InputError(f"Không có loại việc «{name[:40]}».", kind=name[:40])
    return TASKS[name]


@task("render")
def render(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    job = production.render(
        session,
        settings,
        script_id=int(args["script_id"]),
        profile=Profile(args.get("profile", Profile.STATION.value)),
        engine=args.get("engine"),
        progress=progress,
    )
    assert job.render is not None and job.render.id is not None
    return {"render_id": job.render.id, "notice": production.offline_notice(job)}


@task("deliver-session")
def deliver_session(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    """A timed delivery queued by the province timer: once, or logged as missed when late."""
    progress("Chuẩn bị chương trình buổi phát", 0, 1)
    outcome = delivery.deliver_timed(
        settings,
        commune_id=int(args["commune_id"]),
        day=sched.parse_day(args["day"]),
        session_id=int(args["session_id"]),
        now=clock.timer_now(settings.tz, settings.timer_clock_file),
        owner=lock.owner_id(),
    )
    return {"outcome": outcome}


@task("quota-warning")
def quota_warning(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    progress("Kiểm tra chỉ tiêu tháng", 0, 1)
    day = sched.parse_day(args["day"])
    return {"warnings": delivery.warn_quota(settings, commune_id=int(args["commune_id"]), today=day)}


def _keep(settings: Settings, file: Download) -> dict[str, Any]:
    """A built file kept for its download (any web process serves it from the shared data
    folder); files of earlier downloads older than a day go."""
    folder = settings.data_dir / "exports"
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_file() and time.time() - old.stat().st_mtime > KEEP_EXPORTS_S:
                old.unlink(missing_ok=True)
    path = atomic_write_bytes(folder / f"{secrets.token_hex(8)}-{file.filename}", file.body)
    return {"path": str(path), "filename": file.filename}


@task("loa-keo-zip")
def loa_keo_zip(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.exports.loa_keo import bundle_download

    progress("Đang chuẩn bị gói loa kéo", 0, 1)
    return _keep(settings, bundle_download(session, settings, commune_id=int(args["commune_id"]), month=args["month"]))


@task("month-file")
def month_file(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.exports.month import month_download

    progress("Đang chuẩn bị lịch tháng", 0, 1)
    year, month = sched.parse_month(args["month"])
    commune_id = int(args["commune_id"])
    file = month_download(session, settings, commune_id=commune_id, year=year, month=month, fmt=str(args["fmt"]))
    return _keep(settings, file)


@task("session-zip")
def session_zip(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.exports.station import session_download

    progress("Đang chuẩn bị chương trình buổi phát", 0, 1)
    day, session_id = sched.parse_day(args["day"]), int(args["session_id"])
    return _keep(
        settings,
        session_download(session, settings, commune_id=int(args["commune_id"]), day=day, session_id=session_id),
    )


@task("emergency")
def emergency(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.exports.station import deliver_emergency

    progress("Chuyển bài khẩn cấp tới đài", 0, 1)
    delivery = deliver_emergency(session, settings, script_id=int(args["script_id"]))
    return {"folder": str(delivery.folder), "items": delivery.items, "seconds": delivery.seconds}


@task("voice-sample")
def voice_sample(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.services.voices import voice_sample as sample

    progress("Tạo mẫu giọng đọc", 0, 1)
    return {"path": str(sample(settings, engine=str(args["engine"]), voice=str(args["voice"])))}


@task("ocr-intake")
def ocr_intake(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    from broadcast.services.ocr_intake import read_staged

    return read_staged(session, settings, progress, args)
