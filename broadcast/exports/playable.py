"""The audio an export carries: a current render of the approved text, made now if missing."""

from __future__ import annotations

from sqlmodel import Session

from broadcast import production
from broadcast.config import Settings
from broadcast.errors import StateError
from broadcast.models import Profile, Render
from broadcast.services.renders import current_render


def current_or_render(session: Session, settings: Settings, *, script_id: int, profile: Profile) -> Render:
    """The current render in profile; an approved script without one is rendered now.

    A stale render is never used: the script must be approved again first (IntegrityError
    or StateError from below says so).
    """
    try:
        return current_render(session, script_id=script_id, profile=profile)
    except StateError:
        job = production.render(session, settings, script_id=script_id, profile=profile)
        assert job.render is not None  # render() ran every stage; the last one saved the row
        return job.render
