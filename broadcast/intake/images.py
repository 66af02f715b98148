"""Opening and cleaning page images before OCR (Pillow only).

A phone photo of a paper script is turned upright (EXIF, then Tesseract's orientation
detection in broadcast.intake.scans), made grey, brought to a size Tesseract reads well,
freed of uneven lighting (the page background is estimated by a max filter and divided
out), contrast-stretched, de-speckled and straightened (the skew angle that makes the
rows of text sharpest in a horizontal projection).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageFilter, ImageMath, ImageOps

from broadcast.errors import BrokenFileError

MAX_SIDE = 3600  # longer side after cleaning: about A4 at 300 dpi
MIN_SIDE = 1600  # smaller photos are enlarged: Tesseract wants letters 20+ pixels high
_SKEW_RANGE = 8.0


@lru_cache(maxsize=1)
def register_heif() -> bool:
    """Teach Pillow to open HEIC/HEIF phone photos when pillow-heif is installed."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def open_frames(data: bytes, filename: str, *, max_frames: int) -> list[Image.Image]:
    """Every page of an image file (a TIFF or HEIC may hold several), upright per EXIF."""
    register_heif()
    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for index in range(min(int(getattr(img, "n_frames", 1)), max_frames)):
            img.seek(index)
            frames.append(ImageOps.exif_transpose(img.copy()) or img.copy())
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise BrokenFileError(
            f"Không mở được ảnh «{filename}» (hỏng hoặc không phải ảnh JPEG/PNG/HEIC). Hãy chụp hoặc quét lại."
        ) from exc
    return frames


def to_gray(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        img = background
    return img.convert("L")


def fit_size(gray: Image.Image) -> Image.Image:
    longest = max(gray.size)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
    elif longest < MIN_SIDE:
        scale = min(2.0, MIN_SIDE / longest)
    else:
        return gray
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    return gray.resize(size, Image.Resampling.LANCZOS)


def flatten_background(gray: Image.Image) -> Image.Image:
    """Divide out the page's lighting: shadows and a bright corner become plain white."""
    small = gray.resize((max(1, gray.width // 8), max(1, gray.height // 8)), Image.Resampling.BOX)
    background = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    background = background.resize(gray.size, Image.Resampling.BILINEAR)
    flat: Image.Image = ImageMath.lambda_eval(lambda a: a["g"] * 255 / (a["b"] + 1), g=gray, b=background)
    return flat.convert("L")


def _row_sharpness(ink: Image.Image) -> float:
    rows = [float(v) for v in ink.resize((1, ink.height), Image.Resampling.BOX).tobytes()]
    mean = sum(rows) / len(rows)
    return sum((v - mean) ** 2 for v in rows)


def estimate_skew(gray: Image.Image) -> float:
    """Degrees to rotate (counter-clockwise) so that the text lines run horizontally."""
    small = gray.copy()
    small.thumbnail((1000, 1000))
    ink = small.point(lambda v: 255 if v < 140 else 0)
    if not ink.getbbox():
        return 0.0

    def score(angle: float) -> float:
        return _row_sharpness(ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0))

    steps = int(_SKEW_RANGE)
    best = max((float(a) for a in range(-steps, steps + 1)), key=score)
    best = max((best + k / 10 for k in range(-10, 11)), key=score)
    return round(best, 1)


def clean_page(img: Image.Image) -> tuple[Image.Image, float]:
    """(cleaned grey page, degrees straightened)."""
    gray = fit_size(to_gray(img))
    gray = flatten_background(gray)
    gray = ImageOps.autocontrast(gray, cutoff=(1, 0))
    gray = gray.filter(ImageFilter.MedianFilter(3))
    angle = estimate_skew(gray)
    if abs(angle) >= 0.2:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return gray, angle


def jpeg_bytes(img: Image.Image, *, max_side: int = 1600, quality: int = 80) -> bytes:
    """A small JPEG of the page for the page view beside the text."""
    view = img.copy()
    view.thumbnail((max_side, max_side))
    out = io.BytesIO()
    view.convert("L").save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
