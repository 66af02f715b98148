"""The current time, in one place, so tests can set it (planning in the future only).

timer_now is the time the delivery timer acts on: the real time, unless a drill (or a test)
names a file holding a local time (BROADCAST_TIMER_CLOCK_FILE), which then plays a whole day
of deliveries in minutes without waiting for the real hours."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path


def now(tz: tzinfo) -> datetime:
    return datetime.now(tz)


def timer_now(tz: tzinfo, clock_file: Path | None = None) -> datetime:
    if clock_file is None:
        return datetime.now(tz)
    stamp = datetime.fromisoformat(clock_file.read_text(encoding="utf-8").strip())
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=tz)
