"""Audio: rendered MP3s, their waveform, and voice samples."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, Response
from sqlmodel import Session

from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.audio.waveform import waveform_png
from broadcast.config import get_settings
from broadcast.models import Render, User
from broadcast.services import renders as renders_svc
from broadcast.services import users as users_svc
from broadcast.services import voices as voices_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _render_file(session: Session, user: User, render_id: int) -> Render:
    render = renders_svc.get_render(session, render_id=render_id)
    users_svc.require(session, user, render.commune_id, "read")
    return render


@router.get("/renders/{render_id}/audio.mp3")
def render_audio(render_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    render = _render_file(session, user, render_id)
    return FileResponse(render.path, media_type="audio/mpeg", filename=Path(render.path).name)


@router.get("/renders/{render_id}/waveform.png")
def waveform(render_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    render = _render_file(session, user, render_id)
    return FileResponse(waveform_png(Path(render.path)), media_type="image/png")


@router.get("/voices/sample")
def voice_sample(engine: str = "espeak", voice: str = "vi", user: User = Depends(web_user)) -> Response:
    return FileResponse(voices_svc.voice_sample(get_settings(), engine=engine, voice=voice), media_type="audio/mpeg")
