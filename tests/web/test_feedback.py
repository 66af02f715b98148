"""What a user sees right after an action: the new state (committed before the redirect
leaves), errors that look like errors and keep what was typed, codes shown as labels."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.api import labels
from broadcast.models import Script, ScriptStatus
from tests.web.conftest import login

pytestmark = pytest.mark.slow


def test_action_is_committed_before_its_redirect_is_sent(site, client: TestClient) -> None:
    """The stale badge: the browser asks for the next page as soon as the redirect arrives,
    so the state must already be in the database when the response starts."""
    seen: list[str] = []
    app = client.app
    inner = app.middleware_stack or app.build_middleware_stack()

    async def spy(scope, receive, send):
        async def watching(message):
            if message["type"] == "http.response.start" and scope["path"].endswith("/reject"):
                with db.session_scope() as session:  # another connection, like the next request
                    seen.append(session.get(Script, site["ids"]["waiting"]).status.value)
            await send(message)

        await inner(scope, receive, watching)

    app.middleware_stack = spy
    csrf = login(client, "lanhdao")
    page = client.post(
        f"/scripts/{site['ids']['waiting']}/reject",
        data={"csrf": csrf, "reason": "Thiếu số điện thoại."},
        follow_redirects=True,
    )
    assert seen == [ScriptStatus.TRA_LAI.value]
    assert "Đã trả lại bài kèm lý do" in page.text and 'class="flash success"' in page.text


def test_error_is_shown_as_error_and_keeps_what_was_typed(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    typed = "Bao cao ket qua thuc hien cong tac tuyen truyen nam 2023"
    page = client.post(
        "/scripts",
        data={"csrf": csrf, "text": typed, "month": "2025-10"},
        headers={"referer": "http://testserver/scripts"},
        follow_redirects=True,
    ).text
    assert re.search(r'class="flash error" role="alert"', page)
    assert "không phải tiếng Việt có dấu" in page
    assert f">{typed}</textarea>" in page and 'value="2025-10"' in page
    again = client.get("/scripts").text  # shown once, then gone
    assert "flash error" not in again and typed not in again


def test_missing_field_names_the_field_in_vietnamese(site, client: TestClient) -> None:
    csrf = login(client, "quantri")
    page = client.post(
        "/admin/users",
        data={"csrf": csrf, "username": "moi"},
        headers={"referer": "http://testserver/admin"},
        follow_redirects=True,
    ).text
    message = re.search(r'<span class="flash-text">([^<]*)</span>', page).group(1)
    assert "flash error" in page and message.startswith("Thiếu hoặc sai thông tin: Họ tên")
    assert "full_name" not in message


def test_labels_turn_codes_into_words() -> None:
    assert labels.category("cchc") == "Cải cách hành chính"
    assert labels.channels(["dai", "loa-keo"]) == "Đài và loa kéo"
    assert labels.month_vi("2024-07") == "Tháng 7/2024"
    assert labels.voice("vi") == "Giọng nữ miền Bắc"
    assert labels.profile("ip-speaker") == "Loa IP"
    assert "tên đơn vị" in labels.fill_ins("của {don_vi}.") and "{don_vi}" not in labels.fill_ins("của {don_vi}.")
    assert labels.plain("Phòng chống bão 🌀📢 năm 2024") == "Phòng chống bão năm 2024"
    assert labels.fingerprint("52f1a9c0deadbeef") == "52F1 A9C0"
