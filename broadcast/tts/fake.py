"""A fake engine for unit tests: a tone whose length follows the text, and a call log."""

from __future__ import annotations

import io
import math
import struct
import threading
import wave

from broadcast.errors import EngineError
from broadcast.tts.base import Clip, Engine


class FakeEngine(Engine):
    name = "fake"
    offline = True
    voices = ("fake",)

    def __init__(self, *, up: bool = True, fail_on: str | None = None) -> None:
        self.up, self.fail_on = up, fail_on
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def available(self) -> bool:
        return self.up

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        with self._lock:
            self.calls.append(text)
        if self.fail_on and self.fail_on in text:
            raise EngineError("fake failure")
        rate_hz, seconds = 22050, 0.05 * max(1, len(text.split()))
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 220 * i / rate_hz)))
            for i in range(int(rate_hz * seconds))
        )
        buf = io.BytesIO()
        with wave.open(buf, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate_hz)
            wav.writeframes(frames)
        return Clip(buf.getvalue(), "wav")
