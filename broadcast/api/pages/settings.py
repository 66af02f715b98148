"""The commune settings: names, templates, voices and their keys, sessions, quotas, jingles, lexicon."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, current_commune, page, read_upload, served
from broadcast.api.params import MAX_NUMBER, IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.errors import InputError
from broadcast.intake.limits import AUDIO_KINDS, IntakeLimits, check_upload
from broadcast.models import User
from broadcast.services import communes as communes_svc
from broadcast.services import credentials
from broadcast.services import lexicon as lexicon_svc
from broadcast.services import schedule as sched
from broadcast.services import voices as voices_svc
from broadcast.tts.catalogue import PROVIDERS, Voice
from broadcast.tts.chain import KEYED_ENGINES, parse_entry

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    from broadcast.text.normalize import normalize_text
    from broadcast.text.speech import fill_template
    from broadcast.tts.espeak import EspeakEngine

    commune_id = current_commune(request, session, user)
    commune = communes_svc.get_commune(session, commune_id=commune_id)
    categories = communes_svc.categories(session, commune_id=commune_id)
    settings = get_settings()
    voices = voices_svc.commune_voices(session, settings, commune_id=commune_id)
    chosen = [_as_listed(entry, voices, commune.espeak_voice) for entry in commune.engine_chain]

    return page(
        request,
        "settings.html",
        session,
        user,
        commune_id=commune_id,
        c=commune,
        opening_preview=normalize_text(fill_template(commune.opening_template, commune.don_vi)),
        closing_preview=normalize_text(fill_template(commune.closing_template, commune.don_vi)),
        sessions=sched.sessions(session, commune_id=commune_id),
        quotas=sched.quotas(session, commune_id=commune_id),
        categories=categories,
        category_names={cat.code: cat.label for cat in categories},
        lexicon=lexicon_svc.entries(session, commune_id=commune_id),
        espeak_voices=EspeakEngine.voices,
        voices=voices,
        main_voice=chosen[0] if chosen else "",
        fallback_voices=(chosen[1:] + [""] * voices_svc.MAX_FALLBACKS)[: voices_svc.MAX_FALLBACKS],
        key_status=credentials.status(session, settings, commune_id=commune_id),
        providers=PROVIDERS,
        list_styles=communes_svc.LIST_STYLE_NAMES,
    )


def _as_listed(entry: str, voices: list[Voice], espeak_voice: str) -> str:
    """A chain entry as the voice table lists it: a bare engine ("gtts") is its default voice."""
    name, voice = parse_entry(entry)
    if voice is None:
        voice = espeak_voice if name == "espeak" else next((v.voice for v in voices if v.engine == name), "")
    return f"{name}:{voice}"


@router.post("/settings/commune")
def save_commune(
    request: Request,
    don_vi: str = Form(...),
    opening_template: str = Form(...),
    closing_template: str = Form(...),
    espeak_voice: str = Form(...),
    speech_rate: int = Form(..., ge=-MAX_NUMBER, le=MAX_NUMBER),
    loudness_target: float = Form(...),
    horn_profile: bool = Form(False),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    communes_svc.configure(
        session,
        commune_id=commune_id,
        changes=communes_svc.AudioSettings(
            espeak_voice=espeak_voice,
            speech_rate=speech_rate,
            loudness_target=loudness_target,
            horn_profile=horn_profile,
            opening_template=opening_template,
            closing_template=closing_template,
            don_vi=don_vi,
        ),
    )
    return back(request, "/settings", "Đã lưu cài đặt của xã.")


@router.post("/settings/voices")
def save_voices(
    request: Request,
    main: str = Form(..., max_length=120),
    fallback1: str = Form("", max_length=120),
    fallback2: str = Form("", max_length=120),
    fallback3: str = Form("", max_length=120),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    voices_svc.choose(session, commune_id=commune_id, main=main, fallbacks=[fallback1, fallback2, fallback3])
    return back(request, "/settings#voices", "Đã lưu giọng chính và các giọng dự phòng.")


@router.post("/settings/keys/{engine}")
def save_key(
    request: Request,
    engine: str,
    api_key: str = Form("", max_length=600),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    """Install (or, with remove, clear) a commune's API key; the key is never shown back."""
    commune_id = current_commune(request, session, user, "admin")
    _keyed(engine)
    if not api_key.strip():
        raise InputError(f"Hãy dán khóa API của {PROVIDERS[engine]} vào ô rồi bấm «Lưu khóa».")
    credentials.set_key(session, commune_id=commune_id, engine=engine, api_key=api_key)
    return back(request, "/settings#voices", f"Đã cài khóa API của {PROVIDERS[engine]}.")


@router.post("/settings/keys/{engine}/remove")
def remove_key(
    request: Request, engine: str, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    _keyed(engine)
    credentials.set_key(session, commune_id=commune_id, engine=engine, api_key=None)
    return back(request, "/settings#voices", f"Đã xóa khóa API của {PROVIDERS[engine]}.")


def _keyed(engine: str) -> None:
    if engine not in KEYED_ENGINES:
        names = ", ".join(PROVIDERS[e] for e in KEYED_ENGINES)
        raise InputError(f"Giọng này không cần khóa API. Chỉ các giọng sau cần khóa: {names}.")


@router.post("/settings/list_style")
def save_list_style(
    request: Request,
    list_style: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    communes_svc.set_list_style(session, commune_id=commune_id, list_style=list_style)
    return back(request, "/settings", "Đã lưu cách đọc mục đánh số.")


@router.post("/settings/sessions")
def save_session(
    request: Request,
    name: str = Form(...),
    start: str = Form(...),
    length_min: int = Form(..., ge=-MAX_NUMBER, le=MAX_NUMBER),
    relay_min: int = Form(0, ge=-MAX_NUMBER, le=MAX_NUMBER),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    sched.add_session(
        session, commune_id=commune_id, name=name, start=start, length_min=length_min, relay_min=relay_min
    )
    return back(request, "/settings", f"Đã thêm buổi phát «{name}».")


@router.post("/settings/sessions/{session_id}/remove")
def remove_session(
    request: Request, session_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    sched.remove_session(session, commune_id=commune_id, session_id=session_id)
    return back(request, "/settings", "Đã bỏ buổi phát.")


@router.post("/settings/quotas/remove")
def remove_quota(
    request: Request, category: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    sched.remove_quota(session, commune_id=commune_id, category=category)
    return back(request, "/settings", f"Đã bỏ chỉ tiêu {category}.")


@router.post("/settings/quotas")
def save_quota(
    request: Request,
    category: str = Form(...),
    minimum: int = Form(..., ge=-MAX_NUMBER, le=MAX_NUMBER),
    target: int = Form(..., ge=-MAX_NUMBER, le=MAX_NUMBER),
    spacing_days: int = Form(5, ge=-MAX_NUMBER, le=MAX_NUMBER),
    max_per_script: int = Form(3, ge=-MAX_NUMBER, le=MAX_NUMBER),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    sched.set_quota(
        session,
        commune_id=commune_id,
        category=category,
        minimum=minimum,
        target=target,
        spacing_days=spacing_days,
        max_per_script=max_per_script,
    )
    return back(request, "/settings", "Đã lưu chỉ tiêu.")


@router.post("/settings/jingles")
def save_jingle(
    request: Request,
    slot: str = Form(...),
    file: UploadFile = File(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    settings = get_settings()
    commune_id = current_commune(request, session, user, "admin")
    data = read_upload(file, settings.max_upload_bytes)
    name = file.filename or "nhac.wav"
    check_upload(data, name, IntakeLimits.from_settings(settings), kinds=AUDIO_KINDS, expected="âm thanh WAV hoặc MP3")
    communes_svc.set_jingle(session, settings, commune_id=commune_id, slot=slot, data=data, filename=file.filename)
    return back(request, "/settings", "Đã lưu nhạc hiệu.")


@router.get("/settings/jingles/{slot}.wav")
def listen_jingle(
    request: Request, slot: str, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user)
    settings = get_settings()
    path = communes_svc.jingle_path(session, settings, commune_id=commune_id, slot=slot)
    return FileResponse(served(path, settings.jingle_dir), media_type="audio/wav")


@router.post("/settings/lexicon")
def save_lexicon(
    request: Request,
    written: str = Form(...),
    spoken: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    lexicon_svc.set_entry(session, commune_id=commune_id, written=written, spoken=spoken)
    return back(request, "/settings#lexicon", f"Đã thêm «{written}».")


@router.post("/settings/lexicon/remove")
def remove_lexicon(
    request: Request, written: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    lexicon_svc.remove_entry(session, commune_id=commune_id, written=written)
    return back(request, "/settings#lexicon", f"Đã bỏ «{written}».")
