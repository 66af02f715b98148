"""FastAPI application factory. Until the web issue lands: a status page and a small JSON API."""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from broadcast.db import get_engine, session_scope
from broadcast.errors import BroadcastError
from broadcast.models import CommunePublic, ScriptStatus
from broadcast.services import communes, scripts


def create_app() -> FastAPI:
    app = FastAPI(title="broadcast — đài truyền thanh xã", version="0.1.0",
                  description="Sản xuất chương trình phát thanh cho đài truyền thanh xã.")

    @app.exception_handler(BroadcastError)
    async def _broadcast_error(_: Request, exc: BroadcastError) -> JSONResponse:
        return JSONResponse({"loi": exc.message}, status_code=exc.http_status)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"trang_thai": "ok"}

    @app.get("/api/v1/communes", response_model=list[CommunePublic])
    def list_communes() -> list[CommunePublic]:
        with session_scope(get_engine()) as session:
            return [CommunePublic.model_validate(c) for c in communes.list_communes(session)]

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        with session_scope(get_engine()) as session:
            rows = []
            for c in communes.list_communes(session):
                waiting = len(scripts.list_scripts(session, commune_id=c.id, status=ScriptStatus.CHO_DUYET))
                total = len(scripts.list_scripts(session, commune_id=c.id))
                rows.append(f"<li><strong>{escape(c.name)}</strong> — {total} bài, {waiting} bài chờ duyệt</li>")
        items = "".join(rows) or "<li>Chưa có xã nào.</li>"
        return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Đài truyền thanh xã</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}</style>
</head><body><h1>Đài truyền thanh xã</h1>
<p>Công cụ sản xuất chương trình phát thanh. Giao diện web đầy đủ đang được xây dựng;
hiện có thể dùng dòng lệnh <code>broadcast</code>.</p><h2>Các xã</h2><ul>{items}</ul></body></html>"""

    return app
