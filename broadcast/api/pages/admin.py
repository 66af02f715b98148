"""Administration: communes and users."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, current_commune, page
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.db import id_of
from broadcast.errors import ForbiddenError, InputError
from broadcast.models import Role, User
from broadcast.services import communes as communes_svc
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


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
    users_svc.set_role(session, user_id=id_of(new), commune_id=commune_id, role=wanted)
    return back(request, "/admin", f"Đã tạo tài khoản {new.username} ({wanted.label}).")


def _role(value: str) -> Role | None:
    if not value:
        return None
    try:
        return Role(value)
    except ValueError as exc:
        raise InputError("Vai trò không hợp lệ.") from exc


@router.post("/admin/users/{user_id}")
def edit_user(
    request: Request,
    user_id: int,
    full_name: str = Form(...),
    title: str = Form(""),
    role: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    changed = users_svc.update_user(
        session, user_id=user_id, full_name=full_name, title=title, role=_role(role), commune_id=commune_id
    )
    return back(request, f"/admin#u{user_id}", f"Đã lưu thông tin của {changed.full_name}.")


@router.post("/admin/users/{user_id}/password")
def new_password(
    request: Request,
    user_id: int,
    password: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    current_commune(request, session, user, "admin")
    changed = users_svc.set_password(session, user_id=user_id, password=password)
    return back(request, f"/admin#u{user_id}", f"Đã đặt mật khẩu mới cho {changed.full_name}.")


@router.post("/admin/users/{user_id}/active")
def set_active(
    request: Request,
    user_id: int,
    active: bool = Form(False),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    current_commune(request, session, user, "admin")
    changed = users_svc.set_active(session, user_id=user_id, active=active, by=user)
    state = "mở lại" if active else "khóa"
    return back(request, f"/admin#u{user_id}", f"Đã {state} tài khoản của {changed.full_name}.")


@router.post("/admin/commune-name")
def rename_commune(
    request: Request, name: str = Form(""), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "admin")
    commune = communes_svc.rename_commune(session, commune_id=commune_id, name=name)
    return back(request, "/admin", f"Đã đổi tên xã thành «{commune.name}».")
