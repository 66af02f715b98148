"""The task functions, by name. Each takes the job's session, the settings, a progress
callback and the job's arguments, and returns a JSON-able result. They only call the core
(production, exports, services), so the same code runs in-process and in a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from broadcast import production
from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.models import Profile
from broadcast.services import schedule as sched

Progress = Callable[[str, int, int], None]
TaskFunction = Callable[[Session, Settings, Progress, dict[str, Any]], dict[str, Any]]
TASKS: dict[str, TaskFunction] = {}


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
    from broadcast.exports.station import deliver_session as deliver

    progress("Chuẩn bị chương trình buổi phát", 0, 1)
    commune_id = int(args["commune_id"])
    template = sched.get_session(session, commune_id=commune_id, session_id=int(args["session_id"]))
    delivery = deliver(session, settings, commune_id=commune_id, day=sched.parse_day(args["day"]), template=template)
    return {"folder": str(delivery.folder), "items": delivery.items, "seconds": delivery.seconds}


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
