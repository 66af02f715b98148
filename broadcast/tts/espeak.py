"""espeak-ng: offline, instant, always available where the Debian package is installed."""

from __future__ import annotations

import shutil
import subprocess

from broadcast.errors import EngineError
from broadcast.procutil import PREEXEC
from broadcast.tts.base import Clip, Engine


class EspeakEngine(Engine):
    name = "espeak"
    offline = True
    voices = ("vi", "vi-vn-x-central", "vi-vn-x-south")

    def __init__(self, binary: str = "espeak-ng") -> None:
        self.binary = binary

    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        if voice not in self.voices:
            raise EngineError(f"espeak-ng không có giọng «{voice}». Chọn một trong: {', '.join(self.voices)}.")
        try:
            proc = subprocess.run(
                [self.binary, "-v", voice, "-s", str(rate), "--stdout", "-b", "1"],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=60,
                check=True,
                preexec_fn=PREEXEC,
            )
        except FileNotFoundError as exc:
            raise EngineError("Chưa cài espeak-ng. Chạy «make run» để cài, hoặc apt-get install espeak-ng.") from exc
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise EngineError(f"espeak-ng không đọc được câu: {text[:60]}…") from exc
        if len(proc.stdout) <= 44:
            raise EngineError(f"espeak-ng trả về âm thanh rỗng cho câu: {text[:60]}…")
        return Clip(proc.stdout, "wav")
