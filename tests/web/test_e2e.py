"""The whole story in real headless Chromium (Playwright), with screenshots of every page at
desktop and phone widths under test-output/screenshots/."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from broadcast import db
from broadcast.services import users
from tests.conftest import make_docx

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PASSWORD = "mat-khau-dai-8"
DOCX = [
    [
        "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH SỐ 1",
        "Kính thưa bà con và các bạn, sau đây là nội dung tuyên truyền của UBND xã Tân Lập.",
        "Từ ngày 01/7/2024, người dân có thể nộp hồ sơ TTHC trực tuyến tại cổng dichvucong.gov.vn.",
        "Bài tuyên truyền của UBND xã Tân Lập đến đây là hết, xin cảm ơn bà con và các bạn đã chú ý lắng nghe!",
        "Ghi chú: (thực hiện phát trên đài truyền thanh và loa kéo đến các thôn)",
    ],
    [
        "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH SỐ 2",
        "Bộ phận một cửa của UBND xã tiếp nhận hồ sơ từ 7 giờ 30 đến 17 giờ các ngày làm việc.",
        "Mọi thắc mắc xin gọi đường dây nóng 0987.654.321.",
        "Ghi chú: phát trên đài truyền thanh và loa kéo",
    ],
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(offline):
    import uvicorn

    from broadcast.api.app import create_app

    with db.session_scope() as session:
        users.create_user(session, username="admin", password=PASSWORD, full_name="Quản trị hệ thống", superadmin=True)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chưa có Chromium (/usr/bin/chromium): make test cài gói Debian «chromium»")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 360, "height": 740})):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        if label == "phone":  # readable at 360 px: nothing wider than the screen
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 380, f"{name} is {width}px wide on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _logout(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def test_whole_story(server: str, browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # 1. the administrator creates the commune and its users
    _login(page, server, "admin")
    _shoot(page, "01-tong-quan-trong")
    page.goto(f"{server}/admin")
    page.get_by_label("Tên xã").fill("xã Tân Lập")
    page.get_by_role("button", name="Thêm xã").click()
    page.wait_for_selector("text=Đã thêm xã Tân Lập")
    for username, full, title, role in (
        ("truongdai", "Phạm Trọng Dũng", "", "truong-dai"),
        ("lanhdao", "Ma Thịnh Giáp", "Chủ tịch UBND xã", "lanh-dao"),
    ):
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Họ tên").fill(full)
        page.get_by_label("Chức vụ").fill(title)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_label("Vai trò").select_option(role)
        page.get_by_role("button", name="Tạo tài khoản").click()
        page.wait_for_selector(f"text=Đã tạo tài khoản {username}")
    _shoot(page, "02-quan-tri")
    _logout(page)

    # 2. the station head uploads two Word files
    _login(page, server, "truongdai")
    ids = []
    for n, paragraphs in enumerate(DOCX, 1):
        path = tmp_path / f"bai-{n}.docx"
        path.write_bytes(make_docx(paragraphs))
        page.goto(f"{server}/scripts")
        page.set_input_files("#file", str(path))
        page.get_by_role("button", name="Nhận bài").click()
        page.wait_for_url(re.compile(r".*/scripts/\d+$"))
        ids.append(int(page.url.rsplit("/", 1)[1]))
        if n == 1:
            assert page.get_by_text("Bài tuyên truyền về cải cách hành chính số 1").first.is_visible()
            assert page.locator("mark.change").count() >= 3  # what the voice will read, highlighted
            assert (
                "ủy ban nhân dân" in page.locator(".spoken").first.inner_text() or "ủy ban nhân dân" in page.content()
            )
            _shoot(page, "03-bai-vua-nhan")
        page.get_by_role("button", name="Gửi lãnh đạo duyệt").click()
        page.wait_for_selector("text=Đã gửi lãnh đạo duyệt")
    page.goto(f"{server}/scripts")
    _shoot(page, "04-danh-sach-bai")
    _logout(page)

    # 3. the leader approves exactly that text
    _login(page, server, "lanhdao")
    page.goto(f"{server}/approvals")
    _shoot(page, "05-phe-duyet")
    for sid in ids:
        page.goto(f"{server}/scripts/{sid}")
        page.get_by_role("button", name="Duyệt bài").click()
        page.wait_for_selector("text=Đã duyệt đúng nội dung này")
    _logout(page)

    # 4. the station head renders and hears it
    _login(page, server, "truongdai")
    for sid in ids:
        page.goto(f"{server}/scripts/{sid}")
        page.get_by_label("Giọng đọc").select_option("espeak")
        # the approval already started a render in the background: wait for the page's own
        # render to finish (the page reloads), not just for any audio to be there
        with page.expect_navigation(timeout=120_000):
            page.get_by_role("button", name="Dựng âm thanh").click()
        page.wait_for_selector("audio", timeout=120_000)
    page.locator("audio").first.scroll_into_view_if_needed()
    duration = page.evaluate("""() => new Promise((ok, fail) => {
        const a = document.querySelector('.render audio');
        if (a.readyState >= 1 && a.duration > 0) return ok(a.duration);
        a.addEventListener('loadedmetadata', () => ok(a.duration));
        a.addEventListener('error', () => fail('không giải mã được'));
        a.load(); })""")
    assert duration > 5
    page.wait_for_function("() => document.querySelector('img.wave').complete", timeout=60_000)  # renders run beside
    assert page.locator("img.wave").first.evaluate("i => i.complete && i.naturalWidth > 0")
    _shoot(page, "06-dung-am-thanh")

    # 5. plans the month and sees CCHC meet its quota
    month = datetime.now().strftime("%Y-%m")
    page.goto(f"{server}/schedule?month={month}")
    page.get_by_role("button", name="Tự xếp lịch tháng").click()
    page.wait_for_selector("text=Đã tự xếp")
    badge = page.locator(".badge").first.inner_text()
    assert badge.startswith("CCHC 2/3") and "đạt tối thiểu" in badge
    _shoot(page, "07-lich-phat-song")
    page.goto(f"{server}/")
    _shoot(page, "08-tong-quan")

    # 6. downloads the loa kéo ZIP and the printable schedule
    page.goto(f"{server}/exports?month={month}")
    _shoot(page, "09-xuat")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Tải gói loa kéo")).click()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    names = archive.namelist()
    assert names[:2] == [n for n in names if n.endswith(".mp3")] and names[0].startswith("0001_")
    assert "DANH_SACH.txt" in names
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Bản in lịch phát sóng")).click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    page.goto(f"{server}/reports")
    _shoot(page, "10-bao-cao")
    page.goto(f"{server}/settings")
    _shoot(page, "11-cai-dat")
    assert not errors, errors
