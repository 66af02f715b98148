"""JSON API under /api/v1: the same services as the CLI and the pages, token-authenticated."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from broadcast.api.params import MAX_ID, MAX_LONG, MAX_SHORT, IdPath
from broadcast.api.security import api_user, db_session, verify_csrf
from broadcast.config import get_settings
from broadcast.db import id_of
from broadcast.errors import NotFoundError
from broadcast.models import CommunePublic, Profile, RenderPublic, ScriptPublic, User
from broadcast.services import approval as approval_svc
from broadcast.services import render_jobs, script_batch
from broadcast.services import renders as renders_svc
from broadcast.services import schedule as sched
from broadcast.services import scripts as scripts_svc
from broadcast.services import users as users_svc


async def api_caller(request: Request, user: User = Depends(api_user)) -> User:
    """A browser session must also send its CSRF token on writes; a Bearer token need not."""
    if not request.headers.get("authorization", "").lower().startswith("bearer "):
        await verify_csrf(request)
    return user


router = APIRouter(prefix="/api/v1", tags=["API"])


class TextIn(BaseModel):
    text: str
    category: str | None = Field(None, max_length=MAX_SHORT)
    month: str | None = Field(None, max_length=MAX_SHORT)
    priority: str | None = Field(None, max_length=MAX_SHORT)
    title: str | None = Field(None, max_length=MAX_LONG)


class ReasonIn(BaseModel):
    reason: str = Field(max_length=MAX_LONG)


class ApproveIn(BaseModel):
    text_hash: str  # the SHA-256 (ScriptPublic.text_hash) of the text the leader read


class RenderIn(BaseModel):
    profile: Profile = Profile.STATION
    engine: str | None = None


class ItemIn(BaseModel):
    day: str = Field(max_length=MAX_SHORT)
    session_id: int = Field(ge=1, le=MAX_ID)
    script_id: int = Field(ge=1, le=MAX_ID)


def _script(session: Session, user: User, script_id: int, action: str):
    script = scripts_svc.get_script(session, script_id=script_id)
    users_svc.require(session, user, script.commune_id, action)
    return script


@router.get("/communes", response_model=list[CommunePublic])
def communes(session: Session = Depends(db_session), user: User = Depends(api_caller)) -> list[CommunePublic]:
    return [CommunePublic.model_validate(c) for c, _ in users_svc.communes_of(session, user)]


@router.get("/communes/{commune_id}/scripts", response_model=list[ScriptPublic])
def list_scripts(
    commune_id: IdPath,
    response: Response,
    limit: int = Query(script_batch.PAGE_SIZE, ge=1, le=script_batch.MAX_PAGE_SIZE),
    offset: int = Query(0, ge=0, le=10_000_000),
    status: str = Query("", max_length=20),
    session: Session = Depends(db_session),
    user: User = Depends(api_caller),
) -> list:
    """One page of the commune's scripts, newest first; the total is in the X-Total-Count header
    and the next page in the Link header."""
    users_svc.require(session, user, commune_id, "read")
    found = script_batch.page_of_scripts(
        session, commune_id=commune_id, status=script_batch.parse_status(status), limit=limit, offset=offset
    )
    response.headers["X-Total-Count"] = str(found.total)
    if found.has_next:
        more = f"status={status}&" if status else ""
        next_page = f"/api/v1/communes/{commune_id}/scripts?{more}limit={limit}&offset={offset + limit}"
        response.headers["Link"] = f'<{next_page}>; rel="next"'
    return script_batch.to_public_many(session, found.scripts)


@router.post("/communes/{commune_id}/scripts", response_model=ScriptPublic, status_code=201)
def add_script(
    commune_id: IdPath, body: TextIn, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> ScriptPublic:
    users_svc.require(session, user, commune_id, "produce")
    script, _ = scripts_svc.add_script_text(
        session,
        get_settings(),
        commune_id=commune_id,
        text=body.text,
        meta=scripts_svc.ScriptMeta(title=body.title, category=body.category, month=body.month, priority=body.priority),
        actor=user.full_name,
    )
    return scripts_svc.to_public(session, script)


@router.get("/scripts/{script_id}", response_model=ScriptPublic)
def get_script(
    script_id: IdPath, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> ScriptPublic:
    return scripts_svc.to_public(session, _script(session, user, script_id, "read"))


@router.get("/scripts/{script_id}/speech")
def speech(script_id: IdPath, session: Session = Depends(db_session), user: User = Depends(api_caller)) -> dict:
    from broadcast.services.speech import speech_for

    _script(session, user, script_id, "read")
    result = speech_for(session, script_id=script_id)
    return {
        "paragraphs": result.paragraphs,
        "unknown": result.unknown,
        "replacements": [[r.__dict__ for r in p] for p in result.replacements],
    }


@router.put("/scripts/{script_id}/text", response_model=ScriptPublic)
def edit_text(
    script_id: IdPath, body: TextIn, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> ScriptPublic:
    _script(session, user, script_id, "produce")
    return scripts_svc.to_public(
        session,
        scripts_svc.edit_script_text(
            session, get_settings(), script_id=script_id, text=body.text, title=body.title, actor=user.full_name
        ),
    )


@router.post("/scripts/{script_id}/submit", response_model=ScriptPublic)
def submit(script_id: IdPath, session: Session = Depends(db_session), user: User = Depends(api_caller)) -> ScriptPublic:
    _script(session, user, script_id, "produce")
    return scripts_svc.to_public(session, scripts_svc.submit(session, script_id=script_id, actor=user.full_name))


@router.post("/scripts/{script_id}/approve", response_model=ScriptPublic)
def approve(
    script_id: IdPath,
    body: ApproveIn | None = None,
    session: Session = Depends(db_session),
    user: User = Depends(api_caller),
) -> ScriptPublic:
    """Approve the text the leader read, named by its text_hash; without it (422) or with another
    text's (409) nothing is approved."""
    script = _script(session, user, script_id, "approve")
    approval_svc.approve_and_render(
        session,
        get_settings(),
        script_id=script_id,
        by=user.full_name,
        chuc_vu=user.title or "Lãnh đạo UBND xã",
        text_hash=body.text_hash if body else "",
    )
    return scripts_svc.to_public(session, script)


@router.post("/scripts/{script_id}/reject", response_model=ScriptPublic)
def reject(
    script_id: IdPath, body: ReasonIn, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> ScriptPublic:
    _script(session, user, script_id, "approve")
    return scripts_svc.to_public(
        session, scripts_svc.reject(session, script_id=script_id, reason=body.reason, by=user.full_name)
    )


@router.post("/scripts/{script_id}/renders", status_code=202)
def start_render(
    script_id: IdPath, body: RenderIn, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    _script(session, user, script_id, "produce")
    job = render_jobs.start(session, script_id=script_id, profile=body.profile, engine=body.engine)
    session.commit()  # the job row is there before the page polls it
    return {"job": job.id}


@router.get("/render-jobs/{job_id}")
def render_job(
    job_id: int = Path(ge=1, le=2**62), session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    job, script = render_jobs.progress(session, job_id=job_id)
    if script is None:
        raise NotFoundError("Không có lượt dựng âm thanh này.", job_id=job_id)
    _script(session, user, id_of(script), "read")
    render_id = job.result.get("render_id")
    return {
        "status": job.state,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "error": job.error,
        "render_id": render_id,
        "notice": job.result.get("notice"),
        # "Lưu ý: 3/12 câu được đọc bằng giọng dự phòng (…) vì …", from what the render recorded per sentence
        "fallback_notice": renders_svc.fallback_summary(renders_svc.get_render(session, render_id=render_id).engines)
        if render_id
        else None,
    }


@router.get("/scripts/{script_id}/renders", response_model=list[RenderPublic])
def renders(script_id: IdPath, session: Session = Depends(db_session), user: User = Depends(api_caller)) -> list:
    _script(session, user, script_id, "read")
    return [renders_svc.to_public(session, r) for r in renders_svc.renders_of(session, script_id=script_id)]


@router.get("/communes/{commune_id}/schedule/{month}")
def schedule(
    commune_id: IdPath, month: str, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    from broadcast.exports.month import rows

    users_svc.require(session, user, commune_id, "read")
    year, mon = sched.parse_month(month)
    items = [r.model_dump(mode="json") for r in rows(session, commune_id=commune_id, year=year, month=mon)]
    result = sched.check_month(session, commune_id=commune_id, year=year, month=mon, tz=get_settings().tz)
    return {"items": items, "check": sched.check_as_dict(result)}


@router.post("/communes/{commune_id}/schedule/{month}/plan")
def plan(
    commune_id: IdPath, month: str, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    users_svc.require(session, user, commune_id, "produce")
    year, mon = sched.parse_month(month)
    result = sched.plan_month(session, commune_id=commune_id, year=year, month=mon, tz=get_settings().tz)
    return {"placed": len(result.placements), "check": sched.check_as_dict(result.check), "notes": result.notes}


@router.post("/communes/{commune_id}/schedule/items", status_code=201)
def add_item(
    commune_id: IdPath, body: ItemIn, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    users_svc.require(session, user, commune_id, "produce")
    item = sched.add_item(
        session,
        commune_id=commune_id,
        day=sched.parse_day(body.day),
        session_id=body.session_id,
        script_id=body.script_id,
        tz=get_settings().tz,
    )
    return {"item_id": item.id}


@router.delete("/schedule/items/{item_id}", status_code=204)
def remove_item(item_id: IdPath, session: Session = Depends(db_session), user: User = Depends(api_caller)) -> Response:
    item = session.get(sched.ScheduleItem, item_id)
    if item is None:
        raise NotFoundError("Không có mục lịch này.")
    users_svc.require(session, user, item.commune_id, "produce")
    sched.remove_item(session, item_id=item_id)
    return Response(status_code=204)


@router.get("/communes/{commune_id}/reports")
def report(
    commune_id: IdPath, first: str, last: str, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> dict:
    from broadcast.exports import reports

    users_svc.require(session, user, commune_id, "read")
    data = reports.build(session, commune_id=commune_id, first=first, last=last)
    return {
        "rows": [r.__dict__ for r in data.rows],
        "cchc": [{"title": t, "days": [d.isoformat() for d in days]} for t, days in data.cchc],
    }


@router.get("/communes/{commune_id}/exports/month/{month}.csv")
def month_csv(
    commune_id: IdPath, month: str, session: Session = Depends(db_session), user: User = Depends(api_caller)
) -> Response:
    from broadcast.exports.month import rows, to_csv

    users_svc.require(session, user, commune_id, "read")
    year, mon = sched.parse_month(month)
    return Response(
        to_csv(rows(session, commune_id=commune_id, year=year, month=mon)), media_type="text/csv; charset=utf-8"
    )
