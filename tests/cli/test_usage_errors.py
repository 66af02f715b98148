"""Usage errors reach the station head in Vietnamese, whatever wording Click uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BROADCAST = Path(sys.executable).parent / "broadcast"


def test_an_extra_argument_is_refused_in_vietnamese() -> None:
    done = subprocess.run([str(BROADCAST), "normalize", "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Thừa tham số" in done.stderr + done.stdout
    assert "unexpected" not in done.stderr + done.stdout
