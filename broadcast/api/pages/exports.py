"""Exports: month files, a session programme, the loa kéo ZIP."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import attachment, current_commune, page
from broadcast.api.params import MAX_ID
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.exports import loa_keo, station
from broadcast.exports import month as month_export
from broadcast.models import User
from broadcast.services import schedule as sched

router = APIRouter(dependencies=[Depends(verify_csrf)])


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
    commune_id = current_commune(request, session, user)
    year, mon = sched.parse_month(month)
    return attachment(
        month_export.month_download(session, get_settings(), commune_id=commune_id, year=year, month=mon, fmt=fmt)
    )


@router.post("/exports/session")
def session_zip(
    request: Request,
    day: str = Form(...),
    session_id: int = Form(..., ge=1, le=MAX_ID),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    commune_id = current_commune(request, session, user, "produce")
    return attachment(
        station.session_download(
            session, get_settings(), commune_id=commune_id, day=sched.parse_day(day), session_id=session_id
        )
    )


@router.post("/exports/loa-keo")
def loa_keo_zip(
    request: Request, month: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "produce")
    return attachment(loa_keo.bundle_download(session, get_settings(), commune_id=commune_id, month=month))
