"""The command line: thin commands over broadcast.services (no logic here)."""

from __future__ import annotations

import sys

import typer

from broadcast.cli import i18n

i18n.install()

from broadcast.cli.communes import app as communes_app  # noqa: E402
from broadcast.cli.output import error  # noqa: E402
from broadcast.cli.scripts import app as scripts_app  # noqa: E402
from broadcast.cli.system import register as register_system  # noqa: E402
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
register_system(app)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a BroadcastError becomes a Vietnamese message and its exit code."""
    try:
        app(args=argv)
    except BroadcastError as exc:
        error(exc.message)
        sys.exit(exc.exit_code)
