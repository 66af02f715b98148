"""Scripts read from scans and photos: the page while a worker reads the upload, the
stored page images, and the station head's check against the paper (issue 17)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, page, script_for, served
from broadcast.api.params import IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.db import id_of
from broadcast.models import Script, User
from broadcast.models_jobs import JobState
from broadcast.services import ocr_intake, ocr_jobs, scanned
from broadcast.services import scripts as scripts_svc
from broadcast.services import users as users_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])
REFRESH_S = 2


def editable_text(script: Script) -> str:
    """The script as the text box shows it (as the page's «Sửa nội dung» box does)."""
    parts = [script.title.upper(), script.opening_text, script.body, script.closing_text]
    return "\n".join(p for p in parts if p)


def review_context(session: Session, script: Script) -> dict[str, Any] | None:
    """What the script page shows of a draft read from an image, or None."""
    if not script.read_from_image:
        return None
    review = scripts_svc.ocr_review(session, get_settings(), script_id=id_of(script))
    if review is None:
        return None
    segments = review.segments()
    marked = sum(1 for _, conf in segments if conf is not None)
    return {"review": review, "segments": segments, "marked": marked, "editable": editable_text(script)}


@router.get("/ocr-jobs/{job_id}", response_class=HTMLResponse)
def waiting(
    request: Request, job_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    job, commune_id = ocr_jobs.get(session, job_id=job_id)
    users_svc.require(session, user, commune_id, "produce")
    if job.state == JobState.DONE.value:
        script = ocr_intake.script_of(session, job.result)
        if script is not None:
            return back(
                request,
                f"/scripts/{script.id}#ocr",
                f"Đã đọc xong «{script.title}». Hãy đối chiếu chữ với bản giấy trước khi gửi duyệt.",
            )
    response = page(request, "ocr_wait.html", session, user, commune_id=commune_id, job=job)
    if job.state in (JobState.QUEUED.value, JobState.RUNNING.value):
        response.headers["Refresh"] = str(REFRESH_S)  # the browser asks again; the row says how far it is
    return response


@router.get("/scripts/{script_id}/pages/{number}.jpg")
def page_image(
    script_id: IdPath,
    number: int = Path(ge=1, le=1000),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = script_for(session, user, script_id, "read")
    image = served(scanned.page_image(script, number), get_settings().scripts_dir)
    return FileResponse(image, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=600"})


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> list[str]:
        return [line.rstrip() for line in s.replace("\r\n", "\n").strip().split("\n")]

    return norm(a) == norm(b)


@router.post("/scripts/{script_id}/confirm-ocr")
def confirm(
    request: Request,
    script_id: IdPath,
    text: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script = script_for(session, user, script_id, "produce")
    corrected = text if text.strip() and not _same(text, editable_text(script)) else None
    scripts_svc.confirm_ocr(session, get_settings(), script_id=script_id, actor=user.full_name, text=corrected)
    done = "Đã lưu bản sửa và xác nhận" if corrected else "Đã xác nhận"
    return back(
        request, f"/scripts/{script_id}", f"{done} chữ đọc từ ảnh khớp với bản giấy. Giờ có thể gửi lãnh đạo duyệt."
    )
