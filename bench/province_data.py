"""The province that bench/scale_bench.py measures, and the steps it times. Run in a child
process whose environment points the settings at the benchmark's own PostgreSQL and folders:

    python bench/province_data.py build COMMUNES USERS TODAY
    python bench/province_data.py schema                # installs the queue engine's tables
    python bench/province_data.py ready N               # waits until N queue workers are up
    python bench/province_data.py renders JOBS          # queues JOBS fresh renders, prints their ids
    python bench/province_data.py wait ID,ID,...        # waits until they end, prints how many are done
                                                        # and the seconds from the first queued to the last done
    python bench/province_data.py throughput N JOBS     # ready, renders and wait in one: done, seconds, workers used
    python bench/province_data.py queries PATH,...     # SQL statements and ms of each page for user0
    python bench/province_data.py deliver DAY           # delivers every session of DAY, prints count and seconds
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlmodel import col, select

from broadcast import db
from broadcast.config import get_settings
from broadcast.models import (
    Approval,
    AsRunEntry,
    Commune,
    Membership,
    Profile,
    Render,
    Role,
    ScheduleItem,
    Script,
    ScriptStatus,
    SessionTemplate,
    User,
)
from broadcast.models_jobs import BackgroundJob
from broadcast.services import communes, render_jobs, users
from broadcast.services import schedule as sched
from broadcast.services.scripts import approve, fingerprint

PASSWORD = "mat-khau-tai-8"
BODY = (
    "Người dân nộp hồ sơ trực tuyến tại cổng dịch vụ công, tiết kiệm thời gian và chi phí đi lại.\n"
    "Ủy ban nhân dân xã đã tiếp nhận {n} hồ sơ trong tháng, đạt 98,5% đúng hạn."
)


def build(n_communes: int, n_users: int, today: date) -> None:
    """Communes through the services (with their defaults), a year of data in bulk."""
    db.upgrade()
    settings = get_settings()
    audio = Path(settings.audio_dir) / "mau.mp3"
    audio.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=20:sample_rate=44100",
         "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", "-write_xing", "0", str(audio)],
        check=True,
    )  # fmt: skip
    start, now = today - timedelta(days=365), datetime.now(UTC)
    with db.session_scope() as s:
        ids = [db.id_of(communes.create_commune(s, name=f"xã Số {n}")) for n in range(n_communes)]
        hashed = users.hash_password(PASSWORD)
        for n in range(n_users):
            user = User(username=f"user{n}", full_name=f"Người dùng {n}", password_hash=hashed)
            s.add(user)
            s.flush()
            s.add(Membership(user_id=db.id_of(user), commune_id=ids[n % len(ids)], role=Role.TRUONG_DAI))
    with db.session_scope() as s:
        conn = s.connection()
        for cid in ids:
            sessions = [db.id_of(t) for t in s.exec(select(SessionTemplate).where(SessionTemplate.commune_id == cid))]
            rows = []
            for m in range(13):
                month = (start.replace(day=1) + timedelta(days=31 * m)).strftime("%Y-%m")
                for k in range(10):
                    n = m * 10 + k + 1
                    rows.append(
                        {"commune_id": cid, "title": f"Bài số {n} tháng {month}", "body": BODY.format(n=n),
                         "category": "cchc" if k < 3 else "khac", "priority": "THONG_THUONG",
                         "channels": ["dai", "loa-keo"], "month": month, "status": "DA_DUYET",
                         "opening_present": False, "closing_present": False, "source_encoding": "utf-8",
                         "created_at": now, "updated_at": now}
                    )  # fmt: skip
            script_ids = [r[0] for r in conn.execute(insert(Script).returning(col(Script.id)), rows)]
            texts = [f"{r['title']}\n\n{r['body']}" for r in rows]
            hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
            conn.execute(
                insert(Approval),
                [{"script_id": i, "approved_by": "Lãnh đạo", "chuc_vu": "Chủ tịch UBND xã", "approved_at": now,
                  "text_hash": h, "text": t} for i, h, t in zip(script_ids, hashes, texts, strict=True)],
            )  # fmt: skip
            conn.execute(
                insert(Render),
                [{"script_id": i, "commune_id": cid, "profile": "STATION", "path": str(audio), "text_hash": h,
                  "spoken_text": "", "duration_s": 20.0, "lufs": -16.0, "true_peak": -1.5, "engines": [],
                  "offline_voice": False, "created_at": now} for i, h in zip(script_ids, hashes, strict=True)],
            )  # fmt: skip
            items, runs = [], []
            for d in range(366):
                day = start + timedelta(days=d)
                for si, sess in enumerate(sessions):
                    for pos in range(3):
                        items.append(
                            {"commune_id": cid, "day": day, "session_id": sess, "position": pos,
                             "script_id": script_ids[(d * 3 + pos + si) % len(script_ids)], "locked": False,
                             "created_at": now}
                        )  # fmt: skip
                    if day < today:
                        runs.append(
                            {"commune_id": cid, "kind": "DELIVERED", "day": day, "session_id": sess, "at": now,
                             "scripts": [], "seconds": 60.0}
                        )  # fmt: skip
            conn.execute(insert(ScheduleItem), items)
            conn.execute(insert(AsRunEntry), runs)
    with db.get_engine().connect() as conn:  # planner statistics, as autovacuum keeps them on a live server
        conn.execute(text("ANALYZE"))
        conn.commit()


def install_queue() -> None:
    from broadcast.tasks import worker

    worker.install_schema()


def workers_ready(count: int, seconds: float = 120) -> int:
    """Waits until `count` procrastinate workers have registered (with a fresh heartbeat)."""
    query = text("SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat > now() - interval '30 seconds'")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with db.session_scope() as s:
            up = int(s.execute(query).scalar_one())
        if up >= count:
            return up
        time.sleep(0.2)
    raise RuntimeError(f"only {up} of {count} workers came up")


def queue_renders(jobs: int) -> list[int]:
    """Fresh texts (never from the sentence cache), approved again, a render job each."""
    ids = []
    with db.session_scope() as s:
        scripts = s.exec(select(Script).where(Script.commune_id == 1).order_by(col(Script.id)).limit(jobs)).all()
        for script in scripts:
            script.body += f" Lần dựng {time.time_ns()}."
            script.status = ScriptStatus.CHO_DUYET
            s.add(script)
            s.flush()
            sid = db.id_of(script)
            approve(
                s, script_id=sid, by="Lãnh đạo", chuc_vu="Chủ tịch UBND xã", text_hash=fingerprint(s, script_id=sid)
            )
            job = render_jobs.start(s, script_id=db.id_of(script), profile=Profile.STATION, engine="espeak")
            ids.append(db.id_of(job))
    return ids


def wait(ids: list[int], seconds: float = 900) -> tuple[int, float, int]:
    """(jobs done, seconds from the first queued to the last finished as the database saw it,
    how many workers ran them)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with db.session_scope() as s:
            jobs = list(s.exec(select(BackgroundJob).where(col(BackgroundJob.id).in_(ids))))
            if all(j.state in ("done", "error") for j in jobs):
                first = min(j.created_at for j in jobs)
                last = max(j.finished_at or j.created_at for j in jobs)
                used = len({j.worker for j in jobs})
                return sum(j.state == "done" for j in jobs), (last - first).total_seconds(), used
        time.sleep(0.2)
    return -1, float("nan"), 0


def page_queries(paths: list[str]) -> list[str]:
    """For each page (as user0, in-process): how many SQL statements it sends and how long it takes."""
    import re

    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from broadcast.api.app import create_app

    sent = [0]

    def count(*_: object) -> None:
        sent[0] += 1

    event.listen(db.get_engine(), "before_cursor_execute", count)
    out = []
    with TestClient(create_app()) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        client.post("/login", data={"username": "user0", "password": PASSWORD, "csrf": token.group(1) if token else ""})
        for path in paths:
            sent[0], started = 0, time.perf_counter()
            status = client.get(path).status_code
            out.append(f"{path} {status} {sent[0]} {(time.perf_counter() - started) * 1000:.0f}")
    return out


def deliver(day: date) -> tuple[int, float]:
    from broadcast.exports.station import deliver_session

    started, count = time.perf_counter(), 0
    with db.session_scope() as s:
        for commune in s.exec(select(Commune)).all():
            for template in sched.sessions(s, commune_id=db.id_of(commune)):
                deliver_session(s, get_settings(), commune_id=db.id_of(commune), day=day, template=template)
                count += 1
    return count, time.perf_counter() - started


if __name__ == "__main__":
    verb, *rest = sys.argv[1:]
    if verb == "build":
        build(int(rest[0]), int(rest[1]), date.fromisoformat(rest[2]))
    elif verb == "schema":
        install_queue()
    elif verb == "ready":
        print(workers_ready(int(rest[0])))
    elif verb == "renders":
        print(",".join(map(str, queue_renders(int(rest[0])))))
    elif verb == "wait":
        done, seconds, used = wait([int(x) for x in rest[0].split(",")])
        print(done, f"{seconds:.3f}", used)
    elif verb == "throughput":
        workers_ready(int(rest[0]))
        done, seconds, used = wait(queue_renders(int(rest[1])))
        print(done, f"{seconds:.3f}", used)
    elif verb == "queries":
        print(";".join(page_queries(rest[0].split(","))))
    elif verb == "deliver":
        n, seconds = deliver(date.fromisoformat(rest[0]))
        print(n, f"{seconds:.3f}")
