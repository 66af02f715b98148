"""Audio: rendered MP3s, their waveform, and voice samples."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, current_commune, script_for, served
from broadcast.api.params import IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.audio.waveform import waveform_png
from broadcast.config import get_settings
from broadcast.errors import InputError
from broadcast.models import Profile, User
from broadcast.services import credentials, render_jobs
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
    request: Request,
    engine: str = Query("espeak", max_length=40),
    voice: str = Query("vi", max_length=80),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    """A known engine's known voice (never a path from the request), from the samples folder;
    a commercial voice is asked with the keys of the commune being worked on."""
    settings = get_settings()
    keys = credentials.keys_for(session, settings, commune_id=current_commune(request, session, user))
    sample = voices_svc.voice_sample(settings, engine=engine, voice=voice, keys=keys)
    return FileResponse(served(sample, settings.data_dir / "samples"), media_type="audio/mpeg")


@router.post("/scripts/{script_id}/render")
def start_render(
    request: Request,
    script_id: IdPath,
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
