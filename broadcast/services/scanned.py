"""Scripts read from scans and photos: what is kept of the OCR, and what a page shows.

On intake the OCR words (text, confidence, page, box), the confidence summary and a small
image of each page are kept with the script (Script.ocr_data and files beside the stored
original). `review` maps the words onto the script's current text, so a page can show
that text beside the page images with the doubtful words highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from sqlmodel import Session

from broadcast.config import Settings
from broadcast.db import on_rollback
from broadcast.errors import NotFoundError
from broadcast.fsutil import atomic_write_bytes
from broadcast.intake import Intake
from broadcast.models import Script


def apply_scan(session: Session, settings: Settings, script: Script, result: Intake, stem: Path) -> None:
    """Record on script how its text was read: from an image (OCR) or not."""
    scan = result.scan
    script.read_from_image = result.from_image
    script.ocr_confirmed_at = None
    script.ocr_confirmed_by = None
    if scan is None or not scan.from_image:
        script.ocr_confidence = None
        script.ocr_data = None
        return
    summary = scan.summary(settings.ocr_low_confidence)
    pages = []
    for page in scan.pages:
        image = stem.with_name(f"{stem.name}_trang-{page.number}.jpg")
        if page.image_jpeg:
            atomic_write_bytes(image, page.image_jpeg)
            on_rollback(session, _remover(image))
        pages.append(
            {
                "number": page.number,
                "width": page.width,
                "height": page.height,
                "rotated": page.rotated,
                "deskew": page.deskew,
                "seconds": round(page.seconds, 2),
                "image": str(image) if page.image_jpeg else None,
            }
        )
    script.ocr_confidence = summary["mean_confidence"]  # type: ignore[assignment]
    script.ocr_data = {
        "kind": scan.kind,
        "text": result.read.text,
        "summary": summary,
        "pages": pages,
        "words": [[w.text, round(w.conf, 1), w.page, *w.box] for w in scan.words],
    }


def _remover(path: Path) -> Callable[[], None]:
    return lambda: path.unlink(missing_ok=True)


def intake_ocr_json(result: Intake, *, low: float) -> dict[str, Any] | None:
    """The OCR part of an intake's JSON: the summary and every word with its confidence
    and its place [start, end) in the text as read."""
    if result.scan is None or not result.scan.from_image:
        return None
    return {
        "summary": result.scan.summary(low),
        "words": [
            {
                "text": w.text,
                "conf": round(w.conf, 1),
                "page": w.page,
                "box": list(w.box),
                "start": w.start,
                "end": w.end,
            }
            for w in result.scan.words
        ],
    }


@dataclass
class ReviewWord:
    """An OCR word placed in the script's text: [start, end) or None when it is no longer
    there (edited away, or in a part that is not read aloud)."""

    text: str
    conf: float
    page: int
    box: tuple[int, int, int, int]
    start: int | None
    end: int | None
    low: bool


@dataclass
class OcrReview:
    """What the review page needs: the text, the words, the page images, the summary."""

    text: str
    words: list[ReviewWord]
    pages: list[dict[str, Any]]
    summary: dict[str, Any]
    threshold: float
    confirmed_at: datetime | None
    confirmed_by: str | None
    needs_confirmation: bool
    low_words: list[ReviewWord] = field(default_factory=list)

    def segments(self) -> list[tuple[str, float | None]]:
        """The text cut into pieces, each with the confidence of a doubtful OCR word it is
        (None for the rest), for a page that highlights those words."""
        placed = sorted((w.start, w.end, w.conf) for w in self.low_words if w.start is not None and w.end is not None)
        out: list[tuple[str, float | None]] = []
        at = 0
        for start, end, conf in placed:
            if start < at:
                continue  # two OCR words placed on one word of the text: mark it once
            if start > at:
                out.append((self.text[at:start], None))
            out.append((self.text[start:end], conf))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


def align(ocr: list[str], text: str) -> list[tuple[int, int] | None]:
    """For each OCR word, its [start, end) in text (or None): the words are matched to the
    text's words in order (difflib), then the runs left over are matched again, because
    the parser moves parts (the opening line goes before the title)."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\S+", text)]
    wanted = [w.lower() for w in ocr]
    found: list[tuple[int, int] | None] = [None] * len(ocr)
    used = [False] * len(tokens)
    for round_ in range(3):
        free_ocr = [i for i, f in enumerate(found) if f is None]
        free_text = [j for j, u in enumerate(used) if not u]
        matcher = SequenceMatcher(
            None, [wanted[i] for i in free_ocr], [tokens[j][2] for j in free_text], autojunk=False
        )
        added = 0
        for a, b, size in matcher.get_matching_blocks():
            if size == 0 or (round_ and size < 2):
                continue
            for k in range(size):
                j = free_text[b + k]
                found[free_ocr[a + k]] = (tokens[j][0], tokens[j][1])
                used[j] = True
                added += 1
        if not added:
            break
    return found


def review(script: Script, text: str, *, low: float) -> OcrReview | None:
    """The OCR words of script placed in text (its current full text), in order."""
    if not script.read_from_image or not script.ocr_data:
        return None
    data = script.ocr_data
    items = list(data.get("words", []))
    places = align([str(item[0]) for item in items], text)
    words = []
    for (word, conf, page, x, y, w, h), place in zip(items, places, strict=True):
        start, end = place if place else (None, None)
        words.append(ReviewWord(str(word), float(conf), int(page), (x, y, w, h), start, end, float(conf) < low))
    return OcrReview(
        text=text,
        words=words,
        pages=list(data.get("pages", [])),
        summary=dict(data.get("summary", {})),
        threshold=low,
        confirmed_at=script.ocr_confirmed_at,
        confirmed_by=script.ocr_confirmed_by,
        needs_confirmation=script.ocr_confirmed_at is None,
        low_words=[w for w in words if w.low],
    )


def page_image(script: Script, number: int) -> Path:
    """The stored image of page `number` of a script read from an image."""
    for page in (script.ocr_data or {}).get("pages", []):
        if page.get("number") == number and page.get("image"):
            return Path(str(page["image"]))
    raise NotFoundError(f"Bài {script.id} không có ảnh trang {number}.", script_id=script.id, page=number)
