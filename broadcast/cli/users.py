"""`broadcast users …`"""

from __future__ import annotations

import secrets
from typing import TypedDict

import typer

from broadcast.cli.common import JsonOption, transaction
from broadcast.cli.output import console, print_json
from broadcast.db import id_of
from broadcast.errors import InputError
from broadcast.models import Role
from broadcast.services import users as svc

app = typer.Typer(no_args_is_help=True)


class _UserRow(TypedDict):
    username: str
    full_name: str
    superadmin: bool
    communes: dict[int, str | None]  # commune id -> role value


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError as exc:
        raise InputError("Vai trò phải là quan-tri, truong-dai, lanh-dao hoặc xem.") from exc


@app.command("add")
def add(
    username: str = typer.Argument(..., help="Tên đăng nhập, ví dụ truongdai.phucloc."),
    full_name: str = typer.Option(..., "--name", help="Họ tên."),
    role: str = typer.Option(..., "--role", help="quan-tri, truong-dai, lanh-dao hoặc xem."),
    commune: int = typer.Option(None, "--commune", "-c", help="Mã số xã (bỏ trống với quan-tri: quản trị mọi xã)."),
    title: str = typer.Option(None, "--chuc-vu", help='Chức vụ, ví dụ "Chủ tịch UBND xã".'),
    password: str = typer.Option(None, "--password", help="Mật khẩu (bỏ trống để tạo ngẫu nhiên và in ra một lần)."),
) -> None:
    """Tạo người dùng và vai trò của họ ở một xã."""
    wanted = _role(role)
    if commune is None and wanted != Role.QUAN_TRI:
        raise InputError("Cần chọn xã (--commune) cho vai trò này.")
    shown = password or secrets.token_urlsafe(9)
    with transaction() as (session, _):
        user = svc.create_user(
            session, username=username, password=shown, full_name=full_name, title=title, superadmin=commune is None
        )
        if commune is not None:
            svc.set_role(session, user_id=id_of(user), commune_id=commune, role=wanted)
    console.print(f"Đã tạo người dùng {username} ({wanted.label}).", highlight=False)
    if not password:
        console.print(f"Mật khẩu (chỉ hiện một lần): [bold]{shown}[/]", highlight=False)


@app.command("role")
def role(
    username: str = typer.Argument(..., help="Tên đăng nhập."),
    commune: int = typer.Option(..., "--commune", "-c", help="Mã số xã."),
    role: str = typer.Option(..., "--role", help="quan-tri, truong-dai, lanh-dao hoặc xem."),
) -> None:
    """Đặt vai trò của một người dùng ở một xã."""
    with transaction() as (session, _):
        user = svc.get_user(session, username=username)
        svc.set_role(session, user_id=id_of(user), commune_id=commune, role=_role(role))
    console.print(f"{username} là {_role(role).label} ở xã {commune}.", highlight=False)


@app.command("list")
def list_(as_json: bool = JsonOption) -> None:
    """Liệt kê người dùng và vai trò."""
    with transaction() as (session, _):
        rows: list[_UserRow] = [
            {
                "username": u.username,
                "full_name": u.full_name,
                "superadmin": u.is_superadmin,
                "communes": {id_of(c): r.value if r else None for c, r in svc.communes_of(session, u)},
            }
            for u in svc.list_users(session)
        ]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        console.print(
            f"{r['username']} – {r['full_name']}"
            + (" (quản trị hệ thống)" if r["superadmin"] else "")
            + "".join(f"; xã {c}: {role}" for c, role in r["communes"].items()),
            highlight=False,
        )


@app.command("token")
def token(
    username: str = typer.Argument(..., help="Tên đăng nhập."),
    name: str = typer.Option("API", "--name", help="Tên gợi nhớ của mã."),
) -> None:
    """Tạo mã truy cập API cho người dùng (chỉ hiện một lần)."""
    with transaction() as (session, _):
        user = svc.get_user(session, username=username)
        value = svc.create_token(session, user_id=id_of(user), name=name)
    print(value)


@app.command("password")
def password(
    username: str = typer.Argument(..., help="Tên đăng nhập."),
    new: str = typer.Option(None, "--password", help="Mật khẩu mới (bỏ trống để tạo ngẫu nhiên và in ra một lần)."),
) -> None:
    """Đặt lại mật khẩu; mọi phiên đăng nhập của người dùng kết thúc."""
    shown = new or secrets.token_urlsafe(9)
    with transaction() as (session, _):
        svc.set_password(session, username=username, password=shown)
    console.print(f"Đã đặt mật khẩu mới cho {username}; các phiên đăng nhập cũ đã kết thúc.", highlight=False)
    if not new:
        console.print(f"Mật khẩu (chỉ hiện một lần): [bold]{shown}[/]", highlight=False)


@app.command("deactivate")
def deactivate(username: str = typer.Argument(..., help="Tên đăng nhập.")) -> None:
    """Khóa tài khoản: đăng xuất mọi nơi, mã truy cập API không còn dùng được."""
    with transaction() as (session, _):
        svc.set_active(session, username=username, active=False)
    console.print(f"Đã khóa tài khoản {username}.", highlight=False)


@app.command("activate")
def activate(username: str = typer.Argument(..., help="Tên đăng nhập.")) -> None:
    """Mở lại tài khoản đã khóa."""
    with transaction() as (session, _):
        svc.set_active(session, username=username, active=True)
    console.print(f"Đã mở lại tài khoản {username}.", highlight=False)
