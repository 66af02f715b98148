"""Viettel AI text-to-speech (REST v1).

Implemented shape — Viettel AI documentation "API TTS - Text To Speech",
https://viettelgroup.ai/document/tts (read 2026-12 through the search corpus of public pages):

- ``POST https://viettelgroup.ai/voice/api/tts/v1/rest/syn`` with headers
  ``Content-Type: application/json`` and ``token: <token>``; JSON body ``text``, ``voice``,
  ``id`` (a request id of ours), ``without_filter`` (false), ``speed`` (0.7 … 1.3) and
  ``tts_return_option`` (1 streaming, 2 wav, 3 mp3; we ask for 3).
- A success is HTTP 200 whose body is the audio itself. The page documents no error
  replies: a failure is classified by HTTP status (401/403 token, 402/429 quota, 400/413/422
  refused text, 5xx retried) and a JSON body's message is shown, scrubbed of the key.
- Voices: doanngocle, trinhthiviettrinh, hn-quynhanh (female, northern), phamtienquan
  (male, northern), hue-maingoc (female, central — Huế), hue-baoquoc (male, central),
  lethiyen, nguyenthithuyduyen (female, southern), hcm-minhquan (male, southern).
- The page states no text-length limit; we send at most 500 characters per request (a
  render sends one sentence, at most about 220 characters).
No pause syntax is documented, so pauses are silence between requests.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import httpx

from broadcast.errors import EngineError, EngineRefusedError
from broadcast.tts.base import Clip
from broadcast.tts.http_engine import HttpEngine, speed_ratio


class ViettelEngine(HttpEngine):
    name = "viettel"
    provider = "Viettel AI"
    max_chars = 500
    default_url = "https://viettelgroup.ai"
    catalogue: ClassVar[dict[str, tuple[str, str, str]]] = {
        "hn-quynhanh": ("Bắc", "nữ", "Quỳnh Anh"),
        "doanngocle": ("Bắc", "nữ", "Ngọc Lê"),
        "trinhthiviettrinh": ("Bắc", "nữ", "Việt Trinh"),
        "phamtienquan": ("Bắc", "nam", "Tiến Quân"),
        "hue-maingoc": ("Trung", "nữ", "Mai Ngọc"),
        "hue-baoquoc": ("Trung", "nam", "Bảo Quốc"),
        "lethiyen": ("Nam", "nữ", "Thị Yến"),
        "nguyenthithuyduyen": ("Nam", "nữ", "Thùy Duyên"),
        "hcm-minhquan": ("Nam", "nam", "Minh Quân"),
    }

    def _speak(self, client: httpx.Client, text: str, voice: str, rate: int) -> Clip:
        speed = round(max(0.7, min(1.3, speed_ratio(rate))), 1)
        response = self.request(
            client,
            "POST",
            f"{self.base_url}/voice/api/tts/v1/rest/syn",
            json={
                "text": text,
                "voice": voice,
                "id": uuid.uuid4().hex,
                "without_filter": False,
                "speed": speed,
                "tts_return_option": 3,
            },
            headers={"token": self.secret()},
        )
        content_type = response.headers.get("content-type", "")
        if "json" in content_type or response.content[:1] == b"{":
            try:
                said = response.json()
            except ValueError:
                said = response.text
            raise EngineRefusedError(f"Viettel AI không trả về âm thanh: {self.scrub(said)}.")
        if len(response.content) < 100:
            raise EngineError("Viettel AI trả về âm thanh rỗng.")
        fmt = "wav" if response.content[:4] == b"RIFF" else "mp3"
        return Clip(response.content, fmt)
