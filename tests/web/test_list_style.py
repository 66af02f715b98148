"""Issue 13 at the edges: the commune's list style on the settings page and in the preview,
and the pictographs the voice skips shown to the station head."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import login

pytestmark = pytest.mark.slow


def _post(client: TestClient, url: str, csrf: str, **data) -> str:
    response = client.post(
        url, data={**data, "csrf": csrf}, headers={"referer": "http://testserver/settings"}, follow_redirects=True
    )
    assert response.status_code == 200 and "Traceback" not in response.text
    return response.text


def _new_script(client: TestClient, csrf: str, text: str) -> int:
    _post(client, "/scripts", csrf, text=text)
    return int(client.get("/scripts").text.split('href="/scripts/')[1].split('"')[0])


def test_list_style_is_a_commune_setting_used_by_the_preview(site, client: TestClient) -> None:
    admin_csrf = login(client, "quantri")
    settings = client.get("/settings").text
    assert "Cách đọc mục đánh số" in settings and 'value="mot_la" selected' in settings
    page = _post(client, "/settings/list_style", admin_csrf, list_style="thu_nhat")
    assert "Đã lưu cách đọc mục đánh số" in page and 'value="thu_nhat" selected' in page
    refused = _post(client, "/settings/list_style", admin_csrf, list_style="abc")
    assert "Chọn một cách đọc mục đánh số" in refused

    csrf = login(client, "truongdai")
    script_id = _new_script(
        client, csrf, "KẾ HOẠCH TIÊM CHỦNG\n1. Đối tượng: trẻ em dưới 5 tuổi.\n2. Thời gian: từ ngày 15/3."
    )
    detail = client.get(f"/scripts/{script_id}").text
    assert "Thứ nhất, Đối tượng" in detail and "Thứ hai, Thời gian" in detail


def test_preview_shows_the_removed_pictographs(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    script_id = _new_script(client, csrf, "THÔNG BÁO\n📢 Lịch tiêm phòng dại cho chó mèo ✅ tại nhà văn hóa thôn 2.")
    detail = client.get(f"/scripts/{script_id}").text
    removed = detail.split('id="removed"')[1].split("</p>")[0]
    assert "📢" in removed and "✅" in removed
