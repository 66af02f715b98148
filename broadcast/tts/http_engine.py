"""What the commercial HTTP voices (FPT.AI, Viettel AI, Zalo AI) share.

Each provider module says how one request looks and how its reply is read; this base
does the rest the same way for all: the API key kept as a secret (never in a message,
log line or repr), the text cut under the provider's limit, every request bounded by a
timeout, 429 and 5xx retried a few times with a growing wait, a URL reply polled with a
bounded wait, and clear Vietnamese errors for a bad key, a used-up quota or a refused text.
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Callable
from typing import ClassVar

import httpx
from pydantic import SecretStr

from broadcast.errors import (
    EngineError,
    EngineKeyError,
    EngineQuotaError,
    EngineRefusedError,
    EngineTimeoutError,
)
from broadcast.tts import pieces
from broadcast.tts.base import Clip, Engine, reachable


class HttpEngine(Engine):
    """An online voice behind an HTTP API with a key; subclasses implement `_speak`."""

    offline = False
    provider = ""  # the name users know, e.g. "FPT.AI"
    max_chars = 1000  # the provider's limit of characters per request
    default_url = ""
    pause_mark: Callable[[int], str] | None = None  # the provider's pause syntax, if any
    #: region and gender of each published voice: {voice id: (region, gender, name)}
    catalogue: ClassVar[dict[str, tuple[str, str, str]]] = {}

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: SecretStr | None = None,
        timeout: float = 15.0,
        reach_timeout: float = 0.8,
        retries: int = 3,
        backoff: float = 0.5,
        poll_timeout: float = 120.0,
        poll_interval: float = 0.5,
    ) -> None:
        self.base_url = (base_url or self.default_url).rstrip("/")
        self._key = api_key if api_key is not None and api_key.get_secret_value().strip() else None
        self.timeout, self.reach_timeout = timeout, reach_timeout
        self.retries, self.backoff = max(1, retries), backoff
        self.poll_timeout, self.poll_interval = poll_timeout, poll_interval
        self.voices = tuple(self.catalogue)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.base_url} key={'đã cài' if self._key else 'chưa cài'}>"

    @classmethod
    def voices_default(cls) -> str:
        """The first published voice (the class's default, before any instance exists)."""
        return next(iter(cls.catalogue))

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def available(self) -> bool:
        return self._key is not None and reachable(self.base_url, self.reach_timeout)

    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip:
        if self._key is None:
            raise EngineKeyError(
                f"Chưa cài khóa API của {self.provider}. Cài bằng «broadcast voices key {self.name} --commune N» "
                f"hoặc biến môi trường BROADCAST_{self.name.upper()}_API_KEY."
            )
        if voice not in self.voices:
            voice = self.default_voice
        plan = pieces.plan(text, self.max_chars, self.pause_mark)
        if not plan:
            raise EngineRefusedError(f"Không có chữ nào để {self.provider} đọc.")
        with httpx.Client(timeout=self.timeout, trust_env=False, follow_redirects=True) as client:
            clips = [self._speak(client, piece.text, voice, rate) for piece in plan]
        return pieces.join(clips, plan)

    @abstractmethod
    def _speak(self, client: httpx.Client, text: str, voice: str, rate: int) -> Clip:
        """One request of at most max_chars characters; returns its audio."""

    # --- helpers for subclasses ---------------------------------------------------------

    def secret(self) -> str:
        """The key itself, for the one header or field that carries it."""
        assert self._key is not None
        return self._key.get_secret_value()

    def scrub(self, message: object) -> str:
        """A provider's message as safe to show: the key never appears in it, and it is short."""
        text = str(message)
        if self._key is not None:
            text = text.replace(self._key.get_secret_value(), "***")
        return text[:200]

    def request(
        self, client: httpx.Client, method: str, url: str, *, check: bool = True, **kwargs: object
    ) -> httpx.Response:
        """One HTTP call with retries on 429/5xx and connection failures; a hang ends at the timeout.

        With check, a failed final status raises the matching Vietnamese error."""
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            try:
                response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
            except httpx.TimeoutException as exc:
                raise EngineTimeoutError(f"{self.provider} không trả lời sau {self.timeout:g} giây.") from exc
            except httpx.TransportError as exc:
                if attempt == self.retries:
                    raise EngineError(
                        f"Không kết nối được {self.provider} ({type(exc).__name__}). Kiểm tra mạng rồi thử lại."
                    ) from exc
            else:
                transient = response.status_code == 429 or response.status_code >= 500
                if not transient or attempt == self.retries:
                    if check:
                        self.check_status(response)
                    return response
            time.sleep(delay)
            delay *= 2
        raise EngineError(f"{self.provider} không trả lời.")  # pragma: no cover - the loop returns or raises

    def check_status(self, response: httpx.Response) -> None:
        """Raise the error a user understands for a failed HTTP status."""
        status = response.status_code
        if status < 400:
            return
        if status in (401, 403):
            raise EngineKeyError(
                f"{self.provider} không nhận khóa API (mã {status}): khóa sai hoặc đã bị khóa. "
                f"Kiểm tra lại khóa trong tài khoản {self.provider} rồi cài lại."
            )
        if status in (402, 429):
            raise EngineQuotaError(
                f"{self.provider} từ chối vì đã hết hạn mức hoặc gọi quá nhiều (mã {status}). "
                "Thử lại sau, hoặc kiểm tra gói dịch vụ; trong lúc chờ, giọng dự phòng sẽ đọc."
            )
        if status in (400, 413, 422):
            raise EngineRefusedError(f"{self.provider} không nhận đoạn văn bản này (mã {status}).")
        raise EngineError(f"{self.provider} đang gặp lỗi (mã {status}). Thử lại sau.")

    def fetch_audio(self, client: httpx.Client, url: str) -> bytes:
        """The audio at url, polled until it is ready; waits at most poll_timeout seconds."""
        deadline = time.monotonic() + self.poll_timeout
        interval = self.poll_interval
        if not _is_http(url):
            raise EngineError(f"{self.provider} trả về địa chỉ âm thanh không hợp lệ.")
        while True:
            response = self.request(client, "GET", url, check=False)
            if response.status_code == 200 and response.content and not _looks_like_json(response):
                return response.content
            if response.status_code not in (200, 403, 404):
                self.check_status(response)
            if time.monotonic() + interval > deadline:
                raise EngineTimeoutError(
                    f"{self.provider} chưa làm xong âm thanh sau {self.poll_timeout:g} giây. Thử lại sau."
                )
            time.sleep(interval)
            interval = min(interval * 1.5, 3.0)


def _is_http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _looks_like_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "") or response.content[:1] in (b"{", b"[")


def speed_ratio(rate: int) -> float:
    """espeak-style words per minute as a ratio of normal speech (175 wpm is 1.0)."""
    return rate / 175
