"""A local fake of Microsoft Edge's read-aloud WebSocket, as edge-tts speaks to it.

The client connects to /consumer/speech/synthesize/readaloud/edge/v1 (with its
TrustedClientToken, ConnectionId and Sec-MS-GEC query), sends a ``Path:speech.config``
text message and a ``Path:ssml`` text message; the service answers ``Path:turn.start``,
binary frames (a 2-byte big-endian header length, headers with ``Path:audio`` and
``Content-Type:audio/mpeg``, then MP3 bytes) and ``Path:turn.end``. The MP3 is espeak-ng
speech of the text inside the SSML. ``hang=True`` accepts the socket and never answers.
"""

from __future__ import annotations

import asyncio
import html
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from tests.fakes.audio import speech_mp3

PATH = "/consumer/speech/synthesize/readaloud/edge/v1"


@dataclass
class FakeEdge:
    url: str = ""  # what BROADCAST_EDGE_URL is set to: ws://127.0.0.1:PORT
    queries: list[dict[str, str]] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)
    ssml: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def _headers(request_id: str, path: str, content_type: str) -> str:
    return f"X-RequestId:{request_id}\r\nContent-Type:{content_type}\r\nPath:{path}\r\n"


@contextmanager
def fake_edge(*, hang: bool = False) -> Iterator[FakeEdge]:
    fake = FakeEdge()

    async def speak(request: web.Request) -> web.WebSocketResponse:
        fake.queries.append(dict(request.query))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            head, _, body = message.data.partition("\r\n\r\n")
            if "Path:speech.config" in head:
                fake.configs.append(body)
                continue
            if "Path:ssml" not in head:
                continue
            fake.ssml.append(body)
            if hang:
                await stopping.wait()
                break
            rid = re.search(r"X-RequestId:(\w+)", head)
            request_id = rid.group(1) if rid else "0"
            inner = re.search(r"<prosody[^>]*>(.*)</prosody>", body, re.S)
            text = html.unescape(inner.group(1) if inner else "")
            fake.texts.append(text)
            audio = await asyncio.to_thread(speech_mp3, text)
            await ws.send_str(_headers(request_id, "turn.start", "application/json") + '\r\n{"context":{}}')
            header = _headers(request_id, "audio", "audio/mpeg").encode()
            for i in range(0, len(audio), 4096):
                await ws.send_bytes(len(header).to_bytes(2, "big") + header + audio[i : i + 4096])
            await ws.send_str(_headers(request_id, "turn.end", "application/json") + "\r\n{}")
        return ws

    app = web.Application()
    app.router.add_get(PATH, speak)
    loop = asyncio.new_event_loop()
    stopping = asyncio.Event()
    runner = web.AppRunner(app)
    started = threading.Event()
    holder: dict[str, int] = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        holder["port"] = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    fake.url = f"ws://127.0.0.1:{holder['port']}"
    try:
        yield fake
    finally:
        loop.call_soon_threadsafe(stopping.set)
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
