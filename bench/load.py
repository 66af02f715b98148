"""Load generator for the web app: N logged-in users browse the main pages and API listings.

Loopback only, bounded in count and time. Used on its own against the embedded default
(`python bench/load.py --users 50`) and by bench/scale_bench.py. It builds its own site in a
temporary folder (one commune, 30 scripts, N users), starts `broadcast serve` on a free
port, and prints p50/p95/p99 per page and the number of errors and time-outs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-tai-8"
PAGES = ["/", "/scripts", "/schedule", "/reports", "/approvals", "/exports"]
API = ["/api/v1/communes", "/api/v1/communes/{commune}/scripts"]
# The benchmark's own site: no log-in limit may turn its 50 users (one address) away.
LOGIN_LIMITS = {
    "BROADCAST_LOGIN_ATTEMPTS": "100000",
    "BROADCAST_LOGIN_ATTEMPTS_PER_ADDRESS": "100000",
    "BROADCAST_LOGIN_NAMES_PER_ADDRESS": "100000",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_site(env: dict[str, str], *, users: int, scripts: int) -> None:
    """One commune with scripts in several states and `users` station heads (in a child
    process, so the settings come from env)."""
    code = f"""
from broadcast import db
from broadcast.config import get_settings
from broadcast.models import Role
from broadcast.services import communes, scripts, users
db.upgrade()
with db.session_scope() as s:
    c = communes.create_commune(s, name="xã Phúc Lộc")
    for n in range({users}):
        u = users.create_user(s, username=f"user{{n}}", password="{PASSWORD}", full_name=f"Người dùng {{n}}")
        users.set_role(s, user_id=u.id, commune_id=c.id, role=Role.TRUONG_DAI)
    for n in range({scripts}):
        text = (f"BÀI TUYÊN TRUYỀN SỐ {{n + 1}} VỀ CẢI CÁCH HÀNH CHÍNH\\n"
                "Người dân nộp hồ sơ trực tuyến tại cổng dịch vụ công quốc gia, tiết kiệm thời gian và chi phí.\\n"
                "Ủy ban nhân dân xã đã tiếp nhận 1.250 hồ sơ trong quý III/2024, đạt 98,5% đúng hạn.\\n")
        sc, _ = scripts.add_script_text(s, get_settings(), commune_id=c.id, text=text,
                                        meta=scripts.ScriptMeta(category="cchc"))
        if n % 3:
            scripts.submit(s, script_id=sc.id)
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)


async def _login(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    form = {"username": username, "password": PASSWORD, "csrf": token.group(1) if token else ""}
    answer = await client.post("/login", data=form)
    if answer.status_code not in (200, 303):
        raise RuntimeError(f"log-in failed for {username}: {answer.status_code}")


async def _user(
    base: str,
    n: int,
    rounds: int,
    deadline: float,
    results: dict[str, list[float]],
    errors: list[str],
    logged_in: asyncio.Barrier,
    commune: int,
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30.0, follow_redirects=False) as client:
        start = time.perf_counter()
        try:
            await _login(client, f"user{n}")
            results["(log-in)"].append(time.perf_counter() - start)
        except (httpx.HTTPError, RuntimeError) as exc:
            errors.append(f"login: {exc!r}")
        await logged_in.wait()  # everybody browses at once, as logged-in users
        for r in range(rounds):
            for path in (PAGES + API)[(n + r) % 3 :] + (PAGES + API)[: (n + r) % 3]:
                if time.monotonic() > deadline:
                    return
                start = time.perf_counter()
                try:
                    answer = await client.get(path.format(commune=commune))
                    elapsed = time.perf_counter() - start
                    if answer.status_code != 200:  # a redirect to the log-in page is no answer either
                        errors.append(f"{path}: {answer.status_code}")
                    results[path].append(elapsed)
                except httpx.TimeoutException:
                    errors.append(f"{path}: time-out")
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {exc!r}")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def run_load(
    base: str, *, users: int, rounds: int, seconds: float, communes: int = 1
) -> tuple[dict[str, list[float]], list[str]]:
    """User n (user{n}) belongs to commune n % communes + 1 and lists that commune's scripts."""
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    barrier = asyncio.Barrier(users)
    await asyncio.gather(
        *(_user(base, n, rounds, deadline, results, errors, barrier, n % communes + 1) for n in range(users))
    )
    return results, errors


def report(results: dict[str, list[float]], errors: list[str]) -> dict[str, float]:
    everything = [v for path, values in results.items() if path != "(log-in)" for v in values]
    for path, values in sorted(results.items()):
        print(
            f"{path:32s} n={len(values):4d} p50={percentile(values, 50) * 1000:7.0f} ms "
            f"p95={percentile(values, 95) * 1000:7.0f} ms p99={percentile(values, 99) * 1000:7.0f} ms"
        )
    summary = {
        "requests": len(everything),
        "errors": len(errors),
        "p50_ms": percentile(everything, 50) * 1000,
        "p95_ms": percentile(everything, 95) * 1000,
        "p99_ms": percentile(everything, 99) * 1000,
        "mean_ms": statistics.fmean(everything) * 1000 if everything else float("nan"),
    }
    print(
        f"all: {summary['requests']} requests, {summary['errors']} errors, p50 {summary['p50_ms']:.0f} ms, "
        f"p95 {summary['p95_ms']:.0f} ms, p99 {summary['p99_ms']:.0f} ms"
    )
    for e in sorted(set(errors))[:10]:
        print("  error:", e, f"(x{errors.count(e)})")
    return summary


def serve(env: dict[str, str], port: int, extra: list[str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "broadcast"), "serve", "--no-scheduler", "--port", str(port), *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("LOAD_SERVER_LOG", os.devnull), "wb"),  # noqa: SIM115 - lives as long as the server
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--scripts", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BROADCAST_DATA_DIR": tmp, "BROADCAST_SCRIPTS_DIR": f"{tmp}/scripts",
               "BROADCAST_AUDIO_DIR": f"{tmp}/audio", "BROADCAST_SCHEDULE_DIR": f"{tmp}/schedule",
               **LOGIN_LIMITS}  # fmt: skip
        build_site(env, users=args.users, scripts=args.scripts)
        port = free_port()
        proc = serve(env, port, [])
        try:
            results, errors = asyncio.run(
                run_load(f"http://127.0.0.1:{port}", users=args.users, rounds=args.rounds, seconds=args.seconds)
            )
        finally:
            proc.terminate()
            proc.wait(10)
    report(results, errors)


if __name__ == "__main__":
    main()
