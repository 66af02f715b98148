"""What every page shares: templates and their filters, the page frame, the commune being
worked on, redirects with a message (success, warning or error; an error keeps what the
user typed), and role checks on a script."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from pathlib import Path
from typing import Literal

from fastapi import Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from broadcast.api import labels
from broadcast.api.security import commit_now, csrf_token
from broadcast.config import get_settings
from broadcast.db import id_of
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
labels.install(TEMPLATES.env)

Kind = Literal["success", "warning", "error"]
# What a user typed into a form that failed, kept on the server when too long for the cookie.
_KEPT: OrderedDict[str, dict[str, str]] = OrderedDict()
_COOKIE_LIMIT = 1500


def flash(
    request: Request,
    message: str,
    kind: Kind = "success",
    form: dict[str, str] | None = None,
    details: list[str] | None = None,
) -> None:
    """The message shown on the next page; an error also carries the fields to fill in again."""
    entry: dict[str, object] = {"text": message, "kind": kind}
    if details:
        entry["details"] = details
    if form:
        if sum(len(v) for v in form.values()) <= _COOKIE_LIMIT:
            entry["form"] = form
        else:
            key = secrets.token_urlsafe(12)
            _KEPT[key] = form
            while len(_KEPT) > 200:
                _KEPT.popitem(last=False)
            entry["form_key"] = key
    request.session["flash"] = entry


def _take_flash(request: Request) -> tuple[dict | None, dict[str, str]]:
    entry = request.session.pop("flash", None)
    if entry is None:
        return None, {}
    if isinstance(entry, str):  # a message stored by an older version
        entry = {"text": entry, "kind": "success"}
    form = entry.pop("form", None) or _KEPT.pop(entry.pop("form_key", ""), {})
    return entry, form


def page(request: Request, name: str, session: Session, user: User, **context) -> HTMLResponse:
    mine = users_svc.communes_of(session, user)
    current = context.pop("commune_id", None) or request.session.get("commune_id")
    if current not in [c.id for c, _ in mine]:
        current = mine[0][0].id if mine else None
    role = dict((c.id, r) for c, r in mine).get(current)
    message, typed = _take_flash(request)
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "communes": mine,
            "commune": next((c for c, _ in mine if c.id == current), None),
            "role": role,
            "csrf": csrf_token(request),
            "flash": message,
            "typed": typed,
            "Role": Role,
            **context,
        },
    )


def current_commune(request: Request, session: Session, user: User, action: str = "read") -> int:
    mine = [id_of(c) for c, _ in users_svc.communes_of(session, user)]
    asked = request.query_params.get("c")
    commune_id: int | None
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


def back(
    request: Request, url: str, message: str | None = None, kind: Kind = "success", details: list[str] | None = None
) -> RedirectResponse:
    """Commit the action, then send the browser to url with message on top.

    The commit happens here, before the redirect leaves: the page the browser asks for next
    must show the new state (the request's session would otherwise commit only after the
    response has been sent)."""
    commit_now(request)
    if message:
        flash(request, message, kind, details=details)
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
