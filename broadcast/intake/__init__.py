"""Reading scripts: files and pasted text in, checked and structured text out."""

from __future__ import annotations

from dataclasses import dataclass

from broadcast.intake.anatomy import ParsedScript, parse_script
from broadcast.intake.quality import check_tone_marks
from broadcast.intake.readers import ReadText, finish_text, read_bytes


@dataclass(frozen=True)
class Intake:
    """A script as read (encoding, conversion) and as understood (structure)."""

    read: ReadText
    parsed: ParsedScript


def intake_bytes(data: bytes, filename: str, *, max_text_bytes: int) -> Intake:
    """Read, check and parse an uploaded file; raises InputError subclasses on bad input."""
    read = read_bytes(data, filename, max_text_bytes=max_text_bytes)
    return _understand(read, filename)


def intake_text(text: str, *, max_text_bytes: int, source: str = "văn bản dán vào") -> Intake:
    """The same for pasted text."""
    read = finish_text(text, encoding="utf-8", source=source, max_text_bytes=max_text_bytes)
    return _understand(read, source)


def _understand(read: ReadText, source: str) -> Intake:
    parsed = parse_script(read.text)
    check_tone_marks(f"{parsed.title or ''}\n{parsed.body}", source=source)
    return Intake(read=read, parsed=parsed)
