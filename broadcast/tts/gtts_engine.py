"""gTTS (Google Translate voice, lang="vi"): online; always with a timeout, retried with backoff."""

from __future__ import annotations

import io
import time

from gtts import gTTS
from gtts.tts import gTTSError

from broadcast.errors import EngineError
from broadcast.tts.base import Clip, Engine, reachable

_GOOGLE = "https://translate.google.com"


class _RoutedGTTS(gTTS):
    """gTTS whose requests go to base_url instead of Google (a local fake in tests)."""

    def __init__(self, *args, base_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")

    def _prepare_requests(self):
        prepared = super()._prepare_requests()
        if self.base_url != _GOOGLE:
            for request in prepared:
                request.url = request.url.replace(_GOOGLE, self.base_url, 1)
        return prepared


class GTTSEngine(Engine):
    name = "gtts"
    offline = False
    voices = ("vi",)

    def __init__(
        self,
        *,
        base_url: str = _GOOGLE,
        timeout: float = 10.0,
        reach_timeout: float = 0.8,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.base_url, self.timeout, self.reach_timeout = base_url, timeout, reach_timeout
        self.retries, self.backoff = retries, backoff

    def available(self) -> bool:
        return reachable(self.base_url, self.reach_timeout)

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        slow = rate < 120  # Google offers only normal and slow speech
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            buf = io.BytesIO()
            try:
                _RoutedGTTS(
                    text, lang="vi", slow=slow, lang_check=False, timeout=self.timeout, base_url=self.base_url
                ).write_to_fp(buf)
            except gTTSError as exc:
                status = getattr(getattr(exc, "rsp", None), "status_code", None)
                transient = status is None or status == 429 or status >= 500
                if not transient or attempt == self.retries:
                    raise EngineError(f"Giọng Google (gTTS) không đọc được câu (lần thử {attempt}): {exc}") from exc
                time.sleep(delay)
                delay *= 2
                continue
            if buf.tell() == 0:
                raise EngineError("Giọng Google (gTTS) trả về âm thanh rỗng.")
            return Clip(buf.getvalue(), "mp3")
        raise EngineError("Giọng Google (gTTS) không trả lời.")  # pragma: no cover - loop always returns/raises
