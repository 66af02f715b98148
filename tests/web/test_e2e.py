"""A month of work in real headless Chromium (Playwright) on a 360 px phone, one story per
role (the station head with the administrator's part; the leader). On every page: no
sideways scrolling, no internal code in the text, errors shown as errors, no serious or
critical accessibility problem (axe-core, shipped inside the PyPI package
axe-playwright-python), and screenshots at 360 and 1280 px under test-output/screenshots/."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
import zipfile
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from broadcast import db
from broadcast.services import communes, scripts, users
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


PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Codes that must never reach a person's eyes (case matters: "CCHC" is a word people use).
FORBIDDEN = [
    re.compile(p)
    for p in (
        r"\bcchc\b",
        r"\bkhac\b",
        r"dai, loa-keo",
        r"\bstation\b",
        r"\bloa-keo\b",
        r"\bip-speaker\b",
        r"\b(19|20)\d\d-[01]\d\b",
        r"gtts,espeak",
        r"\bgtts\b",
        r"vi-vn-x-",
        r"\bdaily\b",
        r"\{don_vi\}",
        r"\bfull_name\b",
        r"\b[0-9a-f]{12,}\b",
        r"\bNone\b",
        r"Buổi Buổi",
    )
]


def _axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


def check(page, name: str) -> None:
    """The checks every page passes on a phone, then screenshots at both widths."""
    page.set_viewport_size(PHONE)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{name}: {width}px wide on a 360px phone"
    text = page.locator("body").inner_text()
    found = [p.pattern for p in FORBIDDEN if p.search(text)]
    assert not found, f"{name}: internal codes on screen {found}"
    for box in page.locator(".flash").all():  # an error is never dressed as a success
        words = box.inner_text()
        if "Lỗi:" in words:
            assert "error" in (box.get_attribute("class") or "") and box.get_attribute("role") == "alert"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: accessibility {bad}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)


def expect_error(page, words: str) -> None:
    box = page.locator(".flash.error[role=alert]")
    box.wait_for()
    assert words in box.inner_text()


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _logout(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r".*/login.*"))


def _new_page(browser):
    page = browser.new_page(viewport=PHONE, accept_downloads=True, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def test_station_head_month_on_phone(server: str, browser, tmp_path: Path) -> None:
    page, errors = _new_page(browser)

    # The administrator sets up the commune (with a typo in its name, fixed later) and the users.
    _login(page, server, "admin")
    check(page, "01-tong-quan-trong")
    page.goto(f"{server}/admin")
    page.locator("#cname").fill("xã Tân Lâp")
    page.get_by_role("button", name="Thêm xã").click()
    page.wait_for_selector("text=Đã thêm xã Tân Lâp")
    page.locator("#uname").fill("Trưởng Đài")  # a mistake: accents in a log-in name
    page.locator("#ufull").fill("Phạm Trọng Dũng")
    page.locator("#upass").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect_error(page, "Tên đăng nhập gồm")
    assert page.locator("#ufull").input_value() == "Phạm Trọng Dũng"  # what was typed is still there
    check(page, "02-quan-tri-loi")
    for username, full, title, role in (
        ("truongdai", "Phạm Trọng Dũng", "", "truong-dai"),
        ("lanhdao", "Ma Thịnh Giáp", "Chủ tịch UBND xã", "lanh-dao"),
        ("canbo", "Lý Văn Cán", "", "xem"),
    ):
        page.locator("#uname").fill(username)
        page.locator("#ufull").fill(full)
        page.locator("#utitle").fill(title)
        page.locator("#upass").fill(PASSWORD)
        page.locator("#urole").select_option(role)
        page.get_by_role("button", name="Tạo tài khoản").click()
        page.wait_for_selector(f"text=Đã tạo tài khoản {username}")
    page.locator("#rename").fill("xã Tân Lập")
    page.get_by_role("button", name="Đổi tên xã").click()
    page.wait_for_selector("text=Đã đổi tên xã thành «xã Tân Lập»")
    canbo = page.locator("details.user-row", has_text="Lý Văn Cán")
    canbo.locator("summary").click()
    canbo.get_by_label("Chức vụ").fill("Văn phòng UBND xã")
    canbo.get_by_role("button", name="Lưu thông tin").click()
    page.wait_for_selector("text=Đã lưu thông tin của Lý Văn Cán")
    canbo = page.locator("details.user-row", has_text="Lý Văn Cán")
    canbo.locator("summary").click()
    canbo.get_by_label(re.compile("Mật khẩu mới")).fill("moi-mat-khau-9")
    canbo.get_by_role("button", name="Đặt mật khẩu mới").click()
    page.wait_for_selector("text=Đã đặt mật khẩu mới cho Lý Văn Cán")
    canbo = page.locator("details.user-row", has_text="Lý Văn Cán")
    canbo.locator("summary").click()
    canbo.get_by_role("button", name="Khóa tài khoản").click()
    page.wait_for_selector("text=Đã khóa tài khoản của Lý Văn Cán")
    assert page.locator("details.user-row", has_text="Lý Văn Cán").get_by_text("đã khóa").is_visible()
    check(page, "02-quan-tri")
    _logout(page)

    # The station head: a mistake first (text without diacritics), kept in the form, then the Word files.
    _login(page, server, "truongdai")
    check(page, "03-tong-quan-truong-dai")
    page.goto(f"{server}/scripts")
    page.get_by_role("button", name="Nhận bài").click()
    expect_error(page, "Hãy chọn tệp bài")
    unaccented = "BAI TUYEN TRUYEN VE CAI CACH HANH CHINH\nNguoi dan nop ho so truc tuyen tai cong dich vu cong."
    page.locator("#text").fill(unaccented)
    page.get_by_role("button", name="Nhận bài").click()
    expect_error(page, "không phải tiếng Việt có dấu")
    assert page.locator("#text").input_value().replace("\r", "") == unaccented
    check(page, "04-nhan-bai-loi")
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
            assert page.locator("mark.change").count() >= 3
            assert not page.locator("details#doc").get_attribute("open")  # what the voice reads: folded
            check(page, "05-bai-vua-nhan")
            page.get_by_text("Sửa nội dung").click()
            text = page.locator("#edit-text").input_value()
            page.locator("#edit-text").fill(text.replace("Tân Lập.", "Tân Lập, huyện Sơn Dương."))
            page.get_by_role("button", name="Lưu").click()
            page.wait_for_selector("text=Đã lưu nội dung mới")
        page.get_by_role("button", name="Gửi lãnh đạo duyệt").click()
        page.wait_for_selector("text=Đã gửi lãnh đạo duyệt")
        assert page.locator(".meta .status").inner_text() == "Chờ duyệt"  # fresh state, no reload needed
    page.goto(f"{server}/scripts")
    check(page, "06-danh-sach-bai")

    # (The leader approves in the other story; here the approvals are recorded directly.)
    with db.session_scope() as session:
        for sid in ids:
            scripts.approve(
                session,
                script_id=sid,
                by="Ma Thịnh Giáp",
                chuc_vu="Chủ tịch UBND xã",
                text_hash=scripts.fingerprint(session, script_id=sid),
            )

    # Render with the offline voice, see the result also after a reload, download the MP3.
    for sid in reversed(ids):  # the last with the commune's voices: online first, offline when there is no network
        page.goto(f"{server}/scripts/{sid}")
        if sid != ids[0]:
            page.locator("#engine").select_option("espeak")
        page.get_by_role("button", name="Dựng âm thanh").click()
        page.wait_for_selector(".render audio", timeout=120_000)
        page.wait_for_selector("text=Đã dựng xong")
    page.reload()
    assert page.get_by_text("Đã dựng xong").is_visible()  # the result survives a reload
    assert page.locator(".warnbox").first.is_visible()  # the offline voice is said plainly
    wave = page.locator("img.wave").first
    wave.scroll_into_view_if_needed()
    wave.evaluate("i => i.decode()")
    assert wave.evaluate("i => i.naturalWidth") > 0 and wave.bounding_box()["height"] >= 80  # a real waveform
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Tải MP3")).first.click()
    mp3 = Path(info.value.path()).read_bytes()
    assert mp3[:3] == b"ID3" or mp3[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")
    check(page, "07-dung-am-thanh")

    # Plan the month: fewer pieces than the target, and the page says why.
    month = datetime.now().strftime("%Y-%m")
    page.goto(f"{server}/schedule?month={month}")
    page.get_by_role("button", name="Tự xếp lịch tháng").click()
    page.wait_for_selector("text=Đã tự xếp")
    note = page.locator(".flash").inner_text()
    assert "chỉ có 2 bài phát được" in note, note
    assert page.locator(".item").count() == 3  # two pieces, one aired again up to the target of three
    assert page.get_by_text("Thứ Hai").first.is_visible()
    check(page, "08-lich-phat-song")
    first = page.locator(".item").first
    title = first.locator(".item-title").inner_text()
    first.get_by_role("link", name=re.compile("^Chuyển")).click()
    check(page, "09-chuyen-buoi")
    page.locator("#move_session").select_option(index=1)
    page.get_by_role("button", name="Chuyển").click()
    page.wait_for_selector("text=Đã chuyển bài")
    page.locator(".item").first.get_by_role("link", name=re.compile("^Bỏ")).click()
    assert page.get_by_role("heading", name="Bỏ bài khỏi lịch?").is_visible()  # asks first
    check(page, "10-bo-khoi-lich")
    page.get_by_role("button", name="Bỏ khỏi lịch").click()
    page.wait_for_selector("text=Đã bỏ bài khỏi lịch")
    assert page.locator(".item").count() == 2 and title

    page.goto(f"{server}/")
    check(page, "11-tong-quan")
    page.goto(f"{server}/exports?month={month}")
    check(page, "12-xuat")
    page.get_by_role("button", name=re.compile("Tải gói loa kéo")).click()  # a job builds the ZIP
    page.wait_for_selector("#export-download", timeout=90_000)  # the page refreshes itself until it is ready
    check(page, "12b-goi-loa-keo-san-sang")
    with page.expect_download() as info:
        page.locator("#export-download").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert "DANH_SACH.txt" in archive.namelist()
    assert len([n for n in archive.namelist() if n.endswith(".mp3")]) == 2
    page.goto(f"{server}/reports")
    assert page.get_by_role("heading", name=re.compile("Số lượt phát mỗi tháng")).is_visible()
    assert page.locator(".chart svg text", has_text=re.compile(r"^Tháng \d+/\d{4}$")).count() >= 2
    check(page, "13-bao-cao")
    page.goto(f"{server}/settings")
    check(page, "14-cai-dat")
    assert not errors, errors


def _leader_site(offline) -> dict:
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Phúc Lộc")
        leader = users.create_user(
            session, username="lanhdao", password=PASSWORD, full_name="Ma Thịnh Giáp", title="Chủ tịch UBND xã"
        )
        users.set_role(session, user_id=leader.id, commune_id=commune.id, role=users.Role.LANH_DAO)
        body = "\n".join(DOCX[0][1:4] + DOCX[1][1:3])
        made = []
        for n in (1, 2):
            script, _ = scripts.add_script_text(
                session,
                offline,
                commune_id=commune.id,
                text=f"BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH SỐ {n} 📢\n{body}\nGhi chú: phát trên đài truyền thanh và loa kéo\n",
                meta=scripts.ScriptMeta(month=datetime.now().strftime("%Y-%m"), category="cchc"),
            )
            scripts.submit(session, script_id=script.id)
            made.append(script.id)
        scripts.reject(session, script_id=made[1], reason="Ghi rõ giờ làm việc buổi chiều.", by="Ma Thịnh Giáp")
        scripts.edit_script_text(
            session,
            offline,
            script_id=made[1],
            text=scripts.get_script(session, script_id=made[1]).title.upper()
            + "\n"
            + body.replace("17 giờ", "17 giờ 30"),
        )
        scripts.submit(session, script_id=made[1])
    return {"scripts": made}


def test_leader_week_on_phone(server: str, browser, offline) -> None:
    site = _leader_site(offline)
    page, errors = _new_page(browser)
    _login(page, server, "lanhdao")
    check(page, "20-tong-quan-lanh-dao")
    page.goto(f"{server}/approvals")
    check(page, "21-phe-duyet")
    first, second = site["scripts"]

    # The returned and corrected piece: title, then the text, buttons in reach without scrolling.
    page.goto(f"{server}/scripts/{second}")
    heading = page.locator("h1")
    assert "📢" not in heading.inner_text()  # no empty boxes for emoji
    text_box = page.locator("#text").bounding_box()
    assert heading.bounding_box()["y"] < text_box["y"]
    for name in ("Duyệt bài", "Trả lại"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{name} out of reach: {box}"
    assert not page.locator("details#doc").get_attribute("open")
    assert page.locator(".written").count() == len(set(page.locator(".written").all_inner_texts()))
    check(page, "22-duyet-tren-dien-thoai")

    # Returning without a reason is an error, shown as one; then with a reason.
    page.get_by_role("button", name="Trả lại").click()
    expect_error(page, "lý do")
    check(page, "23-tra-lai-thieu-ly-do")
    page.locator("#reason").fill("Cần thêm số điện thoại của bộ phận một cửa.")
    page.get_by_role("button", name="Trả lại").click()
    page.wait_for_selector("text=Đã trả lại bài kèm lý do")
    assert page.locator(".meta .status").inner_text() == "Trả lại"  # fresh state at once

    page.goto(f"{server}/scripts/{first}")
    page.get_by_role("button", name="Duyệt bài").click()
    page.wait_for_selector("text=Đã duyệt đúng nội dung này")
    assert page.locator(".meta .status").inner_text() == "Đã duyệt"
    assert page.get_by_text("dấu vân nội dung").is_visible()  # the fingerprint: short and labelled
    check(page, "24-da-duyet")
    page.goto(f"{server}/schedule")
    check(page, "25-lich-lanh-dao")
    page.goto(f"{server}/reports")
    check(page, "26-bao-cao-lanh-dao")
    assert not errors, errors
