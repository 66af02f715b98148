"""Scripts: intake into the database, approval states, history, and the approved text.

States: nháp → chờ duyệt → đã duyệt, or trả lại. An approval binds one exact text by its
SHA-256; editing an approved script sends it back to chờ duyệt and supersedes the approval
(which stays in the history). Every change is written to the audit log (ScriptEvent).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.db import id_of, on_rollback
from broadcast.errors import InputError, IntegrityError, NotFoundError, StateError
from broadcast.fsutil import atomic_write_bytes, private_dir
from broadcast.intake import Intake, intake_bytes, intake_text
from broadcast.intake.limits import IntakeLimits
from broadcast.models import (
    Approval,
    Channel,
    Script,
    ScriptAction,
    ScriptEvent,
    ScriptPublic,
    ScriptStatus,
    utcnow,
)
from broadcast.models_air import ScriptVersion
from broadcast.services import script_meta
from broadcast.services.communes import get_commune
from broadcast.services.scanned import OcrReview, apply_scan, review
from broadcast.services.script_meta import ScriptMeta
from broadcast.text.folding import slugify


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
    intake: Intake | None = None,
) -> tuple[Script, Intake]:
    """Store an uploaded file as a new draft script; nothing is stored if any check fails.

    A .docx/.txt/.md is read as text; a PDF, scan or photo by its text layer or by OCR
    (then the draft is marked as read from an image and needs confirm_ocr before
    submit). `intake` is the file already read, e.g. by broadcast.intake.worker's
    parse_with_timeout in a face that must not block."""
    result = intake or intake_bytes(data, filename, limits=IntakeLimits.from_settings(settings))
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
    intake: Intake | None = None,
) -> tuple[Script, Intake]:
    """The same for pasted text (intake: the text already read, e.g. in a bounded process)."""
    result = intake or intake_text(text, limits=IntakeLimits.from_settings(settings))
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
        commune_id=id_of(commune),
        title=script_meta.title(meta.title, parsed.title, parsed.body),
        category=script_meta.category(session, commune_id=id_of(commune), code=meta.category, title=parsed.title or ""),
        priority=script_meta.priority(meta.priority),
        channels=script_meta.channels(meta.channels) if meta.channels else (parsed.channels or [Channel.DAI.value]),
        month=script_meta.month(meta.month) or script_meta.title_month(parsed.title),
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
    script.stored_path = str(_store_original(session, settings, commune.slug, id_of(script), *original))
    apply_scan(session, settings, script, result, Path(script.stored_path).with_suffix(""))
    _event(session, script, ScriptAction.TAO, None, actor, script_meta.intake_detail(result))
    _record_version(session, script)
    session.flush()
    return script, result


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


# --- reading -----------------------------------------------------------------


def get_script(session: Session, *, script_id: int) -> Script:
    script = session.get(Script, script_id)
    if script is None:
        raise NotFoundError(f"Không có bài mã số {script_id}. Dùng «scripts list» để xem danh sách bài.")
    return script


def list_scripts(
    session: Session, *, commune_id: int | None = None, status: ScriptStatus | None = None
) -> list[Script]:
    query = select(Script).order_by(col(Script.id))
    if commune_id is not None:
        query = query.where(Script.commune_id == commune_id)
    if status is not None:
        query = query.where(Script.status == status)
    return list(session.exec(query))


def current_approval(session: Session, *, script_id: int) -> Approval | None:
    query = select(Approval).where(Approval.script_id == script_id, col(Approval.superseded_at).is_(None))
    return session.exec(query.order_by(col(Approval.id).desc())).first()


def approvals(session: Session, *, script_id: int) -> list[Approval]:
    return list(session.exec(select(Approval).where(Approval.script_id == script_id).order_by(col(Approval.id))))


def events(session: Session, *, script_id: int) -> list[ScriptEvent]:
    return list(
        session.exec(select(ScriptEvent).where(ScriptEvent.script_id == script_id).order_by(col(ScriptEvent.id)))
    )


def to_public(session: Session, script: Script) -> ScriptPublic:
    approval = current_approval(session, script_id=id_of(script))
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
#
# Every change of a script's text raises its version. A state change reads the row (locked
# FOR UPDATE where the database can) and writes it back only if neither its version nor its
# status moved meanwhile (compare and swap): no interleaving of an edit and an approval can
# leave "đã duyệt" on a text other than the one the leader was shown.

_CONFLICT = "Bài {id} vừa được người khác thay đổi. Hãy tải lại để xem nội dung mới nhất rồi làm lại."


class ApprovalMismatch(IntegrityError):
    """The leader approved a fingerprint that is not the script's current text."""


def _locked(session: Session, script_id: int) -> Script:
    """The script as committed now, its row locked for this transaction (PostgreSQL)."""
    query = select(Script).where(Script.id == script_id).with_for_update().execution_options(populate_existing=True)
    script = session.exec(query).first()
    if script is None:
        raise NotFoundError(f"Không có bài mã số {script_id}. Dùng «scripts list» để xem danh sách bài.")
    return script


def _swap(session: Session, script: Script, expect_version: int, expect_status: ScriptStatus, **values: object) -> None:
    """UPDATE script SET values WHERE id AND version AND status are still as read."""
    query = (
        update(Script)
        .where(col(Script.id) == script.id, col(Script.version) == expect_version, col(Script.status) == expect_status)
        .values(updated_at=utcnow(), **values)
    )
    try:
        changed = session.execute(query).rowcount  # type: ignore[attr-defined]
    except OperationalError as exc:  # SQLite: another writer got there first
        raise StateError(_CONFLICT.format(id=script.id)) from exc
    if changed != 1:
        raise StateError(_CONFLICT.format(id=script.id))
    session.refresh(script)


def _record_version(session: Session, script: Script) -> None:
    text = script_text(script)
    session.add(ScriptVersion(script_id=id_of(script), version=script.version, text_hash=text_hash(text), text=text))


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
            script_id=id_of(script),
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
    _swap(session, script, script.version, before, status=to)
    _event(session, script, action, before, actor, detail)
    session.flush()
    return script


def submit(session: Session, *, script_id: int, actor: str | None = None) -> Script:
    """Send a draft (or a returned script) to the leader."""
    script = _locked(session, script_id)
    if script.status not in (ScriptStatus.NHAP, ScriptStatus.TRA_LAI):
        raise StateError(f"Bài {script_id} đang «{script.status.label}», không cần gửi duyệt nữa.")
    if script.read_from_image and script.ocr_confirmed_at is None:
        raise StateError(
            f"Bài {script_id} được đọc từ ảnh quét/ảnh chụp (OCR) và chưa được kiểm tra: chưa gửi duyệt được. "
            f"Hãy đối chiếu chữ với bản giấy, sửa nếu cần, rồi xác nhận bằng «scripts confirm-ocr {script_id}» "
            "(hoặc nút «Tôi đã đối chiếu với bản giấy» trên trang bài)."
        )
    return _move(session, script, ScriptStatus.CHO_DUYET, ScriptAction.GUI_DUYET, actor)


def confirm_ocr(
    session: Session, settings: Settings, *, script_id: int, actor: str | None = None, text: str | None = None
) -> Script:
    """The station head has checked a text read from an image against the paper: with
    `text`, their corrected version replaces it (through the same intake checks)."""
    script = get_script(session, script_id=script_id)
    if not script.read_from_image:
        raise StateError(f"Bài {script_id} không đọc từ ảnh nên không cần xác nhận OCR.")
    if script.status not in (ScriptStatus.NHAP, ScriptStatus.TRA_LAI):
        raise StateError(f"Bài {script_id} đang «{script.status.label}»; chỉ xác nhận được bài nháp hoặc bị trả lại.")
    if text is not None:
        edit_script_text(session, settings, script_id=script_id, text=text, actor=actor)
    script.ocr_confirmed_at = utcnow()
    script.ocr_confirmed_by = actor
    session.add(script)
    _event(session, script, ScriptAction.XAC_NHAN_OCR, script.status, actor, "Đã đối chiếu chữ đọc từ ảnh với bản giấy")
    session.flush()
    return script


def ocr_review(session: Session, settings: Settings, *, script_id: int) -> OcrReview | None:
    """For a script read from an image: its text with every OCR word placed in it and
    flagged when its confidence is low, the page images and the confidence summary."""
    script = get_script(session, script_id=script_id)
    return review(script, script_text(script), low=settings.ocr_low_confidence)


def approve(session: Session, *, script_id: int, by: str, chuc_vu: str, text_hash: str) -> Approval:
    """A leader approves the text they were shown, named by its fingerprint (SHA-256).

    Refused (ApprovalMismatch) when the script's text is no longer that text."""
    seen = text_hash
    if not by.strip() or not chuc_vu.strip():
        raise InputError(
            'Cần ghi rõ họ tên và chức vụ người duyệt, ví dụ --by "Nông Văn Nhượng" --chuc-vu "Chủ tịch UBND xã".'
        )
    if not seen or not seen.strip():
        raise InputError(
            "Cần mã băm của nội dung đã đọc để duyệt đúng bản đó (xem bằng «scripts show», ví dụ --hash 3f2a9c1b)."
        )
    script = _locked(session, script_id)
    if script.status != ScriptStatus.CHO_DUYET:
        raise StateError(
            f"Bài {script_id} đang «{script.status.label}»; chỉ duyệt được bài «chờ duyệt». "
            "Trưởng đài gửi duyệt bằng «scripts submit»."
        )
    text = script_text(script)
    digest = _digest(text)
    if not script_meta.matches(seen, digest):
        raise ApprovalMismatch(
            f"Nội dung bài {script_id} đã thay đổi so với bản bạn đã xem (mã băm {seen.strip()[:12]}…, "
            f"nay là {digest[:12]}…). Chưa duyệt. Hãy đọc lại nội dung mới và những chỗ đã sửa rồi duyệt lại.",
            seen=seen.strip().lower(),
            current=digest,
        )
    actor = f"{by.strip()} ({chuc_vu.strip()})"
    before = script.status
    _swap(
        session, script, script.version, before, status=ScriptStatus.DA_DUYET
    )  # fails if the text moved since it was read
    approval = Approval(
        script_id=id_of(script), approved_by=by.strip(), chuc_vu=chuc_vu.strip(), text_hash=digest, text=text
    )
    session.add(approval)
    _event(session, script, ScriptAction.DUYET, before, actor)
    session.flush()
    return approval


_digest = text_hash  # approve() takes a parameter of that name


def reject(session: Session, *, script_id: int, reason: str, by: str | None = None) -> Script:
    """A leader returns a script with a reason."""
    if not reason.strip():
        raise InputError("Cần ghi lý do trả lại để trưởng đài biết phải sửa gì.")
    script = _locked(session, script_id)
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
    result = intake_bytes(data, filename, limits=IntakeLimits.from_settings(settings))
    script = _locked(session, script_id)
    script = _apply_edit(session, settings, script, result, title=title, actor=actor, original=(filename, data))
    if script.stored_path:
        apply_scan(session, settings, script, result, Path(script.stored_path).with_suffix(""))
    return script


def edit_script_text(
    session: Session,
    settings: Settings,
    *,
    script_id: int,
    text: str,
    title: str | None = None,
    actor: str | None = None,
) -> Script:
    result = intake_text(text, limits=IntakeLimits.from_settings(settings))
    script = _locked(session, script_id)
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
    version, before = script.version, script.status
    old_hash = text_hash(script_text(script))
    values: dict[str, object] = {
        "title": script_meta.title(title, parsed.title, parsed.body) if (title or parsed.title) else script.title,
        "body": parsed.body,
        "opening_present": parsed.opening_present,
        "closing_present": parsed.closing_present,
        "opening_text": parsed.opening_text,
        "closing_text": parsed.closing_text,
        "signer": parsed.signer or script.signer,
        "signer_title": parsed.signer_title or script.signer_title,
        "channels": parsed.channels or script.channels,
    }
    commune = get_commune(session, commune_id=script.commune_id)
    values["stored_path"] = str(_store_original(session, settings, commune.slug, id_of(script), *original))
    new_text = "\n\n".join(str(values[k]) for k in ("opening_text", "title", "body", "closing_text") if values[k])
    if text_hash(new_text) == old_hash:
        _swap(session, script, version, before, **values)
        _event(session, script, ScriptAction.SUA_KHONG_DOI, script.status, actor, "Nội dung không thay đổi")
        session.flush()
        return script
    to = ScriptStatus.CHO_DUYET if before == ScriptStatus.DA_DUYET else before
    _swap(session, script, version, before, **values, version=version + 1, status=to)
    for approval in session.exec(
        select(Approval).where(Approval.script_id == id_of(script), col(Approval.superseded_at).is_(None))
    ):
        approval.superseded_at = utcnow()
        session.add(approval)
    _record_version(session, script)
    detail = "Sửa sau khi đã duyệt: cần lãnh đạo duyệt lại" if before == ScriptStatus.DA_DUYET else None
    _event(session, script, ScriptAction.SUA, before, actor, detail)
    session.flush()
    return script


def fingerprint(session: Session, *, script_id: int) -> str:
    """The SHA-256 of a script's current text: what a leader who reads it now approves."""
    return text_hash(script_text(get_script(session, script_id=script_id)))
