"""Reading scripts: files and pasted text in, checked and structured text out."""

from __future__ import annotations

from dataclasses import dataclass

from broadcast.intake.anatomy import ParsedScript, parse_script
from broadcast.intake.limits import IntakeLimits
from broadcast.intake.quality import check_tone_marks
from broadcast.intake.readers import ReadText, finish_text, limits_for, read_bytes
from broadcast.intake.scans import ScanRead, is_scan, read_scan


@dataclass(frozen=True)
class Intake:
    """A script as read (encoding, conversion) and as understood (structure)."""

    read: ReadText
    parsed: ParsedScript
    scan: ScanRead | None = None  # set for PDFs and images: the OCR words, pages and confidence

    @property
    def from_image(self) -> bool:
        """True when any of the text was read by OCR: a person must confirm it."""
        return self.scan is not None and self.scan.from_image


def intake_bytes(
    data: bytes, filename: str, *, max_text_bytes: int | None = None, limits: IntakeLimits | None = None
) -> Intake:
    """Read, check and parse an uploaded file; raises InputError subclasses on bad input.

    Pure and bounded (limits): safe in a worker thread; broadcast.intake.worker runs it in
    a child process with a time limit. PDFs and images are read by broadcast.intake.scans
    (text layer or OCR); the same quality gate then applies to what was read."""
    limits = limits_for(max_text_bytes, limits)
    if is_scan(filename, data):
        scan = read_scan(data, filename, limits)
        read = finish_text(scan.text, encoding=scan.kind, source=filename, limits=limits)
        return _understand(read, filename, scan)
    read = read_bytes(data, filename, limits=limits)
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


def _understand(read: ReadText, source: str, scan: ScanRead | None = None) -> Intake:
    parsed = parse_script(read.text)
    check_tone_marks(f"{parsed.title or ''}\n{parsed.body}", source=source)
    return Intake(read=read, parsed=parsed, scan=scan)
