"""The web app answers with a Vietnamese page and a JSON API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from broadcast.api.app import create_app
from broadcast.db import session_scope
from broadcast.services.communes import ensure_demo


def test_home_lists_demo_commune(settings) -> None:  # noqa: ANN001
    with session_scope() as session:
        ensure_demo(session)
    client = TestClient(create_app())
    page = client.get("/")
    assert page.status_code == 200 and 'lang="vi"' in page.text and "xã Phúc Lộc" in page.text
    assert client.get("/api/v1/communes").json()[0]["don_vi"] == "Ủy ban nhân dân xã Phúc Lộc"
    assert client.get("/healthz").json() == {"trang_thai": "ok"}
