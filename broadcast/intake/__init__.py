"""Reading scripts: files and pasted text in, checked and structured text out."""

from __future__ import annotations

from dataclasses import dataclass

from broadcast.intake.anatomy import ParsedScript, parse_script
from broadcast.intake.limits import IntakeLimits
from broadcast.intake.quality import check_tone_marks
from broadcast.intake.readers import ReadText, finish_text, limits_for, read_bytes


@dataclass(frozen=True)
class Intake:
    """A script as read (encoding, conversion) and as understood (structure)."""

    read: ReadText
    parsed: ParsedScript


def intake_bytes(
    data: bytes, filename: str, *, max_text_bytes: int | None = None, limits: IntakeLimits | None = None
) -> Intake:
    """Read, check and parse an uploaded file; raises InputError subclasses on bad input.

    Pure and bounded (limits): safe in a worker thread; broadcast.intake.worker runs it in
    a child process with a time limit."""
    read = read_bytes(data, filename, limits=limits_for(max_text_bytes, limits))
    return _understand(read, filename)


def intake_text(
    text: str,
    *,
    max_text_bytes: int | None = None,
    limits: IntakeLimits | None = None,
    source: str = "văn bản dán vào",
) -> Intake:
    """The same for pasted text."""
    read = finish_text(text, encoding="utf-8", source=source, limits=limits_for(max_text_bytes, limits))
    return _understand(read, source)


def _understand(read: ReadText, source: str) -> Intake:
    parsed = parse_script(read.text)
    check_tone_marks(f"{parsed.title or ''}\n{parsed.body}", source=source)
    return Intake(read=read, parsed=parsed)
