"""FastAPI application factory: pages, JSON API, static assets, friendly Vietnamese errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from broadcast.api import labels, pages, v1
from broadcast.api.limits import RequestLimits, body_limit
from broadcast.api.pages.common import TEMPLATES, flash
from broadcast.api.security import LoginRequired
from broadcast.config import get_settings
from broadcast.errors import BroadcastError
from broadcast.fsutil import private_dir, sweep_stale

log = logging.getLogger("broadcast.web")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"loi": message}, status_code=status)
    return TEMPLATES.TemplateResponse(
        request, "error.html", {"message": message, "status": status, "user": None, "csrf": ""}, status_code=status
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Handlers run in anyio's thread pool; the database pool is sized to match it.
    anyio.to_thread.current_default_thread_limiter().total_tokens = get_settings().web_threads
    settings = get_settings()
    private_dir(settings.data_dir)
    swept = sweep_stale([settings.data_dir, settings.audio_dir, settings.schedule_dir, settings.scripts_dir])
    if swept:
        log.info("Đã dọn %d tệp tạm còn sót từ lần chạy trước.", len(swept))
    yield


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="broadcast — đài truyền thanh xã",
        version="0.1.0",
        description="Sản xuất chương trình phát thanh cho đài truyền thanh xã. API dùng mã truy cập: "
        "`Authorization: Bearer <mã>` (tạo bằng `broadcast users token TÊN`).",
        # A pasted text may be up to max_text_bytes, percent-encoded in a form field (×3).
        form_limits={"max_part_size": 3 * settings.max_text_bytes + 1024, "max_fields": 100, "max_files": 4},
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret(),
        session_cookie="broadcast_session",
        same_site="lax",
        https_only=settings.cookie_secure,
        max_age=12 * 3600,
    )
    app.add_middleware(
        RequestLimits, max_body=body_limit(settings.max_upload_bytes, settings.max_text_bytes)
    )  # outermost: nothing reads a body past the limit
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"loi": exc.message}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(BroadcastError)
    async def _broadcast(request: Request, exc: BroadcastError) -> Response:
        if (
            not _wants_json(request)
            and request.method == "POST"
            and exc.http_status in (409, 413, 422, 503)
            and request.headers.get("referer")
        ):
            # friendly: back to the form, the error on top and what was typed filled in again
            flash(request, exc.message, "error", getattr(request.state, "form_fields", None))
            return RedirectResponse(request.headers["referer"], status_code=303)
        return _error_page(request, exc.http_status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = ", ".join(dict.fromkeys(labels.field(str(e.get("loc", ["?"])[-1])) for e in exc.errors()))
        message = f"Thiếu hoặc sai thông tin: {fields}. Hãy kiểm tra lại biểu mẫu."
        if not _wants_json(request) and request.method == "POST" and request.headers.get("referer"):
            flash(request, message, "error", getattr(request.state, "form_fields", None))
            return RedirectResponse(request.headers["referer"], status_code=303)
        return _error_page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {
            400: "Yêu cầu không hợp lệ (biểu mẫu hoặc dữ liệu gửi lên bị lỗi hay quá lớn). Hãy tải lại trang rồi thử lại.",
            404: "Không tìm thấy trang này.",
            405: "Thao tác không được hỗ trợ.",
            413: "Dữ liệu gửi lên quá lớn. Hãy chọn tệp nhỏ hơn hoặc tách bài thành nhiều phần.",
        }.get(exc.status_code, str(exc.detail))
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        return _error_page(request, 422, "Số gửi lên quá lớn. Hãy kiểm tra lại.")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("Lỗi ngoài dự kiến ở %s", request.url.path)
        return _error_page(request, 500, "Có lỗi ngoài dự kiến; việc chưa hoàn thành. Hãy thử lại hoặc báo kỹ thuật.")

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        # On the event loop itself (no thread): it answers even while every worker thread is busy.
        return {"trang_thai": "ok"}

    app.include_router(pages.router, include_in_schema=False)
    app.include_router(v1.router)
    return app
