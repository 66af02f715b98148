"""OCR of an upload as a background job (BROADCAST_QUEUE=procrastinate): queue it, and
read its progress back from the database for the waiting page."""

from __future__ import annotations

from sqlmodel import Session

from broadcast.config import Settings
from broadcast.errors import NotFoundError
from broadcast.intake.scans import is_scan
from broadcast.models_jobs import BackgroundJob
from broadcast.services.ocr_intake import stage_upload
from broadcast.services.script_meta import ScriptMeta
from broadcast.tasks import queue

KIND = "ocr-intake"


def in_background(settings: Settings, filename: str, data: bytes) -> bool:
    """A province's upload of a PDF, scan or photo is read by a worker; the embedded
    default reads it in the request (in the same bounded child process)."""
    return settings.queue == "procrastinate" and is_scan(filename, data)


def start(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    data: bytes,
    filename: str,
    meta: ScriptMeta,
    actor: str | None,
) -> BackgroundJob:
    """Keep the upload and queue its reading; it starts once this transaction is committed."""
    args = stage_upload(session, settings, commune_id=commune_id, data=data, filename=filename, meta=meta, actor=actor)
    return queue.enqueue(session, kind=KIND, args=args, commune_id=commune_id, settings=settings)


def get(session: Session, *, job_id: int) -> tuple[BackgroundJob, int]:
    """An OCR job and its commune (any other kind of job is not found here)."""
    job = queue.get_job(session, job_id=job_id)
    if job.kind != KIND or job.commune_id is None:
        raise NotFoundError("Không có lượt đọc bản chụp này.", job_id=job_id)
    return job, job.commune_id
