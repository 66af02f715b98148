"""A station head on a 360 px phone in real headless Chromium: uploads a photo of the signed
paper, waits while a background job reads it (as in a province), checks the text beside
the page image with the doubtful words marked, corrects it and confirms, and only then
sends it for approval (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from broadcast import db
from broadcast.models import Role
from broadcast.services import communes, ocr_jobs, users
from tests.intake.scan_pages import phone_photo, render_text_page
from tests.web.test_e2e import PASSWORD, _login, _new_page, browser, check, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
LINES = [
    "BÀI TUYÊN TRUYỀN VỀ PHÒNG CHỐNG BÃO LŨ",
    "Người dân cần chằng chống nhà cửa, cắt tỉa cành cây",
    "và chuẩn bị lương thực, nước uống trước mùa mưa bão.",
    "Khi có lệnh sơ tán, bà con hãy di chuyển đến nơi an toàn.",
]


def test_photo_upload_review_confirm_on_phone(
    server: str,  # noqa: F811
    browser,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr_jobs, "in_background", lambda settings, filename, data: True)  # a province's worker
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Tân Lập")
        head = users.create_user(session, username="truongdai", password=PASSWORD, full_name="Phạm Trọng Dũng")
        users.set_role(session, user_id=head.id, commune_id=commune.id, role=Role.TRUONG_DAI)
    photo = tmp_path / "ban-giay.jpg"
    photo.write_bytes(phone_photo(render_text_page(LINES), seed=7, angle=1.2))
    page, errors = _new_page(browser)
    _login(page, server, "truongdai")

    page.goto(f"{server}/scripts")
    page.set_input_files("#file", str(photo))
    page.get_by_role("button", name="Nhận bài").click()
    page.wait_for_selector("text=Đang đọc bản chụp…")
    assert page.locator("#ocr-job progress").is_visible()
    page.wait_for_url(re.compile(r".*/scripts/\d+#ocr$"), timeout=120_000)  # the page refreshes itself
    page.wait_for_selector("text=Đã đọc xong")

    review = page.locator("#ocr")
    assert review.get_by_role("heading", name="Kiểm tra chữ đọc từ ảnh").is_visible()
    marks = review.locator("mark.ocr-low[title^='Độ tin cậy']")
    assert marks.count() > 0
    image = review.locator("img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    box = image.bounding_box()
    assert box is not None and box["width"] <= 360  # the page image fits the phone's width
    send = page.get_by_role("button", name="Gửi lãnh đạo duyệt")
    assert send.is_disabled() and page.locator("#submit-why").is_visible()
    check(page, "ocr-01-kiem-tra-chu")

    page.locator("#ocr-text").fill("\n".join(LINES))
    page.get_by_role("button", name="Tôi đã đối chiếu với bản giấy").click()
    page.wait_for_selector("text=Đã lưu bản sửa và xác nhận")
    assert "Đã đối chiếu với bản giấy (Phạm Trọng Dũng)" in page.locator("#ocr").inner_text()
    assert "chằng chống nhà cửa" in page.locator("#text").inner_text()
    check(page, "ocr-02-da-doi-chieu")
    send = page.get_by_role("button", name="Gửi lãnh đạo duyệt")
    assert send.is_enabled()
    send.click()
    page.wait_for_selector(".status.cho-duyet")
    assert not errors, errors
