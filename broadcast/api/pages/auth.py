"""Log-in and log-out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import TEMPLATES
from broadcast.api.security import client_address, csrf_token, db_session, session_user, start_session, verify_csrf
from broadcast.config import get_settings
from broadcast.db import get_engine
from broadcast.errors import AuthError
from broadcast.services import login_limit
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "login.html", {"csrf": csrf_token(request), "error": None})


@router.post("/login")
def login(
    request: Request,
    username: str = Form(..., max_length=200),
    password: str = Form(..., max_length=1000),
    session: Session = Depends(db_session),
) -> Response:
    limits = login_limit.LoginLimits.from_settings(get_settings())
    login_limit.begin(get_engine(), limits, address=client_address(request), username=username)
    try:
        user = users_svc.authenticate(session, username=username, password=password)
    except AuthError as exc:
        return TEMPLATES.TemplateResponse(
            request, "login.html", {"csrf": csrf_token(request), "error": exc.message}, status_code=401
        )
    login_limit.succeeded(get_engine(), username=username)
    start_session(request, user)
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request, session: Session = Depends(db_session)) -> Response:
    """Ends the session everywhere: a copy of this cookie (another tab, a stolen one) stops working too."""
    user = session_user(request, session)
    if user is not None:
        users_svc.end_sessions(session, user)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
