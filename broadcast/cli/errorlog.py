"""The detailed error log users send to support: owner-only, and never a secret in it.

Values of secret options (--password, --token, …) and anything that looks like an API
token are replaced by *** in the command line and in the traceback text."""

from __future__ import annotations

import os
import re
import traceback
from datetime import datetime
from pathlib import Path

from broadcast.fsutil import private_dir

SECRET_OPTIONS = ("--password", "--mat-khau", "--token", "--secret", "--secret-key")
_TOKEN = re.compile(r"\bbc_[A-Za-z0-9_-]{16,}")
MASK = "***"


def secrets_in(argv: list[str]) -> list[str]:
    """The secret values given on a command line."""
    found = []
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition("=")
        if name in SECRET_OPTIONS:
            if eq:
                found.append(value)
            elif i + 1 < len(argv):
                found.append(argv[i + 1])
    found += [m.group() for a in argv for m in _TOKEN.finditer(a)]
    return [s for s in found if s]


def redact(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return _TOKEN.sub(MASK, text)


def write(log: Path, argv: list[str]) -> None:
    """Append the current exception with its (redacted) command line to log, mode 0600."""
    private_dir(log.parent)
    hidden = secrets_in(argv)
    entry = f"--- {datetime.now().isoformat()} broadcast {' '.join(argv)}\n{traceback.format_exc()}"
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)  # also a log made by an older version with the usual permissions
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(redact(entry, hidden))
