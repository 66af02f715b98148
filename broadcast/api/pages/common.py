"""What every page shares: templates and their filters, the page frame, the commune being
worked on, redirects with a message, and role checks on a script."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from broadcast.api.security import csrf_token
from broadcast.config import get_settings
from broadcast.errors import ForbiddenError, NotFoundError, TooLargeError
from broadcast.exports.download import Download
from broadcast.fsutil import inside
from broadcast.models import Role, Script, ScriptAction, ScriptStatus, User
from broadcast.services import scripts as scripts_svc
from broadcast.services import users as users_svc

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent.parent / "templates"))
TEMPLATES.env.filters["local"] = lambda dt: dt.astimezone(get_settings().tz).strftime("%H:%M %d/%m/%Y") if dt else ""
TEMPLATES.env.filters["action"] = lambda code: ScriptAction(code).label if code else ""
TEMPLATES.env.filters["status"] = lambda code: ScriptStatus(code).label if code else ""


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


def script_for(session: Session, user: User, script_id: int, action: str) -> Script:
    script = scripts_svc.get_script(session, script_id=script_id)
    users_svc.require(session, user, script.commune_id, action)
    return script


def attachment(file: Download) -> Response:
    """A file for the browser to save under its own name."""
    return Response(
        file.body,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )


def read_upload(file: UploadFile, limit: int) -> bytes:
    """An uploaded file's bytes, read in blocks and refused as soon as it passes limit.

    Called from sync routes, so it runs in a worker thread, never on the event loop."""
    chunks, size = [], 0
    file.file.seek(0)
    while block := file.file.read(1 << 20):
        size += len(block)
        if size > limit:
            raise TooLargeError(
                f"Tệp «{(file.filename or '')[:60]}» quá lớn (giới hạn {limit // (1024 * 1024)} MB). Hãy chọn tệp nhỏ hơn.",
                limit=limit,
            )
        chunks.append(block)
    return b"".join(chunks)


def served(path: Path | str, *roots: Path) -> Path:
    """A file from the database, served only if it lies inside one of the data folders."""
    inside_roots = inside(path, *roots)
    if inside_roots is None or not inside_roots.is_file():
        raise NotFoundError("Không tìm thấy tệp này (có thể đã bị xóa hoặc chuyển đi).")
    return inside_roots
