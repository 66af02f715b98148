"""A throw-away local PostgreSQL server (Debian's package) for backend tests.

Started once per test session on a Unix socket only; never touches the network.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server() -> Iterator[tuple[Path, int]]:
    """Yield (socket folder, port) of a fresh server; stop and delete it afterwards."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="broadcast-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    os.chmod(base, 0o755)
    data, port = base / "data", _free_port()
    run = {"check": True, "capture_output": True}
    try:
        subprocess.run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            **run,
        )
        start(base, port)
        yield base, port
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


def _pg_ctl(base: Path, *args: str) -> None:
    bindir = find_bindir()
    assert bindir is not None
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(base / "data"), *args], check=True, capture_output=True)


def start(base: Path, port: int) -> None:
    """Start (or start again) the server of running_server()."""
    options = f"-p {port} -k {base} -c listen_addresses='' -c fsync=off"
    _pg_ctl(base, "-w", "-l", str(base / "log"), "-o", options, "start")


def stop(base: Path) -> None:
    """Stop the server as an operator's restart would: every open connection is cut."""
    _pg_ctl(base, "-w", "-m", "fast", "stop")


def create_database(sock: Path, port: int, name: str) -> str:
    import psycopg

    with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@/{name}?host={sock}&port={port}"
