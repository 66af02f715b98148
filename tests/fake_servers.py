"""Local fake endpoints for the online engines' HTTP boundary (no Internet in tests)."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def tone_mp3(seconds: float = 0.6, freq: int = 440) -> bytes:
    """A real MP3 made by ffmpeg, standing in for Google's voice."""
    return subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=f={freq}:d={seconds}:r=24000",
            "-ac",
            "1",
            "-b:a",
            "32k",
            "-f",
            "mp3",
            "pipe:1",
        ],
        capture_output=True,
        check=True,
    ).stdout


@contextmanager
def fake_google(statuses: list[int] | None = None) -> Iterator[dict]:
    """An HTTP server speaking Google Translate's batchexecute TTS answer.

    statuses: HTTP codes to answer with first (e.g. [500, 500]); then 200 with audio.
    Yields a dict with "url" and "requests" (the decoded texts asked for).
    """
    state = {"statuses": list(statuses or []), "requests": [], "audio": tone_mp3()}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            state["requests"].append(body)
            if state["statuses"]:
                self.send_response(state["statuses"].pop(0))
                self.end_headers()
                return
            payload = json.dumps(
                [
                    [
                        "wrb.fr",
                        "jQ1olc",
                        json.dumps([base64.b64encode(state["audio"]).decode()]),
                        None,
                        None,
                        None,
                        "generic",
                    ]
                ],
                separators=(",", ":"),
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b")]}'\n\n" + payload.encode() + b"\n")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """Accepts TCP connections and never answers: a hanging endpoint."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(1)
        for conn in held:
            conn.close()
        sock.close()


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connection refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
