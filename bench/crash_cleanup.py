"""kill -9 at random points of render, loa kéo export and session delivery, then check.

    .venv/bin/python bench/crash_cleanup.py [--rounds 10] [--seed 1]

Each round runs the real CLI (`broadcast render`, `broadcast export loa-keo`, `broadcast
export session`) in a child process, kills it with SIGKILL after a random fraction of the
time that operation normally takes, and checks:

  * no orphan process: every child the killed command had (ffmpeg, espeak-ng) is gone;
  * no partial or hidden file where a reader looks: in the USB folder only complete
    `0001_….mp3` files and DANH_SACH.txt, in the outbox only complete session folders, in
    audio_out only complete MP3s — anything unfinished sits in a `.broadcast-tmp/` folder;
  * after the next start (the same command run again to the end) no staging folder is left
    with anything in it, and the result is whole.

Prints one line per operation with its counts and exits 1 if any check failed."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGING = ".broadcast-tmp"
BODY = (
    "Thực hiện Kế hoạch số 45/KH-UBND, Ủy ban nhân dân xã đề nghị bà con nhân dân chủ động nộp hồ sơ "
    "thủ tục hành chính trực tuyến trên Cổng dịch vụ công quốc gia. Bộ phận một cửa của xã làm việc "
    "từ thứ Hai đến thứ Sáu, sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ. "
)


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("data", "scripts", "audio", "schedule"):
        env[f"BROADCAST_{name.upper()}_DIR"] = str(root / name)
    env.pop("BROADCAST_DATABASE_URL", None)
    env["BROADCAST_GTTS_URL"] = "http://127.0.0.1:9"  # offline: espeak-ng speaks
    env["BROADCAST_EDGE_URL"] = "ws://127.0.0.1:9"
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _run(env: dict[str, str], *args: str) -> str:
    proc = _cli(env, *args)
    out, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()[-500:]}")
    return out.decode()


def _descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        p, pp = (int(x) for x in line.split())
        children.setdefault(pp, []).append(p)
    found, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            found.add(c)
            todo.append(c)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _kill_at(env: dict[str, str], after: float, *args: str) -> set[int]:
    """Start the command, kill -9 it after `after` seconds; the children it had then."""
    proc = _cli(env, *args)
    deadline = time.monotonic() + after
    seen: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        seen |= _descendants(proc.pid)
        time.sleep(0.02)
    seen |= _descendants(proc.pid)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return seen


def _orphans(children: set[int]) -> list[str]:
    time.sleep(0.3)  # the kernel delivers the parent-death signal at once; give it a moment
    found = []
    for c in children:
        if _alive(c):
            try:
                found.append(f"{c} {Path(f'/proc/{c}/cmdline').read_bytes().replace(bytes(1), b' ').decode()[:120]}")
            except FileNotFoundError:
                continue
    return found


def _visible_problems(folder: Path, complete) -> list[str]:
    """Hidden or partial files outside the staging folders, under folder."""
    problems = []
    if not folder.exists():
        return problems
    for path in folder.rglob("*"):
        if STAGING in path.relative_to(folder).parts:
            continue
        if path.name.startswith("."):
            problems.append(f"hidden {path}")
        elif path.is_file() and not complete(path):
            problems.append(f"partial {path}")
    return problems


def _staged_leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if STAGING in p.parts and p.is_file()] if folder.exists() else []


def _mp3_complete(path: Path) -> bool:
    if path.suffix != ".mp3":
        return True
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return False
    duration = float(json.loads(probe.stdout).get("format", {}).get("duration", 0) or 0)
    return duration > 1.0


def _setup(env: dict[str, str]) -> tuple[list[int], str]:
    _run(env, "db", "upgrade")
    _run(env, "communes", "add", "xã Phúc Lộc")
    _run(env, "communes", "configure", "1", "--engines", "espeak")
    ids = []
    day = (date.today() + timedelta(days=3)).isoformat()
    for n in range(3):
        text = f"BÀI TUYÊN TRUYỀN VỀ DỊCH VỤ CÔNG SỐ {n + 1}\n" + (BODY * 4) + "\n"
        path = Path(env["BROADCAST_DATA_DIR"]).parent / f"bai-{n}.txt"
        path.write_text(text, encoding="utf-8")
        out = _run(env, "scripts", "add", str(path), "--commune", "1", "--channels", "dai,loa-keo", "--json")
        sid = json.loads(out)["id"]
        _run(env, "scripts", "submit", str(sid))
        _run(env, "scripts", "approve", str(sid), "--by", "Nông Văn Nhượng", "--chuc-vu", "Chủ tịch UBND xã")
        ids.append(sid)
    for sid in ids:
        _run(env, "render", str(sid), "--engine", "espeak")
        _run(env, "schedule", "add", day, "05:30", str(sid), "--commune", "1")
    return ids, day


def _timed(env: dict[str, str], *args: str) -> float:
    start = time.monotonic()
    _run(env, *args)
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="crash-cleanup-"))
    env = _env(root)
    failures: list[str] = []
    try:
        ids, day = _setup(env)
        audio, outbox, stick = root / "audio", root / "schedule" / "outbox", root / "usb"
        ops = {
            "render": (
                lambda: shutil.rmtree(root / "data" / "tts-cache", ignore_errors=True),
                ("render", str(ids[0]), "--engine", "espeak", "--profile", "loa-keo"),
                audio,
            ),
            "export": (
                lambda: None,
                (
                    "export",
                    "loa-keo",
                    "--commune",
                    "1",
                    "--scripts",
                    ",".join(map(str, ids)),
                    "--to",
                    str(stick),
                    "--replace",
                    "--repeat",
                    "3",
                ),
                stick,
            ),
            "delivery": (
                lambda: shutil.rmtree(outbox, ignore_errors=True),
                ("export", "session", day, "05:30", "--commune", "1"),
                outbox,
            ),
        }
        for name, (reset, command, target) in ops.items():
            reset()
            full = _timed(env, *command)
            kills = orphans = visible = leftovers = children_seen = staged_after_kill = 0
            for _ in range(args.rounds):
                reset()
                children = _kill_at(env, rng.uniform(0.05, full), *command)
                kills += 1
                children_seen += len(children)
                staged_after_kill += len(_staged_leftovers(target)) + len(_staged_leftovers(root / "data"))
                left = _orphans(children)
                problems = _visible_problems(target, _mp3_complete)
                orphans += len(left)
                visible += len(problems)
                failures += [f"{name}: orphan process {p}" for p in left] + [f"{name}: {p}" for p in problems]
                for p in left:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(p.split()[0]), signal.SIGKILL)
                _run(env, *command)  # the next start sweeps and finishes the job
                rest = _staged_leftovers(target) + _staged_leftovers(root / "data")
                rest += _visible_problems(target, _mp3_complete)
                leftovers += len(rest)
                failures += [f"{name}: left after the next run: {p}" for p in rest]
            print(
                f"{name:9s} full run {full:5.1f} s  kills {kills}  child processes at kill {children_seen}  "
                f"orphans {orphans}  staged partial files after kill {staged_after_kill}  "
                f"partial/hidden files where readers look {visible}  leftovers after next run {leftovers}"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for f in failures[:20]:
        print("FAIL", f)
    print("crash_cleanup:", "ok" if not failures else f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
