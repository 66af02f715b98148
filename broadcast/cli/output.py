"""Printing for the CLI: JSON for machines, rich tables for people, errors to stderr."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel
from rich.console import Console

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8 JSON with Vietnamese kept readable."""
    print(json.dumps(data, default=_default, ensure_ascii=False, indent=2))


def error(message: str) -> None:
    err_console.print(f"[bold red]Lỗi:[/] {message}", highlight=False)
