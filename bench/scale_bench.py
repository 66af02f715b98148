"""A province on one PostgreSQL server: pages under load, render throughput, one day's deliveries.

    python bench/scale_bench.py            # 150 communes with a year of data each
    python bench/scale_bench.py --quick    # 20 communes, a few minutes

It starts its own PostgreSQL (Debian's package, Unix socket only), fills it in bulk (scripts
with renders, two sessions a day, their schedule items and as-run log), then measures in one
run, loopback only and bounded in count and time:
- SQL statements and time of each page for one user (in-process);
- p50/p95/p99 of the main pages and API listings at 50 concurrent users, with 1 and with 4
  web processes (`broadcast serve --workers N`; --quick measures only 4);
- render throughput with 1 and with 2 `broadcast worker` processes (procrastinate), and
  their ratio;
- the wall time to deliver one day's sessions for all communes.
The last two lines are `p95_ms <number>` (4 web processes, 50 users) and
`workers_speedup <ratio>` (2 workers over 1).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import API, LOGIN_LIMITS, PAGES, free_port, report, run_load  # noqa: E402
from tests import pg_server  # noqa: E402

BIN = Path(sys.executable).parent


def _env(url: str, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BROADCAST_DATABASE_URL": url,
        "BROADCAST_DATA_DIR": str(data / "data"),
        "BROADCAST_SCRIPTS_DIR": str(data / "scripts"),
        "BROADCAST_AUDIO_DIR": str(data / "audio"),
        "BROADCAST_SCHEDULE_DIR": str(data / "schedule"),
        **LOGIN_LIMITS,
        "BROADCAST_QUEUE": "procrastinate",
        "BROADCAST_TTS_WORKERS": "1",  # one core per render, so that workers add up
        "BROADCAST_GTTS_URL": "http://127.0.0.1:9",
        "BROADCAST_EDGE_URL": "ws://127.0.0.1:9",
        "BROADCAST_REACHABILITY_TIMEOUT": "0.2",
    }


def _step(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "province_data.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def _start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(15)


def measure_pages(
    env: dict[str, str], *, web_processes: int, users: int, rounds: int, communes: int
) -> dict[str, float]:
    import httpx

    port = free_port()
    proc = _start(
        [str(BIN / "broadcast"), "serve", "--no-scheduler", "--port", str(port), "--workers", str(web_processes)], env
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        results, errors = asyncio.run(
            run_load(f"http://127.0.0.1:{port}", users=users, rounds=rounds, seconds=120, communes=communes)
        )
    finally:
        _stop(proc)
    print(f"--- {web_processes} web process(es), {users} users")
    return report(results, errors)


def measure_renders(env: dict[str, str], *, workers: int, jobs: int) -> float:
    """Seconds for `jobs` renders (real espeak-ng and ffmpeg) with `workers` worker processes,
    from the first job queued to the last one finished (the workers are up before the jobs
    are queued, so their start-up is not counted)."""
    _step(env, "schema")
    procs = [_start([str(BIN / "broadcast"), "worker"], env) for _ in range(workers)]
    try:
        done, seconds, used = _step(env, "throughput", str(workers), str(jobs)).split()
    finally:
        for p in procs:
            _stop(p)
    if int(done) != jobs:
        raise RuntimeError(f"only {done} of {jobs} renders finished with {workers} worker(s)")
    print(f"--- {workers} worker(s): {done} of {jobs} renders done in {float(seconds):.1f} s by {used} worker(s)")
    return float(seconds)


def measure_deliveries(env: dict[str, str], *, day: date) -> float:
    sessions, seconds = _step(env, "deliver", day.isoformat()).split()
    print(f"--- one day's deliveries: {sessions} sessions in {float(seconds):.1f} s")
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20 communes instead of 150")
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    communes = 20 if args.quick else 150
    renders = 8 if args.quick else 16  # enough jobs that the ratio is not one job's noise
    rounds = 1 if args.quick else 3
    today = datetime.now(UTC).date()
    t0 = time.perf_counter()
    with pg_server.running_server() as (sock, port), tempfile.TemporaryDirectory() as tmp:
        url = pg_server.create_database(sock, port, "tinh")
        env = _env(url, Path(tmp))
        _step(env, "build", str(communes), str(args.users), today.isoformat())
        print(f"province: {communes} communes with a year of data, built in {time.perf_counter() - t0:.0f} s")
        paths = [*PAGES, *(p.format(commune=1) for p in API)]
        for line in _step(env, "queries", ",".join(paths)).split(";"):
            path, status, statements, ms = line.split()
            print(f"{path:32s} HTTP {status}: {statements:>3s} SQL statements, {ms:>5s} ms (one user, in-process)")
        if args.quick:  # within three minutes: the four-process figure only
            print("--- 1 web process: measured only without --quick")
        else:
            measure_pages(env, web_processes=1, users=args.users, rounds=rounds, communes=communes)
        print(f"[{time.perf_counter() - t0:.0f} s]")
        four = measure_pages(env, web_processes=4, users=args.users, rounds=rounds, communes=communes)
        print(f"[{time.perf_counter() - t0:.0f} s]")
        measure_deliveries(env, day=today + timedelta(days=1))
        one = measure_renders(env, workers=1, jobs=renders)
        print(f"[{time.perf_counter() - t0:.0f} s]")
        two = measure_renders(env, workers=2, jobs=renders)
        shutil.rmtree(Path(tmp) / "schedule", ignore_errors=True)
    print(f"total {time.perf_counter() - t0:.0f} s, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"p95_ms {four['p95_ms']:.0f}")
    print(f"workers_speedup {one / two:.2f}")


if __name__ == "__main__":
    main()
