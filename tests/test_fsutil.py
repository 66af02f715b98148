"""Temporary files live in a staging folder next to their target, leftovers of crashed
writers are swept at the next start, and child processes die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broadcast.fsutil import STAGING, atomic_write_bytes, inside, sweep_stale, temp_dir_for, temp_path_for


def test_temporary_names_are_never_in_the_target_folder(tmp_path: Path) -> None:
    target = tmp_path / "usb" / "0001_bai.mp3"
    tmp = temp_path_for(target)
    assert tmp.parent == target.parent / STAGING and tmp.suffix == ".mp3"
    folder = temp_dir_for(tmp_path / "outbox" / "2025-09-10_0530_buoi-sang")
    assert folder.parent == tmp_path / "outbox" / STAGING
    atomic_write_bytes(target, b"mp3")
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([STAGING, "0001_bai.mp3"])


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_sweep_removes_what_dead_writers_left_and_keeps_live_ones(tmp_path: Path) -> None:
    staging = tmp_path / "outbox" / "xa" / STAGING
    staging.mkdir(parents=True)
    dead = _dead_pid()
    (staging / f"{dead}-1-ab.0001_bai.part.mp3").write_bytes(b"half")
    (staging / f"{dead}-1-cd.2025-09-10_0530_buoi-sang").mkdir()
    live = staging / f"{os.getpid()}-1-ef.0002_bai.part.mp3"
    live.write_bytes(b"being written")
    old = staging / f"{os.getpid()}-2-aa.0003_bai.part.mp3"
    old.write_bytes(b"from another machine, long ago")
    os.utime(old, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    removed = sweep_stale([tmp_path])
    assert len(removed) == 3
    assert [p.name for p in staging.iterdir()] == [live.name]
    live.unlink()
    sweep_stale([tmp_path])
    assert not staging.exists()


def test_inside_refuses_paths_out_of_the_roots(tmp_path: Path) -> None:
    root = tmp_path / "audio"
    (root / "xa").mkdir(parents=True)
    (root / "xa" / "a.mp3").write_bytes(b"x")
    (tmp_path / "secret").write_bytes(b"x")
    (root / "xa" / "link.mp3").symlink_to(tmp_path / "secret")
    assert inside(root / "xa" / "a.mp3", root) == (root / "xa" / "a.mp3").resolve()
    assert inside(root / ".." / "secret", root) is None
    assert inside(root / "xa" / "link.mp3", root) is None
    assert inside("/etc/passwd", root) is None


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_ffmpeg_dies_with_a_killed_parent() -> None:
    code = (
        "from broadcast.audio import ffmpeg\n"
        "ffmpeg.run(['-v', 'error', '-re', '-f', 'lavfi', '-i', 'sine=duration=600', '-f', 'null', '-'])\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 20
        while not (kids := _children(parent.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert kids, "ffmpeg did not start"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(_alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(k) for k in kids)
    finally:
        if parent.poll() is None:
            parent.kill()


def _name(target: str) -> str:
    return temp_path_for(Path(target)).name


def test_temp_names_differ_across_threads_and_processes(tmp_path: Path) -> None:
    import multiprocessing
    from concurrent.futures import ThreadPoolExecutor

    target = str(tmp_path / "programme.mp3")
    with ThreadPoolExecutor(max_workers=8) as pool:
        in_threads = list(pool.map(_name, [target] * 64))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        in_processes = pool.map(_name, [target] * 8)
    names = in_threads + in_processes
    assert len(set(names)) == len(names)
    assert all(n.endswith(".mp3") for n in names)


def test_parallel_atomic_writes_leave_one_whole_file(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    target = tmp_path / "manifest.json"
    payloads = [bytes([n]) * 100_000 for n in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda data: atomic_write_bytes(target, data), payloads))
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir() if p.name != STAGING] == ["manifest.json"]
