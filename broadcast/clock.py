"""The current time, in one place, so tests can set it (planning in the future only)."""

from __future__ import annotations

from datetime import datetime, tzinfo


def now(tz: tzinfo) -> datetime:
    return datetime.now(tz)
