"""The web pages. Each route checks the role, calls a service, and renders a template."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session, select

from broadcast.api import views
from broadcast.api.security import LoginLimiter, csrf_token, db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.errors import AuthError, ForbiddenError, InputError, NotFoundError
from broadcast.models import Priority, Profile, Render, Role, Script, ScriptStatus, User
from broadcast.services import communes as communes_svc
from broadcast.services import lexicon as lexicon_svc
from broadcast.services import schedule as sched
from broadcast.services import scripts as scripts_svc
from broadcast.services import users as users_svc

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
ACTIONS = {
    "tao": "Nhận bài",
    "gui-duyet": "Gửi duyệt",
    "duyet": "Duyệt",
    "tra-lai": "Trả lại",
    "sua": "Sửa nội dung",
    "sua-khong-doi": "Lưu (nội dung không đổi)",
}
TEMPLATES.env.filters["local"] = lambda dt: dt.astimezone(get_settings().tz).strftime("%H:%M %d/%m/%Y") if dt else ""
TEMPLATES.env.filters["action"] = lambda code: ACTIONS.get(code, code)
TEMPLATES.env.filters["status"] = lambda code: ScriptStatus(code).label if code else ""
router = APIRouter(dependencies=[Depends(verify_csrf)])
limiter = LoginLimiter(get_settings().login_attempts, get_settings().login_window_s)


def page(request: Request, name: str, session: Session, user: User, **context) -> HTMLResponse:
    mine = users_svc.communes_of(session, user)
    current = context.pop("commune_id", None) or request.session.get("commune_id")
    if current not in [c.id for c, _ in mine]:
        current = mine[0][0].id if mine else None
    role = dict((c.id, r) for c, r in mine).get(current)
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "communes": mine,
            "commune": next((c for c, _ in mine if c.id == current), None),
            "role": role,
            "csrf": csrf_token(request),
            "flash": request.session.pop("flash", None),
            "Role": Role,
            **context,
        },
    )


def current_commune(request: Request, session: Session, user: User, action: str = "read") -> int:
    mine = [c.id for c, _ in users_svc.communes_of(session, user)]
    asked = request.query_params.get("c")
    if asked is not None:
        if not asked.isdigit() or int(asked) not in mine:
            raise ForbiddenError("Bạn không thuộc xã này nên không xem hay sửa được dữ liệu của xã.")
        commune_id = int(asked)
    else:
        kept = request.session.get("commune_id")
        commune_id = kept if kept in mine else (mine[0] if mine else None)
    if commune_id is None:
        raise ForbiddenError("Tài khoản chưa được gán vào xã nào. Hãy nhờ quản trị gán vai trò.")
    users_svc.require(session, user, commune_id, action)
    request.session["commune_id"] = commune_id
    return commune_id


def back(request: Request, url: str, message: str | None = None) -> RedirectResponse:
    if message:
        request.session["flash"] = message
    return RedirectResponse(url, status_code=303)


def _script(session: Session, user: User, script_id: int, action: str) -> Script:
    script = scripts_svc.get_script(session, script_id=script_id)
    users_svc.require(session, user, script.commune_id, action)
    return script


# --- log-in ---------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "login.html", {"csrf": csrf_token(request), "error": None})


@router.post("/login")
def login(
    request: Request, username: str = Form(...), password: str = Form(...), session: Session = Depends(db_session)
) -> Response:
    key = f"{request.client.host if request.client else '-'}|{username.strip().lower()}"
    limiter.check(key)
    try:
        user = users_svc.authenticate(session, username=username, password=password)
    except AuthError as exc:
        limiter.failed(key)
        return TEMPLATES.TemplateResponse(
            request, "login.html", {"csrf": csrf_token(request), "error": exc.message}, status_code=401
        )
    limiter.reset(key)
    request.session.clear()
    request.session["user_id"] = user.id
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# --- dashboard ------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)) -> HTMLResponse:
    mine = users_svc.communes_of(session, user)
    if not mine:
        return page(request, "dashboard.html", session, user, data=None)
    commune_id = current_commune(request, session, user)
    return page(
        request,
        "dashboard.html",
        session,
        user,
        commune_id=commune_id,
        data=views.dashboard(session, get_settings(), commune_id=commune_id),
    )


# --- scripts ---------------------------------------------------------------------------------


@router.get("/scripts", response_class=HTMLResponse)
def scripts_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    commune_id = current_commune(request, session, user)
    rows = [scripts_svc.to_public(session, s) for s in scripts_svc.list_scripts(session, commune_id=commune_id)]
    return page(
        request,
        "scripts.html",
        session,
        user,
        commune_id=commune_id,
        scripts=rows[::-1],
        categories=communes_svc.categories(session, commune_id=commune_id),
        Priority=Priority,
    )


@router.post("/scripts")
async def upload(
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
        data = await file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise InputError(f"Tệp quá lớn (giới hạn {settings.max_upload_bytes // 1024 // 1024} MB).")
        script, result = scripts_svc.add_script_file(
            session, settings, commune_id=commune_id, data=data, filename=file.filename, meta=meta, actor=user.full_name
        )
    elif text.strip():
        script, result = scripts_svc.add_script_text(
            session, settings, commune_id=commune_id, text=text, meta=meta, actor=user.full_name
        )
    else:
        raise InputError("Hãy chọn tệp bài (.docx, .txt, .md) hoặc dán nội dung bài.")
    note = (
        " Bài gõ bằng bảng mã cũ đã được chuyển sang Unicode, hãy kiểm tra chữ." if result.read.converted_from else ""
    )
    return back(request, f"/scripts/{script.id}", f"Đã nhận bài «{script.title}».{note}")


@router.get("/scripts/{script_id}", response_class=HTMLResponse)
def script_page(
    request: Request, script_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    from broadcast.production import speech_for, to_public
    from broadcast.text.normalize import normalize

    script = _script(session, user, script_id, "read")
    lex = lexicon_svc.mapping(session, commune_id=script.commune_id)
    written = [p for p in scripts_svc.script_text(script).split("\n") if p.strip()]
    preview = []
    for paragraph in written:
        result = normalize(paragraph, lexicon_overrides=lex)
        preview.append((views.highlighted(paragraph, result), result.spoken, result.unknown))
    renders = session.exec(select(Render).where(Render.script_id == script.id).order_by(Render.id.desc())).all()
    return page(
        request,
        "script.html",
        session,
        user,
        commune_id=script.commune_id,
        script=scripts_svc.to_public(session, script),
        preview=preview,
        unknown=sorted({u for _, _, us in preview for u in us}),
        speech=speech_for(session, script_id=script.id),
        approvals=scripts_svc.approvals(session, script_id=script.id),
        events=scripts_svc.events(session, script_id=script.id),
        renders=[to_public(session, r) for r in renders],
        Profile=Profile,
    )


@router.post("/scripts/{script_id}/edit")
def edit(
    request: Request,
    script_id: int,
    text: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = _script(session, user, script_id, "produce")
    was = script.status
    scripts_svc.edit_script_text(session, get_settings(), script_id=script_id, text=text, actor=user.full_name)
    again = " Bài đã duyệt nên cần lãnh đạo duyệt lại." if was == ScriptStatus.DA_DUYET else ""
    return back(request, f"/scripts/{script_id}", f"Đã lưu nội dung mới.{again}")


@router.post("/scripts/{script_id}/submit")
def submit(
    request: Request, script_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    _script(session, user, script_id, "produce")
    scripts_svc.submit(session, script_id=script_id, actor=user.full_name)
    return back(request, f"/scripts/{script_id}", "Đã gửi lãnh đạo duyệt.")


@router.post("/scripts/{script_id}/approve")
def approve(
    request: Request, script_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    _script(session, user, script_id, "approve")
    scripts_svc.approve(session, script_id=script_id, by=user.full_name, chuc_vu=user.title or "Lãnh đạo UBND xã")
    return back(request, f"/scripts/{script_id}", "Đã duyệt đúng nội dung này.")


@router.post("/scripts/{script_id}/reject")
def reject(
    request: Request,
    script_id: int,
    reason: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    _script(session, user, script_id, "approve")
    scripts_svc.reject(session, script_id=script_id, reason=reason, by=user.full_name)
    return back(request, f"/scripts/{script_id}", "Đã trả lại bài kèm lý do.")


@router.post("/scripts/{script_id}/lexicon")
def add_lexicon(
    request: Request,
    script_id: int,
    written: str = Form(...),
    spoken: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = _script(session, user, script_id, "produce")
    lexicon_svc.set_entry(session, commune_id=script.commune_id, written=written, spoken=spoken)
    return back(request, f"/scripts/{script_id}#doc", f"Từ nay «{written}» được đọc là «{spoken}».")


@router.get("/approvals", response_class=HTMLResponse)
def approvals(request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)) -> HTMLResponse:
    commune_id = current_commune(request, session, user)
    waiting = scripts_svc.list_scripts(session, commune_id=commune_id, status=ScriptStatus.CHO_DUYET)
    return page(request, "approvals.html", session, user, commune_id=commune_id, waiting=waiting)


# --- audio ------------------------------------------------------------------------------------


def _render_file(session: Session, user: User, render_id: int) -> Render:
    render = session.get(Render, render_id)
    if render is None:
        raise NotFoundError("Không có bản âm thanh này.")
    users_svc.require(session, user, render.commune_id, "read")
    return render


@router.get("/renders/{render_id}/audio.mp3")
def render_audio(render_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    render = _render_file(session, user, render_id)
    return FileResponse(render.path, media_type="audio/mpeg", filename=Path(render.path).name)


@router.get("/renders/{render_id}/waveform.png")
def waveform(render_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)) -> Response:
    from broadcast.audio import ffmpeg

    render = _render_file(session, user, render_id)
    png = Path(render.path).with_suffix(".waveform.png")
    if not png.is_file():
        ffmpeg.run(
            [
                "-y",
                "-i",
                render.path,
                "-filter_complex",
                "aformat=channel_layouts=mono,showwavespic=s=800x120:colors=#1565c0",
                "-frames:v",
                "1",
                str(png),
            ]
        )
    return FileResponse(png, media_type="image/png")


@router.get("/voices/sample")
def voice_sample(engine: str = "espeak", voice: str = "vi", user: User = Depends(web_user)) -> Response:
    from broadcast.tts.chain import build_engine

    settings = get_settings()
    target = settings.data_dir / "samples" / f"{engine}-{voice}.mp3"
    if not target.is_file():
        from broadcast.audio import ffmpeg

        engine_obj = build_engine(engine, settings)
        if voice not in engine_obj.voices or not engine_obj.available():
            raise InputError(f"Giọng «{engine}/{voice}» không dùng được lúc này.")
        clip = engine_obj.synthesize(
            "Kính thưa bà con, đây là giọng đọc của đài truyền thanh xã.", voice=voice, rate=145
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = target.with_suffix(f".{clip.fmt}.raw")
        raw.write_bytes(clip.audio)
        ffmpeg.run(["-y", "-i", str(raw), "-ac", "1", "-b:a", "64k", str(target)])
        raw.unlink()
    return FileResponse(target, media_type="audio/mpeg")


# --- schedule ---------------------------------------------------------------------------------


@router.get("/schedule", response_class=HTMLResponse)
def schedule_page(
    request: Request, month: str | None = None, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    from broadcast.exports.month import rows

    settings = get_settings()
    commune_id = current_commune(request, session, user)
    month = month or datetime.now(settings.tz).strftime("%Y-%m")
    year, mon = sched.parse_month(month)
    data = rows(session, commune_id=commune_id, year=year, month=mon)
    by_day: dict = {}
    for r in data:
        by_day.setdefault(r.day, []).append(r)
    playable = [s for s in scripts_svc.list_scripts(session, commune_id=commune_id, status=ScriptStatus.DA_DUYET)]
    return page(
        request,
        "schedule.html",
        session,
        user,
        commune_id=commune_id,
        month=month,
        year=year,
        mon=mon,
        grid=views.month_grid(year, mon),
        by_day=by_day,
        result=sched.check_month(session, commune_id=commune_id, year=year, month=mon, tz=settings.tz),
        sessions=sched.sessions(session, commune_id=commune_id),
        scripts=playable,
    )


@router.post("/schedule/plan")
def plan(
    request: Request, month: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "produce")
    year, mon = sched.parse_month(month)
    result = sched.plan_month(session, commune_id=commune_id, year=year, month=mon, tz=get_settings().tz)
    return back(request, f"/schedule?month={month}", f"Đã tự xếp {len(result.placements)} lượt phát.")


@router.post("/schedule/items")
def add_item(
    request: Request,
    day: str = Form(...),
    session_id: int = Form(...),
    script_id: int = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "produce")
    parsed = sched.parse_day(day)
    sched.add_item(
        session, commune_id=commune_id, day=parsed, session_id=session_id, script_id=script_id, tz=get_settings().tz
    )
    return back(request, f"/schedule?month={parsed:%Y-%m}", "Đã thêm bài vào lịch.")


def _item_month(session: Session, user: User, item_id: int) -> str:
    item = session.get(sched.ScheduleItem, item_id)
    if item is None:
        raise NotFoundError("Không có mục lịch này.")
    users_svc.require(session, user, item.commune_id, "produce")
    return f"{item.day:%Y-%m}"


@router.post("/schedule/items/{item_id}/move")
def move_item(
    request: Request,
    item_id: int,
    day: str = Form(...),
    session_id: int = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    month = _item_month(session, user, item_id)
    sched.move_item(session, item_id=item_id, day=sched.parse_day(day), session_id=session_id, tz=get_settings().tz)
    return back(request, f"/schedule?month={month}", "Đã chuyển bài.")


@router.post("/schedule/move")
def move_item_form(
    request: Request,
    item_id: int = Form(...),
    day: str = Form(...),
    session_id: int = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    return move_item(request, item_id, day, session_id, session, user)


@router.post("/schedule/items/{item_id}/remove")
def remove_item(
    request: Request, item_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    month = _item_month(session, user, item_id)
    sched.remove_item(session, item_id=item_id)
    return back(request, f"/schedule?month={month}", "Đã bỏ bài khỏi lịch.")


@router.post("/schedule/items/{item_id}/lock")
def lock_item(
    request: Request,
    item_id: int,
    locked: bool = Form(True),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    month = _item_month(session, user, item_id)
    sched.lock_item(session, item_id=item_id, locked=locked)
    return back(request, f"/schedule?month={month}", "Đã khóa." if locked else "Đã mở khóa.")


# --- exports -------------------------------------------------------------------------------------


@router.get("/exports", response_class=HTMLResponse)
def exports_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    commune_id = current_commune(request, session, user)
    month = request.query_params.get("month") or datetime.now(get_settings().tz).strftime("%Y-%m")
    return page(
        request,
        "exports.html",
        session,
        user,
        commune_id=commune_id,
        month=month,
        sessions=sched.sessions(session, commune_id=commune_id),
    )


@router.get("/exports/month/{month}.{fmt}")
def month_file(
    request: Request, month: str, fmt: str, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    from broadcast.exports import month as month_export

    settings = get_settings()
    commune_id = current_commune(request, session, user)
    commune = communes_svc.get_commune(session, commune_id=commune_id)
    year, mon = sched.parse_month(month)
    data = month_export.rows(session, commune_id=commune_id, year=year, month=mon)
    name = f"{commune.slug}-{year:04d}-{mon:02d}"
    if fmt == "csv":
        body, media = month_export.to_csv(data), "text/csv; charset=utf-8"
    elif fmt == "ics":
        body, media = (
            month_export.to_ics(data, commune_name=commune.name, slug=commune.slug, tz=settings.tz),
            "text/calendar",
        )
    elif fmt == "pdf":
        counts = sched.check_month(session, commune_id=commune_id, year=year, month=mon, tz=settings.tz).counts
        body = month_export.to_pdf(data, commune=commune, year=year, month=mon, counts=counts, settings=settings)
        media, name = "application/pdf", f"{name}-lich-phat-song"
    else:
        raise NotFoundError("Chỉ có CSV, ICS hoặc PDF.")
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def _zip(folder: Path, files: list[Path]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # MP3s do not compress; stored keeps the order
        for f in files:
            zf.write(f, f.relative_to(folder).as_posix())
    return buf.getvalue()


@router.post("/exports/session")
def session_zip(
    request: Request,
    day: str = Form(...),
    session_id: int = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    from broadcast.exports.station import deliver_session

    commune_id = current_commune(request, session, user, "produce")
    template = sched.get_session(session, commune_id=commune_id, session_id=session_id)
    delivery = deliver_session(
        session, get_settings(), commune_id=commune_id, day=sched.parse_day(day), template=template
    )
    if not delivery.items:
        raise InputError("Buổi phát này chưa có bài nào trong lịch.")
    files = sorted(delivery.folder.iterdir())
    return Response(
        _zip(delivery.folder, files),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{delivery.folder.name}.zip"'},
    )


@router.post("/exports/loa-keo")
def loa_keo_zip(
    request: Request, month: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    import tempfile

    from broadcast.exports.loa_keo import build

    commune_id = current_commune(request, session, user, "produce")
    with tempfile.TemporaryDirectory() as tmp:
        bundle = build(session, get_settings(), commune_id=commune_id, to=Path(tmp) / "loa-keo", month=month)
        files = [*bundle.files, bundle.folder / "DANH_SACH.txt"]
        body = _zip(bundle.folder, files)
    return Response(
        body,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="loa-keo-{month}.zip"'},
    )


# --- reports ---------------------------------------------------------------------------------------


@router.get("/reports", response_class=HTMLResponse)
def reports_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    from broadcast.exports import reports

    commune_id = current_commune(request, session, user)
    year = datetime.now(get_settings().tz).year
    first = request.query_params.get("from") or f"{year}-01"
    last = request.query_params.get("to") or f"{year}-12"
    report = reports.build(session, commune_id=commune_id, first=first, last=last)
    airings: dict = {}
    airtime: dict = {}
    for r in report.rows:
        airings.setdefault(r.label, {})[r.month] = r.airings
        airtime.setdefault(r.label, {})[r.month] = round(r.airtime_s / 60, 1)
    return page(
        request,
        "reports.html",
        session,
        user,
        commune_id=commune_id,
        report=report,
        first=first,
        last=last,
        chart_airings=views.bar_chart_svg(airings, title="Số lượt phát theo tháng", unit="lượt"),
        chart_airtime=views.bar_chart_svg(airtime, title="Thời lượng phát theo tháng (phút)", unit="phút"),
    )


@router.get("/reports/download.{fmt}")
def report_file(
    request: Request, fmt: str, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    from broadcast.exports import reports

    commune_id = current_commune(request, session, user)
    first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
    report = reports.build(session, commune_id=commune_id, first=first, last=last)
    if fmt == "csv":
        return Response(
            reports.to_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="bao-cao-{first}-{last}.csv"'},
        )
    if fmt == "docx":
        return Response(
            reports.to_docx(report),
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="bao-cao-{first}-{last}.docx"'},
        )
    raise NotFoundError("Chỉ có CSV hoặc DOCX.")


# --- settings and admin -------------------------------------------------------------------------------


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    from broadcast.text.speech import fill_template
    from broadcast.tts.chain import ENGINE_NAMES
    from broadcast.tts.espeak import EspeakEngine

    commune_id = current_commune(request, session, user)
    commune = communes_svc.get_commune(session, commune_id=commune_id)
    from broadcast.text.normalize import normalize_text

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
        categories=communes_svc.categories(session, commune_id=commune_id),
        lexicon=lexicon_svc.entries(session, commune_id=commune_id),
        engines=ENGINE_NAMES,
        espeak_voices=EspeakEngine.voices,
    )


@router.post("/settings/commune")
def save_commune(
    request: Request,
    don_vi: str = Form(...),
    opening_template: str = Form(...),
    closing_template: str = Form(...),
    engine_chain: str = Form(...),
    espeak_voice: str = Form(...),
    speech_rate: int = Form(...),
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
            engine_chain=[e.strip() for e in engine_chain.split(",") if e.strip()],
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


@router.post("/settings/sessions")
def save_session(
    request: Request,
    name: str = Form(...),
    start: str = Form(...),
    length_min: int = Form(...),
    relay_min: int = Form(0),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    sched.add_session(
        session, commune_id=commune_id, name=name, start=start, length_min=length_min, relay_min=relay_min
    )
    return back(request, "/settings", f"Đã thêm buổi {name}.")


@router.post("/settings/sessions/{session_id}/remove")
def remove_session(
    request: Request, session_id: int, session: Session = Depends(db_session), user: User = Depends(web_user)
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
    minimum: int = Form(...),
    target: int = Form(...),
    spacing_days: int = Form(5),
    max_per_script: int = Form(3),
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
async def save_jingle(
    request: Request,
    slot: str = Form(...),
    file: UploadFile = File(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    settings = get_settings()
    commune_id = current_commune(request, session, user, "admin")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise InputError("Tệp nhạc quá lớn.")
    communes_svc.set_jingle(session, settings, commune_id=commune_id, slot=slot, data=data, filename=file.filename)
    return back(request, "/settings", "Đã lưu nhạc hiệu.")


@router.get("/settings/jingles/{slot}.wav")
def listen_jingle(
    request: Request, slot: str, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user)
    commune = communes_svc.get_commune(session, commune_id=commune_id)
    path = {"intro": commune.intro_jingle, "outro": commune.outro_jingle, "bed": commune.music_bed}.get(slot)
    if not path:
        from broadcast.audio.jingle import default_chime

        path = get_settings().jingle_dir / "chime.wav"
        if not Path(path).is_file():
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            default_chime(Path(path))
    return FileResponse(path, media_type="audio/wav")


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


@router.get("/admin", response_class=HTMLResponse)
def admin_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    if user.is_superadmin and not users_svc.communes_of(session, user):
        return page(request, "admin.html", session, user, members=[])  # first visit: add the first commune
    commune_id = current_commune(request, session, user, "admin")
    members = [(u, users_svc.role_in(session, u, commune_id)) for u in users_svc.list_users(session)]
    return page(
        request,
        "admin.html",
        session,
        user,
        commune_id=commune_id,
        members=[(u, r) for u, r in members if r is not None or u.id == user.id],
    )


@router.post("/admin/communes")
def create_commune(
    request: Request,
    name: str = Form(...),
    don_vi: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    if not user.is_superadmin:
        raise ForbiddenError("Chỉ quản trị hệ thống mới thêm được xã mới.")
    commune = communes_svc.create_commune(session, name=name, don_vi=don_vi or None)
    request.session["commune_id"] = commune.id
    return back(request, "/admin", f"Đã thêm {commune.name}.")


@router.post("/admin/users")
def create_user(
    request: Request,
    username: str = Form(...),
    full_name: str = Form(...),
    title: str = Form(""),
    password: str = Form(...),
    role: str = Form(...),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    try:
        wanted = Role(role)
    except ValueError as exc:
        raise InputError("Vai trò không hợp lệ.") from exc
    new = users_svc.create_user(session, username=username, password=password, full_name=full_name, title=title or None)
    users_svc.set_role(session, user_id=new.id, commune_id=commune_id, role=wanted)
    return back(request, "/admin", f"Đã tạo tài khoản {new.username} ({wanted.label}).")
