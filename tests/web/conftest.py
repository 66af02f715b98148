"""A site with one commune, a user for every role, an outsider, and material to act on."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from broadcast import db, production
from broadcast.models import Role
from broadcast.services import communes, schedule, scripts, users

PASSWORD = "mat-khau-dai-8"
ROLES = {"quantri": Role.QUAN_TRI, "truongdai": Role.TRUONG_DAI, "lanhdao": Role.LANH_DAO, "xem": Role.XEM}
SCRIPT = (
    "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH\nNgười dân nộp hồ sơ trực tuyến tại cổng dịch vụ công.\n"
    "Ghi chú: phát trên đài truyền thanh và loa kéo\n"
)


@pytest.fixture
def site(offline):
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Phúc Lộc")
        other = communes.create_commune(session, name="xã Bên Cạnh")
        users.create_user(session, username="admin", password=PASSWORD, full_name="Quản trị hệ thống", superadmin=True)
        for name, role in ROLES.items():
            user = users.create_user(
                session,
                username=name,
                password=PASSWORD,
                full_name=f"Người {name}",
                title="Chủ tịch UBND xã" if role == Role.LANH_DAO else None,
            )
            users.set_role(session, user_id=user.id, commune_id=commune.id, role=role)
        outsider = users.create_user(session, username="ngoai", password=PASSWORD, full_name="Người xã khác")
        users.set_role(session, user_id=outsider.id, commune_id=other.id, role=Role.TRUONG_DAI)
        approved, _ = scripts.add_script_text(
            session,
            offline,
            commune_id=commune.id,
            text=SCRIPT,
            meta=scripts.ScriptMeta(month="2025-09", category="cchc"),
        )
        scripts.submit(session, script_id=approved.id)
        scripts.approve(
            session,
            script_id=approved.id,
            text_hash=scripts.fingerprint(session, script_id=approved.id),
            by="Lãnh đạo",
            chuc_vu="Chủ tịch UBND xã",
        )
        render = production.render(session, offline, script_id=approved.id).render
        waiting, _ = scripts.add_script_text(
            session,
            offline,
            commune_id=commune.id,
            text=SCRIPT.replace("trực tuyến", "qua mạng"),
            meta=scripts.ScriptMeta(month="2025-09", category="cchc"),
        )
        scripts.submit(session, script_id=waiting.id)
        item = schedule.add_item(
            session,
            commune_id=commune.id,
            day=schedule.parse_day("2025-09-10"),
            session_id=1,
            script_id=approved.id,
            tz=offline.tz,
        )
        tokens = {
            name: users.create_token(session, user_id=users.get_user(session, username=name).id)
            for name in [*ROLES, "admin", "ngoai"]
        }
        ids = {
            "commune": commune.id,
            "other": other.id,
            "approved": approved.id,
            "waiting": waiting.id,
            "render": render.id,
            "item": item.id,
        }
    return {"settings": offline, "ids": ids, "tokens": tokens}


def login(client: TestClient, username: str) -> str:
    """Log in through the form; return the CSRF token for later posts."""
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf": csrf}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    home = client.get("/")
    return re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)


@pytest.fixture
def client(site):
    from broadcast.api.app import create_app

    with TestClient(create_app()) as c:
        yield c
