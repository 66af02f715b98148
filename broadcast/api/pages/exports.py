"""Exports: month files, a session programme, the loa kéo ZIP.

The loa kéo ZIP, the printable month PDF and a session's programme ZIP are built by background jobs (tasks.catalogue):
the form queues one, the job page shows its progress from the database (any web process can
answer) and offers the file when it is ready."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.labels import month_vi
from broadcast.api.pages.common import attachment, back, current_commune, page
from broadcast.api.params import MAX_ID
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.errors import NotFoundError
from broadcast.exports import month as month_export
from broadcast.fsutil import inside
from broadcast.models import User
from broadcast.models_jobs import BackgroundJob, JobState
from broadcast.services import schedule as sched
from broadcast.services import users as users_svc
from broadcast.tasks import queue

FILE_JOBS = {
    "loa-keo-zip": "Gói loa kéo",
    "month-file": "Bản in lịch phát sóng",
    "session-zip": "Chương trình buổi phát",
}

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
    sched.get_session(session, commune_id=commune_id, session_id=session_id)  # refused now if it is not ours
    args = {"commune_id": commune_id, "day": sched.parse_day(day).isoformat(), "session_id": session_id}
    job = queue.enqueue(session, kind="session-zip", args=args, commune_id=commune_id)
    return back(request, f"/exports/jobs/{job.id}")


@router.post("/exports/loa-keo")
def loa_keo_zip(
    request: Request, month: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user, "produce")
    sched.parse_month(month)  # a bad month is refused now, not in the background
    job = queue.enqueue(
        session, kind="loa-keo-zip", args={"commune_id": commune_id, "month": month}, commune_id=commune_id
    )
    return back(request, f"/exports/jobs/{job.id}")


@router.post("/exports/month-pdf")
def month_pdf(
    request: Request, month: str = Form(...), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    commune_id = current_commune(request, session, user)
    sched.parse_month(month)
    args = {"commune_id": commune_id, "month": month, "fmt": "pdf"}
    job = queue.enqueue(session, kind="month-file", args=args, commune_id=commune_id)
    return back(request, f"/exports/jobs/{job.id}")


def _file_job(session: Session, user: User, job_id: int) -> BackgroundJob:
    job = queue.get_job(session, job_id=job_id)
    if job.kind not in FILE_JOBS or job.commune_id is None:
        raise NotFoundError("Không có tệp xuất này.", job_id=job_id)
    users_svc.require(session, user, job.commune_id, "read")
    return job


@router.get("/exports/jobs/{job_id}", response_class=HTMLResponse)
def export_job_page(
    request: Request,
    job_id: int = Path(..., ge=1, le=MAX_ID),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> HTMLResponse:
    job = _file_job(session, user, job_id)
    if job.args.get("month"):
        title = f"{FILE_JOBS[job.kind]} {month_vi(job.args['month']).lower()}"
    else:
        day = sched.parse_day(job.args["day"])
        title = f"{FILE_JOBS[job.kind]} ngày {day.day}/{day.month}/{day.year}"
    return page(
        request, "export_job.html", session, user, commune_id=job.commune_id, job=job, title=title, JobState=JobState
    )


@router.get("/exports/jobs/{job_id}/file")
def export_job_file(
    job_id: int = Path(..., ge=1, le=MAX_ID), session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    job = _file_job(session, user, job_id)
    path = inside(str(job.result.get("path", "")), get_settings().data_dir / "exports")
    if job.state != JobState.DONE.value or path is None or not path.is_file():
        raise NotFoundError("Tệp chưa sẵn sàng hoặc đã quá hạn; hãy tạo lại từ trang Xuất.", job_id=job_id)
    return FileResponse(path, filename=str(job.result["filename"]))
