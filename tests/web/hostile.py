"""A light site for the hostile-input tests: two communes, a few users and tokens, one
script each and a render row pointing at a small file (no audio is synthesised)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from broadcast import db
from broadcast.models import Render, Role
from broadcast.services import communes, scripts, users

PASSWORD = "mat-khau-dai-8"
TEXT = (
    "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH\nNgười dân nộp hồ sơ trực tuyến tại cổng dịch vụ công.\n"
    "Ghi chú: phát trên đài truyền thanh và loa kéo\n"
)


def build(settings) -> dict:
    with db.session_scope() as session:
        here = communes.create_commune(session, name="xã Phúc Lộc")
        there = communes.create_commune(session, name="xã Bên Cạnh")
        ids: dict = {"commune": here.id, "other": there.id}
        for name, commune, role in (
            ("truongdai", here, Role.TRUONG_DAI),
            ("lanhdao", here, Role.LANH_DAO),
            ("ngoai", there, Role.TRUONG_DAI),
        ):
            user = users.create_user(session, username=name, password=PASSWORD, full_name=f"Người {name}")
            users.set_role(session, user_id=user.id, commune_id=commune.id, role=role)
        tokens = {
            n: users.create_token(session, user_id=users.get_user(session, username=n).id)
            for n in ("truongdai", "ngoai")
        }
        for key, commune in (("script", here), ("other_script", there)):
            script, _ = scripts.add_script_text(session, settings, commune_id=commune.id, text=TEXT)
            ids[key] = script.id
            mp3 = settings.audio_dir / commune.slug / f"bai-{script.id}.mp3"
            mp3.parent.mkdir(parents=True, exist_ok=True)
            mp3.write_bytes(b"ID3" + bytes(64) + commune.slug.encode())
            render = Render(
                script_id=script.id,
                commune_id=commune.id,
                path=str(mp3),
                text_hash="0" * 64,
                spoken_text="x",
                duration_s=1.0,
                lufs=-16.0,
                true_peak=-2.0,
            )
            session.add(render)
            session.flush()
            ids[key.replace("script", "render")] = render.id
    return {"ids": ids, "tokens": tokens}


def csrf_of(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; the CSRF token for later posts."""
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf": csrf_of(client)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text).group(1)
