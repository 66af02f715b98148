"""piper (piper-tts): offline neural voice, enabled when a vi_VN-*.onnx voice and its
.onnx.json are configured. The voice file is fetched once by `broadcast voices download`."""

from __future__ import annotations

import io
import threading
import wave
from pathlib import Path
from typing import Any

from broadcast.errors import EngineError
from broadcast.tts.base import Clip, Engine

VOICE_BASE_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/main/vi/vi_VN"
KNOWN_VOICES = {
    "vi_VN-vais1000-medium": "vais1000/medium",
    "vi_VN-25hours_single-low": "25hours_single/low",
    "vi_VN-vivos-x_low": "vivos/x_low",
}


class PiperEngine(Engine):
    name = "piper"
    offline = True
    parallel = False  # one ONNX session, used from one thread at a time

    def __init__(self, voice_path: Path | None) -> None:
        self.voice_path = voice_path
        self._voice: Any = None  # piper.PiperVoice once loaded (piper is an optional extra)
        self._lock = threading.Lock()
        self.voices = (voice_path.stem,) if voice_path else ("vi_VN",)

    def available(self) -> bool:
        if not self.voice_path or not self.voice_path.is_file():
            return False
        if not Path(f"{self.voice_path}.json").is_file():
            return False
        try:
            import piper  # noqa: F401
        except ImportError:
            return False
        return True

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        if not self.available():
            raise EngineError(
                "Chưa có giọng piper: cần tệp vi_VN-*.onnx và .onnx.json (xem «broadcast voices download»)."
            )
        from piper import PiperVoice, SynthesisConfig

        with self._lock:
            if self._voice is None:
                self._voice = PiperVoice.load(str(self.voice_path))
            buf = io.BytesIO()
            with wave.open(buf, "wb") as wav:
                config = SynthesisConfig(length_scale=max(0.5, min(2.0, 175 / max(rate, 60))))
                self._voice.synthesize_wav(text, wav, syn_config=config)
        return Clip(buf.getvalue(), "wav")
