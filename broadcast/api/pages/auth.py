"""Log-in and log-out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import TEMPLATES
from broadcast.api.security import LoginLimiter, csrf_token, db_session, verify_csrf
from broadcast.config import get_settings
from broadcast.errors import AuthError
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])
limiter = LoginLimiter(get_settings().login_attempts, get_settings().login_window_s)


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
