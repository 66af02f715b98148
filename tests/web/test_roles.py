"""Every page and API route, for every role: allowed ones pass the check, the others are refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import login

pytestmark = pytest.mark.slow

ALL = {"quantri", "truongdai", "lanhdao", "xem", "admin"}
PRODUCE = {"truongdai"}
APPROVE = {"lanhdao"}
ADMIN = {"quantri", "admin"}
EVERY = ["quantri", "truongdai", "lanhdao", "xem", "admin", "ngoai"]

# (method, path template, form or json body, roles allowed)
PAGES = [
    ("GET", "/", None, ALL | {"ngoai"}),
    ("GET", "/scripts?c={commune}", None, ALL),
    ("GET", "/scripts/{approved}", None, ALL),
    ("GET", "/approvals?c={commune}", None, ALL),
    ("GET", "/schedule?c={commune}&month=2025-09", None, ALL),
    ("GET", "/exports?c={commune}", None, ALL),
    ("GET", "/exports/month/2025-09.csv?c={commune}", None, ALL),
    ("GET", "/exports/month/2025-09.ics?c={commune}", None, ALL),
    ("GET", "/exports/month/2025-09.pdf?c={commune}", None, ALL),
    ("GET", "/reports?c={commune}&from=2025-09&to=2025-09", None, ALL),
    ("GET", "/reports/download.csv?c={commune}&from=2025-09&to=2025-09", None, ALL),
    ("GET", "/reports/download.docx?c={commune}&from=2025-09&to=2025-09", None, ALL),
    ("GET", "/settings?c={commune}", None, ALL),
    ("GET", "/settings/jingles/intro.wav?c={commune}", None, ALL),
    ("GET", "/renders/{render}/audio.mp3", None, ALL),
    ("GET", "/renders/{render}/waveform.png", None, ALL),
    ("GET", "/scripts/{approved}/pages/1.jpg", None, ALL),
    ("GET", "/admin?c={commune}", None, ADMIN),
    ("POST", "/scripts?c={commune}", {"text": "THÔNG BÁO\nBà con chú ý lịch họp thôn tối nay."}, PRODUCE),
    ("POST", "/scripts/{approved}/lexicon", {"written": "HTXNN", "spoken": "hợp tác xã nông nghiệp"}, PRODUCE),
    ("POST", "/scripts/{waiting}/reject", {"reason": "Thiếu ngày"}, APPROVE),
    ("POST", "/scripts/{waiting}/submit", {}, PRODUCE),
    ("POST", "/scripts/{waiting}/approve", {}, APPROVE),
    ("POST", "/scripts/{waiting}/confirm-ocr", {"text": ""}, PRODUCE),
    ("POST", "/scripts/{waiting}/edit", {"text": "BÀI SỬA\nNội dung đã sửa lại cho rõ ràng."}, PRODUCE),
    ("POST", "/schedule/plan?c={commune}", {"month": "2025-09"}, PRODUCE),
    ("POST", "/schedule/items/{item}/lock", {"locked": "true"}, PRODUCE),
    ("POST", "/schedule/move", {"item_id": "{item}", "day": "2025-09-11", "session_id": "2"}, PRODUCE),
    (
        "POST",
        "/schedule/items?c={commune}",
        {"day": "2025-09-20", "session_id": "2", "script_id": "{approved}"},
        PRODUCE,
    ),
    ("POST", "/exports/session?c={commune}", {"day": "2025-09-10", "session_id": "1"}, PRODUCE),
    ("POST", "/exports/loa-keo?c={commune}", {"month": "2025-09"}, PRODUCE),
    ("POST", "/exports/month-pdf?c={commune}", {"month": "2025-09"}, ALL),
    (
        "POST",
        "/settings/commune?c={commune}",
        {
            "don_vi": "Ủy ban nhân dân xã Phúc Lộc",
            "opening_template": "Kính thưa bà con, sau đây là tin của {{don_vi}}.",
            "closing_template": "Xin cảm ơn bà con đã lắng nghe {{don_vi}}!",
            "engine_chain": "gtts,espeak",
            "espeak_voice": "vi",
            "speech_rate": "145",
            "loudness_target": "-16",
            "horn_profile": "true",
        },
        ADMIN,
    ),
    ("POST", "/settings/sessions?c={commune}", {"name": "Buổi trưa", "start": "11:00", "length_min": "15"}, ADMIN),
    ("POST", "/settings/quotas?c={commune}", {"category": "y-te", "minimum": "1", "target": "2"}, ADMIN),
    ("POST", "/settings/quotas/remove?c={commune}", {"category": "cchc"}, ADMIN),
    ("POST", "/settings/sessions/2/remove?c={commune}", {}, ADMIN),
    ("POST", "/settings/lexicon?c={commune}", {"written": "KDC", "spoken": "khu dân cư"}, ADMIN),
    (
        "POST",
        "/admin/users?c={commune}",
        {"username": "moi.{role}", "full_name": "Người mới", "password": "mat-khau-moi-1", "role": "xem"},
        ADMIN,
    ),
    ("POST", "/admin/communes", {"name": "xã Mới {role}"}, {"admin"}),
    ("POST", "/schedule/items/{item}/remove", {}, PRODUCE),
]

API = [
    ("GET", "/api/v1/communes", None, ALL | {"ngoai"}),
    ("GET", "/api/v1/communes/{commune}/scripts", None, ALL),
    ("POST", "/api/v1/communes/{commune}/scripts", {"text": "THÔNG BÁO\nBà con chú ý lịch họp thôn tối nay."}, PRODUCE),
    ("GET", "/api/v1/scripts/{approved}", None, ALL),
    ("GET", "/api/v1/scripts/{approved}/speech", None, ALL),
    ("GET", "/api/v1/scripts/{approved}/renders", None, ALL),
    ("POST", "/api/v1/scripts/{waiting}/reject", {"reason": "Thiếu ngày"}, APPROVE),
    ("POST", "/api/v1/scripts/{waiting}/submit", None, PRODUCE),
    ("POST", "/api/v1/scripts/{waiting}/approve", None, APPROVE),
    ("PUT", "/api/v1/scripts/{waiting}/text", {"text": "BÀI SỬA\nNội dung đã sửa lại cho rõ ràng."}, PRODUCE),
    ("POST", "/api/v1/scripts/{approved}/renders", {"profile": "ip-speaker", "engine": "espeak"}, PRODUCE),
    ("GET", "/api/v1/communes/{commune}/schedule/2025-09", None, ALL),
    ("POST", "/api/v1/communes/{commune}/schedule/2025-09/plan", None, PRODUCE),
    (
        "POST",
        "/api/v1/communes/{commune}/schedule/items",
        {"day": "2025-09-25", "session_id": 1, "script_id": "{approved}"},
        PRODUCE,
    ),
    ("GET", "/api/v1/communes/{commune}/reports?first=2025-09&last=2025-09", None, ALL),
    ("GET", "/api/v1/communes/{commune}/exports/month/2025-09.csv", None, ALL),
    ("DELETE", "/api/v1/schedule/items/{item}", None, PRODUCE),
]


def _fill(value, ids: dict, role: str):
    if isinstance(value, str):
        return value.format(role=role, **ids)
    if isinstance(value, dict):
        return {
            k: (int(_fill(v, ids, role)) if k in ("script_id",) and isinstance(v, str) else _fill(v, ids, role))
            for k, v in value.items()
        }
    return value


def _ordered(allowed: set[str]) -> list[str]:
    # refused roles first, so a successful call cannot change what the refused ones see
    return [r for r in EVERY if r not in allowed] + [r for r in EVERY if r in allowed]


@pytest.mark.parametrize("method, path, body, allowed", PAGES, ids=[f"{m} {p}" for m, p, _, _ in PAGES])
def test_page_roles(site, method: str, path: str, body, allowed: set[str]) -> None:
    from broadcast.api.app import create_app

    ids = site["ids"]
    for role in _ordered(allowed):
        with TestClient(create_app()) as client:
            csrf = login(client, role)
            url = _fill(path, ids, role)
            if method == "GET":
                response = client.get(url, follow_redirects=False)
            else:
                data = {**(_fill(body, ids, role) or {}), "csrf": csrf}
                response = client.post(url, data=data, follow_redirects=False)
            if role in allowed:
                assert response.status_code not in (401, 403), (role, url, response.status_code, response.text[:300])
                assert response.status_code < 500, (role, url, response.text[:300])
            else:
                assert response.status_code == 403, (role, url, response.status_code)
                assert "quyền" in response.text or "vai trò" in response.text or "không thuộc xã" in response.text


@pytest.mark.parametrize("method, path, body, allowed", API, ids=[f"{m} {p}" for m, p, _, _ in API])
def test_api_roles(site, client: TestClient, method: str, path: str, body, allowed: set[str]) -> None:
    ids = site["ids"]
    url = _fill(path, ids, "x")
    anonymous = client.request(method, url, json=_fill(body, ids, "x"))
    assert anonymous.status_code == 401 and "loi" in anonymous.json()
    for role in _ordered(allowed):
        response = client.request(
            method, url, json=_fill(body, ids, role), headers={"Authorization": f"Bearer {site['tokens'][role]}"}
        )
        if role in allowed:
            assert response.status_code not in (401, 403) and response.status_code < 500, (role, response.text[:300])
        else:
            assert response.status_code == 403, (role, url, response.status_code, response.text[:200])


def test_anonymous_pages_redirect_to_login(site, client: TestClient) -> None:
    for path in ("/", "/scripts", "/schedule", "/settings", "/admin"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_csrf_is_required(site, client: TestClient) -> None:
    login(client, "truongdai")
    response = client.post(f"/scripts/{site['ids']['waiting']}/submit", data={}, follow_redirects=False)
    assert response.status_code == 401 and "tải lại trang" in response.text
    token_call = client.post(f"/api/v1/scripts/{site['ids']['waiting']}/submit")  # session cookie, no CSRF header
    assert token_call.status_code == 401


def test_login_is_rate_limited(site, client: TestClient) -> None:
    import re

    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    codes = [
        client.post("/login", data={"username": "xem", "password": "sai-mat-khau", "csrf": csrf}).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    blocked = client.post("/login", data={"username": "xem", "password": "mat-khau-dai-8", "csrf": csrf})
    assert blocked.status_code == 429 and "Vui lòng chờ" in blocked.text


def test_passwords_are_hashed_with_argon2(site) -> None:
    from broadcast import db
    from broadcast.services import users

    with db.session_scope() as session:
        assert users.get_user(session, username="xem").password_hash.startswith("$argon2")


def test_openapi_documents_the_api(site, client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/scripts/{script_id}/approve" in spec["paths"]
    assert client.get("/docs").status_code == 200
