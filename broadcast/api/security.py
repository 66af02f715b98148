"""Who is asking: session log-in (signed cookie), CSRF tokens for forms, API tokens, and a
log-in rate limit. Role checks themselves live in broadcast.services.users.require."""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator

from fastapi import Depends, Request
from sqlmodel import Session

from broadcast.db import get_engine, session_scope
from broadcast.errors import AuthError, BroadcastError
from broadcast.models import User
from broadcast.services import users


def db_session(request: Request) -> Iterator[Session]:
    """One transaction per request (see commit_now for committing before a redirect)."""
    with session_scope(get_engine()) as session:
        request.state.db_session = session
        yield session


def commit_now(request: Request) -> None:
    """Commit the request's transaction now, so that the response sent next reflects it."""
    session = getattr(request.state, "db_session", None)
    if session is not None:
        session.commit()


SECRET_FIELDS = {"csrf", "password", "new_password"}


def remember_form(request: Request, form) -> None:
    """Keep what the user typed (never passwords or files) in case the action fails."""
    request.state.form_fields = {
        key: value for key, value in form.items() if isinstance(value, str) and key not in SECRET_FIELDS
    }


class LoginLimiter:
    """At most `attempts` failed log-ins per address and name within `window` seconds."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        q = self._failures[key]
        while q and q[0] < time.monotonic() - self.window:
            q.popleft()
        return q

    def check(self, key: str) -> None:
        with self._lock:
            if len(self._recent(key)) >= self.attempts:
                raise TooManyAttempts(
                    f"Đăng nhập sai quá {self.attempts} lần. Vui lòng chờ "
                    f"{int(self.window // 60) or 1} phút rồi thử lại."
                )

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key).append(time.monotonic())

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class TooManyAttempts(BroadcastError):
    http_status = 429


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Every state-changing form or fetch carries the session's CSRF token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("multipart/form-data", "application/x-www-form-urlencoded")
    ):
        form = await request.form()
        remember_form(request, form)
        field = form.get("csrf")
        sent = field if isinstance(field, str) else None  # a file in that field is no token
    expected = request.session.get("csrf")
    if not expected or not sent or not secrets.compare_digest(str(sent), expected):
        raise AuthError("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang rồi thử lại.")


def web_user(request: Request, session: Session = Depends(db_session)) -> User:
    """The logged-in user of a web page."""
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.is_active:
        raise LoginRequired("Vui lòng đăng nhập.")
    return user


def api_user(request: Request, session: Session = Depends(db_session)) -> User:
    """The caller of the JSON API: a Bearer token, or the browser's session (with CSRF for writes)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return users.user_for_token(session, header[7:].strip())
    user_id = request.session.get("user_id")
    user = session.get(User, user_id) if user_id else None
    if user is None:
        raise AuthError("Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).")
    return user


class LoginRequired(AuthError):
    pass
