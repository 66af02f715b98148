"""Audio: rendered MP3s, their waveform, and voice samples."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, script_for
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.audio.waveform import waveform_png
from broadcast.config import get_settings
from broadcast.errors import InputError
from broadcast.models import Profile, Render, User
from broadcast.services import render_jobs
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


@router.post("/scripts/{script_id}/render")
def start_render(
    request: Request,
    script_id: int,
    profile: str = Form(Profile.STATION.value),
    engine: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    """The render button without JavaScript: start the job, come back to the script page."""
    script_for(session, user, script_id, "produce")
    if profile not in Profile._value2member_map_:
        raise InputError("Hãy chọn dựng cho đài, loa kéo hoặc loa IP.")
    render_jobs.start(session, script_id=script_id, profile=Profile(profile), engine=engine or None)
    return back(request, f"/scripts/{script_id}#renders", "Đang dựng âm thanh; tải lại trang sau ít phút để nghe.")
