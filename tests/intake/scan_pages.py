"""Scans and phone photos made by the tests themselves (no downloaded data).

Pages are rendered with the packaged DejaVu fonts (fonts-dejavu-core) at 300 dpi on A4,
then spoiled the way a phone photo is: turned a little, blurred, lit unevenly, speckled
and saved as a JPEG (optionally with an EXIF orientation, as phones store portrait shots).
"""

from __future__ import annotations

import io
import random
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFilter, ImageFont

if TYPE_CHECKING:
    from broadcast.intake import Intake

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
A4 = (2480, 3508)  # pixels at 300 dpi
MARGIN = 220


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)


def wrap(paragraphs: list[str], width: int = 62) -> list[str]:
    """Paragraphs broken into printed lines, as a word processor would."""
    return [line for p in paragraphs for line in textwrap.wrap(p, width)]


def render_text_page(lines: list[str], *, size: int = 42) -> Image.Image:
    """A plain page of body text, one printed line per item."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font = _font(size)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=15)
        y += int(size * 1.55)
    return page


def render_official_page(
    *, left: list[str], right: list[str], title: list[str], body: list[str], sign_left: list[str],
    sign_right: list[str], size: int = 40,
) -> Image.Image:  # fmt: skip
    """A page laid out as an administrative document: two-column header, centred bold
    title, body, two-column signature block with a round stamp over the signer."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    font, bold = _font(size), _font(size, bold=True)
    half = A4[0] // 2
    step = int(size * 1.5)

    def column(lines: list[str], x_centre: int, y: int) -> int:
        for i, line in enumerate(lines):
            f = bold if i < 2 else font
            width = draw.textlength(line, font=f)
            draw.text((x_centre - width / 2, y), line, font=f, fill=15)
            y += step
        return y

    y = max(column(left, MARGIN + 420, MARGIN), column(right, half + 420, MARGIN)) + step
    for line in title:
        width = draw.textlength(line, font=bold)
        draw.text(((A4[0] - width) / 2, y), line, font=bold, fill=15)
        y += step
    y += step // 2
    for line in body:
        draw.text((MARGIN, y), line, font=font, fill=15)
        y += step
    y += step
    end = column(sign_right, half + 420, y)
    column(sign_left, MARGIN + 300, y)
    # the round red stamp, grey on a grey scan, over the signature
    cx, cy, r = half + 420, y + 2 * step, 190
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=120, width=8)
    draw.ellipse((cx - r + 30, cy - r + 30, cx + r - 30, cy + r - 30), outline=120, width=4)
    draw.text((cx - 120, cy - 20), "UBND XÃ", font=_font(36, bold=True), fill=120)
    assert end < A4[1] - MARGIN, "the page overflows"
    return page


def phone_photo(
    page: Image.Image, *, seed: int = 0, angle: float = 1.5, blur: float = 1.1, noise: int = 60,
    exif_rotated: bool = False, quality: int = 80,
) -> bytes:  # fmt: skip
    """The page as a phone photographs it, as JPEG bytes."""
    rng = random.Random(seed)
    img = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    # uneven light: darker towards one corner
    shade = Image.linear_gradient("L").resize(img.size).rotate(35, expand=False, fillcolor=128)
    img = Image.blend(img, Image.composite(img, Image.new("L", img.size, 0), shade.point(lambda v: 160 + v // 3)), 0.5)
    px = img.load()
    assert px is not None
    for _ in range(img.width * img.height // 40):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        value = px[x, y]
        assert isinstance(value, int)
        px[x, y] = max(0, min(255, value + rng.randint(-noise, noise)))
    rgb = img.convert("RGB")
    out = io.BytesIO()
    if exif_rotated:  # stored turned a quarter left, EXIF says "turn right to view"
        exif = Image.Exif()
        exif[0x0112] = 6
        rgb.rotate(90, expand=True).save(out, "JPEG", quality=quality, exif=exif)
    else:
        rgb.save(out, "JPEG", quality=quality)
    return out.getvalue()


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    """A PDF of page images only (no text layer), as a scanner makes it."""
    out = io.BytesIO()
    rgb = [p.convert("L") for p in pages]
    rgb[0].save(out, "PDF", save_all=True, append_images=rgb[1:], resolution=300)
    return out.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A PDF with a real text layer, written with fpdf2 and the DejaVu font."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def char_accuracy(expected: str, got: str) -> float:
    """1 - edit distance / length, on texts with their whitespace collapsed."""
    from rapidfuzz.distance import Levenshtein

    a, b = " ".join(expected.split()), " ".join(got.split())
    return 1 - Levenshtein.distance(a, b) / len(a)


def fake_scan_intake(text: str, *, doubtful: frozenset[str] = frozenset(), filename: str = "trang.jpg") -> Intake:
    """An Intake as OCR would return it for text (confidence 96, 40 for doubtful words),
    without running Tesseract: for service tests of what happens after OCR."""
    from broadcast.intake import Intake
    from broadcast.intake.anatomy import parse_script
    from broadcast.intake.ocr import OcrPage, OcrWord
    from broadcast.intake.readers import finish_text
    from broadcast.intake.scans import assemble_pages

    lines = [
        [OcrWord(w, 40.0 if w in doubtful else 96.0, 1, (100 * i, 60 * n, 90, 40)) for i, w in enumerate(line.split())]
        for n, line in enumerate(text.splitlines())
        if line.strip()
    ]
    page = OcrPage(number=1, width=2480, height=3508, lines=lines, seconds=0.1, image_jpeg=b"\xff\xd8fake")
    scan = assemble_pages([page], kind="image", page_count=1)
    read = finish_text(scan.text, encoding="image", source=filename)
    return Intake(read=read, parsed=parse_script(read.text), scan=scan)
