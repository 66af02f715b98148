"""Pages and listings cost the same number of SQL statements however many scripts a commune
keeps: counted with 10 scripts and again with 200 (no timing)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from broadcast import db
from broadcast.models import (
    Approval,
    AsRunEntry,
    AsRunKind,
    Render,
    ScheduleItem,
    Script,
    ScriptStatus,
    SessionTemplate,
)
from broadcast.services.scripts import script_text
from tests.web.conftest import login

PAGES = ["/", "/schedule", "/scripts", "/scripts?status=da-duyet", "/reports", "/api/v1/communes/{c}/scripts?limit=50"]


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: object) -> None:
        self.count += 1


@pytest.fixture
def statements() -> Iterator[StatementCounter]:
    """Counts every SQL statement the application's engine sends."""
    counter = StatementCounter()
    engine = db.get_engine()
    event.listen(engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine, "before_cursor_execute", counter)


def add_scripts(commune_id: int, count: int, audio: str) -> None:
    """`count` approved scripts with a render each, half of them placed in this month's
    sessions, spread over this and earlier months, with a log entry per day."""
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    with db.session_scope() as s:
        sessions = [t.id for t in s.exec(select(SessionTemplate).where(SessionTemplate.commune_id == commune_id))]
        for n in range(count):
            month = (today.replace(day=1) - timedelta(days=31 * (n % 6))).strftime("%Y-%m")
            script = Script(
                commune_id=commune_id,
                title=f"Bài đếm số {n}",
                body=f"Nội dung bài số {n}.",
                category="cchc" if n % 3 == 0 else "khac",
                month=month,
                status=ScriptStatus.DA_DUYET,
            )
            s.add(script)
            s.flush()
            digest = hashlib.sha256(script_text(script).encode("utf-8")).hexdigest()
            s.add(Approval(script_id=script.id, approved_by="Lãnh đạo", chuc_vu="Chủ tịch", text_hash=digest, text=""))
            s.add(
                Render(
                    script_id=script.id,
                    commune_id=commune_id,
                    path=audio,
                    text_hash=digest if n % 4 else "cu",  # every fourth render is stale
                    spoken_text="",
                    duration_s=30.0,
                    lufs=-16.0,
                    true_peak=-1.5,
                    offline_voice=n % 5 == 0,
                    created_at=now,
                )
            )
            if n % 2 == 0:
                day = date(today.year, today.month, 1 + n % 28)
                s.add(ScheduleItem(commune_id=commune_id, day=day, session_id=sessions[n % len(sessions)],
                                   position=n, script_id=script.id))  # fmt: skip
                kind = AsRunKind.MISSED if n % 6 == 0 else AsRunKind.DELIVERED
                s.add(AsRunEntry(commune_id=commune_id, kind=kind, day=day, detail="thử"))


def count_per_page(client, statements: StatementCounter, commune_id: int) -> dict[str, int]:
    out = {}
    for path in PAGES:
        url = path.format(c=commune_id)
        statements.count = 0
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        out[url] = statements.count
    return out


def test_pages_and_listings_send_as_many_statements_for_200_scripts_as_for_10(site, client, statements, tmp_path):
    commune_id = site["ids"]["commune"]
    audio = str(tmp_path / "mau.mp3")
    login(client, "truongdai")
    add_scripts(commune_id, 10, audio)
    few = count_per_page(client, statements, commune_id)
    add_scripts(commune_id, 190, audio)
    many = count_per_page(client, statements, commune_id)
    assert many == few, (few, many)
    assert all(n < 60 for n in many.values()), many


def test_script_listing_pages_through_every_script_once(site, client, tmp_path):
    commune_id = site["ids"]["commune"]
    add_scripts(commune_id, 75, str(tmp_path / "mau.mp3"))
    token = site["tokens"]["truongdai"]
    headers = {"Authorization": f"Bearer {token}"}
    seen: list[int] = []
    url = f"/api/v1/communes/{commune_id}/scripts?limit=30"
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200
        total = int(response.headers["X-Total-Count"])
        seen += [s["id"] for s in response.json()]
        link = response.headers.get("Link", "")
        url = link[1 : link.index(">")] if link else ""
    assert total == 77  # the site's two scripts and the 75 added
    assert len(seen) == total and len(set(seen)) == total
    assert seen == sorted(seen, reverse=True)  # newest first


def test_scripts_page_links_to_the_next_and_previous_pages_keeping_the_filter(site, client, tmp_path):
    add_scripts(site["ids"]["commune"], 75, str(tmp_path / "mau.mp3"))
    login(client, "truongdai")
    first = client.get("/scripts?status=da-duyet").text
    assert "Trang sau" in first and "Trang trước" not in first
    assert 'href="/scripts?trang=2&amp;status=da-duyet"' in first or 'href="/scripts?trang=2&status=da-duyet"' in first
    last = client.get("/scripts?trang=3&status=da-duyet").text
    assert "Trang trước" in last and "Trang sau" not in last
    assert "Bài đếm số 0" in last and "Bài đếm số 74" not in last  # oldest on the last page
    waiting = client.get("/scripts?status=cho-duyet").text
    assert "Bài đếm số" not in waiting and "Trang sau" not in waiting
    wrong = client.get("/scripts?status=khong-co")
    assert wrong.status_code == 422 and "Không có trạng thái bài" in wrong.text
