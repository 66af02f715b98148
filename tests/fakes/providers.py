"""Fakes of the Vietnamese commercial voices, each as its documentation describes it.

- FPT.AI v5: POST /hmi/tts/v5, text body, key in the ``api-key`` (or ``api_key``) header;
  JSON ``{"async": URL, "error": 0, …}``; the MP3 at URL answers 404 for the first
  ``polls_before_ready`` GETs ("appears after a few seconds"). Over 5,000 characters:
  ``error`` 1. A wrong key: 401 ``{"message": "Invalid authentication credentials"}``
  (the API gateway's reply; FPT's page lists no error codes).
- Viettel AI v1: POST /voice/api/tts/v1/rest/syn, JSON body, ``token`` header; the reply
  is the audio itself. A wrong token: 401 JSON.
- Zalo AI v1: POST /v1/tts/synthesize, form body, ``apikey`` header; JSON
  ``{"error_code": 0, "data": {"url": …}}`` and the audio at that URL; documented codes
  401 (wrong apikey), 155 (over 2,000 characters), 500 (internal error).

Each fake takes ``first``: what to answer before behaving normally — an HTTP status
(429, 500, 503 …), ``"quota"`` (the provider's quota reply), ``"hang"`` (never answer),
or for Zalo ``"code500"`` (a JSON error_code 500). Audio is espeak-ng speech of the text.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.fakes.audio import speech_mp3
from tests.fakes.server import HANG, Reply, Request, serve

KEY = "fake-key-9f8e7d6c5b4a"  # the one key each fake accepts


@dataclass
class Fake:
    url: str = ""
    texts: list[str] = field(default_factory=list)  # the texts synthesised, in order
    requests: list[Request] = field(default_factory=list)
    first: list[object] = field(default_factory=list)
    never_ready: bool = False


def _json(status: int, data: object) -> Reply:
    return Reply(status, json.dumps(data, ensure_ascii=False).encode())


def _scripted(fake: Fake, quota: Reply) -> Reply | None:
    if not fake.first:
        return None
    action = fake.first.pop(0)
    if action == "hang":
        return HANG
    if action == "quota":
        return quota
    if isinstance(action, int):
        return _json(action, {"message": "scripted failure"})
    return None


@contextmanager
def fake_fpt(first: list[object] | None = None, *, polls_before_ready: int = 1) -> Iterator[Fake]:
    fake = Fake(first=list(first or []))
    files: dict[str, list] = {}  # id -> [remaining 404s, audio once made]

    def handle(request: Request) -> Reply:
        if request.method == "GET":
            entry = files.get(request.path.rsplit("/", 1)[-1].removesuffix(".mp3"))
            if entry is None or fake.never_ready:
                return Reply(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
            if entry[0] > 0 or entry[1] is None:
                entry[0] -= 1
                return Reply(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
            return Reply(200, entry[1], "audio/mpeg")
        if request.path != "/hmi/tts/v5":
            return _json(404, {"message": "no route"})
        if KEY not in (request.headers.get("api-key"), request.headers.get("api_key")):
            return _json(401, {"message": "Invalid authentication credentials"})
        scripted = _scripted(fake, _json(200, {"error": 3, "message": "Your account has exceeded the quota"}))
        if scripted is not None:
            return scripted
        text = request.body.decode("utf-8")
        if not 3 <= len(text) <= 5000:
            return _json(200, {"error": 1, "message": "Text length must be between 3 and 5000 characters"})
        fake.texts.append(text)
        job = uuid.uuid4().hex
        files[job] = [polls_before_ready, None]

        def make() -> None:  # like FPT: the file appears at the URL once it is made
            files[job][1] = speech_mp3(text)

        threading.Thread(target=make, daemon=True).start()
        return _json(
            200,
            {
                "async": f"{fake.url}/text2speech-v5/short/{job}.mp3",
                "error": 0,
                "message": "The content will be returned after a few seconds under the async link.",
                "request_id": job,
            },
        )

    with serve(handle) as running:
        fake.url, fake.requests = running.url, running.requests
        yield fake


@contextmanager
def fake_viettel(first: list[object] | None = None) -> Iterator[Fake]:
    fake = Fake(first=list(first or []))

    def handle(request: Request) -> Reply:
        if request.path != "/voice/api/tts/v1/rest/syn":
            return _json(404, {"message": "no route"})
        if request.headers.get("token") != KEY:
            return _json(401, {"status": 401, "msg": "Token không hợp lệ"})
        scripted = _scripted(fake, _json(402, {"status": 402, "msg": "Tài khoản đã hết ký tự"}))
        if scripted is not None:
            return scripted
        body = json.loads(request.body)
        if not body.get("text") or body.get("tts_return_option") not in (1, 2, 3) or not 0.7 <= body["speed"] <= 1.3:
            return _json(400, {"status": 400, "msg": "Tham số không hợp lệ"})
        fake.texts.append(body["text"])
        return Reply(200, speech_mp3(body["text"]), "audio/mpeg")

    with serve(handle) as running:
        fake.url, fake.requests = running.url, running.requests
        yield fake


@contextmanager
def fake_zalo(first: list[object] | None = None) -> Iterator[Fake]:
    fake = Fake(first=list(first or []))
    files: dict[str, bytes] = {}

    def handle(request: Request) -> Reply:
        if request.method == "GET":
            audio = files.get(request.path.rsplit("/", 1)[-1])
            return Reply(200, audio, "audio/mpeg") if audio else Reply(404, b"not found", "text/plain")
        if request.path != "/v1/tts/synthesize":
            return _json(404, {"error_code": 400, "error_message": "Wrong request parameter", "data": []})
        if request.headers.get("apikey") != KEY:
            return _json(200, {"error_code": 401, "error_message": "Wrong apikey", "data": []})
        if fake.first and fake.first[0] == "code500":
            fake.first.pop(0)
            return _json(200, {"error_code": 500, "error_message": "Internal server error", "data": []})
        scripted = _scripted(fake, _json(429, {"error_code": 429, "error_message": "Quota exceeded", "data": []}))
        if scripted is not None:
            return scripted
        form = {k: v[0] for k, v in urllib.parse.parse_qs(request.body.decode()).items()}
        text = form.get("input", "")
        if len(text) > 2000:
            return _json(
                200,
                {
                    "error_code": 155,
                    "error_message": "Your input exceeds the allowed limit of 2000 characters",
                    "data": [],
                },
            )
        if form.get("speaker_id", "1") not in "123456" or not 0.8 <= float(form.get("speed", 1)) <= 1.2:
            return _json(200, {"error_code": 150, "error_message": "Invalid parameter value", "data": []})
        fake.texts.append(text)
        chunk = uuid.uuid4().hex[:20]
        # espeak reads the silence mark as words; the fake speaks what is around it
        files[chunk] = speech_mp3(" ".join(p for p in text.split() if not p.startswith("<<<sil#")))
        return _json(200, {"error_code": 0, "error_message": "Successful.", "data": {"url": f"{fake.url}/{chunk}"}})

    with serve(handle) as running:
        fake.url, fake.requests = running.url, running.requests
        yield fake
