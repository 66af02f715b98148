"""Administration of existing users and of the commune's own name."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from broadcast.errors import AuthError, InputError
from broadcast.models import Role
from broadcast.services import communes, users


def _site(session: Session):
    commune = communes.create_commune(session, name="xã Tân Lâp")
    admin = users.create_user(session, username="quantri", password="mat-khau-8", full_name="Quản trị")
    staff = users.create_user(session, username="canbo", password="mat-khau-8", full_name="Lý Văn Cán")
    users.set_role(session, user_id=staff.id, commune_id=commune.id, role=Role.XEM)
    return commune, admin, staff


def test_edit_name_title_and_role(session: Session) -> None:
    commune, _, staff = _site(session)
    users.update_user(
        session,
        user_id=staff.id,
        full_name="  Lý  Văn Cán ",
        title="Văn phòng",
        role=Role.TRUONG_DAI,
        commune_id=commune.id,
    )
    assert staff.full_name == "Lý Văn Cán" and staff.title == "Văn phòng"
    assert users.role_in(session, staff, commune.id) == Role.TRUONG_DAI
    with pytest.raises(InputError):
        users.update_user(session, user_id=staff.id, full_name=" ", title=None, role=None, commune_id=commune.id)


def test_new_password_and_deactivation(session: Session) -> None:
    _, admin, staff = _site(session)
    with pytest.raises(InputError):
        users.set_password(session, user_id=staff.id, password="ngan")
    users.set_password(session, user_id=staff.id, password="mat-khau-moi-9")
    assert users.authenticate(session, username="canbo", password="mat-khau-moi-9").id == staff.id
    users.set_active(session, user_id=staff.id, active=False, by=admin)
    with pytest.raises(AuthError):
        users.authenticate(session, username="canbo", password="mat-khau-moi-9")
    with pytest.raises(InputError):
        users.set_active(session, user_id=admin.id, active=False, by=admin)  # never lock yourself out
    users.set_active(session, user_id=staff.id, active=True, by=admin)
    assert users.authenticate(session, username="canbo", password="mat-khau-moi-9").is_active


def test_rename_commune_keeps_its_folder(session: Session) -> None:
    commune, _, _ = _site(session)
    slug = commune.slug
    communes.rename_commune(session, commune_id=commune.id, name=" xã  Tân Lập ")
    assert commune.name == "xã Tân Lập" and commune.slug == slug
    with pytest.raises(InputError):
        communes.rename_commune(session, commune_id=commune.id, name="  ")
