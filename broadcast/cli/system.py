"""`broadcast db upgrade`, `broadcast demo`, `broadcast serve`."""

from __future__ import annotations

import typer

from broadcast.cli.common import sweep_leftovers, transaction
from broadcast.cli.output import console
from broadcast.db import upgrade
from broadcast.services.communes import ensure_demo

db_app = typer.Typer(no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu lên phiên bản mới nhất."""
    upgrade()
    console.print("Cơ sở dữ liệu đã sẵn sàng.")


def demo() -> None:
    """Tạo xã mẫu (xã Phúc Lộc) và tài khoản quản trị «admin» nếu chưa có."""
    import secrets

    from sqlmodel import select

    from broadcast.models import User
    from broadcast.services.users import create_user

    with transaction() as (session, _):
        commune = ensure_demo(session)
        name, cid = commune.name, commune.id
        password = None
        if session.exec(select(User)).first() is None:
            password = secrets.token_urlsafe(9)
            create_user(session, username="admin", password=password, full_name="Quản trị", superadmin=True)
    console.print(f"Xã mẫu: {name} (mã {cid}).")
    if password:
        console.print(
            f"Tài khoản quản trị: [bold]admin[/], mật khẩu (chỉ hiện lần này): [bold]{password}[/]", highlight=False
        )


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Địa chỉ lắng nghe."),
    port: int = typer.Option(8000, "--port", help="Cổng."),
    no_scheduler: bool = typer.Option(False, "--no-scheduler", help="Không chạy bộ hẹn giờ cùng web."),
) -> None:
    """Chạy ứng dụng web và bộ hẹn giờ chuyển chương trình tới đài."""
    sweep_leftovers()
    import logging

    import uvicorn

    from broadcast.config import get_settings
    from broadcast.scheduling import jobs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    scheduler = None if no_scheduler else jobs.start(get_settings())
    console.print(f"Mở trình duyệt tại http://{host}:{port}/")
    try:
        uvicorn.run("broadcast.api.app:create_app", factory=True, host=host, port=port, log_level="info")
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db", help="Cơ sở dữ liệu.")
    app.command("demo")(demo)
    app.command("serve")(serve)
