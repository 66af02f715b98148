"""Renders started from a page or the API run in a background thread; callers poll their progress."""

from __future__ import annotations

import enum
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from broadcast import production
from broadcast.config import get_settings
from broadcast.db import get_engine, session_scope
from broadcast.errors import BroadcastError
from broadcast.models import Profile


class JobStatus(str, enum.Enum):
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


@dataclass
class RenderJob:
    id: str
    script_id: int
    stage: str = "Đang chờ"
    done: int = 0
    total: int = 1
    status: JobStatus = JobStatus.RUNNING
    error: str | None = None
    render_id: int | None = None
    notice: str | None = None
    extra: dict = field(default_factory=dict)


_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")  # one render at a time on 2 cores
_JOBS: dict[str, RenderJob] = {}
_LOCK = threading.Lock()


def start(script_id: int, *, profile: Profile, engine: str | None) -> RenderJob:
    job = RenderJob(id=uuid.uuid4().hex, script_id=script_id)
    settings, db_engine = get_settings(), get_engine()  # the caller's database and folders, even later
    with _LOCK:
        _JOBS[job.id] = job

    def progress(label: str, done: int, total: int) -> None:
        job.stage, job.done, job.total = label, done, total

    def run() -> None:
        try:
            with session_scope(db_engine) as session:
                result = production.render(
                    session, settings, script_id=script_id, profile=profile, engine=engine, progress=progress
                )
                job.render_id, job.notice = result.render.id, production.offline_notice(result)
            job.stage, job.status = "Xong", JobStatus.DONE
        except BroadcastError as exc:
            job.status, job.error = JobStatus.ERROR, exc.message
        except Exception as exc:  # noqa: BLE001 - shown to the user as a short message, never a trace
            job.status, job.error = JobStatus.ERROR, f"Lỗi ngoài dự kiến khi dựng âm thanh ({type(exc).__name__})."

    _POOL.submit(run)
    return job


def get(job_id: str) -> RenderJob | None:
    return _JOBS.get(job_id)
