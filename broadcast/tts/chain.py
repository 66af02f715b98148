"""Engine chain with fallback, sentence cache and parallel synthesis.

Each commune lists voices in order (default gTTS then espeak-ng): the first is its main
voice, the others its fallbacks; an entry is an engine ("fpt") or an engine and one of its
voices ("fpt:myan"). Reachability is checked once per render before any synthesis, so an
absent network costs under a second; an engine that fails mid-way hands the sentence to
the next one. Every clip says who spoke it and whether a fallback voice did.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from broadcast.config import Settings
from broadcast.errors import EngineError, EngineKeyError, EngineQuotaError, EngineRefusedError, EngineTimeoutError
from broadcast.fsutil import atomic_write_bytes
from broadcast.tts.base import Clip, Engine
from broadcast.tts.edge import EdgeEngine
from broadcast.tts.espeak import EspeakEngine
from broadcast.tts.fpt import FptEngine
from broadcast.tts.gtts_engine import GTTSEngine
from broadcast.tts.http_engine import HttpEngine
from broadcast.tts.piper import PiperEngine
from broadcast.tts.viettel import ViettelEngine
from broadcast.tts.zalo import ZaloEngine

ENGINE_NAMES = ("gtts", "edge", "fpt", "viettel", "zalo", "piper", "espeak")
KEYED_ENGINES: dict[str, type[HttpEngine]] = {"fpt": FptEngine, "viettel": ViettelEngine, "zalo": ZaloEngine}


def parse_entry(entry: str) -> tuple[str, str | None]:
    """ "fpt:myan" -> ("fpt", "myan"); "gtts" -> ("gtts", None)."""
    name, _, voice = entry.strip().partition(":")
    return name.strip(), (voice.strip() or None)


def build_engine(name: str, settings: Settings, keys: Mapping[str, SecretStr] | None = None) -> Engine:
    """The engine called name, configured from settings; keys (a commune's own API keys)
    win over the deployment's keys in settings."""
    if name in KEYED_ENGINES:
        key = (keys or {}).get(name) or getattr(settings, f"{name}_api_key")
        return KEYED_ENGINES[name](
            base_url=getattr(settings, f"{name}_url"),
            api_key=key,
            timeout=settings.tts_http_timeout,
            reach_timeout=settings.reachability_timeout,
            retries=settings.tts_http_retries,
            poll_timeout=settings.tts_poll_timeout,
        )
    if name == "espeak":
        return EspeakEngine()
    if name == "gtts":
        return GTTSEngine(
            base_url=settings.gtts_url, timeout=settings.gtts_timeout, reach_timeout=settings.reachability_timeout
        )
    if name == "edge":
        return EdgeEngine(
            url=settings.edge_url,
            timeout=settings.edge_timeout,
            reach_timeout=settings.reachability_timeout,
            proxy=settings.edge_proxy,
        )
    if name == "piper":
        return PiperEngine(settings.piper_voice)
    raise EngineError(f"Không có giọng đọc «{name}». Chọn một trong: {', '.join(ENGINE_NAMES)}.")


@dataclass(frozen=True)
class SpokenClip:
    """One synthesised sentence and who spoke it."""

    text: str
    path: Path
    engine: str
    voice: str
    cached: bool
    fallback: bool = False  # spoken by a fallback voice, not the commune's main one
    why: str = ""  # for a fallback: why the main voice did not speak it ("không kết nối được")


def short_reason(exc: EngineError) -> str:
    """Why an engine could not speak, in a few words that follow its name in a notice ("không nhận khóa API")."""
    if isinstance(exc, EngineKeyError):
        return "không nhận khóa API"
    if isinstance(exc, EngineQuotaError):
        return "đã hết hạn mức"
    if isinstance(exc, EngineTimeoutError):
        return "không trả lời kịp"
    if isinstance(exc, EngineRefusedError):
        return "không nhận câu này"
    return "gặp lỗi hoặc không kết nối được"


def unavailable_reason(engine: Engine) -> str:
    """Why an engine is not ready: a commercial voice without a key, or no answer."""
    if getattr(engine, "has_key", True) is False:
        return "chưa cài khóa API"
    return "chưa cài" if engine.offline else "không kết nối được"


class SentenceCache:
    """Clips on disk keyed by (spoken sentence, engine, voice, rate)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def key(self, text: str, engine: str, voice: str, rate: int) -> str:
        return hashlib.sha256(f"{engine}\x1f{voice}\x1f{rate}\x1f{text}".encode()).hexdigest()

    def find(self, engine: str, key: str) -> Path | None:
        for fmt in ("wav", "mp3"):
            path = self.root / engine / key[:2] / f"{key}.{fmt}"
            if path.is_file() and path.stat().st_size > 0:
                return path
        return None

    def store(self, engine: str, key: str, clip: Clip) -> Path:
        return atomic_write_bytes(self.root / engine / key[:2] / f"{key}.{clip.fmt}", clip.audio)


class EngineChain:
    """Engines in the commune's order; `voice_for(engine)` picks each engine's voice."""

    def __init__(
        self,
        engines: Sequence[Engine],
        *,
        voice_for: Callable[[Engine], str],
        rate: int,
        cache: SentenceCache,
        workers: int = 0,
    ) -> None:
        if not engines:
            raise EngineError("Chưa chọn giọng đọc nào cho xã.")
        self.engines, self.voice_for, self.rate, self.cache = list(engines), voice_for, rate, cache
        self.workers = workers or os.cpu_count() or 1
        self._up: list[Engine] | None = None
        self.skipped: list[str] = []
        self.failures: list[str] = []  # why an engine could not speak a sentence (no secrets)
        self.dropped: list[str] = []  # engines given up for this render (refused key, quota used up)
        self.reasons: dict[str, str] = {}  # engine name -> why it is not speaking (short, no secrets)
        self._lock = threading.Lock()

    def ready_engines(self) -> list[Engine]:
        """The engines that answer now, checked once (each check is bounded by its timeout)."""
        if self._up is None:
            self._up = []
            for engine in self.engines:
                if engine.available():
                    self._up.append(engine)
                else:
                    self.skipped.append(engine.name)
                    self.reasons[engine.name] = unavailable_reason(engine)
            if not self._up:
                raise EngineError(
                    "Không có giọng đọc nào dùng được lúc này (không có mạng và chưa cài espeak-ng?). "
                    "Chạy «make run» để cài espeak-ng."
                )
        return self._up

    def _up_list(self) -> list[Engine]:
        return self._up if self._up is not None else []

    def speak(self, text: str) -> SpokenClip:
        """One sentence: from the cache if any ready engine has it, else the first engine that succeeds."""
        errors = []
        main = self.engines[0]
        main_why = ""  # why the main voice did not speak this sentence, if it failed on it
        for engine in list(self.ready_engines()):
            voice = self.voice_for(engine)
            fallback = engine is not main
            why = (main_why or self.reasons.get(main.name, "")) if fallback else ""
            key = self.cache.key(text, engine.name, voice, self.rate)
            hit = self.cache.find(engine.name, key)
            if hit:
                return SpokenClip(text, hit, engine.name, voice, cached=True, fallback=fallback, why=why)
            try:
                clip = engine.synthesize(text, voice=voice, rate=self.rate)
            except EngineError as exc:
                errors.append(f"{engine.name}: {exc.message}")
                if engine is main:
                    main_why = short_reason(exc)
                with self._lock:
                    if exc.message not in self.failures:
                        self.failures.append(exc.message)
                    if isinstance(exc, (EngineKeyError, EngineQuotaError)) and engine in self._up_list():
                        # no use asking again for every sentence: the rest go to the next voice at once
                        self._up_list().remove(engine)
                        self.dropped.append(engine.name)
                        self.reasons[engine.name] = short_reason(exc)
                continue
            path = self.cache.store(engine.name, key, clip)
            return SpokenClip(text, path, engine.name, voice, cached=False, fallback=fallback, why=why)
        why = "; ".join(errors) or "đã bỏ các giọng " + ", ".join(self.dropped) + " vì lỗi khóa API hoặc hạn mức"
        raise EngineError("Không giọng nào đọc được câu «" + text[:60] + "»: " + why)

    def speak_all(self, sentences: Sequence[str], progress: Callable[[int], None] | None = None) -> list[SpokenClip]:
        """Every sentence, in order; in parallel where the first engine allows it."""
        engines = self.ready_engines()
        workers = self.workers if all(e.parallel for e in engines) else 1
        results: list[SpokenClip] = []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for clip in pool.map(self.speak, sentences):
                results.append(clip)
                if progress:
                    progress(1)
        return results
