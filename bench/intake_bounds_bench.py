"""Zip-bomb .docx uploads: time to refuse and peak memory, each in a fresh interpreter.

    .venv/bin/python bench/intake_bounds_bench.py

Builds the bombs of issue 12 (document.xml expanding to 300 MB and to 2 GB, and one whose
ZIP headers lie about the size) and reads each with broadcast.intake.intake_bytes in a
child process, reporting the refusal, the seconds it took and the child's peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.intake.bombs import docx_bomb  # noqa: E402

PROBE = r"""
import json, re, sys, time
def hwm():  # peak resident memory of this process image, MB (ru_maxrss would include the parent's before exec)
    return int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024
import broadcast.intake as intake
data = open(sys.argv[1], "rb").read()
base = hwm()
t = time.perf_counter()
try:
    intake.intake_bytes(data, "bom.docx"); error = "accepted!"
except Exception as exc:
    error = type(exc).__name__ + ": " + str(exc)[:90]
print(json.dumps({"seconds": time.perf_counter() - t, "error": error, "base_mb": base,
                  "peak_mb": hwm()}))
"""


def main() -> None:
    cases = [
        ("300 MB", docx_bomb(300_000_000)),
        ("2 GB", docx_bomb(2_000_000_000)),
        ("300 MB, lying headers", docx_bomb(300_000_000, lie=True)),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases:
            path = Path(tmp) / "bom.docx"
            path.write_bytes(data)
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
            )
            r = json.loads(out.stdout)
            print(
                f"{name:24s} upload {len(data) / 1e6:5.2f} MB  refused in {r['seconds'] * 1000:7.1f} ms  "
                f"peak RSS {r['peak_mb']:5.0f} MB (interpreter with intake loaded {r['base_mb']:.0f} MB)  "
                f"{r['error']}"
            )


if __name__ == "__main__":
    main()
