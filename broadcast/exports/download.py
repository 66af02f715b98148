"""A file handed to a person: its bytes, type and a safe download name. Pages and the API
serve these; the CLI writes them. Every export format is chosen here, once."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
    "mp3": "audio/mpeg",
}


@dataclass(frozen=True)
class Download:
    body: bytes
    filename: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(Path(self.filename).suffix.lstrip("."), "application/octet-stream")


def zip_files(folder: Path, files: list[Path], *, tz: ZoneInfo) -> bytes:
    """The files (inside folder) as a ZIP in the given order, stamped with local times.

    MP3s do not compress, so entries are stored; stored entries also keep the play order
    for players that unpack in archive order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for f in files:
            local = datetime.fromtimestamp(f.stat().st_mtime, tz)
            info = zipfile.ZipInfo(f.relative_to(folder).as_posix(), date_time=local.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            with f.open("rb") as src, zf.open(info, "w") as dst:
                while block := src.read(1 << 20):
                    dst.write(block)
    return buf.getvalue()
