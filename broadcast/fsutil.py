"""File writes that never leave a 0-byte, half-written or hidden file where a reader looks.

Every temporary file lives in a staging folder (`.broadcast-tmp/`) next to its target, on
the same filesystem, and is renamed into place when complete. A reader of the target folder
(the station's playout, a loa kéo player listing a USB stick) therefore never meets a
partial file under a playable name, and what a crash leaves behind is swept away at the
next start (sweep_stale). Secrets and user data are written owner-only (private=True).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
STAGING = ".broadcast-tmp"
STALE_AFTER_S = 24 * 3600  # a staged file this old belongs to no running writer


def staging_dir(folder: Path) -> Path:
    """The staging folder for files that will be renamed into `folder`."""
    staging = folder / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    return staging


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = False) -> Path:
    """Write data to path through a staged temporary file; owner-only (0600) when private."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _retry(
        lambda: tempfile.mkstemp(dir=staging_dir(path.parent), prefix=f"{unique_token()}.", suffix=".part")
    )
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes owner-only files; give the usual permissions
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    remove_staging(path.parent)
    return path


def _retry(make: Callable[[], T]) -> T:
    """make() a staged file or folder; again if another writer just removed the empty staging folder."""
    for _ in range(5):
        try:
            return make()
        except (FileNotFoundError, FileExistsError):  # EEXIST too: mkdir saw the folder, then it was removed
            continue
    return make()


def temp_path_for(path: Path) -> Path:
    """A staged name for a tool (ffmpeg) that writes the file itself; rename it after.

    Unique per process, thread and call, so two deliveries in one minute never share it;
    it keeps the suffix (ffmpeg picks the format from it) but lives in the staging folder."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def reserve() -> Path:
        tmp = staging_dir(path.parent) / f"{unique_token()}.{path.stem}.part{path.suffix}"
        tmp.touch(exist_ok=False)  # the staging folder is not empty, so no other writer removes it
        return tmp

    return _retry(reserve)


def temp_dir_for(folder: Path) -> Path:
    """A new empty staged folder that will be renamed to `folder` (same filesystem)."""
    folder.parent.mkdir(parents=True, exist_ok=True)

    def reserve() -> Path:
        tmp = staging_dir(folder.parent) / f"{unique_token()}.{folder.name}"
        tmp.mkdir()
        return tmp

    return _retry(reserve)


def unique_token() -> str:
    """A short name part no other process, thread or call gets at the same time.

    It starts with the writer's process id, which is how sweep_stale knows an orphan."""
    return f"{os.getpid()}-{threading.get_ident()}-{secrets.token_hex(4)}"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _writer_alive(name: str) -> bool:
    pid = name.split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def sweep_stale(roots: Iterable[Path], *, max_age_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove what crashed writers left in staging folders under roots; return what went.

    An entry goes when the process that made it is gone (its id starts the name) or when it
    is older than max_age_s (a writer on another machine sharing the folder). Empty staging
    folders go too. Live writers are left alone."""
    removed: list[Path] = []
    now = time.time()
    for root in roots:
        if not root.is_dir():
            continue
        for folder, dirs, _files in os.walk(root):
            if STAGING not in dirs:
                continue
            dirs.remove(STAGING)  # nothing to walk inside it
            staging = Path(folder) / STAGING
            for entry in list(staging.iterdir()):
                try:
                    old = now - entry.lstat().st_mtime > max_age_s
                except FileNotFoundError:
                    continue
                if old or not _writer_alive(entry.name):
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)
                    removed.append(entry)
            with contextlib.suppress(OSError):  # still in use by a live writer
                staging.rmdir()
    return removed


def remove_staging(folder: Path) -> None:
    """Drop the (empty) staging folder of a target only one writer uses, e.g. a USB stick."""
    with contextlib.suppress(OSError):  # absent, or a live writer still has a file there
        (folder / STAGING).rmdir()


def private_dir(path: Path) -> Path:
    """A folder only its owner may enter (0700), made if missing."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def make_private(path: Path) -> None:
    """Owner-only (0600) permissions on an existing file; silently nothing if it is absent."""
    with contextlib.suppress(FileNotFoundError):
        path.chmod(0o600)


def inside(path: Path | str, *roots: Path) -> Path | None:
    """The resolved path if it lies inside one of roots (also resolved), else None.

    Every file a request can reach is checked with this before it is served."""
    resolved = Path(path).resolve()
    for root in roots:
        if resolved.is_relative_to(root.resolve()) and resolved != root.resolve():
            return resolved
    return None
