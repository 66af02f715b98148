"""Child processes (ffmpeg, espeak-ng) that die with the process that started them.

On Linux the child asks the kernel for SIGKILL when its parent thread ends
(prctl PR_SET_PDEATHSIG), so a render or export killed with kill -9 leaves no ffmpeg
running on. Elsewhere this does nothing."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    prctl: Callable[..., int] = libc.prctl
    return prctl


_PRCTL = _load_prctl()


def die_with_parent() -> None:
    """preexec_fn for subprocess: the child is killed when its parent goes away."""
    if _PRCTL is None:
        return
    parent = os.getppid()
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# Pass as preexec_fn= to subprocess.run/Popen (None where the platform has no prctl).
PREEXEC: Callable[[], None] | None = die_with_parent if _PRCTL is not None else None
