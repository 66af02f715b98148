"""Scripts on paper: PDFs, scans and phone photos read into text.

- A PDF page with a usable text layer is taken as it is (poppler's pdftotext, in reading
  order); a page without one, or whose text layer is itself bad OCR (it fails the quality
  gate), is rendered (pdftoppm) and read by Tesseract with the Vietnamese data.
- A JPEG/PNG/TIFF/HEIC image is turned upright, cleaned and read, every frame a page.
- Bounds: file size, pages, pixels (the PDF resolution is lowered to fit), seconds per page.

The result keeps every OCR word with its confidence and its place in the text, and a
small image of each page, so a page can show the text beside the scan with the doubtful
words highlighted; nothing read from an image is taken without a person confirming it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from broadcast.errors import BrokenFileError, EngineError, TooLargeError
from broadcast.intake.images import clean_page, fit_size, jpeg_bytes, open_frames, to_gray
from broadcast.intake.limits import IntakeLimits, check_file_size, check_image
from broadcast.intake.ocr import OcrPage, OcrWord, detect_rotation, recognise
from broadcast.intake.quality import refusal_reason, syllable_stats

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif", ".webp", ".bmp"}
PDF_SUFFIXES = {".pdf"}
SCAN_SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES
LOW_CONFIDENCE = 80.0


@dataclass
class ScanRead:
    """Text read from a PDF or images. `pages` are the pages read by OCR (empty for a PDF
    whose every page has a good text layer); `kind` is 'pdf-text', 'pdf-ocr' or 'image'."""

    text: str
    kind: str
    page_count: int
    pages: list[OcrPage] = field(default_factory=list)

    @property
    def from_image(self) -> bool:
        return bool(self.pages)

    @property
    def words(self) -> list[OcrWord]:
        return [w for page in self.pages for w in page.words]

    def summary(self, low: float = LOW_CONFIDENCE) -> dict[str, object]:
        """The OCR confidence summary: words, mean confidence, doubtful words, seconds."""
        words = self.words
        doubtful = [w for w in words if w.conf < low]
        return {
            "pages": self.page_count,
            "ocr_pages": len(self.pages),
            "words": len(words),
            "mean_confidence": round(sum(w.conf for w in words) / len(words), 1) if words else None,
            "low_confidence_words": len(doubtful),
            "low_confidence_share": round(len(doubtful) / len(words), 3) if words else None,
            "threshold": low,
            "seconds_per_page": [round(p.seconds, 2) for p in self.pages],
        }


def is_scan(filename: str, data: bytes) -> bool:
    suffix = Path(filename).suffix.lower()
    return suffix in SCAN_SUFFIXES or data.startswith(b"%PDF-")


def read_scan(data: bytes, filename: str, limits: IntakeLimits) -> ScanRead:
    """Read a PDF or an image file into text (see the module docstring)."""
    check_file_size(len(data), filename, limits)
    if data.startswith(b"%PDF-") or Path(filename).suffix.lower() == ".pdf":
        return _read_pdf(data, filename, limits)
    check_image(data, filename, limits)
    frames = open_frames(data, filename, max_frames=limits.max_pages)
    with tempfile.TemporaryDirectory(prefix="broadcast-ocr-") as tmp:
        pages = [ocr_page(frame, n, limits, Path(tmp)) for n, frame in enumerate(frames, start=1)]
    return assemble_pages(pages, kind="image", page_count=len(pages))


def ocr_page(image: Image.Image, number: int, limits: IntakeLimits, tmp: Path) -> OcrPage:
    """Turn upright, clean and read one page image."""
    start = time.perf_counter()
    gray = fit_size(to_gray(image))
    probe = tmp / f"osd-{number}.tif"  # uncompressed: writing a PNG costs more than reading it
    small = gray.copy()
    small.thumbnail((1800, 1800))
    small.save(probe)
    rotation = detect_rotation(probe, timeout_s=limits.ocr_page_timeout_s)
    if rotation:
        gray = gray.rotate(-rotation, expand=True)
    cleaned, skew = clean_page(gray)
    path = tmp / f"page-{number}.tif"
    cleaned.save(path)
    lines = recognise(path, page=number, timeout_s=limits.ocr_page_timeout_s)
    return OcrPage(
        number=number,
        width=cleaned.width,
        height=cleaned.height,
        lines=lines,
        seconds=time.perf_counter() - start,
        rotated=rotation,
        deskew=skew,
        image_jpeg=jpeg_bytes(cleaned),
    )


def assemble_pages(
    pages: list[OcrPage], *, kind: str, page_count: int, texts: dict[int, str] | None = None
) -> ScanRead:
    """One text for the whole document, pages in order; OCR words get their offsets."""
    parts: list[str] = []
    length = 0
    placed: list[OcrPage] = []
    by_number = {p.number: p for p in pages}
    for number in range(1, page_count + 1):
        if number in by_number:
            page = by_number[number]
            joins = wrapped_lines(page.lines, page.width)
            new_lines: list[list[OcrWord]] = []
            for index, line in enumerate(page.lines):
                new_line: list[OcrWord] = []
                for i, word in enumerate(line):
                    text = unicodedata.normalize("NFC", word.text)
                    if i:
                        parts.append(" ")
                        length += 1
                    parts.append(text)
                    new_line.append(
                        OcrWord(
                            text=text, conf=word.conf, page=number, box=word.box, start=length, end=length + len(text)
                        )
                    )
                    length += len(text)
                parts.append(" " if index in joins else "\n")
                length += 1
                new_lines.append(new_line)
            page.lines = new_lines
            placed.append(page)
        elif texts and number in texts:
            chunk = texts[number].rstrip() + "\n"
            parts.append(chunk)
            length += len(chunk)
    return ScanRead(text="".join(parts), kind=kind, page_count=page_count, pages=placed)


_LIST_START = re.compile(r"^([-+•*]|\d+(\.\d+)*[.)]|[a-zđ]\))$")


def wrapped_lines(lines: list[list[OcrWord]], page_width: int) -> set[int]:
    """Indices of printed lines that wrap into the next one (a paragraph going on).

    From the geometry: the line starts at the text's left margin (or a paragraph indent),
    reaches the right edge of the text, does not end a sentence, and the next line starts at the text's left margin and is not a list item.
    Upper-case lines (titles, header rows) never wrap."""
    boxes = [(min(w.box[0] for w in line), max(w.box[0] + w.box[2] for w in line)) for line in lines if line]
    if len(boxes) < 2:
        return set()
    lefts = [left // 20 for (left, _), line in zip(boxes, lines, strict=True) if len(line) >= 4]
    margin = 20 * max(set(lefts), key=lefts.count) if lefts else min(b[0] for b in boxes)
    tolerance = max(12, page_width // 50)
    right = max(b[1] for b in boxes if abs(b[0] - margin) <= 3 * tolerance)  # lines of the body column
    reach = right - 0.15 * (right - margin)
    joins = set()
    for k in range(len(lines) - 1):
        words, following = lines[k], lines[k + 1]
        text = " ".join(w.text for w in words)
        letters = [c for c in text if c.isalpha()]
        if not words or not following or (letters and sum(c.isupper() for c in letters) > 0.7 * len(letters)):
            continue
        if re.search(r"[.!?:;]$", text) or boxes[k][1] < reach:
            continue
        if not -tolerance <= boxes[k][0] - margin <= 0.12 * (right - margin):
            continue  # a centred line (a title) or another column; a first-line indent is fine
        if abs(boxes[k + 1][0] - margin) > tolerance or _LIST_START.match(following[0].text):
            continue
        joins.add(k)
    return joins


# --- PDF -------------------------------------------------------------------------

_PAGES = re.compile(r"^Pages:\s+(\d+)", re.M)
_SIZE = re.compile(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", re.M)


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise EngineError(
            f"Chưa cài công cụ đọc PDF ({tool}). Quản trị máy chạy: apt-get install poppler-utils (hoặc make run)."
        )
    return path


def _run_poppler(args: list[str], *, timeout_s: float, filename: str) -> str:
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise TooLargeError(
            f"Đọc tệp PDF «{filename}» quá {timeout_s:g} giây nên đã dừng. Hãy tách thành tệp ít trang hơn.",
            limit=timeout_s,
        ) from exc
    if done.returncode != 0:
        raise BrokenFileError(
            f"Tệp PDF «{filename}» hỏng hoặc có mật khẩu, không đọc được. Hãy xuất lại PDF hoặc quét lại rồi tải lên."
        )
    return done.stdout.decode("utf-8", "replace")


def _good_text_layer(text: str) -> bool:
    stats = syllable_stats(text)
    return len(text.strip()) >= 20 and refusal_reason(stats) is None


def _read_pdf(data: bytes, filename: str, limits: IntakeLimits) -> ScanRead:
    timeout = limits.ocr_page_timeout_s
    with tempfile.TemporaryDirectory(prefix="broadcast-pdf-") as tmp_name:
        tmp = Path(tmp_name)
        pdf = tmp / "in.pdf"
        pdf.write_bytes(data)
        info = _run_poppler([_poppler("pdfinfo"), str(pdf)], timeout_s=timeout, filename=filename)
        match = _PAGES.search(info)
        count = int(match.group(1)) if match else 0
        if count == 0:
            raise TooLargeError(f"Tệp PDF «{filename}» không có trang nào đọc được. Hãy xuất lại PDF rồi tải lên.")
        if count > limits.max_pages:
            raise TooLargeError(
                f"Tệp PDF «{filename}» có {count} trang (giới hạn {limits.max_pages}). Hãy tách thành nhiều tệp.",
                limit=limits.max_pages,
            )
        raw = _run_poppler(
            [_poppler("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"],
            timeout_s=timeout * count,
            filename=filename,
        )
        texts = {n: t for n, t in enumerate(raw.split("\f")[:count], start=1)}
        to_read = [n for n in range(1, count + 1) if not _good_text_layer(texts.get(n, ""))]
        if not to_read:
            return ScanRead(
                text="\n".join(texts[n].rstrip() for n in range(1, count + 1)) + "\n", kind="pdf-text", page_count=count
            )
        dpi = _dpi_for(info, limits)
        pages = []
        for number in to_read:
            prefix = tmp / f"p{number}"
            _run_poppler(
                [_poppler("pdftoppm"), "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(number), "-l",
                 str(number), str(pdf), str(prefix)],
                timeout_s=timeout,
                filename=filename,
            )  # fmt: skip
            with Image.open(prefix.with_suffix(".png")) as img:
                img.load()
                pages.append(ocr_page(img, number, limits, tmp))
    keep = {n: t for n, t in texts.items() if n not in to_read}
    return assemble_pages(pages, kind="pdf-ocr", page_count=count, texts=keep)


def _dpi_for(info: str, limits: IntakeLimits) -> int:
    """The OCR resolution, lowered so that a page stays within the pixel bound."""
    dpi = limits.ocr_dpi
    size = _SIZE.search(info)
    if size:
        width_in, height_in = float(size.group(1)) / 72, float(size.group(2)) / 72
        if width_in * height_in * dpi * dpi > limits.max_image_pixels:
            dpi = int((limits.max_image_pixels / (width_in * height_in)) ** 0.5)
    return max(72, dpi)
