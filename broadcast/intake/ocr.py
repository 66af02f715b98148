"""Tesseract, run as a command with the Vietnamese language data, one page at a time.

Debian packages `tesseract-ocr` and `tesseract-ocr-vie` (installed by `make`). The TSV
output gives every word with its box and confidence; the page text is rebuilt from it, so
each word keeps its place (offsets into the text) for the page that highlights doubtful
words. Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): on a small machine its
threads only compete with each other, and several uploads may be read at once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from broadcast.errors import EngineError, TooLargeError

LANGUAGE = "vie"
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class OcrWord:
    """One recognised word: its text, confidence 0-100, page (from 1), box in page pixels
    (left, top, width, height) and its place in the document text [start, end)."""

    text: str
    conf: float
    page: int
    box: tuple[int, int, int, int]
    start: int = 0
    end: int = 0


@dataclass
class OcrPage:
    """One page as read: its words and lines, pixel size and the seconds Tesseract took."""

    number: int
    width: int
    height: int
    lines: list[list[OcrWord]] = field(default_factory=list)
    seconds: float = 0.0
    rotated: int = 0  # degrees turned before reading (orientation)
    deskew: float = 0.0  # degrees straightened before reading
    image_jpeg: bytes = b""  # the cleaned page, for the page view

    @property
    def words(self) -> list[OcrWord]:
        return [w for line in self.lines for w in line]


@lru_cache(maxsize=1)
def tesseract_path() -> str:
    """The tesseract command, or an error that says how to install it with Vietnamese."""
    path = shutil.which("tesseract")
    if path is None:
        raise EngineError(
            "Chưa cài chương trình nhận dạng chữ Tesseract nên chưa đọc được ảnh quét. "
            "Quản trị máy chạy: apt-get install tesseract-ocr tesseract-ocr-vie (hoặc make run)."
        )
    langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, env=_ENV)
    if LANGUAGE not in langs.stdout.split():
        raise EngineError(
            "Tesseract chưa có dữ liệu tiếng Việt: đọc ảnh sẽ mất dấu. "
            "Quản trị máy chạy: apt-get install tesseract-ocr-vie (hoặc make run)."
        )
    return path


def _run(args: list[str], *, timeout_s: float, what: str) -> str:
    try:
        done = subprocess.run([tesseract_path(), *args], capture_output=True, timeout=timeout_s, env=_ENV, check=False)
    except subprocess.TimeoutExpired as exc:
        raise TooLargeError(
            f"Nhận dạng chữ {what} quá {timeout_s:g} giây nên đã dừng. Hãy chụp rõ hơn hoặc tách thành ít trang hơn.",
            limit=timeout_s,
        ) from exc
    if done.returncode != 0:
        raise EngineError(
            f"Tesseract không đọc được {what}: {done.stderr.decode('utf-8', 'replace').strip()[-200:]}. "
            "Hãy chụp hoặc quét lại trang."
        )
    return done.stdout.decode("utf-8", "replace")


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_rotation(image: Path, *, timeout_s: float, min_confidence: float = 2.0) -> int:
    """Degrees (0, 90, 180, 270) to turn the page clockwise so its text stands upright,
    from Tesseract's orientation detection (--psm 0); 0 when unsure."""
    try:
        out = _run([str(image), "stdout", "--psm", "0"], timeout_s=timeout_s, what="hướng trang")
    except EngineError:
        return 0  # too little text to tell: read it as it is
    rotate, conf = _ROTATE.search(out), _ORIENT_CONF.search(out)
    if not rotate or not conf or float(conf.group(1)) < min_confidence:
        return 0
    return int(rotate.group(1)) % 360


def recognise(image: Path, *, page: int, timeout_s: float, psm: int = 3) -> list[list[OcrWord]]:
    """The page's words grouped in lines, in reading order (Tesseract's blocks, then lines)."""
    tsv = _run(
        [str(image), "stdout", "-l", LANGUAGE, "--psm", str(psm), "-c", "preserve_interword_spaces=0", "tsv"],
        timeout_s=timeout_s,
        what=f"trang {page}",
    )
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < 0:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        box = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        lines.setdefault(key, []).append(OcrWord(text=text, conf=conf, page=page, box=box))
    return list(lines.values())
