"""Users, their roles per commune, passwords (argon2 through pwdlib) and API tokens."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlmodel import Session, col, select

from broadcast.db import id_of
from broadcast.errors import AuthError, ForbiddenError, InputError, NotFoundError
from broadcast.models import ApiToken, Commune, Membership, Role, User, utcnow
from broadcast.services.communes import get_commune

# argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): about 0.2 s on a small 2-core
# server, where pwdlib's default (64 MiB, 3 passes, 4 lanes) took over a second and fifty
# people logging in at once waited half a minute. verify_and_update moves older hashes over.
_HASHER = PasswordHash((Argon2Hasher(memory_cost=19456, time_cost=2, parallelism=1),))
# At most one hash per CPU core at a time: further log-ins queue here instead of starving
# every page of CPU (the hash releases the GIL and would otherwise run 40 threads wide).
_HASHING = threading.BoundedSemaphore(os.cpu_count() or 1)


def _verify(password: str, stored: str) -> tuple[bool, str | None]:
    with _HASHING:
        return _HASHER.verify_and_update(password, stored)


_USERNAME = re.compile(r"[a-z0-9._-]{3,40}")
MIN_PASSWORD = 8


# What each role may do in its commune.
ALLOWED: dict[str, set[Role]] = {
    "read": set(Role),
    "produce": {Role.TRUONG_DAI},  # upload, edit, submit, render, schedule, export, lexicon
    "approve": {Role.LANH_DAO},  # approve or return scripts
    "admin": {Role.QUAN_TRI},  # commune settings, sessions, quotas, jingles, users
}


def hash_password(password: str) -> str:
    with _HASHING:
        return _HASHER.hash(password)


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    full_name: str,
    title: str | None = None,
    superadmin: bool = False,
) -> User:
    username = username.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise InputError("Tên đăng nhập gồm 3–40 chữ không dấu, số, dấu chấm, gạch nối, ví dụ «truongdai.phucloc».")
    _check_password(password)
    if not full_name.strip():
        raise InputError("Cần ghi họ tên người dùng.")
    if session.exec(select(User).where(User.username == username)).first():
        raise InputError(f"Tên đăng nhập «{username}» đã có người dùng.")
    user = User(
        username=username,
        full_name=" ".join(full_name.split()),
        title=title,
        password_hash=hash_password(password),
        is_superadmin=superadmin,
    )
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, *, username: str) -> User:
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFoundError(f"Không có người dùng «{username}».")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.id))))


def authenticate(session: Session, *, username: str, password: str) -> User:
    name = username.strip().lower()
    valid_name = _USERNAME.fullmatch(name) is not None  # also keeps NUL and control characters out of the query
    user = session.exec(select(User).where(User.username == name)).first() if valid_name else None
    if user is None or not user.is_active:
        hash_password(password)  # same work either way: no timing hint that the name exists
        raise AuthError("Sai tên đăng nhập hoặc mật khẩu.")
    valid, new_hash = _verify(password, user.password_hash)
    if not valid:
        raise AuthError("Sai tên đăng nhập hoặc mật khẩu.")
    if new_hash:
        user.password_hash = new_hash
        session.add(user)
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if len(password) > 256 or "\x00" in password:
        raise InputError("Mật khẩu dài quá 256 ký tự hoặc có ký tự không hợp lệ.")


def end_sessions(session: Session, user: User) -> None:
    """Every signed-in browser of this user must log in again (the epoch in their cookies is old)."""
    user.auth_epoch += 1
    session.add(user)
    session.flush()


def _named(session: Session, username: str | None, user_id: int | None) -> User:
    return get_user(session, username=username) if username is not None else _user(session, user_id or 0)


def set_password(session: Session, *, password: str, username: str | None = None, user_id: int | None = None) -> User:
    """A new password (by the user, or chosen by an administrator); every session of the user
    ends (API tokens stay: revoke them separately)."""
    user = _named(session, username, user_id)
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(session, user)
    session.flush()
    return user


def set_active(
    session: Session,
    *,
    active: bool,
    username: str | None = None,
    user_id: int | None = None,
    by: User | None = None,
) -> User:
    """Deactivate (or reactivate) an account; deactivation ends its sessions, and its API
    tokens are refused while it is inactive. Nobody locks themselves out."""
    user = _named(session, username, user_id)
    if by is not None and user.id == by.id and not active:
        raise InputError("Không thể tự khóa tài khoản của chính mình.")
    user.is_active = active
    end_sessions(session, user)
    session.flush()
    return user


def set_role(session: Session, *, user_id: int, commune_id: int, role: Role) -> Membership:
    get_commune(session, commune_id=commune_id)
    membership = session.exec(
        select(Membership).where(Membership.user_id == user_id, Membership.commune_id == commune_id)
    ).first()
    membership = membership or Membership(user_id=user_id, commune_id=commune_id, role=role)
    membership.role = role
    session.add(membership)
    session.flush()
    return membership


def role_in(session: Session, user: User, commune_id: int) -> Role | None:
    membership = session.exec(
        select(Membership).where(Membership.user_id == user.id, Membership.commune_id == commune_id)
    ).first()
    return membership.role if membership else None


def communes_of(session: Session, user: User) -> list[tuple[Commune, Role | None]]:
    """The communes a user may see, with their role (superadmins see every commune)."""
    if user.is_superadmin:
        roles = {m.commune_id: m.role for m in session.exec(select(Membership).where(Membership.user_id == user.id))}
        return [
            (c, roles.get(id_of(c), Role.QUAN_TRI)) for c in session.exec(select(Commune).order_by(col(Commune.id)))
        ]
    rows = session.exec(
        select(Commune, Membership)
        .where(Membership.commune_id == Commune.id, Membership.user_id == user.id)
        .order_by(col(Commune.id))
    )
    return [(c, m.role) for c, m in rows]


def require(session: Session, user: User, commune_id: int, action: str) -> Role:
    """The user's role in the commune if it allows `action` (read, produce, approve, admin).

    A system administrator (superadmin) may read and administer every commune; producing
    and approving still need that role in the commune, so every approval has a real leader.
    """
    role = role_in(session, user, commune_id)
    if role is not None and role in ALLOWED[action]:
        return role
    if user.is_superadmin and action in ("read", "admin"):
        return Role.QUAN_TRI
    if role is None and not user.is_superadmin:
        raise ForbiddenError("Bạn không thuộc xã này nên không xem hay sửa được dữ liệu của xã.")
    needed = {"produce": "trưởng đài", "approve": "lãnh đạo", "admin": "quản trị", "read": "thành viên"}[action]
    current = role.label if role else "quản trị hệ thống"
    raise ForbiddenError(f"Việc này dành cho vai trò {needed}; bạn đang là {current}.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, *, user_id: int, name: str = "API") -> str:
    """A new API token; only its hash is kept, so it is shown once."""
    token = "bc_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user_id, name=name, token_hash=_token_hash(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User:
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == _token_hash(token))).first()
    user = session.get(User, row.user_id) if row else None
    if row is None or user is None or not user.is_active:
        raise AuthError("Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi.")
    row.last_used_at = utcnow()
    session.add(row)
    return user


# --- administration of existing users ---------------------------------------------------------


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("Không có người dùng này.", user_id=user_id)
    return user


def update_user(
    session: Session, *, user_id: int, full_name: str, title: str | None, role: Role | None, commune_id: int
) -> User:
    """Change a user's name, title and role in one commune."""
    user = _user(session, user_id)
    if not full_name.strip():
        raise InputError("Cần ghi họ tên người dùng.")
    user.full_name = " ".join(full_name.split())
    user.title = (title or "").strip() or None
    session.add(user)
    if role is not None:
        set_role(session, user_id=user_id, commune_id=commune_id, role=role)
    session.flush()
    return user
