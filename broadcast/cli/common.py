"""Shared pieces of CLI commands: the settings, a transaction, common options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from sqlmodel import Session

from broadcast.config import Settings, get_settings
from broadcast.db import ensure_schema, get_engine, session_scope
from broadcast.errors import InputError
from broadcast.fsutil import sweep_stale

JsonOption = typer.Option(False, "--json", help="In kết quả dạng JSON (cho máy đọc).")
CommuneOption = typer.Option(..., "--commune", "-c", help="Mã số của xã (xem «communes list»).")


_SCHEMA_CHECKED: set[str] = set()


@contextmanager
def transaction() -> Iterator[tuple[Session, Settings]]:
    """One database transaction with the settings; rolled back on any error.

    The first one of a run creates the database, or upgrades it, when its schema is missing or behind."""
    url = get_settings().db_url
    if url not in _SCHEMA_CHECKED:
        ensure_schema(url)
        _SCHEMA_CHECKED.add(url)
    with session_scope(get_engine()) as session:
        yield session, get_settings()


def sweep_leftovers() -> None:
    """Remove what a crashed run (power cut, kill -9) left in the staging folders."""
    settings = get_settings()
    sweep_stale([settings.data_dir, settings.audio_dir, settings.schedule_dir, settings.scripts_dir])


def read_file(path: Path) -> bytes:
    """The bytes of a file named on the command line, or a clear error when it is not there."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp «{path}». Kiểm tra lại đường dẫn.")
    return path.read_bytes()
