"""Hostile requests: other communes' files, paths in parameters, huge ids, NUL and control
characters, over-long values and bodies. Each gets a clear 4xx, never a 500 or a file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from broadcast import db
from broadcast.models import Render
from tests.web.hostile import build, login


@pytest.fixture
def light(settings):
    from broadcast.api.app import create_app

    site = build(settings)
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield {**site, "client": client, "settings": settings}


def _bearer(light, name: str = "truongdai") -> dict[str, str]:
    return {"Authorization": f"Bearer {light['tokens'][name]}"}


def test_another_communes_audio_is_refused(light) -> None:
    client, ids = light["client"], light["ids"]
    login(client, "truongdai")
    own = client.get(f"/renders/{ids['render']}/audio.mp3")
    assert own.status_code == 200 and own.content.endswith(b"xa-phuc-loc")
    theirs = client.get(f"/renders/{ids['other_render']}/audio.mp3")
    assert theirs.status_code == 403 and b"xa-ben-canh" not in theirs.content


def test_a_render_path_outside_the_audio_folder_is_not_served(light) -> None:
    client, ids = light["client"], light["ids"]
    secret = light["settings"].data_dir / "secret_key"
    login(client, "truongdai")  # the log-in made the key
    with db.session_scope() as session:
        session.get(Render, ids["render"]).path = str(light["settings"].audio_dir / ".." / "data" / "secret_key")
    response = client.get(f"/renders/{ids['render']}/audio.mp3")
    assert response.status_code == 404
    assert secret.read_bytes() not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "engine=../../audio_out/xa-ben-canh/bai-2.mp3&voice=vi",
        "engine=espeak&voice=../../../audio_out/xa-ben-canh/bai-2",
        "engine=espeak&voice=/etc/passwd",
        "engine=" + "e" * 5000 + "&voice=vi",
        "engine=espeak&voice=" + "v" * 5000,
    ],
)
def test_voice_sample_takes_no_path(light, query: str) -> None:
    client = light["client"]
    login(client, "truongdai")
    response = client.get(f"/voices/sample?{query}")
    assert response.status_code in (414, 422), response.text[:300]
    assert not response.content.startswith(b"ID3") and b"root:" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/scripts/99999999999999999999999",
        "/api/v1/scripts/9223372036854775808",
        "/api/v1/scripts/2147483648",
        "/api/v1/scripts/-1",
        "/api/v1/communes/18446744073709551616/scripts",
        "/api/v1/scripts/1%00",
    ],
)
def test_odd_ids_in_the_api_are_4xx(light, path: str) -> None:
    response = light["client"].get(path, headers=_bearer(light))
    assert 400 <= response.status_code < 500, (path, response.status_code, response.text[:200])
    assert "loi" in response.json()


def test_odd_ids_in_pages_and_forms_are_4xx(light) -> None:
    client = light["client"]
    csrf = login(client, "truongdai")
    assert client.get("/scripts/99999999999999999999999").status_code == 422
    assert client.get("/renders/9223372036854775808/waveform.png").status_code == 422
    posted = client.post(
        "/schedule/items",
        data={"day": "2025-09-10", "session_id": "99999999999999999999", "script_id": "1", "csrf": csrf},
        follow_redirects=False,
    )
    assert posted.status_code == 422


def test_nul_in_text_is_refused_with_a_message(light) -> None:
    client, ids = light["client"], light["ids"]
    from tests.web.hostile import TEXT

    response = client.put(
        f"/api/v1/scripts/{ids['script']}/text", json={"text": TEXT, "title": "Đường\x00"}, headers=_bearer(light)
    )
    assert response.status_code == 422 and "NUL" in response.json()["loi"]
    lexicon = client.post(
        "/api/v1/communes/1/scripts",
        json={"text": "BÀI VỀ ĐƯỜNG\nBà con chú ý\x00 đường liên thôn sửa xong trong tháng này.", "title": "Đường\x00"},
        headers=_bearer(light),
    )
    assert lexicon.status_code == 422 and "NUL" in lexicon.json()["loi"]
    assert client.get("/api/v1/communes/1/schedule/2025-09%00", headers=_bearer(light)).status_code == 422
    login_nul = client.post("/login", data={"username": "truongdai\x00", "password": "x", "csrf": "x"})
    assert login_nul.status_code in (401, 422)


def test_over_long_url_and_body_are_refused_in_vietnamese(light, monkeypatch) -> None:
    client = light["client"]
    long_url = client.get("/scripts?c=" + "1" * 10_000)
    assert long_url.status_code == 414 and "quá dài" in long_url.text
    too_big = client.post(
        "/api/v1/communes/1/scripts",
        content=b"{" + b" " * (25 * 1024 * 1024) + b"}",
        headers={**_bearer(light), "content-type": "application/json"},
    )
    assert too_big.status_code == 413 and "quá lớn" in too_big.json()["loi"]


def test_upload_over_the_limit_is_refused_with_its_limit(settings, monkeypatch) -> None:
    from broadcast.api.app import create_app
    from broadcast.config import get_settings

    monkeypatch.setenv("BROADCAST_MAX_UPLOAD_BYTES", str(1024 * 1024))
    get_settings.cache_clear()
    build(get_settings())
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        csrf = login(client, "truongdai")
        response = client.post(
            "/scripts",
            data={"csrf": csrf},
            files={"file": ("bai.txt", b"a" * (1024 * 1024 + 10), "text/plain")},
            follow_redirects=False,
        )
    assert response.status_code == 413
    assert "quá lớn" in response.text and "1 MB" in response.text


def test_pasted_text_between_1_and_2_mb_reaches_the_size_check(light) -> None:
    """Starlette's 1 MB default for a form field must not refuse a paste in English first."""
    client = light["client"]
    csrf = login(client, "truongdai")
    big = "BÀI TUYÊN TRUYỀN VỀ NƯỚC SẠCH\n" + "Bà con dùng nước sạch, đun sôi trước khi uống. " * 30_000
    assert 1_000_000 < len(big.encode()) < 2_000_000 * 1.1
    response = client.post("/scripts", data={"text": big, "csrf": csrf}, follow_redirects=False)
    assert response.status_code in (303, 413, 422), response.text[:300]
    assert "exceeded" not in response.text and "Part" not in response.text


def test_the_script_page_shows_a_bounded_preview(light, settings) -> None:
    from broadcast.services import scripts as scripts_svc
    from broadcast.services import speech

    client = light["client"]
    body = "\n".join(f"Đoạn {n}: bà con chú ý giữ gìn vệ sinh môi trường, thu gom rác đúng nơi." for n in range(1500))
    with db.session_scope() as session:
        script, _ = scripts_svc.add_script_text(
            session, settings, commune_id=light["ids"]["commune"], text="BÀI VỀ VỆ SINH MÔI TRƯỜNG\n" + body
        )
        previews, cut = speech.paragraph_previews(session, script=script)
    assert cut and sum(len(p.written) for p in previews) <= speech.PREVIEW_CHARS
    login(client, "truongdai")
    page = client.get(f"/scripts/{script.id}")
    assert page.status_code == 200
    assert "chỉ hiện 30.000 ký tự đầu" in page.text
    assert page.text.count('class="para"') == len(previews)
