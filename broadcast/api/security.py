"""Who is asking: session log-in (signed cookie with a revocable epoch), CSRF tokens for
forms, API tokens, and the client address (proxy headers only from trusted proxies). Role checks themselves live in broadcast.services.users.require."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from ipaddress import IPv4Network, IPv6Network, ip_address

from fastapi import Depends, Request
from sqlmodel import Session

from broadcast.api.params import MAX_ID
from broadcast.config import get_settings
from broadcast.db import get_engine, session_scope
from broadcast.errors import AuthError
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


SECRET_FIELDS = {"csrf", "password", "new_password", "api_key"}


def remember_form(request: Request, form) -> None:
    """Keep what the user typed (never passwords or files) in case the action fails."""
    request.state.form_fields = {
        key: value for key, value in form.items() if isinstance(value, str) and key not in SECRET_FIELDS
    }


def client_address(request: Request) -> str:
    """The caller's address: the peer, or the client a trusted reverse proxy names.

    X-Forwarded-For is believed only when the peer is one of BROADCAST_TRUSTED_PROXIES, and
    then only up to the first address that is not itself a trusted proxy (read right to left),
    so a client cannot choose its own address by sending the header."""
    peer = request.client.host if request.client else "-"
    trusted = get_settings().proxy_networks
    if not trusted or not _in(peer, trusted):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, trusted):
            return hop if _parses(hop) else peer
    return peer


def _parses(address: str) -> bool:
    try:
        ip_address(address)
    except ValueError:
        return False
    return True


def _in(address: str, networks: list[IPv4Network | IPv6Network]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


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


def start_session(request: Request, user: User) -> None:
    """Sign the user in: the cookie carries the user's id and current session epoch."""
    request.session.clear()
    request.session["user_id"] = user.id
    request.session["epoch"] = user.auth_epoch


def session_user(request: Request, session: Session) -> User | None:
    """The user of the signed session cookie, if it is still valid: an active account whose
    session epoch has not moved on (log-out, deactivation, password change)."""
    user_id = request.session.get("user_id")
    if not isinstance(user_id, int) or not 0 < user_id <= MAX_ID:
        return None
    user = session.get(User, user_id)
    if user is None or not user.is_active or request.session.get("epoch") != user.auth_epoch:
        request.session.pop("user_id", None)
        return None
    return user


def web_user(request: Request, session: Session = Depends(db_session)) -> User:
    """The logged-in user of a web page."""
    user = session_user(request, session)
    if user is None:
        raise LoginRequired("Vui lòng đăng nhập.")
    return user


def api_user(request: Request, session: Session = Depends(db_session)) -> User:
    """The caller of the JSON API: a Bearer token, or the browser's session (with CSRF for writes)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = header[7:].strip()
        if not 0 < len(token) <= 200 or not token.isprintable():
            raise AuthError("Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi.")
        return users.user_for_token(session, token)
    user = session_user(request, session)
    if user is None:
        raise AuthError("Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).")
    return user


class LoginRequired(AuthError):
    pass
