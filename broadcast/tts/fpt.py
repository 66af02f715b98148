"""FPT.AI text-to-speech (FPT.AI Speech, API version 5).

Implemented shape — FPT.AI documentation "FPT.AI Speech - Text to Speech", API v5,
https://docs.fpt.ai/docs/en/speech/api/text-to-speech (read 2026-12 through the search
corpus of public pages):

- ``POST https://api.fpt.ai/hmi/tts/v5``; the body is the text itself (UTF-8, at least 3
  and at most 5,000 characters); headers carry the key, ``voice``, ``speed`` (-3 slowest
  … 0 normal … +3 fastest) and ``format`` (mp3 or wav). The documentation's table spells
  the key header ``api_key`` while FPT's own samples and working clients send ``api-key``;
  we send ``api-key`` (many proxies drop header names with an underscore).
- The reply is JSON ``{"async": URL, "error": 0, "message": …, "request_id": …}``; the MP3
  appears at URL after "5 seconds to 2 minutes", so we poll it with a bounded wait.
  ``error`` other than 0 is a failure described by ``message``. The page lists no error
  codes, so a failure is classified by HTTP status (401/403 key, 402/429 quota) and by the
  words of ``message`` (key, quota/limit, otherwise a refused text).
- Voices: banmai, thuminh (female, northern), leminh (male, northern), myan (female,
  central), giahuy (male, central), lannhi, linhsan (female, southern).
No pause syntax is documented for v5, so pauses are silence between requests.
"""

from __future__ import annotations

from typing import ClassVar

import httpx

from broadcast.errors import EngineKeyError, EngineQuotaError, EngineRefusedError
from broadcast.tts.base import Clip
from broadcast.tts.http_engine import HttpEngine, speed_ratio


class FptEngine(HttpEngine):
    name = "fpt"
    provider = "FPT.AI"
    max_chars = 5000
    default_url = "https://api.fpt.ai"
    parallel = True
    catalogue: ClassVar[dict[str, tuple[str, str, str]]] = {
        "banmai": ("Bắc", "nữ", "Ban Mai"),
        "thuminh": ("Bắc", "nữ", "Thu Minh"),
        "leminh": ("Bắc", "nam", "Lê Minh"),
        "myan": ("Trung", "nữ", "Mỹ An"),
        "giahuy": ("Trung", "nam", "Gia Huy"),
        "lannhi": ("Nam", "nữ", "Lan Nhi"),
        "linhsan": ("Nam", "nữ", "Linh San"),
    }

    def _speak(self, client: httpx.Client, text: str, voice: str, rate: int) -> Clip:
        if len(text) < 3:  # the API refuses bodies shorter than 3 characters
            text = text + " ..."
        speed = max(-3, min(3, round((speed_ratio(rate) - 1) * 6)))
        response = self.request(
            client,
            "POST",
            f"{self.base_url}/hmi/tts/v5",
            content=text.encode("utf-8"),
            headers={"api-key": self.secret(), "voice": voice, "speed": str(speed), "format": "mp3"},
        )
        try:
            reply = response.json()
        except ValueError:
            reply = {}
        if not isinstance(reply, dict) or reply.get("error") != 0 or not reply.get("async"):
            self._refuse(reply.get("message") if isinstance(reply, dict) else None)
        return Clip(self.fetch_audio(client, str(reply["async"])), "mp3")

    def _refuse(self, message: object) -> None:
        said = self.scrub(message or "không rõ lý do")
        lowered = said.lower()
        if "key" in lowered or "khóa" in lowered or "unauthor" in lowered:
            raise EngineKeyError(f"FPT.AI không nhận khóa API: {said}. Kiểm tra lại khóa rồi cài lại.")
        if any(w in lowered for w in ("quota", "limit", "hạn mức", "hết", "exceed", "balance")):
            raise EngineQuotaError(
                f"FPT.AI báo đã hết hạn mức: {said}. Nạp thêm hoặc chờ kỳ sau; giọng dự phòng sẽ đọc."
            )
        raise EngineRefusedError(f"FPT.AI không đọc đoạn văn bản này: {said}.")
