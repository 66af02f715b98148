"""Render queries: which render of a script is newest, which one may air, and whether a
render still matches the approved text. Pages, exports and the schedule read renders here;
the production pipeline only writes them."""

from __future__ import annotations

from sqlmodel import Session, col, select

from broadcast.errors import IntegrityError, NotFoundError, StateError
from broadcast.models import Profile, Render, RenderPublic
from broadcast.services.scripts import approved_text


def renders_of(session: Session, *, script_id: int) -> list[Render]:
    """Every render of a script, newest first."""
    return list(session.exec(select(Render).where(Render.script_id == script_id).order_by(col(Render.id).desc())))


def get_render(session: Session, *, render_id: int) -> Render:
    render = session.get(Render, render_id)
    if render is None:
        raise NotFoundError("Không có bản âm thanh này.", render_id=render_id)
    return render


def is_stale(session: Session, render_row: Render) -> bool:
    """A render is stale when its script is no longer approved with exactly that text."""
    try:
        _, _, digest = approved_text(session, script_id=render_row.script_id)
    except (StateError, IntegrityError):
        return True
    return digest != render_row.text_hash


def to_public(session: Session, render_row: Render) -> RenderPublic:
    return RenderPublic.model_validate(render_row, update={"stale": is_stale(session, render_row)})


def newest_render(session: Session, *, script_id: int, profile: Profile = Profile.STATION) -> Render | None:
    """The latest render of a script in a profile, current or not (for listings and reports)."""
    query = (
        select(Render).where(Render.script_id == script_id, Render.profile == profile).order_by(col(Render.id).desc())
    )
    return session.exec(query).first()


def current_render(session: Session, *, script_id: int, profile: Profile = Profile.STATION) -> Render:
    """The newest render of a script that may be scheduled or exported; refuses stale ones."""
    newest = newest_render(session, script_id=script_id, profile=profile)
    if newest is None:
        raise StateError(
            f"Bài {script_id} chưa được dựng âm thanh ({profile.value}). Chạy «broadcast render {script_id}»."
        )
    if is_stale(session, newest):
        raise IntegrityError(
            f"Âm thanh của bài {script_id} đã cũ: nội dung bài đã sửa sau khi dựng. "
            "Cần lãnh đạo duyệt lại rồi dựng âm thanh lại."
        )
    return newest
