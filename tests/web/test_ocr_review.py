"""A phone photo of a signed script, uploaded through the web page and read by the real
Tesseract: the draft is marked as read from an image, the review page shows the page
image beside the text with the doubtful words marked, and it cannot be sent for approval
until the station head has checked it against the paper (issue 17)."""

from __future__ import annotations

import html
import re
import time
from functools import cache

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.api.app import create_app
from broadcast.models import Script, ScriptStatus
from broadcast.models_jobs import BackgroundJob
from broadcast.services import ocr_jobs
from broadcast.services import scripts as scripts_svc
from tests.intake.scan_pages import phone_photo, render_text_page
from tests.web.conftest import login

pytestmark = pytest.mark.slow
LINES = [
    "BÀI TUYÊN TRUYỀN VỀ PHÒNG CHỐNG BÃO LŨ",
    "Người dân cần chằng chống nhà cửa, cắt tỉa cành cây",
    "và chuẩn bị lương thực, nước uống trước mùa mưa bão.",
    "Khi có lệnh sơ tán, bà con hãy di chuyển đến nơi an toàn.",
]
CORRECTED = "\n".join(LINES)
REFERER = {"referer": "http://testserver/scripts"}


@cache
def photo() -> bytes:
    return phone_photo(render_text_page(LINES), seed=7, angle=1.2)


def _upload(client: TestClient, csrf: str, data: bytes, name: str = "trang-1.jpg"):
    return client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": (name, data, "image/jpeg")},
        headers=REFERER,
        follow_redirects=False,
    )


def _script(script_id: int) -> Script:
    with db.session_scope() as session:
        script = session.get(Script, script_id)
        assert script is not None
        return script


def _marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<mark class="ocr-low" title="Độ tin cậy (\d+)%">([^<]*)</mark>', html)


def test_photo_upload_review_confirm_submit(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    uploaded = _upload(client, csrf, photo())
    assert uploaded.status_code == 303, uploaded.text[:300]
    script_id = int(re.fullmatch(r"/scripts/(\d+)", uploaded.headers["location"]).group(1))
    script = _script(script_id)
    assert script.read_from_image and script.ocr_confirmed_at is None and script.ocr_data is not None

    page = client.get(f"/scripts/{script_id}").text
    assert "hãy đối chiếu chữ với bản giấy" in page  # the upload's message
    assert 'id="ocr"' in page and "Tôi đã đối chiếu với bản giấy" in page
    with db.session_scope() as session:
        review = scripts_svc.ocr_review(session, site["settings"], script_id=script_id)
        assert review is not None
        expected = [(f"{conf:.0f}", piece) for piece, conf in review.segments() if conf is not None]
    assert expected, "the photo should leave some doubtful words to check"
    assert [(c, html.unescape(t)) for c, t in _marks(page)] == expected
    assert all(float(c) < site["settings"].ocr_low_confidence for c, _ in expected)
    assert f"{len(expected)} chữ dưới {site['settings'].ocr_low_confidence:.0f}% được" in page
    assert f'src="/scripts/{script_id}/pages/1.jpg"' in page
    # sending for approval: no button to press yet, and the server refuses it anyway
    assert re.search(r'<button type="button" class="primary" disabled[^>]*>Gửi lãnh đạo duyệt', page)
    assert f'action="/scripts/{script_id}/submit"' not in page
    refused = client.post(f"/scripts/{script_id}/submit", data={"csrf": csrf}, headers=REFERER, follow_redirects=True)
    assert "chưa gửi duyệt được" in refused.text
    assert _script(script_id).status == ScriptStatus.NHAP

    image = client.get(f"/scripts/{script_id}/pages/1.jpg")
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content.startswith(b"\xff\xd8") and len(image.content) > 10_000
    assert client.get(f"/scripts/{script_id}/pages/2.jpg").status_code == 404
    assert client.get(f"/scripts/{script_id + 1000}/pages/1.jpg").status_code == 404
    assert client.get(f"/scripts/{site['ids']['approved']}/pages/1.jpg").status_code == 404  # a typed script

    confirmed = client.post(
        f"/scripts/{script_id}/confirm-ocr",
        data={"csrf": csrf, "text": CORRECTED},
        headers=REFERER,
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    script = _script(script_id)
    assert script.ocr_confirmed_by == "Người truongdai" and script.ocr_confirmed_at is not None
    assert "chằng chống nhà cửa" in script.body and "nơi an toàn" in script.body
    page = client.get(f"/scripts/{script_id}").text
    assert "Đã đối chiếu với bản giấy (Người truongdai)" in page and 'id="ocr-confirm"' not in page
    sent = client.post(f"/scripts/{script_id}/submit", data={"csrf": csrf}, headers=REFERER, follow_redirects=False)
    assert sent.status_code == 303 and _script(script_id).status == ScriptStatus.CHO_DUYET

    # other people: the commune's viewer sees the image; another commune's user and no one else do
    with TestClient(create_app()) as viewer:
        login(viewer, "xem")
        assert viewer.get(f"/scripts/{script_id}/pages/1.jpg").status_code == 200
        assert "Tôi đã đối chiếu" not in viewer.get(f"/scripts/{script_id}").text
    with TestClient(create_app()) as outsider:
        login(outsider, "ngoai")
        refused_image = outsider.get(f"/scripts/{script_id}/pages/1.jpg")
        assert refused_image.status_code == 403 and not refused_image.content.startswith(b"\xff\xd8")
    with TestClient(create_app()) as anonymous:
        assert anonymous.get(f"/scripts/{script_id}/pages/1.jpg", follow_redirects=False).status_code == 303


def test_unchanged_text_confirms_without_an_edit(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    script_id = int(_upload(client, csrf, photo()).headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/scripts/{script_id}").text
    shown = html.unescape(
        re.search(r'<textarea id="ocr-text" name="text" rows="12">(.*?)</textarea>', page, re.S).group(1)
    )
    before = _script(script_id)
    response = client.post(
        f"/scripts/{script_id}/confirm-ocr",
        data={"csrf": csrf, "text": shown.replace("\n", "\r\n")},
        headers=REFERER,
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = _script(script_id)
    assert after.version == before.version and after.body == before.body and after.ocr_confirmed_at is not None
    with db.session_scope() as session:
        actions = [e.action for e in scripts_svc.events(session, script_id=script_id)]
    assert actions == ["tao", "xac-nhan-ocr"]


def test_province_reads_the_photo_in_a_background_job(site, client: TestClient, monkeypatch) -> None:
    # The province's queue (procrastinate) needs PostgreSQL; the job and its page are the same
    # with the in-process pool, which runs the same task function.
    monkeypatch.setattr(ocr_jobs, "in_background", lambda settings, filename, data: True)
    csrf = login(client, "truongdai")
    queued = _upload(client, csrf, photo())
    assert queued.status_code == 303
    waiting_url = queued.headers["location"]
    job_id = int(re.fullmatch(r"/ocr-jobs/(\d+)", waiting_url).group(1))
    with TestClient(create_app()) as outsider:
        login(outsider, "ngoai")
        assert outsider.get(waiting_url).status_code == 403
    deadline = time.monotonic() + 120
    while True:
        response = client.get(waiting_url, follow_redirects=False)
        if response.status_code == 303:
            break
        assert response.status_code == 200 and "Đang đọc bản chụp…" in response.text
        assert response.headers["refresh"] == "2" and "<progress" in response.text
        assert time.monotonic() < deadline, "the OCR job did not finish"
        time.sleep(0.5)
    target = response.headers["location"]
    script_id = int(re.fullmatch(r"/scripts/(\d+)#ocr", target).group(1))
    page = client.get(target).text
    assert "Đã đọc xong" in page and _marks(page) and "Tôi đã đối chiếu với bản giấy" in page
    with db.session_scope() as session:
        job = session.get(BackgroundJob, job_id)
        assert job is not None and job.kind == "ocr-intake" and job.result["script_id"] == script_id
    assert _script(script_id).read_from_image
    assert not list((site["settings"].scripts_dir / ".cho-doc").iterdir())  # the waiting file is gone


def test_background_job_reports_an_unreadable_photo(site, client: TestClient, monkeypatch) -> None:
    from PIL import Image

    from tests.intake.scan_pages import A4

    monkeypatch.setattr(ocr_jobs, "in_background", lambda settings, filename, data: True)
    csrf = login(client, "truongdai")
    blank = phone_photo(Image.new("L", A4, 255), seed=1)
    waiting_url = _upload(client, csrf, blank, "trang-trang.jpg").headers["location"]
    deadline = time.monotonic() + 120
    while "Đang đọc bản chụp…" in (page := client.get(waiting_url).text):
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert "Không đọc được bản chụp" in page and 'role="alert"' in page and "Traceback" not in page
    assert not list((site["settings"].scripts_dir / ".cho-doc").iterdir())


def test_upload_refusals_are_clear(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    not_image = client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": ("trang.jpg", b"\xff\xd8\xff\xe0 this is not really a JPEG", "image/jpeg")},
        headers=REFERER,
        follow_redirects=True,
    )
    assert "Không mở được ảnh «trang.jpg»" in not_image.text and "Traceback" not in not_image.text
    page = client.get("/scripts").text
    assert 'accept=".docx,.txt,.md,.pdf,.jpg,.jpeg,.png,.heic"' in page


def test_two_page_scanned_pdf_shows_both_pages_and_too_many_pages_are_refused(
    site, client: TestClient, monkeypatch
) -> None:
    from broadcast.config import get_settings
    from tests.intake.scan_pages import render_text_page, scanned_pdf

    pages = [render_text_page(LINES[:2]), render_text_page(LINES[2:])]
    pdf = scanned_pdf(pages)
    csrf = login(client, "truongdai")
    response = client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": ("ban-quet.pdf", pdf, "application/pdf")},
        headers=REFERER,
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    script_id = int(response.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/scripts/{script_id}").text
    for number in (1, 2):
        assert f'src="/scripts/{script_id}/pages/{number}.jpg"' in page
        assert client.get(f"/scripts/{script_id}/pages/{number}.jpg").content.startswith(b"\xff\xd8")
    body = _script(script_id).body
    assert body.index("nhà cửa") < body.index("nơi an toàn")  # pages in order

    monkeypatch.setenv("BROADCAST_MAX_SCAN_PAGES", "1")
    get_settings.cache_clear()
    refused = client.post(
        "/scripts",
        data={"csrf": csrf},
        files={"file": ("ban-quet.pdf", pdf, "application/pdf")},
        headers=REFERER,
        follow_redirects=True,
    )
    assert "Tệp PDF «ban-quet.pdf» có 2 trang (giới hạn 1). Hãy tách thành nhiều tệp." in refused.text


def test_an_iphone_heic_photo_is_accepted(site, client: TestClient) -> None:
    import io

    from PIL import Image

    from broadcast.intake.images import register_heif

    register_heif()
    heic = io.BytesIO()
    Image.open(io.BytesIO(photo())).save(heic, "HEIF", quality=85)
    csrf = login(client, "truongdai")
    response = _upload(client, csrf, heic.getvalue(), "IMG_0001.HEIC")
    assert response.status_code == 303, response.text[:300]
    script = _script(int(response.headers["location"].rsplit("/", 1)[1]))
    assert script.read_from_image and "an toàn" in script.body
