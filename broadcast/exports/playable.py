"""The audio an export carries: a current render of the approved text, made now if missing."""

from __future__ import annotations

from sqlmodel import Session

from broadcast import production
from broadcast.config import Settings
from broadcast.models import Profile, Render
from broadcast.services.renders import current_render, newest_render, verify_audio


def current_or_render(session: Session, settings: Settings, *, script_id: int, profile: Profile) -> Render:
    """The current render in profile; an approved script without one is rendered now.

    A stale render is never used: the script must be approved again first (IntegrityError
    or StateError from below says so). Nor is a file that is not the one the render made.
    """
    if newest_render(session, script_id=script_id, profile=profile) is None:
        job = production.render(session, settings, script_id=script_id, profile=profile)
        assert job.render is not None  # render() ran every stage; the last one saved the row
        render = job.render
    else:
        render = current_render(session, script_id=script_id, profile=profile)
    verify_audio(render)
    return render
