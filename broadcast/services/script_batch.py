"""Scripts read many at a time, in a fixed number of queries whatever their count: one page
of a listing with its total, a set of scripts by id, their current approvals, and which of
them are approved with exactly their present text. Pages and listings read through here, so
that their cost does not grow with the years of scripts a commune keeps."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from broadcast.errors import InputError
from broadcast.models import Approval, Script, ScriptPublic, ScriptStatus
from broadcast.services.scripts import script_text, text_hash

PAGE_SIZE = 30
MAX_PAGE_SIZE = 200


@dataclass
class ScriptPage:
    scripts: list[Script]
    total: int
    limit: int
    offset: int

    @property
    def has_previous(self) -> bool:
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.scripts) < self.total


def parse_status(value: str) -> ScriptStatus | None:
    """A status filter as typed in a link or a query ("" = every status)."""
    if not value:
        return None
    try:
        return ScriptStatus(value)
    except ValueError:
        known = ", ".join(s.value for s in ScriptStatus)
        raise InputError(f"Không có trạng thái bài «{value}». Chọn một trong: {known}.") from None


def page_of_scripts(
    session: Session,
    *,
    commune_id: int,
    status: ScriptStatus | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> ScriptPage:
    """One page of a commune's scripts, newest first, with how many there are in all."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    offset = max(0, offset)
    where = [Script.commune_id == commune_id]
    if status is not None:
        where.append(Script.status == status)
    total = session.exec(select(func.count()).select_from(Script).where(*where)).one()
    query = select(Script).where(*where).order_by(col(Script.id).desc()).offset(offset).limit(limit)
    return ScriptPage(list(session.exec(query)), int(total), limit, offset)


def scripts_by_id(session: Session, *, script_ids: Collection[int]) -> dict[int, Script]:
    if not script_ids:
        return {}
    query = select(Script).where(col(Script.id).in_(sorted(set(script_ids))))
    return {s.id: s for s in session.exec(query) if s.id is not None}


def current_approvals(session: Session, *, script_ids: Collection[int]) -> dict[int, Approval]:
    """The current (not superseded) approval of each script that has one."""
    if not script_ids:
        return {}
    query = (
        select(Approval)
        .where(col(Approval.script_id).in_(sorted(set(script_ids))), col(Approval.superseded_at).is_(None))
        .order_by(col(Approval.id))
    )
    return {a.script_id: a for a in session.exec(query)}  # the newest wins


def approved_digests(session: Session, *, scripts: Collection[Script]) -> dict[int, str]:
    """For each script approved with exactly its present text, that text's hash (what a
    current render must have been made from); scripts not in this state are left out."""
    approved = [s for s in scripts if s.status == ScriptStatus.DA_DUYET and s.id is not None]
    approvals = current_approvals(session, script_ids=[s.id for s in approved if s.id is not None])
    out: dict[int, str] = {}
    for script in approved:
        approval = approvals.get(script.id) if script.id is not None else None
        digest = text_hash(script_text(script))
        if approval is not None and approval.text_hash == digest and script.id is not None:
            out[script.id] = digest
    return out


def to_public_many(session: Session, scripts: list[Script]) -> list[ScriptPublic]:
    """scripts.to_public for a list, with the approvals read in one query."""
    approvals = current_approvals(session, script_ids=[s.id for s in scripts if s.id is not None])
    out = []
    for script in scripts:
        approval = approvals.get(script.id) if script.id is not None else None
        out.append(
            ScriptPublic.model_validate(
                script,
                update={
                    "text_hash": text_hash(script_text(script)),
                    "approved_hash": approval.text_hash if approval else None,
                },
            )
        )
    return out
