"""Temporary names never collide between threads, processes or calls."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from broadcast.fsutil import atomic_write_bytes, temp_path_for


def _name(target: str) -> str:
    return temp_path_for(Path(target)).name


def test_temp_names_differ_across_threads_and_processes(tmp_path: Path) -> None:
    target = str(tmp_path / "programme.mp3")
    with ThreadPoolExecutor(max_workers=8) as pool:
        in_threads = list(pool.map(_name, [target] * 64))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        in_processes = pool.map(_name, [target] * 8)
    names = in_threads + in_processes
    assert len(set(names)) == len(names)
    assert all(n.startswith(".programme.") and n.endswith(".mp3") for n in names)


def test_parallel_atomic_writes_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    payloads = [bytes([n]) * 100_000 for n in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda data: atomic_write_bytes(target, data), payloads))
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
