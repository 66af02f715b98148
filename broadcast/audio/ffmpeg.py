"""Running ffmpeg/ffprobe and reading EBU R128 loudness from ffmpeg's ebur128 filter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from broadcast.errors import AudioError
from broadcast.procutil import PREEXEC


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS), true peak (dBTP; sample peak when measured without
    oversampling) and loudness range (LU)."""

    integrated: float
    true_peak: float | None
    lra: float


def require_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        raise AudioError("Chưa cài ffmpeg. Chạy «make run» để cài, hoặc apt-get install ffmpeg.")


def run(args: list[str], *, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with args; AudioError with the end of its log when it fails."""
    require_ffmpeg()
    proc = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostdin", "-nostats", *args], input=input, capture_output=True, preexec_fn=PREEXEC
    )
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise AudioError(
            "Xử lý âm thanh (ffmpeg) thất bại: " + " | ".join(tail), reason=" | ".join(tail), returncode=proc.returncode
        )
    return proc


def probe(path: Path) -> dict:
    """ffprobe's streams and format of path, as a dict."""
    require_ffmpeg()
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", str(path)],
        capture_output=True,
        preexec_fn=PREEXEC,
    )
    if proc.returncode != 0:
        raise AudioError(
            f"Không đọc được tệp âm thanh «{path.name}»: tệp hỏng hoặc không phải âm thanh.", path=str(path)
        )
    return json.loads(proc.stdout)


def parse_ebur128(log: str) -> Loudness:
    """The summary ebur128 prints at the end of a run (the last one: ffmpeg may print an
    empty summary first when it reconfigures the filter graph)."""
    if "Summary:" not in log:
        raise AudioError("Không đo được độ lớn âm thanh (ebur128 không có kết quả).")
    summary = log.rsplit("Summary:", 1)[1]

    def value(label: str) -> float | None:
        found = re.search(rf"{label}:\s*(-?[\d.]+|-inf)", summary)
        if not found:
            return None
        return float("-inf") if found.group(1) == "-inf" else float(found.group(1))

    integrated = value("I")
    if integrated is None:
        raise AudioError("Không đo được độ lớn âm thanh (ebur128 không có kết quả).")
    return Loudness(integrated=integrated, true_peak=value("Peak"), lra=value("LRA") or 0.0)


def measure(path: Path, *, true_peak: bool = True) -> Loudness:
    """Integrated loudness (and true peak, 4x oversampled) of a file, decoded in full."""
    peak = ":peak=true" if true_peak else ""
    proc = run(
        ["-v", "info", "-i", str(path), "-map", "0:a:0", "-af", f"ebur128=framelog=verbose{peak}", "-f", "null", "-"]
    )
    return parse_ebur128(proc.stderr.decode("utf-8", "replace"))
