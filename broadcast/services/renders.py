"""Render queries: which render of a script is newest, which one may air, and whether a
render still matches the approved text. Pages, exports and the schedule read renders here;
the production pipeline only writes them."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from broadcast.errors import IntegrityError, NotFoundError, StateError
from broadcast.fsutil import file_sha256
from broadcast.models import Profile, Render, RenderPublic, Script
from broadcast.services.script_batch import approved_digests
from broadcast.services.scripts import approved_text
from broadcast.tts.catalogue import PROVIDERS


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


def fallback_summary(engines: list[dict]) -> str | None:
    """A plain sentence when fallback voices spoke some sentences of a render, from what the
    render recorded per sentence: "Lưu ý: 3/12 câu được đọc bằng giọng dự phòng (espeak-ng)
    vì Viettel AI không kết nối được." None when the main voice read everything."""
    used = [e for e in engines if e.get("fallback")]
    if not used:
        return None
    voices = ", ".join(dict.fromkeys(PROVIDERS.get(str(e.get("engine")), str(e.get("engine"))) for e in used))
    reasons = dict.fromkeys(
        f"{PROVIDERS.get(str(e.get('main')), 'giọng chính')} {e['why']}"
        if e.get("why")
        else "giọng chính không đọc được"
        for e in used
    )
    return f"Lưu ý: {len(used)}/{len(engines)} câu được đọc bằng giọng dự phòng ({voices}) vì {'; '.join(reasons)}."


def to_public(session: Session, render_row: Render) -> RenderPublic:
    return RenderPublic.model_validate(
        render_row,
        update={"stale": is_stale(session, render_row), "fallback_notice": fallback_summary(render_row.engines)},
    )


def newest_render(session: Session, *, script_id: int, profile: Profile = Profile.STATION) -> Render | None:
    """The latest render of a script in a profile, current or not (for listings and reports)."""
    query = (
        select(Render).where(Render.script_id == script_id, Render.profile == profile).order_by(col(Render.id).desc())
    )
    return session.exec(query).first()


def newest_renders(
    session: Session, *, script_ids: Collection[int], profile: Profile | None = Profile.STATION
) -> dict[int, Render]:
    """newest_render of many scripts in one query (profile None: the newest in any profile)."""
    if not script_ids:
        return {}
    newest = select(func.max(Render.id)).where(col(Render.script_id).in_(sorted(set(script_ids))))
    if profile is not None:
        newest = newest.where(Render.profile == profile)
    query = select(Render).where(col(Render.id).in_(newest.group_by(col(Render.script_id))))
    return {r.script_id: r for r in session.exec(query)}


def render_states(
    session: Session, *, scripts: Collection[Script], profile: Profile = Profile.STATION
) -> dict[int, Render | StateError | IntegrityError]:
    """current_render of many scripts in three queries: for each script its current render,
    or the error current_render would raise for it."""
    newest = newest_renders(session, script_ids=[s.id for s in scripts if s.id is not None], profile=profile)
    digests = approved_digests(session, scripts=scripts)
    out: dict[int, Render | StateError | IntegrityError] = {}
    for script in scripts:
        if script.id is None:
            continue
        render = newest.get(script.id)
        if render is None:
            out[script.id] = _not_rendered(script.id, profile)
        elif digests.get(script.id) != render.text_hash:
            out[script.id] = _stale(script.id)
        else:
            out[script.id] = render
    return out


def _not_rendered(script_id: int, profile: Profile) -> StateError:
    return StateError(
        f"Bài {script_id} chưa được dựng âm thanh ({profile.value}). Chạy «broadcast render {script_id}»."
    )


def _stale(script_id: int) -> IntegrityError:
    return IntegrityError(
        f"Âm thanh của bài {script_id} đã cũ: nội dung bài đã sửa sau khi dựng. "
        "Cần lãnh đạo duyệt lại rồi dựng âm thanh lại."
    )


def current_render(session: Session, *, script_id: int, profile: Profile = Profile.STATION) -> Render:
    """The newest render of a script that may be scheduled or exported; refuses stale ones."""
    newest = newest_render(session, script_id=script_id, profile=profile)
    if newest is None:
        raise _not_rendered(script_id, profile)
    if is_stale(session, newest):
        raise _stale(script_id)
    return newest


def verify_audio(render_row: Render) -> None:
    """The render's file is there and is byte for byte the file the render produced."""
    path = Path(render_row.path)
    redo = f"Dựng lại bằng «broadcast render {render_row.script_id}» (hoặc nút Dựng âm thanh)."
    if not path.is_file():
        raise StateError(f"Không tìm thấy tệp âm thanh của bài {render_row.script_id} ({path.name}). {redo}")
    if not render_row.audio_sha256:
        raise IntegrityError(
            f"Bản âm thanh của bài {render_row.script_id} được dựng khi chưa ghi mã kiểm tra tệp nên không xác "
            f"nhận được. {redo}"
        )
    if file_sha256(path) != render_row.audio_sha256:
        raise IntegrityError(
            f"Tệp âm thanh của bài {render_row.script_id} ({path.name}) đã bị thay đổi hoặc thay thế sau khi dựng, "
            f"không còn là bản đã dựng từ nội dung được duyệt. Không phát tệp này. {redo}"
        )
