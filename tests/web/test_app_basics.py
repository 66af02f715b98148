"""The app starts, answers its health check, serves its own assets (no CDN), and sends visitors to log in."""

from __future__ import annotations

from fastapi.testclient import TestClient

from broadcast.api.app import create_app


def test_health_assets_and_login_redirect(settings) -> None:
    client = TestClient(create_app())
    assert client.get("/healthz").json() == {"trang_thai": "ok"}
    assert client.get("/static/app.css").status_code == 200 and client.get("/static/app.js").status_code == 200
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 303 and home.headers["location"].startswith("/login")
    login = client.get("/login")
    assert 'lang="vi"' in login.text and "Đăng nhập" in login.text
    assert "http://" not in login.text.replace("http://testserver", "") and "cdn" not in login.text.lower()
    missing = client.get("/khong-co-trang-nay")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.text
