"""Reports: figures per month and category, charts and downloads."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api import views
from broadcast.api.pages.common import attachment, current_commune, page
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.exports import reports
from broadcast.models import User

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/reports", response_class=HTMLResponse)
def reports_page(
    request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    commune_id = current_commune(request, session, user)
    year = datetime.now(get_settings().tz).year
    first = request.query_params.get("from") or f"{year}-01"
    last = request.query_params.get("to") or f"{year}-12"
    report = reports.build(session, commune_id=commune_id, first=first, last=last)
    airings, airtime = reports.chart_series(report)
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
    commune_id = current_commune(request, session, user)
    first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
    report = reports.build(session, commune_id=commune_id, first=first, last=last)
    return attachment(reports.report_download(report, fmt=fmt))
