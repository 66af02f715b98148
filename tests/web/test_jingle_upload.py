"""Jingle uploads on the settings page are checked like every upload (size, and by content:
a WAV or MP3, whatever the file is called), with a clear message (issue 17)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.models import Commune
from tests.intake.test_limits import _png_header, _wav
from tests.web.conftest import login

pytestmark = pytest.mark.slow
REFERER = {"referer": "http://testserver/settings"}


def _post(client: TestClient, csrf: str, name: str, data: bytes):
    return client.post(
        "/settings/jingles",
        data={"csrf": csrf, "slot": "intro"},
        files={"file": (name, data, "audio/mpeg")},
        headers=REFERER,
        follow_redirects=True,
    )


def _intro(commune_id: int) -> str | None:
    with db.session_scope() as session:
        commune = session.get(Commune, commune_id)
        assert commune is not None
        return commune.intro_jingle


def test_a_picture_named_mp3_is_refused_and_a_wav_is_kept(site, client: TestClient) -> None:
    csrf = login(client, "quantri")
    refused = _post(client, csrf, "nhac-hieu.mp3", _png_header(200, 100))
    assert "«nhac-hieu.mp3» không phải âm thanh WAV hoặc MP3 (nội dung là ảnh)" in refused.text
    assert 'role="alert"' in refused.text and "Traceback" not in refused.text
    assert _intro(site["ids"]["commune"]) is None
    kept = _post(client, csrf, "nhac-hieu.wav", _wav(1.0))
    assert "Đã lưu nhạc hiệu." in kept.text
    assert _intro(site["ids"]["commune"]) is not None
