"""The one interface every speech engine implements.

Contract of Engine:
- `name` is the engine's key ("espeak", "gtts", "edge", "piper", "fake");
- `offline` says whether it works without Internet;
- `available()` answers quickly (well under a second) whether synthesis can be tried now:
  a local engine checks its program or model, an online one its endpoint's reachability;
  it never blocks on a hanging socket;
- `synthesize(text, voice=, rate=)` returns one clip (bytes plus their format, "wav" or
  "mp3") for one sentence, or raises EngineError. It may be called from several threads
  at once when `parallel` is True.
"""

from __future__ import annotations

import socket
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Clip:
    audio: bytes
    fmt: str  # "wav" or "mp3"


class Engine(ABC):
    name: str = ""
    offline: bool = False
    parallel: bool = True
    voices: tuple[str, ...] = ()

    @property
    def default_voice(self) -> str:
        return self.voices[0]

    @abstractmethod
    def available(self) -> bool: ...

    @abstractmethod
    def synthesize(self, text: str, *, voice: str, rate: int) -> Clip: ...


def reachable(url: str, timeout: float) -> bool:
    """True if a TCP connection to url's host and port opens within timeout seconds.

    Runs in a daemon thread so that even a slow name lookup cannot hold the caller longer
    than the timeout.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return False
    port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(result and result[0])
