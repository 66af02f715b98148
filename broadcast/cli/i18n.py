"""Vietnamese for the words Typer prints around our own help texts.

Typer (with its vendored Click) hard-codes its English strings and ships no catalogue, so
the few a user meets — panel titles, the usage line, the help option, usage errors — are
translated here, once, before the app is built.
"""

from __future__ import annotations

import re
from typing import Any

import typer._click.decorators as decorators
import typer._click.exceptions as exceptions
import typer._click.formatting as formatting
import typer.rich_utils as ru
from typer.exceptions import TyperException

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."

# English usage-error phrases -> Vietnamese (checked in order, first match wins).
_ERRORS = [
    (r"^Missing argument '?([^'.]*)'?\.?(.*)$", r"Thiếu tham số \1.\2"),
    (r"^Missing option '?([^'.]*)'?\.?(.*)$", r"Thiếu tùy chọn \1.\2"),
    (r"^Missing parameter:? (.*)$", r"Thiếu tham số \1"),
    (r"^No such option: (.*)$", r"Không có tùy chọn \1"),
    (r"^No such command '?([^'.]*)'?\.?$", r"Không có lệnh «\1»."),
    (r"^Invalid value for (.*?): (.*)$", r"Giá trị không hợp lệ cho \1: \2"),
    (r"^Invalid value: (.*)$", r"Giá trị không hợp lệ: \1"),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", r"Thừa tham số (\1)"),
    (r"^Option '(.*)' requires an argument\.$", r"Tùy chọn «\1» cần một giá trị."),
]


def translate_error(message: str) -> str:
    for pattern, repl in _ERRORS:
        if re.match(pattern, message):
            return re.sub(pattern, repl, message)
    return message


def install() -> None:
    ru.ARGUMENTS_PANEL_TITLE = "Tham số"
    ru.OPTIONS_PANEL_TITLE = "Tùy chọn"
    ru.COMMANDS_PANEL_TITLE = "Lệnh"
    ru.ERRORS_PANEL_TITLE = "Lỗi"
    ru.ABORTED_TEXT = "Đã dừng."
    ru.REQUIRED_LONG_STRING = "[bắt buộc]"
    ru.DEFAULT_STRING = "[mặc định: {}]"
    ru.RICH_HELP = "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn."

    original_option = decorators.option

    def option(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("help") == "Show this message and exit.":
            kwargs["help"] = HELP_TEXT
        return original_option(*args, **kwargs)

    decorators.option = option

    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, "Cách dùng: " if prefix is None else prefix)

    # Patching Click's methods is the point here; mypy forbids assigning to a method.
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    original_format = exceptions.UsageError.format_message

    # Click declares format_message on the base class, so self is typed by that.
    def format_message(self: TyperException) -> str:
        return translate_error(original_format(self))

    exceptions.UsageError.format_message = format_message  # type: ignore[method-assign]
    for cls in (exceptions.BadParameter, exceptions.MissingParameter, exceptions.NoSuchOption):
        if "format_message" in cls.__dict__:
            cls_format = cls.__dict__["format_message"]
            cls.format_message = lambda self, f=cls_format: translate_error(f(self))  # type: ignore[method-assign]
