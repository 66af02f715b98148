"""The command line: thin commands over broadcast.services (no logic here)."""

from __future__ import annotations

import sys

import typer

from broadcast.cli import errorlog, i18n

i18n.install()

from broadcast.cli.communes import app as communes_app  # noqa: E402
from broadcast.cli.exports import register as register_exports  # noqa: E402
from broadcast.cli.lexicon import app as lexicon_app  # noqa: E402
from broadcast.cli.output import error  # noqa: E402
from broadcast.cli.production import register as register_production  # noqa: E402
from broadcast.cli.schedule import register as register_schedule  # noqa: E402
from broadcast.cli.scripts import app as scripts_app  # noqa: E402
from broadcast.cli.system import register as register_system  # noqa: E402
from broadcast.cli.users import app as users_app  # noqa: E402
from broadcast.config import get_settings  # noqa: E402
from broadcast.errors import BroadcastError  # noqa: E402

app = typer.Typer(
    name="broadcast",
    help="Sản xuất chương trình cho đài truyền thanh xã: nhận bài, duyệt, dựng âm thanh, lịch phát sóng.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)
app.add_typer(communes_app, name="communes", help="Quản lý các xã (đơn vị có đài truyền thanh).")
app.add_typer(scripts_app, name="scripts", help="Bài tuyên truyền: nhận bài, gửi duyệt, duyệt, trả lại, sửa.")
app.add_typer(lexicon_app, name="lexicon", help="Từ điển cách đọc của xã (chữ viết tắt, tên riêng).")
app.add_typer(users_app, name="users", help="Người dùng, vai trò, mã truy cập API.")
register_production(app)
register_schedule(app)
register_exports(app)
register_system(app)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a BroadcastError becomes a Vietnamese message and its exit code."""
    try:
        app(args=argv)
    except BroadcastError as exc:
        error(exc.message)
        sys.exit(exc.exit_code)
    except Exception:  # noqa: BLE001 - anything unforeseen: a short message for the user, details in a log file
        log = get_settings().data_dir / "loi-chi-tiet.log"
        errorlog.write(log, list(argv or sys.argv[1:]))
        error(
            f"Có lỗi ngoài dự kiến, việc chưa hoàn thành và không có gì bị ghi dở. Chi tiết kỹ thuật đã ghi vào "
            f"{log}; hãy gửi tệp này cho người hỗ trợ kỹ thuật."
        )
        sys.exit(1)
