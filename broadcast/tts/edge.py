"""edge-tts (Microsoft neural voices): online; every call bounded by asyncio.wait_for,
because the library can hang even with its own timeouts."""

from __future__ import annotations

import asyncio

from broadcast.errors import EngineError
from broadcast.tts.base import Clip, Engine, reachable


class EdgeEngine(Engine):
    name = "edge"
    offline = False
    voices = ("vi-VN-HoaiMyNeural", "vi-VN-NamMinhNeural")

    def __init__(
        self,
        *,
        url: str = "wss://speech.platform.bing.com",
        timeout: float = 20.0,
        reach_timeout: float = 0.8,
        proxy: str | None = None,
    ) -> None:
        self.url, self.timeout, self.reach_timeout, self.proxy = url, timeout, reach_timeout, proxy

    def available(self) -> bool:
        return reachable(self.proxy or self.url, self.reach_timeout)

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        if voice not in self.voices:
            voice = self.default_voice
        # espeak-style words per minute -> edge's relative rate (175 wpm is "normal").
        percent = max(-50, min(50, round((rate - 175) / 175 * 100)))
        try:
            audio = asyncio.run(asyncio.wait_for(self._stream(text, voice, f"{percent:+d}%"), self.timeout))
        except TimeoutError as exc:
            raise EngineError(f"Giọng Edge không trả lời sau {self.timeout:g} giây.") from exc
        except Exception as exc:  # edge-tts and aiohttp raise many kinds of errors
            raise EngineError(f"Giọng Edge không đọc được câu: {type(exc).__name__}") from exc
        if not audio:
            raise EngineError("Giọng Edge trả về âm thanh rỗng.")
        return Clip(audio, "mp3")

    async def _stream(self, text: str, voice: str, rate: str) -> bytes:
        import edge_tts

        communicate = edge_tts.Communicate(text, voice, rate=rate, proxy=self.proxy)
        chunks = []
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                chunks.append(chunk["data"])
        return b"".join(chunks)
