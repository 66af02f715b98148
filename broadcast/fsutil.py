"""File writes that never leave a 0-byte or half-written file: temp name, then rename."""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write data to path through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes owner-only files; give the usual permissions
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def temp_path_for(path: Path) -> Path:
    """A hidden sibling name for a tool (ffmpeg) that writes the file itself; rename it after.

    Unique per process, thread and call, so two deliveries in one minute never share it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.stem}.{unique_token()}.part{path.suffix}")


def unique_token() -> str:
    """A short name part no other process, thread or call gets at the same time."""
    return f"{os.getpid()}-{threading.get_ident()}-{secrets.token_hex(4)}"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
