"""Renders started from a page or the API: a background job each (tasks.queue); callers
poll its row, so any web process can answer."""

from __future__ import annotations

from sqlmodel import Session

from broadcast.models import Profile, Script
from broadcast.models_jobs import BackgroundJob, JobQueue
from broadcast.services.scripts import approved_text
from broadcast.tasks import queue


def start(session: Session, *, script_id: int, profile: Profile, engine: str | None) -> BackgroundJob:
    """Queue a render of the approved text; refused at once if the script is not approved."""
    script, _, _ = approved_text(session, script_id=script_id)
    urgent = script.priority.value == "khan-cap"
    return queue.enqueue(
        session,
        kind="render",
        args={"script_id": script_id, "profile": profile.value, "engine": engine},
        commune_id=script.commune_id,
        queue=JobQueue.KHAN_CAP if urgent else JobQueue.DEFAULT,
    )


def progress(session: Session, *, job_id: int) -> tuple[BackgroundJob, Script | None]:
    job = queue.get_job(session, job_id=job_id)
    script = session.get(Script, job.args.get("script_id")) if job.kind == "render" else None
    return job, script
