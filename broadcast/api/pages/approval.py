"""Approval: sending for approval, approving the exact text shown, returning with a reason."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from broadcast.api.pages.common import back, current_commune, page, script_for
from broadcast.api.params import IdPath
from broadcast.api.security import db_session, verify_csrf, web_user
from broadcast.config import get_settings
from broadcast.models import ScriptStatus, User
from broadcast.services import approval as approval_svc
from broadcast.services import scripts as scripts_svc

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.post("/scripts/{script_id}/submit")
def submit(
    request: Request, script_id: IdPath, session: Session = Depends(db_session), user: User = Depends(web_user)
) -> Response:
    script_for(session, user, script_id, "produce")
    scripts_svc.submit(session, script_id=script_id, actor=user.full_name)
    return back(request, f"/scripts/{script_id}", "Đã gửi lãnh đạo duyệt.")


@router.post("/scripts/{script_id}/approve")
def approve(
    request: Request,
    script_id: IdPath,
    text_hash: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script_for(session, user, script_id, "approve")
    try:
        approval_svc.approve_and_render(
            session,
            get_settings(),
            script_id=script_id,
            by=user.full_name,
            chuc_vu=user.title or "Lãnh đạo UBND xã",
            text_hash=text_hash,
        )
    except scripts_svc.ApprovalMismatch as exc:  # show the new text and what changed since the leader read it
        return back(request, f"/scripts/{script_id}?seen={exc.context['seen']}#changes", exc.message)
    return back(request, f"/scripts/{script_id}", "Đã duyệt đúng nội dung này. Đang dựng âm thanh để sẵn sàng phát.")


@router.post("/scripts/{script_id}/reject")
def reject(
    request: Request,
    script_id: IdPath,
    reason: str = Form(""),
    session: Session = Depends(db_session),
    user: User = Depends(web_user),
) -> Response:
    script_for(session, user, script_id, "approve")
    scripts_svc.reject(session, script_id=script_id, reason=reason, by=user.full_name)
    return back(request, f"/scripts/{script_id}", "Đã trả lại bài kèm lý do.")


@router.get("/approvals", response_class=HTMLResponse)
def approvals(request: Request, session: Session = Depends(db_session), user: User = Depends(web_user)) -> HTMLResponse:
    commune_id = current_commune(request, session, user)
    waiting = scripts_svc.list_scripts(session, commune_id=commune_id, status=ScriptStatus.CHO_DUYET)
    return page(request, "approvals.html", session, user, commune_id=commune_id, waiting=waiting)
