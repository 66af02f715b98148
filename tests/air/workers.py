"""Bodies of the real processes the path-to-air tests start (spawned, so nothing is shared
but the database and the folders)."""

from __future__ import annotations

import os


def _setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    from broadcast import db
    from broadcast.config import get_settings

    get_settings.cache_clear()
    db.get_engine.cache_clear()


def race(role: str, env: dict[str, str], script_ids: list[int], seen: dict[int, str], barrier, out) -> None:
    """One side of the edit/approve race: for each script, meet the other side, then act."""
    _setup(env)
    from broadcast import db
    from broadcast.config import get_settings
    from broadcast.errors import BroadcastError
    from broadcast.services import scripts as svc

    results = []
    for sid in script_ids:
        barrier.wait()
        try:
            with db.session_scope() as session:
                if role == "approve":
                    svc.approve(
                        session, script_id=sid, by="Ma Thịnh Giáp", chuc_vu="Chủ tịch UBND xã", text_hash=seen[sid]
                    )
                else:
                    script = svc.get_script(session, script_id=sid)
                    svc.edit_script_text(
                        session,
                        get_settings(),
                        script_id=sid,
                        text=f"{script.title.upper()}\n{script.body} Câu sửa thêm.\n",
                    )
            results.append((sid, "ok"))
        except BroadcastError as exc:
            results.append((sid, type(exc).__name__))
        except Exception as exc:  # noqa: BLE001 - a database error of one side is an outcome, not a test failure
            results.append((sid, f"db:{type(exc).__name__}"))
    out.put((role, results))


def scheduler(name: str, env: dict[str, str], day_iso: str, use_lock: bool, out) -> None:
    """A scheduler process over a simulated day: every 10 simulated minutes it (if it holds
    the database lock, or always without the lock) delivers whatever is due."""
    _setup(env)
    from datetime import date, datetime, timedelta

    from broadcast.config import get_settings
    from broadcast.db import get_engine
    from broadcast.scheduling import delivery, lock

    settings = get_settings()
    owner = f"{name}:{lock.owner_id()}"
    day = date.fromisoformat(day_iso)
    now = datetime.combine(day, datetime.min.time(), tzinfo=settings.tz)
    counts: dict[str, int] = {}
    standby = 0
    while now.date() == day:
        if not use_lock or lock.try_acquire(get_engine(), owner, lease_s=30):
            for k, v in delivery.deliver_due(settings, now=now, owner=owner).items():
                counts[k] = counts.get(k, 0) + v
        else:
            standby += 1
        now += timedelta(minutes=10)
    out.put((owner, counts, standby))
