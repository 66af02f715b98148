"""Log-in limiting that holds with parallel requests and several web processes.

Each attempt is written to the database (LoginAttempt) and committed *before* its
password is checked; it is then measured against the attempts written before it (lower
ids). So of 40 simultaneous guesses for one account at most `attempts` are ever checked,
whatever the number of threads or processes. Three limits per window: failed attempts per
account (from any address), attempts per client address, and distinct user names per
address (one password sprayed over many accounts). A success clears the account's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, func
from sqlmodel import col, delete, select

from broadcast.config import Settings
from broadcast.db import id_of, session_scope
from broadcast.errors import TooManyAttemptsError
from broadcast.models import LoginAttempt, utcnow


@dataclass(frozen=True)
class LoginLimits:
    attempts: int  # per account
    per_address: int
    names_per_address: int
    window_s: int

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginLimits:
        return cls(
            attempts=settings.login_attempts,
            per_address=settings.login_attempts_per_address,
            names_per_address=settings.login_names_per_address,
            window_s=settings.login_window_s,
        )


def begin(engine: Engine, limits: LoginLimits, *, address: str, username: str) -> int:
    """Record an attempt about to be checked; TooManyAttemptsError when over a limit.

    Returns the attempt's id for succeeded()."""
    username = username.strip().lower()[:80]
    address = address[:64]
    now = utcnow()
    cutoff = now - timedelta(seconds=limits.window_s)
    with session_scope(engine) as session:
        session.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < cutoff))
        row = LoginAttempt(at=now, address=address, username=username)
        session.add(row)
        session.flush()
        attempt_id = id_of(row)
    with session_scope(engine) as session:
        earlier = select(LoginAttempt).where(col(LoginAttempt.id) <= attempt_id, col(LoginAttempt.at) >= cutoff)
        sub = earlier.subquery()
        account = session.exec(select(func.count()).select_from(sub).where(sub.c.username == username)).one()
        by_address = session.exec(select(func.count()).select_from(sub).where(sub.c.address == address)).one()
        names = session.exec(
            select(func.count(func.distinct(sub.c.username))).select_from(sub).where(sub.c.address == address)
        ).one()
        over = account > limits.attempts or by_address > limits.per_address or names > limits.names_per_address
        if over:
            session.exec(delete(LoginAttempt).where(col(LoginAttempt.id) == attempt_id))
    if over:
        minutes = max(1, limits.window_s // 60)
        raise TooManyAttemptsError(
            f"Đăng nhập sai quá nhiều lần từ máy này hoặc cho tài khoản này. Vui lòng chờ {minutes} phút rồi thử lại; "
            "nếu quên mật khẩu, hãy nhờ quản trị đặt lại."
        )
    return attempt_id


def succeeded(engine: Engine, *, username: str) -> None:
    """The right password: the account's failed attempts are forgotten."""
    with session_scope(engine) as session:
        session.exec(delete(LoginAttempt).where(col(LoginAttempt.username) == username.strip().lower()[:80]))
