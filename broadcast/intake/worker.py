"""Run intake in a separate process with a time and memory limit.

Parsing a hostile upload must never stall the server: `parse_with_timeout` reads the file
in a child Python process (`python -m broadcast.intake.worker`, fed by a pipe), caps the
child's address space, and kills the child's whole process group (OCR tools included)
when the time is up (the parse bound, plus the OCR bound for each page of a scan). Any face can call it from a worker thread, e.g.
`await anyio.to_thread.run_sync(parse_with_timeout, data, name, limits)`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from broadcast.errors import BroadcastError, BrokenFileError, TooLargeError
from broadcast.intake import Intake, intake_bytes
from broadcast.intake.limits import PDF_MAGIC, IntakeLimits, image_size
from broadcast.intake.scans import is_scan

T = TypeVar("T")


def run_bounded(
    fn: Callable[..., T],
    *args: Any,
    timeout_s: float,
    memory_bytes: int | None = None,
    what: str = "tệp",
    **kwargs: Any,
) -> T:
    """fn(*args, **kwargs) in a child process (fn must be a module-level function).

    The child's BroadcastErrors are raised again here; a time-out or memory exhaustion
    becomes TooLargeError, any other failure BrokenFileError."""
    payload = pickle.dumps((fn, args, kwargs, memory_bytes))
    proc = subprocess.Popen(
        [sys.executable, "-m", "broadcast.intake.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: killed together with its OCR tools
    )
    try:
        out, err = proc.communicate(payload, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise TooLargeError(
            f"Đọc {what} quá {timeout_s:g} giây nên đã dừng: tệp quá lớn hoặc quá phức tạp. "
            "Hãy tách thành tệp nhỏ hơn (ít trang hơn, ảnh nhỏ hơn) rồi tải lên lại.",
            limit=timeout_s,
        ) from None
    finally:
        if proc.poll() is None:
            _kill_group(proc)
    try:
        status, value = pickle.loads(out)
    except Exception:  # noqa: BLE001 - no answer at all: the child was killed or crashed
        status, value = "crash", err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"mã {proc.returncode}"]
        value = value[0][:300]
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "error":
        cls, message = value
        raise cls(message)
    if status == "memory" or "MemoryError" in str(value):
        raise TooLargeError(f"Đọc {what} cần quá nhiều bộ nhớ nên đã dừng. Hãy tách thành tệp nhỏ hơn rồi tải lên lại.")
    raise BrokenFileError(f"Không đọc được {what}: tệp hỏng ({value}). Hãy mở và lưu lại tệp rồi tải lên.")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def scan_pages(data: bytes, filename: str, limits: IntakeLimits) -> int:
    """How many pages OCR may have to read in a PDF or image, from its structure alone
    (0 for a typed file), at most limits.max_pages. A PDF whose page objects are hidden in
    compressed streams counts as max_pages: its reader refuses more pages than that."""
    if not is_scan(filename, data):
        return 0
    if data.startswith(PDF_MAGIC) or filename.lower().endswith(".pdf"):
        found = len(_PDF_PAGE.findall(data))
        return min(found, limits.max_pages) if found else limits.max_pages
    try:
        frames = image_size(data, filename)[2]
    except BroadcastError:
        return 1  # the reader says what is wrong with it
    return max(1, min(frames, limits.max_pages))


def time_budget_s(data: bytes, filename: str, limits: IntakeLimits) -> float:
    """The child's time: limits.parse_timeout_s, and ocr_page_timeout_s more for each page
    OCR may read, so that a multi-page scan is not cut off by the bound meant for one file."""
    return limits.parse_timeout_s + limits.ocr_page_timeout_s * scan_pages(data, filename, limits)


def parse_with_timeout(data: bytes, filename: str, limits: IntakeLimits | None = None) -> Intake:
    """broadcast.intake.intake_bytes in a bounded child process (time: time_budget_s)."""
    limits = limits or IntakeLimits()
    return run_bounded(
        intake_bytes,
        data,
        filename,
        limits=limits,
        timeout_s=time_budget_s(data, filename, limits),
        memory_bytes=limits.parse_memory_bytes,
        what=f"«{filename}»",
    )


def _serve() -> None:
    """The child: one call read from stdin, its pickled outcome written to stdout."""
    fn, args, kwargs, memory_bytes = pickle.loads(sys.stdin.buffer.read())
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except BroadcastError as exc:
        outcome = ("error", (type(exc), exc.message))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises a clear error
        outcome = ("crash", f"{type(exc).__name__}: {exc}"[:300])
    sys.stdout.buffer.write(pickle.dumps(outcome))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve()
