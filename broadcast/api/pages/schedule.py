"""The month schedule: calendar, planning and manual edits."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api import views
from broadcast.api.pages.common import back, current_commune, page
from broadcast.api.params import MAX_ID, IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.errors import NotFoundError
from broadcast.models import ScriptStatus, User
from broadcast.services import schedule as sched
from broadcast.services import schedule_view
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/schedule", response_class=HTMLResponse)
def schedule_page(
    request: Request, month: str | None = None, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> HTMLResponse:
    settings = get_settings()
    commune_id = current_commune(request, session, user)
    month = month or datetime.now(settings.tz).strftime("%Y-%m")
    year, mon = sched.parse_month(month)
    days = schedule_view.month_view(session, commune_id=commune_id, year=year, month=mon)
    playable = [  # what may be added to this month: approved scripts whose window meets it
        s
        for s in sched.month_scripts(session, commune_id=commune_id, year=year, month=mon, tz=settings.tz)
        if s.status == ScriptStatus.DA_DUYET
    ]
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
        by_day={d.day: d for d in days},
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
    count = len(result.placements)
    if not result.notes:
        return back(request, f"/schedule?month={month}", f"Đã tự xếp {count} lượt phát.")
    return back(
        request,
        f"/schedule?month={month}",
        f"Đã tự xếp {count} lượt phát. Cần chú ý:",
        "warning",
        details=result.notes,
    )


@router.post("/schedule/items")
def add_item(
    request: Request,
    day: str = Form(...),
    session_id: int = Form(..., ge=1, le=MAX_ID),
    script_id: int = Form(..., ge=1, le=MAX_ID),
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
    item_id: IdPath,
    day: str = Form(...),
    session_id: int = Form(..., ge=1, le=MAX_ID),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    month = _item_month(session, user, item_id)
    sched.move_item(session, item_id=item_id, day=sched.parse_day(day), session_id=session_id, tz=get_settings().tz)
    return back(request, f"/schedule?month={month}", "Đã chuyển bài.")


@router.post("/schedule/move")
def move_item_form(
    request: Request,
    item_id: int = Form(..., ge=1, le=MAX_ID),
    day: str = Form(...),
    session_id: int = Form(..., ge=1, le=MAX_ID),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    return move_item(request, item_id, day, session_id, session, user)


@router.get("/schedule/items/{item_id}/{step}", response_class=HTMLResponse)
def item_page(
    request: Request,
    item_id: int,
    step: str,
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> HTMLResponse:
    """Ask before removing, or choose where to move, with plain forms (taps, no dragging)."""
    if step not in ("remove", "move"):
        raise NotFoundError("Không có trang này.")
    _item_month(session, user, item_id)
    view = schedule_view.item_view(session, item_id=item_id)
    return page(
        request,
        "schedule_item.html",
        session,
        user,
        commune_id=view.item.commune_id,
        step=step,
        view=view,
        sessions=sched.sessions(session, commune_id=view.item.commune_id),
    )


@router.post("/schedule/items/{item_id}/remove")
def remove_item(
    request: Request, item_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    month = _item_month(session, user, item_id)
    sched.remove_item(session, item_id=item_id)
    return back(request, f"/schedule?month={month}", "Đã bỏ bài khỏi lịch.")


@router.post("/schedule/items/{item_id}/lock")
def lock_item(
    request: Request,
    item_id: IdPath,
    locked: bool = Form(True),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    month = _item_month(session, user, item_id)
    sched.lock_item(session, item_id=item_id, locked=locked)
    return back(request, f"/schedule?month={month}", "Đã khóa." if locked else "Đã mở khóa.")
