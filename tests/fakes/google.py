"""Google Translate's batchexecute TTS answer, as gTTS reads it."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager

from tests.fakes.audio import tone_mp3
from tests.fakes.server import Reply, Request, serve


@contextmanager
def fake_google(statuses: list[int] | None = None) -> Iterator[dict]:
    """statuses: HTTP codes to answer with first (e.g. [500, 500]); then 200 with audio.

    Yields a dict with "url", "requests" (the decoded request bodies) and "audio"."""
    state: dict = {"statuses": list(statuses or []), "requests": [], "audio": tone_mp3()}

    def handle(request: Request) -> Reply:
        state["requests"].append(request.body.decode())
        if state["statuses"]:
            return Reply(state["statuses"].pop(0))
        inner = json.dumps([base64.b64encode(state["audio"]).decode()])
        payload = json.dumps([["wrb.fr", "jQ1olc", inner, None, None, None, "generic"]], separators=(",", ":"))
        return Reply(200, b")]}'\n\n" + payload.encode() + b"\n")

    with serve(handle) as running:
        state["url"] = running.url
        yield state
