"""Scripts: intake into the database, approval states, history, and the approved text.

States: nháp → chờ duyệt → đã duyệt, or trả lại. An approval binds one exact text by its
SHA-256; editing an approved script sends it back to chờ duyệt and supersedes the approval
(which stays in the history). Every change is written to the audit log (ScriptEvent).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from broadcast.config import Settings
from broadcast.db import on_rollback
from broadcast.errors import InputError, IntegrityError, NotFoundError, StateError
from broadcast.fsutil import atomic_write_bytes, private_dir
from broadcast.intake import Intake, intake_bytes, intake_text
from broadcast.models import (
    Approval,
    Channel,
    Priority,
    Script,
    ScriptAction,
    ScriptEvent,
    ScriptPublic,
    ScriptStatus,
    utcnow,
)
from broadcast.services.communes import categories, get_commune
from broadcast.text.folding import slugify


@dataclass
class ScriptMeta:
    """What the station head may set on intake; None means 'take it from the file'."""

    title: str | None = None
    category: str | None = None
    priority: str | None = None
    channels: str | None = None  # "dai,loa-keo"
    month: str | None = None  # "2024-07"


def script_text(script: Script) -> str:
    """The exact text a leader approves: the script's own opening line if it had one, the
    title, the body and its own closing line, separated by blank lines."""
    parts = [script.opening_text, script.title, script.body, script.closing_text]
    return "\n\n".join(p for p in parts if p)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- intake ------------------------------------------------------------------


def add_script_file(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    data: bytes,
    filename: str,
    meta: ScriptMeta | None = None,
    actor: str | None = None,
) -> tuple[Script, Intake]:
    """Store an uploaded file as a new draft script; nothing is stored if any check fails."""
    result = intake_bytes(data, filename, max_text_bytes=settings.max_text_bytes)
    return _create(
        session,
        settings,
        commune_id=commune_id,
        result=result,
        meta=meta or ScriptMeta(),
        original=(filename, data),
        actor=actor,
    )


def add_script_text(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    text: str,
    meta: ScriptMeta | None = None,
    actor: str | None = None,
) -> tuple[Script, Intake]:
    """The same for pasted text."""
    result = intake_text(text, max_text_bytes=settings.max_text_bytes)
    return _create(
        session,
        settings,
        commune_id=commune_id,
        result=result,
        meta=meta or ScriptMeta(),
        original=("van-ban-dan.txt", text.encode("utf-8")),
        actor=actor,
    )


def _create(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    result: Intake,
    meta: ScriptMeta,
    original: tuple[str, bytes],
    actor: str | None,
) -> tuple[Script, Intake]:
    commune = get_commune(session, commune_id=commune_id)
    parsed = result.parsed
    if not parsed.body.strip():
        raise InputError("Không tìm thấy nội dung bài để đọc (chỉ có tiêu đề hoặc phần ký tên). Hãy kiểm tra lại tệp.")
    script = Script(
        commune_id=commune.id,
        title=_title(meta.title, parsed.title, parsed.body),
        category=_category(session, commune_id=commune.id, code=meta.category, title=parsed.title or ""),
        priority=_priority(meta.priority),
        channels=_channels(meta.channels) if meta.channels else (parsed.channels or [Channel.DAI.value]),
        month=_month(meta.month),
        source_unit=parsed.source_unit,
        body=parsed.body,
        opening_present=parsed.opening_present,
        closing_present=parsed.closing_present,
        opening_text=parsed.opening_text,
        closing_text=parsed.closing_text,
        signer=parsed.signer,
        signer_title=parsed.signer_title,
        original_name=original[0],
        source_encoding=result.read.encoding,
    )
    session.add(script)
    session.flush()
    script.stored_path = str(_store_original(session, settings, commune.slug, script.id, *original))
    _event(session, script, ScriptAction.TAO, None, actor, _intake_detail(result))
    session.flush()
    return script, result


def _intake_detail(result: Intake) -> str | None:
    if result.read.converted_from:
        return f"Đã chuyển mã từ {result.read.converted_from.upper()} sang Unicode"
    return None


def _store_original(
    session: Session, settings: Settings, slug: str, script_id: int, filename: str, data: bytes
) -> Path:
    """Keep the file as received under scripts/<commune>/; removed again if the transaction fails."""
    stem, suffix = Path(filename).stem, Path(filename).suffix.lower()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = settings.scripts_dir / slug / f"{script_id:05d}_{stamp}_{slugify(stem, max_length=40)}{suffix}"
    private_dir(settings.scripts_dir)  # uploads are the commune's documents: owner-only
    atomic_write_bytes(path, data, private=True)
    on_rollback(session, lambda: path.unlink(missing_ok=True))
    return path


def _title(override: str | None, parsed: str | None, body: str) -> str:
    if override and override.strip():
        return " ".join(override.split())
    if parsed:
        return parsed
    words = body.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _category(session: Session, *, commune_id: int, code: str | None, title: str) -> str:
    known = {c.code: c for c in categories(session, commune_id=commune_id)}
    if code:
        code = slugify(code)
        if code not in known:
            names = ", ".join(f"{c} ({k.label})" for c, k in known.items())
            raise InputError(f"Không có chuyên mục «{code}». Các chuyên mục của xã: {names}.")
        return code
    if re.search(r"cải cách hành chính|\bCCHC\b|thủ tục hành chính", title, re.I) and "cchc" in known:
        return "cchc"
    return "khac" if "khac" in known else next(iter(known))


def _priority(value: str | None) -> Priority:
    if not value:
        return Priority.THONG_THUONG
    key = slugify(value)
    for p in Priority:
        if key in (p.value, slugify(p.label)):
            return p
    raise InputError(f"Mức ưu tiên «{value}» không hợp lệ. Chọn một trong: thong-thuong, uu-tien, khan-cap.")


def _channels(value: str) -> list[str]:
    out = []
    for part in value.split(","):
        key = slugify(part)
        match = next((c for c in Channel if key in (c.value, slugify(c.label))), None)
        if match is None:
            raise InputError(f"Kênh phát «{part.strip()}» không hợp lệ. Chọn trong: dai, loa-keo, thong-minh.")
        if match.value not in out:
            out.append(match.value)
    return out


def _month(value: str | None) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"Tháng «{value}» không hợp lệ. Viết theo dạng năm-tháng, ví dụ 2025-09.")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


# --- reading -----------------------------------------------------------------


def get_script(session: Session, *, script_id: int) -> Script:
    script = session.get(Script, script_id)
    if script is None:
        raise NotFoundError(f"Không có bài mã số {script_id}. Dùng «scripts list» để xem danh sách bài.")
    return script


def list_scripts(
    session: Session, *, commune_id: int | None = None, status: ScriptStatus | None = None
) -> list[Script]:
    query = select(Script).order_by(Script.id)
    if commune_id is not None:
        query = query.where(Script.commune_id == commune_id)
    if status is not None:
        query = query.where(Script.status == status)
    return list(session.exec(query))


def current_approval(session: Session, *, script_id: int) -> Approval | None:
    query = select(Approval).where(Approval.script_id == script_id, Approval.superseded_at.is_(None))
    return session.exec(query.order_by(Approval.id.desc())).first()


def approvals(session: Session, *, script_id: int) -> list[Approval]:
    return list(session.exec(select(Approval).where(Approval.script_id == script_id).order_by(Approval.id)))


def events(session: Session, *, script_id: int) -> list[ScriptEvent]:
    return list(session.exec(select(ScriptEvent).where(ScriptEvent.script_id == script_id).order_by(ScriptEvent.id)))


def to_public(session: Session, script: Script) -> ScriptPublic:
    approval = current_approval(session, script_id=script.id)
    return ScriptPublic.model_validate(
        script,
        update={
            "text_hash": text_hash(script_text(script)),
            "approved_hash": approval.text_hash if approval else None,
        },
    )


def approved_text(session: Session, *, script_id: int) -> tuple[Script, str, str]:
    """(script, text, hash) of an approved script whose text is exactly the approved text.

    Everything downstream (render, schedule, export) goes through here.
    """
    script = get_script(session, script_id=script_id)
    if script.status != ScriptStatus.DA_DUYET:
        raise StateError(
            f"Bài {script_id} đang ở trạng thái «{script.status.label}», chưa được lãnh đạo duyệt: "
            "chưa thể dựng âm thanh hay phát sóng. Gửi duyệt bằng «scripts submit»."
        )
    approval = current_approval(session, script_id=script_id)
    text = script_text(script)
    digest = text_hash(text)
    if approval is None or approval.text_hash != digest:
        raise IntegrityError(f"Nội dung bài {script_id} khác với bản lãnh đạo đã duyệt. Hãy gửi duyệt lại.")
    return script, text, digest


# --- state changes -------------------------------------------------------------


def _event(
    session: Session,
    script: Script,
    action: ScriptAction,
    from_status: ScriptStatus | None,
    actor: str | None,
    detail: str | None = None,
) -> None:
    session.add(
        ScriptEvent(
            script_id=script.id,
            action=action.value,
            from_status=from_status.value if from_status else None,
            to_status=script.status.value,
            actor=actor,
            detail=detail,
            text_hash=text_hash(script_text(script)),
        )
    )


def _move(
    session: Session,
    script: Script,
    to: ScriptStatus,
    action: ScriptAction,
    actor: str | None,
    detail: str | None = None,
) -> Script:
    before = script.status
    script.status = to
    script.updated_at = utcnow()
    session.add(script)
    _event(session, script, action, before, actor, detail)
    session.flush()
    return script


def submit(session: Session, *, script_id: int, actor: str | None = None) -> Script:
    """Send a draft (or a returned script) to the leader."""
    script = get_script(session, script_id=script_id)
    if script.status not in (ScriptStatus.NHAP, ScriptStatus.TRA_LAI):
        raise StateError(f"Bài {script_id} đang «{script.status.label}», không cần gửi duyệt nữa.")
    return _move(session, script, ScriptStatus.CHO_DUYET, ScriptAction.GUI_DUYET, actor)


def approve(session: Session, *, script_id: int, by: str, chuc_vu: str) -> Approval:
    """A leader approves the exact current text; records who, when and its SHA-256."""
    script = get_script(session, script_id=script_id)
    if not by.strip() or not chuc_vu.strip():
        raise InputError(
            'Cần ghi rõ họ tên và chức vụ người duyệt, ví dụ --by "Nông Văn Nhượng" --chuc-vu "Chủ tịch UBND xã".'
        )
    if script.status != ScriptStatus.CHO_DUYET:
        raise StateError(
            f"Bài {script_id} đang «{script.status.label}»; chỉ duyệt được bài «chờ duyệt». "
            "Trưởng đài gửi duyệt bằng «scripts submit»."
        )
    text = script_text(script)
    approval = Approval(
        script_id=script.id, approved_by=by.strip(), chuc_vu=chuc_vu.strip(), text_hash=text_hash(text), text=text
    )
    session.add(approval)
    _move(session, script, ScriptStatus.DA_DUYET, ScriptAction.DUYET, f"{by.strip()} ({chuc_vu.strip()})")
    return approval


def reject(session: Session, *, script_id: int, reason: str, by: str | None = None) -> Script:
    """A leader returns a script with a reason."""
    script = get_script(session, script_id=script_id)
    if not reason.strip():
        raise InputError('Cần ghi lý do trả lại để trưởng đài biết phải sửa gì (--reason "…").')
    if script.status != ScriptStatus.CHO_DUYET:
        raise StateError(f"Bài {script_id} đang «{script.status.label}»; chỉ trả lại được bài «chờ duyệt».")
    return _move(session, script, ScriptStatus.TRA_LAI, ScriptAction.TRA_LAI, by, reason.strip())


def edit_script(
    session: Session,
    settings: Settings,
    *,
    script_id: int,
    data: bytes,
    filename: str,
    title: str | None = None,
    actor: str | None = None,
) -> Script:
    """Replace a script's text from a new file; an approved script goes back to chờ duyệt."""
    script = get_script(session, script_id=script_id)
    result = intake_bytes(data, filename, max_text_bytes=settings.max_text_bytes)
    return _apply_edit(session, settings, script, result, title=title, actor=actor, original=(filename, data))


def edit_script_text(
    session: Session,
    settings: Settings,
    *,
    script_id: int,
    text: str,
    title: str | None = None,
    actor: str | None = None,
) -> Script:
    script = get_script(session, script_id=script_id)
    result = intake_text(text, max_text_bytes=settings.max_text_bytes)
    return _apply_edit(
        session, settings, script, result, title=title, actor=actor, original=("van-ban-sua.txt", text.encode("utf-8"))
    )


def _apply_edit(
    session: Session,
    settings: Settings,
    script: Script,
    result: Intake,
    *,
    title: str | None,
    actor: str | None,
    original: tuple[str, bytes],
) -> Script:
    parsed = result.parsed
    if not parsed.body.strip():
        raise InputError("Bản sửa không có nội dung bài để đọc. Hãy kiểm tra lại tệp.")
    old_hash = text_hash(script_text(script))
    script.title = _title(title, parsed.title, parsed.body) if (title or parsed.title) else script.title
    script.body = parsed.body
    script.opening_present = parsed.opening_present
    script.closing_present = parsed.closing_present
    script.opening_text = parsed.opening_text
    script.closing_text = parsed.closing_text
    script.signer = parsed.signer or script.signer
    script.signer_title = parsed.signer_title or script.signer_title
    if parsed.channels:
        script.channels = parsed.channels
    commune = get_commune(session, commune_id=script.commune_id)
    script.stored_path = str(_store_original(session, settings, commune.slug, script.id, *original))
    if text_hash(script_text(script)) == old_hash:
        _event(session, script, ScriptAction.SUA_KHONG_DOI, script.status, actor, "Nội dung không thay đổi")
        session.flush()
        return script
    approval = current_approval(session, script_id=script.id)
    if approval is not None:
        approval.superseded_at = utcnow()
        session.add(approval)
    if script.status == ScriptStatus.DA_DUYET:
        return _move(
            session,
            script,
            ScriptStatus.CHO_DUYET,
            ScriptAction.SUA,
            actor,
            "Sửa sau khi đã duyệt: cần lãnh đạo duyệt lại",
        )
    return _move(session, script, script.status, ScriptAction.SUA, actor)
