"""Shared fixtures: an isolated data folder and database per test, a CLI runner, docx builders."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session

from broadcast import db
from broadcast.config import Settings, get_settings

EXAMPLE_SCRIPT = """BÀI TUYÊN TRUYỀN VỀ PHÒNG CHỐNG THIÊN TAI THÁNG 9/2025
Kính thưa bà con và các bạn, sau đây là nội dung tuyên truyền của UBND xã Tân Lập.
Theo dự báo, từ ngày 12/9 đến 15/9/2025 trên địa bàn xã Tân Lập có mưa to đến rất to, nguy cơ lũ quét và sạt lở đất.
UBND xã đề nghị bà con chủ động gia cố nhà cửa, không đi qua ngầm tràn khi nước lên.
Bài tuyên truyền của UBND xã Tân Lập đến đây là hết, xin cảm ơn bà con và các bạn đã chú ý lắng nghe!
Ngày 10/9/2025
Phê duyệt của lãnh đạo
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Ma Thịnh Giáp
Ghi chú: (thực hiện phát trên đài truyền thanh và loa kéo đến các thôn)
"""

# Copies of ../shared/samples (public administrative documents), so tests run from any checkout.
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "samples"


TEST_NOW = (2025, 8, 1)  # the fixed months of the tests (9/2025, …) lie ahead of this


@pytest.fixture(autouse=True)
def test_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planning refuses the past: tests that plan fixed months run at a fixed "now" before them
    (tests of the past-day rule set their own)."""
    from datetime import datetime

    from broadcast import clock

    monkeypatch.setattr(clock, "now", lambda tz: datetime(*TEST_NOW, tzinfo=tz))


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Fresh data folders and an upgraded SQLite database for one test."""
    for name in ("data", "scripts", "audio", "schedule"):
        monkeypatch.setenv(f"BROADCAST_{name.upper()}_DIR", str(tmp_path / name))
    monkeypatch.delenv("BROADCAST_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    db.upgrade()
    yield get_settings()
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    with db.session_scope() as s:
        yield s


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run the real CLI entry point (broadcast.cli.main) in-process: exit code, stdout, stderr."""
    from broadcast.cli import main

    def run(*args: str, input: str | None = None) -> CliResult:
        capsys.readouterr()
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(input.encode("utf-8")), encoding="utf-8"))
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


def make_docx(
    paragraphs: list[str],
    *,
    table_rows: list[list[str]] | None = None,
    font: str | None = None,
    bullets: list[str] | None = None,
) -> bytes:
    """A real .docx built with python-docx: paragraphs, optional list items and a table."""
    from docx import Document

    doc = Document()
    for text in paragraphs:
        p = doc.add_paragraph()
        run = p.add_run(text)
        if font:
            run.font.name = font
    for text in bullets or []:
        doc.add_paragraph(text, style="List Bullet")
    if table_rows:
        table = doc.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[Path, int]]:
    from tests import pg_server

    if pg_server.find_bindir() is None:
        pytest.skip("PostgreSQL chưa được cài trên máy này (make test cài gói Debian «postgresql»)")
    with pg_server.running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The same test on the embedded SQLite file and on a real PostgreSQL server."""
    if request.param == "postgres":
        from tests import pg_server

        sock, port = request.getfixturevalue("postgres_server")
        url = pg_server.create_database(sock, port, f"t_{abs(hash(request.node.nodeid)) % 10**9}")
        db.get_engine().dispose()
        monkeypatch.setenv("BROADCAST_DATABASE_URL", url)
        get_settings.cache_clear()
        db.get_engine.cache_clear()
        db.upgrade()
    yield request.param
    db.get_engine().dispose()


@pytest.fixture
def offline(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings whose online engines point at nothing (as on a machine without Internet)."""
    from tests.fakes.server import closed_port_url

    monkeypatch.setenv("BROADCAST_GTTS_URL", closed_port_url())
    monkeypatch.setenv("BROADCAST_EDGE_URL", closed_port_url())
    get_settings.cache_clear()
    return get_settings()
