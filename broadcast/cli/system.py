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
    from broadcast.config import get_settings

    upgrade()
    if get_settings().queue == "procrastinate":
        from broadcast.tasks import worker as queue_worker

        queue_worker.install_schema()
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
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Số tiến trình web (cấp tỉnh: 2–8)."),
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
        uvicorn.run(
            "broadcast.api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


def worker(
    queues: str = typer.Option("", "--queues", help="Chỉ các hàng đợi này, ví dụ khan-cap (mặc định: tất cả)."),
    concurrency: int = typer.Option(1, "--concurrency", min=1, max=16, help="Số việc chạy cùng lúc."),
) -> None:
    """Chạy tiến trình làm việc nền (cấp tỉnh, PostgreSQL): dựng âm thanh, xuất tệp, chuyển chương trình."""
    import logging

    from broadcast.tasks import worker as queue_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    queue_worker.install_schema()
    console.print("Tiến trình làm việc nền đang chạy; nhấn Ctrl+C để dừng.")
    queue_worker.run([q for q in queues.split(",") if q.strip()] or None, concurrency=concurrency)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db", help="Cơ sở dữ liệu.")
    app.command("demo")(demo)
    app.command("serve")(serve)
    app.command("worker")(worker)
