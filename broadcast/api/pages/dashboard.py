"""The dashboard (Tổng quan)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from broadcast.api.pages.common import current_commune, page
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.models import User
from broadcast.services import dashboard as dashboard_svc
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)) -> HTMLResponse:
    if not users_svc.communes_of(session, user):
        return page(request, "dashboard.html", session, user, data=None)
    commune_id = current_commune(request, session, user)
    return page(
        request,
        "dashboard.html",
        session,
        user,
        commune_id=commune_id,
        data=dashboard_svc.dashboard(session, get_settings(), commune_id=commune_id),
    )
