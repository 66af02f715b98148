"""Audio: rendered MP3s, their waveform, and voice samples."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import served
from broadcast.api.params import IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.audio.waveform import waveform_png
from broadcast.config import get_settings
from broadcast.models import User
from broadcast.services import renders as renders_svc
from broadcast.services import users as users_svc
from broadcast.services import voices as voices_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _render_file(session: Session, user: User, render_id: int) -> Path:
    """The MP3 of a render the user's commune owns, inside the audio folder."""
    render = renders_svc.get_render(session, render_id=render_id)
    users_svc.require(session, user, render.commune_id, "read")
    return served(render.path, get_settings().audio_dir)


@router.get("/renders/{render_id}/audio.mp3")
def render_audio(render_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    path = _render_file(session, user, render_id)
    return FileResponse(path, media_type="audio/mpeg", filename=path.name)


@router.get("/renders/{render_id}/waveform.png")
def waveform(render_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    path = _render_file(session, user, render_id)
    return FileResponse(served(waveform_png(path), get_settings().audio_dir), media_type="image/png")


@router.get("/voices/sample")
def voice_sample(
    engine: str = Query("espeak", max_length=40),
    voice: str = Query("vi", max_length=80),
    user: User = Depends(web_user),
) -> Response:
    """A known engine's known voice (never a path from the request), from the samples folder."""
    settings = get_settings()
    sample = voices_svc.voice_sample(settings, engine=engine, voice=voice)
    return FileResponse(served(sample, settings.data_dir / "samples"), media_type="audio/mpeg")
