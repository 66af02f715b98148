"""Shared pieces of CLI commands: the settings, a transaction, common options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlmodel import Session

from broadcast.config import Settings, get_settings
from broadcast.db import get_engine, session_scope

JsonOption = typer.Option(False, "--json", help="In kết quả dạng JSON (cho máy đọc).")
CommuneOption = typer.Option(..., "--commune", "-c", help="Mã số của xã (xem «communes list»).")


@contextmanager
def transaction() -> Iterator[tuple[Session, Settings]]:
    """One database transaction with the settings; rolled back on any error."""
    with session_scope(get_engine()) as session:
        yield session, get_settings()
