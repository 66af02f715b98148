"""Engine, sessions and schema upgrades (Alembic owns the schema from the first table on)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, create_engine

from broadcast.config import get_settings
from broadcast.errors import InputError, StateError
from broadcast.fsutil import make_private

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _refuse_nul(
    _conn: object, _cursor: object, _statement: str, parameters: object, _context: object, _many: bool
) -> None:
    """No text with a NUL character reaches the database (PostgreSQL refuses it with an error
    the user cannot act on); the same clear message on every backend, for reads and writes."""
    if _has_nul(parameters):
        raise InputError(
            "Dữ liệu có ký tự NUL (mã 0) không hợp lệ, thường do chép từ tệp hỏng. Hãy xóa ký tự đó rồi thử lại."
        )


def make_engine(url: str, *, foreign_keys: bool = True, pool_size: int = 5) -> Engine:
    """An engine for url; SQLite gets foreign keys switched on and a busy timeout.

    Migrations pass foreign_keys=False: SQLite rebuilds a table to alter it, and the
    rebuild must not trip over rows that point at it.
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            _private_sqlite_file(Path(path))
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            max_overflow=10,
            pool_timeout=60,
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        event.listen(engine, "before_cursor_execute", _refuse_nul)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10, pool_timeout=60)
    event.listen(engine, "before_cursor_execute", _refuse_nul)
    return engine


def _private_sqlite_file(path: Path) -> None:
    """Create the database file owner-only (0600) before SQLite opens it; SQLite gives its
    -wal and -shm files the database file's permissions. Files of older versions are fixed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(f)


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Row) -> int:
    """The primary key of a row that is in the database (loaded, or added and flushed).

    Table models type their id as int | None because a new object has none until the
    flush; this turns that into a plain int where the row is known to be stored.
    """
    if row.id is None:
        raise StateError(
            f"Bản ghi {type(row).__name__} chưa được lưu nên chưa có mã số; hãy lưu nó vào cơ sở dữ liệu trước.",
            kind=type(row).__name__,
        )
    return row.id


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return make_engine(settings.db_url, pool_size=settings.pool_size)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    """Bring the database at url (default: the configured one) to the newest schema."""
    command.upgrade(alembic_config(url or get_settings().db_url), "head")


def ensure_schema(url: str | None = None) -> bool:
    """Create or upgrade the database when its schema is missing or behind; True if it did."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    url = url or get_settings().db_url
    cfg = alembic_config(url)
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()
    if current == heads:
        return False
    command.upgrade(cfg, "head")
    return True


def database_unavailable(exc: BaseException) -> bool:
    """True when exc says the database server could not be reached or dropped the connection
    (a restart, a network cut): the work may be tried again once it is back."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError) and not get_engine().url.drivername.startswith("sqlite")


def on_rollback(session: Session, undo: Callable[[], None]) -> None:
    """Register undo (e.g. deleting a file written for this transaction) for a rollback."""
    session.info.setdefault("on_rollback", []).append(undo)


def on_commit(session: Session, then: Callable[[], None]) -> None:
    """Register then (e.g. handing a new job to a worker) to run once the transaction is
    committed, so that what it reads is there for it."""
    session.info.setdefault("on_commit", []).append(then)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error.

    Files written during the transaction are removed again on rollback (see on_rollback),
    so a failed command leaves neither rows nor files behind.
    """
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            session.info.pop("on_commit", None)
            for undo in reversed(session.info.pop("on_rollback", [])):
                undo()
            raise
        session.info.pop("on_rollback", None)
        for then in session.info.pop("on_commit", []):
            then()
