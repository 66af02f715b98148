"""Request limits checked before any route runs: a body over the size limit, a URL that is
too long or carries NUL/control characters. Each gets a clear Vietnamese 4xx at once,
without reading (or buffering) what the client sends beyond the limit."""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from broadcast.errors import TooLargeError

MAX_URL = 4096
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields next to a file


def body_limit(max_upload_bytes: int, max_text_bytes: int) -> int:
    """The largest request body: one upload, or a pasted text percent-encoded in a form."""
    return max(max_upload_bytes, 3 * max_text_bytes) + FORM_OVERHEAD


def _too_large_message(limit: int) -> str:
    return (
        f"Dữ liệu gửi lên quá lớn (giới hạn {limit // (1024 * 1024)} MB). "
        "Hãy chọn tệp nhỏ hơn hoặc tách bài thành nhiều phần."
    )


class RequestLimits:
    """Pure ASGI middleware; the size counter also covers chunked bodies without a length."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        query: bytes = scope.get("query_string", b"")
        if len(raw_path) + len(query) > MAX_URL:
            await _reply(scope, send, 414, "Địa chỉ (URL) quá dài. Hãy mở lại trang từ trình đơn.")
            return
        decoded = unquote_to_bytes(raw_path) + unquote_to_bytes(query.replace(b"+", b" "))
        if any(b < 0x20 or b == 0x7F for b in decoded):
            await _reply(scope, send, 422, "Địa chỉ có ký tự điều khiển không hợp lệ (ví dụ NUL). Hãy kiểm tra lại.")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _reply(scope, send, 413, _too_large_message(self.max_body))
            return
        seen, replied, started = 0, False, False

        async def counted() -> Message:
            nonlocal seen, replied
            if replied:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    if not started:  # answer now; the app sees a client that went away
                        replied = True
                        await _reply(scope, send, 413, _too_large_message(self.max_body))
                        return {"type": "http.disconnect"}
                    raise TooLargeError(_too_large_message(self.max_body))
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if replied:
                return  # the 413 has gone out; whatever the app says after it is dropped
            started = True
            await send(message)

        await self.app(scope, counted, guarded_send)


async def _reply(scope: Scope, send: Send, status: int, message: str) -> None:
    if scope["path"].startswith("/api/"):
        body, kind = json.dumps({"loi": message}, ensure_ascii=False).encode(), b"application/json"
    else:
        body, kind = f"<!doctype html><meta charset=utf-8><p>{message}</p>".encode(), b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
