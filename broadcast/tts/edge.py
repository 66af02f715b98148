"""edge-tts (Microsoft neural voices): online; every call bounded by asyncio.wait_for,
because the library can hang even with its own timeouts.

The endpoint is configurable (`BROADCAST_EDGE_URL`, default wss://speech.platform.bing.com):
edge-tts builds its WebSocket address from the module constant
`edge_tts.communicate.WSS_URL` (…/consumer/speech/synthesize/readaloud/edge/v1?
TrustedClientToken=…); we keep its path and query and swap the scheme and host for ours,
so tests speak the real protocol (`speech.config` and `ssml` text messages, binary
`Path:audio` frames, `turn.end`) with a local fake. The constant is process-wide: one
process speaks to one Edge endpoint at a time (the last one configured).

No pause marks: Microsoft's endpoint refuses SSML that Edge itself would not send,
`<break>` included (rany2/edge-tts issues #173 and #58, and its maintainer's comment in
hasscc/hass-edge-tts#8), so pauses stay silence between clips.
"""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import urlsplit

from broadcast.errors import EngineError, EngineTimeoutError
from broadcast.tts.base import Clip, Engine, reachable

DEFAULT_URL = "wss://speech.platform.bing.com"
_route_lock = threading.Lock()


def wss_url(base_url: str, library_url: str) -> str:
    """library_url (edge-tts's full WebSocket address) with base_url's scheme, host and port."""
    base, lib = urlsplit(base_url.rstrip("/")), urlsplit(library_url)
    prefix = base.path.rstrip("/")
    return f"{base.scheme}://{base.netloc}{prefix}{lib.path}?{lib.query}"


class EdgeEngine(Engine):
    name = "edge"
    offline = False
    voices = ("vi-VN-HoaiMyNeural", "vi-VN-NamMinhNeural")

    def __init__(
        self,
        *,
        url: str = DEFAULT_URL,
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
            raise EngineTimeoutError(f"Giọng Edge không trả lời sau {self.timeout:g} giây.") from exc
        except Exception as exc:  # edge-tts and aiohttp raise many kinds of errors
            raise EngineError(f"Giọng Edge không đọc được câu: {type(exc).__name__}") from exc
        if not audio:
            raise EngineError("Giọng Edge trả về âm thanh rỗng.")
        return Clip(audio, "mp3")

    def _route(self) -> None:
        """Point edge-tts at self.url (keeping its own path, token and query)."""
        from edge_tts import communicate, constants

        target = constants.WSS_URL if self.url.rstrip("/") == DEFAULT_URL else wss_url(self.url, constants.WSS_URL)
        with _route_lock:
            setattr(communicate, "WSS_URL", target)  # noqa: B010 - the library reads this module global

    async def _stream(self, text: str, voice: str, rate: str) -> bytes:
        import edge_tts

        self._route()
        communicate = edge_tts.Communicate(text, voice, rate=rate, proxy=self.proxy)
        chunks = []
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                chunks.append(chunk["data"])
        return b"".join(chunks)
