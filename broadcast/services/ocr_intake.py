"""Scans and photos read in the background (a province's workers), or at once (embedded).

An upload that needs OCR is kept in a private waiting folder beside the stored scripts
(`stage_upload`), and an "ocr-intake" job reads it: `read_staged` runs the same bounded
child process as a direct upload (intake.worker.parse_with_timeout), stores the draft with
add_script_file, and removes the waiting file once the draft is committed, or at once when
the file is refused. The waiting folder must be shared with the workers, as the scripts
and renders folders are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session

from broadcast.config import Settings
from broadcast.db import id_of, on_commit, on_rollback
from broadcast.errors import BroadcastError, StateError
from broadcast.fsutil import atomic_write_bytes, inside, private_dir, unique_token
from broadcast.intake.limits import IntakeLimits, check_upload
from broadcast.intake.worker import parse_with_timeout
from broadcast.models import Script
from broadcast.services.script_meta import ScriptMeta
from broadcast.services.scripts import add_script_file

WAITING = ".cho-doc"  # no commune's folder starts with a dot
READING = "Đang đọc bản chụp…"
SAVING = "Đang lưu bài"

Progress = Callable[[str, int, int], None]


def waiting_dir(settings: Settings) -> Path:
    return settings.scripts_dir / WAITING


def stage_upload(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    data: bytes,
    filename: str,
    meta: ScriptMeta,
    actor: str | None,
) -> dict[str, Any]:
    """Check an upload's size and pixels now, keep it for a worker, and return the job's
    arguments. The file is removed again if this transaction fails."""
    check_upload(data, filename, IntakeLimits.from_settings(settings))
    private_dir(settings.scripts_dir)
    folder = private_dir(waiting_dir(settings))
    path = atomic_write_bytes(folder / f"{unique_token()}{Path(filename).suffix.lower()[:8]}", data, private=True)
    on_rollback(session, lambda: path.unlink(missing_ok=True))
    return {
        "path": path.name,
        "filename": filename[:200],
        "commune_id": commune_id,
        "actor": actor,
        "meta": {"category": meta.category, "month": meta.month, "priority": meta.priority},
    }


def read_staged(session: Session, settings: Settings, progress: Progress, args: dict[str, Any]) -> dict[str, Any]:
    """The "ocr-intake" task: read a waiting upload into a new draft; returns its id."""
    path = inside(waiting_dir(settings) / str(args["path"]), waiting_dir(settings))
    if path is None or not path.is_file():
        raise StateError("Tệp tải lên không còn trên máy (đã đọc xong hoặc đã bị xóa). Hãy tải bản chụp lên lại.")
    filename = str(args["filename"])
    progress(READING, 0, 2)
    data = path.read_bytes()
    try:
        result = parse_with_timeout(data, filename, IntakeLimits.from_settings(settings))
        progress(SAVING, 1, 2)
        meta = {k: v for k, v in dict(args.get("meta") or {}).items() if k in ("category", "month", "priority")}
        script, _ = add_script_file(
            session,
            settings,
            commune_id=int(args["commune_id"]),
            data=data,
            filename=filename,
            meta=ScriptMeta(**meta),
            actor=args.get("actor"),
            intake=result,
        )
    except BroadcastError:
        path.unlink(missing_ok=True)  # refused for good: reading it again gives the same answer
        raise
    on_commit(session, lambda: path.unlink(missing_ok=True))
    return {
        "script_id": id_of(script),
        "title": script.title,
        "converted": bool(result.read.converted_from),
    }


def script_of(session: Session, result: dict[str, Any]) -> Script | None:
    """The draft a finished job made, if it is still there."""
    script_id = result.get("script_id")
    return session.get(Script, int(script_id)) if script_id else None
