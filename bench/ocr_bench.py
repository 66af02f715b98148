"""OCR at intake: character accuracy and time per page on pages rendered here.

    .venv/bin/python bench/ocr_bench.py

Renders body text from tests/fixtures/samples with the packaged DejaVu font at 300 dpi,
spoils it as a phone photo (tilt, blur, uneven light, speckle, JPEG), and reads it with
broadcast.intake.intake_bytes (Tesseract with `vie`). Accuracy is 1 - edit distance /
length against the source, whitespace collapsed. Times: wall clock of the whole intake per
page, and CPU seconds of this process plus its children (Tesseract, poppler), which does
not depend on what else the machine is doing. The last case reads through the bounded
worker process (broadcast.intake.worker.parse_with_timeout).
"""

from __future__ import annotations

import io
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from broadcast.intake import intake_bytes  # noqa: E402
from broadcast.intake.worker import parse_with_timeout  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402
from tests.intake.scan_pages import (  # noqa: E402
    char_accuracy,
    phone_photo,
    render_text_page,
    scanned_pdf,
    text_pdf,
    wrap,
)


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def lines_from(name: str, count: int) -> list[str]:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return wrap([p.strip() for p in text.split("\n") if len(p.strip()) > 40])[:count]


def main() -> None:
    a = lines_from("cong-van-tang-cuong-tuyen-truyen-cchc-cam-nhuong-2023.txt", 34)
    b = lines_from("ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt", 34)
    c = lines_from("bien-ban-hoi-nghi-cchc-ha-thanh-2022.txt", 34)
    sideways = io.BytesIO()
    Image.open(io.BytesIO(phone_photo(render_text_page(c)))).rotate(90, expand=True).save(sideways, "JPEG")
    cases = [
        ("clean scan PNG", "\n".join(a), _png(render_text_page(a)), "trang.png", 1),
        ("phone JPEG, 1.5° tilt", "\n".join(a), phone_photo(render_text_page(a)), "trang.jpg", 1),
        ("phone JPEG, -2.5°, more blur", "\n".join(b), phone_photo(render_text_page(b), angle=-2.5, blur=1.4, seed=3),
         "trang.jpg", 1),
        ("phone JPEG, EXIF-rotated", "\n".join(c), phone_photo(render_text_page(c), exif_rotated=True), "trang.jpg", 1),
        ("photo turned 90° (no EXIF)", "\n".join(c), sideways.getvalue(), "trang.jpg", 1),
        ("2-page scanned PDF", "\n".join(a[:17] + b[:17]),
         scanned_pdf([render_text_page(a[:17]), render_text_page(b[:17])]), "quet.pdf", 2),
        ("text-layer PDF", "\n".join(a), text_pdf(wrap([" ".join(a)], 70)), "bai.pdf", 1),
    ]  # fmt: skip
    print(f"{'case':32s} {'accuracy':>9s} {'wall s/page':>12s} {'cpu s/page':>11s}  mean conf")
    for name, source, data, filename, pages in cases:
        wall, used = time.perf_counter(), cpu()
        result = intake_bytes(data, filename)
        wall, used = (time.perf_counter() - wall) / pages, (cpu() - used) / pages
        assert result.scan is not None
        exact = " (exact)" if result.read.text.split() == source.split() else ""
        conf = result.scan.summary()["mean_confidence"]
        print(f"{name:32s} {char_accuracy(source, result.read.text):9.4f} {wall:12.1f} {used:11.1f}  {conf}{exact}")
    wall = time.perf_counter()
    result = parse_with_timeout(cases[1][2], "trang.jpg")
    print(f"{'phone JPEG via bounded worker':32s} {char_accuracy(cases[1][1], result.read.text):9.4f} "
          f"{time.perf_counter() - wall:12.1f}")  # fmt: skip


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


if __name__ == "__main__":
    main()
