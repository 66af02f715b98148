"""Scripts: list, upload, the script page with what the voice will read, edits, lexicon additions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api import views
from broadcast.api.pages.common import back, current_commune, page, read_upload, script_for
from broadcast.api.pages.ocr import review_context
from broadcast.api.params import IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.errors import InputError
from broadcast.intake import intake_text
from broadcast.intake.limits import IntakeLimits
from broadcast.intake.worker import parse_with_timeout, run_bounded
from broadcast.models import Priority, Profile, ScriptAction, ScriptStatus, User
from broadcast.services import approval as approval_svc
from broadcast.services import communes as communes_svc
from broadcast.services import lexicon as lexicon_svc
from broadcast.services import ocr_jobs, script_batch
from broadcast.services import renders as renders_svc
from broadcast.services import scripts as scripts_svc
from broadcast.services import speech as speech_svc
from broadcast.tts.chain import ENGINE_NAMES

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/scripts", response_class=HTMLResponse)
def scripts_page(
    request: Request,
    trang: int = Query(1, ge=1, le=100_000),
    status: str = Query("", max_length=20),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> HTMLResponse:
    """One page of the commune's scripts, newest first (trang = page number, status = filter)."""
    commune_id = current_commune(request, session, user)
    wanted = script_batch.parse_status(status)
    size = script_batch.PAGE_SIZE
    found = script_batch.page_of_scripts(
        session, commune_id=commune_id, status=wanted, limit=size, offset=(trang - 1) * size
    )
    categories = communes_svc.categories(session, commune_id=commune_id)
    return page(
        request,
        "scripts.html",
        session,
        user,
        commune_id=commune_id,
        scripts=script_batch.to_public_many(session, found.scripts),
        found=found,
        trang=trang,
        status=wanted,
        ScriptStatus=ScriptStatus,
        categories=categories,
        category_names={c.code: c.label for c in categories},
        Priority=Priority,
    )


@router.post("/scripts")
def upload(
    request: Request,
    file: UploadFile | None = File(None),
    text: str = Form(""),
    category: str = Form(""),
    month: str = Form(""),
    priority: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    settings = get_settings()
    commune_id = current_commune(request, session, user, "produce")
    meta = scripts_svc.ScriptMeta(category=category or None, month=month or None, priority=priority or None)
    if file is not None and file.filename:
        data = read_upload(file, settings.max_upload_bytes)
        if ocr_jobs.in_background(settings, file.filename, data):  # a province: a worker reads it
            job = ocr_jobs.start(
                session,
                settings,
                commune_id=commune_id,
                data=data,
                filename=file.filename,
                meta=meta,
                actor=user.full_name,
            )
            return back(request, f"/ocr-jobs/{job.id}")
        # Parsed in a child process bounded in time and memory: a hostile file cannot hold the server.
        parsed = parse_with_timeout(data, file.filename, IntakeLimits.from_settings(settings))
        script, result = scripts_svc.add_script_file(
            session,
            settings,
            commune_id=commune_id,
            data=data,
            filename=file.filename,
            meta=meta,
            actor=user.full_name,
            intake=parsed,
        )
    elif text.strip():
        limits = IntakeLimits.from_settings(settings)
        read = run_bounded(
            intake_text, text, limits=limits, timeout_s=limits.parse_timeout_s, memory_bytes=limits.parse_memory_bytes
        )
        script, result = scripts_svc.add_script_text(
            session, settings, commune_id=commune_id, text=text, meta=meta, actor=user.full_name, intake=read
        )
    else:
        raise InputError(
            "Hãy chọn tệp bài (.docx, .txt, .md, .pdf hoặc ảnh chụp .jpg, .png, .heic) hoặc dán nội dung bài."
        )
    note = (
        " Bài gõ bằng bảng mã cũ đã được chuyển sang Unicode, hãy kiểm tra chữ." if result.read.converted_from else ""
    )
    if result.from_image:
        note += " Bài đọc từ ảnh: hãy đối chiếu chữ với bản giấy trước khi gửi duyệt."
    return back(request, f"/scripts/{script.id}", f"Đã nhận bài «{script.title}».{note}")


@router.get("/scripts/{script_id}", response_class=HTMLResponse)
def script_page(
    request: Request,
    script_id: IdPath,
    seen: str = "",
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> HTMLResponse:
    script = script_for(session, user, script_id, "read")
    previews, cut = speech_svc.paragraph_previews(session, script=script)
    preview = [(views.highlighted(p.written, p.reading), p.reading.spoken, p.reading.unknown) for p in previews]
    renders = [renders_svc.to_public(session, r) for r in renders_svc.renders_of(session, script_id=script_id)]
    events = scripts_svc.events(session, script_id=script_id)
    asked = request.query_params.get("rendered", "")
    returned = [e for e in events if e.action == ScriptAction.TRA_LAI.value]
    return page(
        request,
        "script.html",
        session,
        user,
        commune_id=script.commune_id,
        script=scripts_svc.to_public(session, script),
        preview=preview,
        unknown=sorted({u for _, _, us in preview for u in us}),
        removed=list(dict.fromkeys(r for p in previews for r in p.reading.removed)),
        speech=speech_svc.speech_for(session, script_id=script_id),
        approvals=scripts_svc.approvals(session, script_id=script_id),
        events=events,
        renders=renders,
        rendered=next((r for r in renders if str(r.id) == asked), None),
        returned_reason=returned[-1].detail if returned and script.status == ScriptStatus.TRA_LAI else None,
        show_spoken="doc" in request.query_params,
        category_names={c.code: c.label for c in communes_svc.categories(session, commune_id=script.commune_id)},
        engines=ENGINE_NAMES,
        changes=approval_svc.changes_since(session, script_id=script_id, seen=seen) if seen else None,
        preview_cut=speech_svc.PREVIEW_CHARS if cut else None,
        Profile=Profile,
        ocr=review_context(session, script),
    )


@router.post("/scripts/{script_id}/edit")
def edit(
    request: Request,
    script_id: IdPath,
    text: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = script_for(session, user, script_id, "produce")
    was = script.status
    scripts_svc.edit_script_text(session, get_settings(), script_id=script_id, text=text, actor=user.full_name)
    again = " Bài đã duyệt nên cần lãnh đạo duyệt lại." if was == ScriptStatus.DA_DUYET else ""
    return back(request, f"/scripts/{script_id}", f"Đã lưu nội dung mới.{again}")


@router.post("/scripts/{script_id}/lexicon")
def add_lexicon(
    request: Request,
    script_id: IdPath,
    written: str = Form(...),
    spoken: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = script_for(session, user, script_id, "produce")
    lexicon_svc.set_entry(session, commune_id=script.commune_id, written=written, spoken=spoken)
    return back(request, f"/scripts/{script_id}?doc#doc", f"Từ nay «{written}» được đọc là «{spoken}».")
