"""Friendly Vietnamese errors on forms, never a stack trace; what the pages show."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import login

pytestmark = pytest.mark.slow


def _post(client: TestClient, url: str, csrf: str, **data) -> str:
    response = client.post(
        url, data={**data, "csrf": csrf}, headers={"referer": "http://testserver/scripts"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Traceback" not in response.text
    return response.text


def test_text_without_tone_marks_is_refused_politely(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    page = _post(client, "/scripts", csrf, text="Bao cao ket qua thuc hien cong tac tuyen truyen CCHC nam 2023")
    assert "không phải tiếng Việt có dấu" in page and "OCR" in page


def test_bad_file_is_refused_politely(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    response = client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": ("bai.docx", b"not a zip", "application/octet-stream")},
        headers={"referer": "http://testserver/scripts"},
        follow_redirects=True,
    )
    assert "không phải tệp Word .docx hợp lệ" in response.text
    fake_txt = client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": ("anh.txt", bytes(range(128, 256)) * 4, "text/plain")},
        headers={"referer": "http://testserver/scripts"},
        follow_redirects=True,
    )
    assert "Không đọc được chữ" in fake_txt.text  # checked by content, not by the name


def test_rule_violation_on_schedule_form(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    ids = site["ids"]
    page = client.post(
        "/schedule/items",
        data={"csrf": csrf, "day": "2025-09-12", "session_id": "2", "script_id": str(ids["approved"])},
        headers={"referer": "http://testserver/schedule?month=2025-09"},
        follow_redirects=True,
    ).text
    assert "Không thể sửa lịch như vậy" in page and "chưa đủ 5 ngày" in page


def test_dashboard_and_schedule_show_quota_badges(site, client: TestClient) -> None:
    login(client, "xem")
    schedule = client.get("/schedule?month=2025-09").text
    assert "CCHC 1/3 — chưa đạt tối thiểu" in schedule
    assert "mới xếp được 1/2 bài CCHC" in schedule
    home = client.get("/").text
    assert "Chỉ tiêu tháng này" in home and "Chờ lãnh đạo duyệt" in home


def test_preview_highlights_changes_and_unknown_abbreviations(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    _post(client, "/scripts", csrf, text="THÔNG BÁO\nHTXTMDV thôn 3 họp lúc 14h30 ngày 03/02/2025 tại nhà văn hóa.")
    page = client.get("/scripts").text
    script_id = int(page.split('href="/scripts/')[1].split('"')[0])
    detail = client.get(f"/scripts/{script_id}").text
    assert '<mark class="change unknown"' in detail and "HTXTMDV" in detail
    assert "mười bốn giờ ba mươi" in detail and "Thêm vào từ điển" in detail
    _post(client, f"/scripts/{script_id}/lexicon", csrf, written="HTXTMDV", spoken="hợp tác xã thương mại dịch vụ")
    assert "hợp tác xã thương mại dịch vụ thôn ba" in client.get(f"/scripts/{script_id}").text


def test_waveform_and_audio_are_served(site, client: TestClient) -> None:
    login(client, "xem")
    rid = site["ids"]["render"]
    audio = client.get(f"/renders/{rid}/audio.mp3")
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg" and len(audio.content) > 10_000
    png = client.get(f"/renders/{rid}/waveform.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_reports_page_has_svg_chart(site, client: TestClient) -> None:
    login(client, "lanhdao")
    page = client.get("/reports?from=2025-09&to=2025-09").text
    assert "<svg" in page and "Số lượt phát theo tháng" in page and "Cải cách hành chính" in page
