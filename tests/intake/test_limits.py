"""Bounded intake (issue 12): zip bombs, lying ZIP headers, huge images, control characters,
the text size limit for files and pastes; and the bounded worker process."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from broadcast.errors import BrokenFileError, TooLargeError, UndecodableError, UnsupportedFileError
from broadcast.intake import intake_bytes, intake_text
from broadcast.intake.limits import AUDIO_KINDS, IntakeLimits, check_upload, human_size, sniff_kind
from broadcast.intake.readers import read_bytes
from broadcast.intake.worker import parse_with_timeout, run_bounded
from tests.conftest import EXAMPLE_SCRIPT, make_docx
from tests.intake.bombs import docx_bomb

ROOT = Path(__file__).resolve().parents[2]
LIMITS = IntakeLimits()

# Reads a normal .docx, then the bomb, in a fresh interpreter; reports times and peak memory.
PROBE = r"""
import json, re, sys, time
def hwm():  # peak resident memory of this process image, MB (ru_maxrss would include the parent's before exec)
    return int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024
from broadcast.intake import intake_bytes
normal, bomb = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
t = time.perf_counter(); intake_bytes(normal, "bai.docx"); normal_s = time.perf_counter() - t
t = time.perf_counter()
try:
    intake_bytes(bomb, "bom.docx"); error = None
except Exception as exc:
    error = type(exc).__name__ + ": " + str(exc)
bomb_s = time.perf_counter() - t
print(json.dumps({"normal_s": normal_s, "bomb_s": bomb_s, "error": error,
                  "peak_mb": hwm()}))
"""


def _probe(tmp_path: Path, bomb: bytes) -> dict[str, object]:
    normal = tmp_path / "bai.docx"
    normal.write_bytes(make_docx(EXAMPLE_SCRIPT.splitlines()))
    path = tmp_path / "bom.docx"
    path.write_bytes(bomb)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(normal), str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("size", [300_000_000, 2_000_000_000], ids=["300MB", "2GB"])
def test_zip_bomb_docx_is_refused_fast_in_little_memory(tmp_path: Path, size: int) -> None:
    bomb = docx_bomb(size)
    assert len(bomb) < 8_000_000  # the attack is a small upload
    result = _probe(tmp_path, bomb)
    assert result["error"] and str(result["error"]).startswith("TooLargeError")
    assert "giải nén" in str(result["error"])
    assert float(result["peak_mb"]) < 200, result  # peak RSS (VmHWM) of the whole interpreter
    # refused from the ZIP directory alone: no slower than reading a normal one-page script
    assert float(result["bomb_s"]) <= 3 * float(result["normal_s"]), result


def test_zip_bomb_with_lying_headers_is_refused_in_little_memory(tmp_path: Path) -> None:
    result = _probe(tmp_path, docx_bomb(300_000_000, lie=True))
    assert result["error"] and str(result["error"]).split(":")[0] in {"TooLargeError", "BrokenFileError"}
    assert float(result["peak_mb"]) < 200, result


def test_zip_ratio_and_member_count_bounds() -> None:
    small_bomb = docx_bomb(30_000_000)  # under the size bound, but 1 000 times compressed
    with pytest.raises(TooLargeError, match="nén"):
        check_upload(small_bomb, "bom.docx", LIMITS)
    with pytest.raises(TooLargeError, match="phần bên trong"):
        check_upload(make_docx(["Xin chào bà con."]), "bai.docx", IntakeLimits(max_zip_members=3))


def test_a_normal_docx_passes_the_bounds() -> None:
    data = make_docx(EXAMPLE_SCRIPT.splitlines())
    check_upload(data, "bai.docx", LIMITS)
    assert intake_bytes(data, "bai.docx", limits=LIMITS).parsed.signer == "Ma Thịnh Giáp"


def test_oversized_upload_is_refused_by_size_before_reading() -> None:
    with pytest.raises(TooLargeError, match="quá lớn") as info:
        read_bytes(b"x" * 2000, "bai.txt", limits=IntakeLimits(max_upload_bytes=1000))
    assert "KB" in info.value.message


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", 0)
        + b"IEND"
        + struct.pack(">I", zlib.crc32(b"IEND"))
    )


def test_image_pixel_bound_read_from_the_header() -> None:
    check_upload(_png_header(3000, 4000), "anh.png", LIMITS)
    with pytest.raises(TooLargeError, match="điểm ảnh"):
        check_upload(_png_header(40_000, 40_000), "anh.png", LIMITS)


def test_utf8_with_a_stray_nul_is_utf8_not_utf16() -> None:
    text = "Kính thưa bà con, UBND xã Phúc Lộc thông báo lịch tiêm chủng mở rộng."
    data = text[:20].encode() + b"\x00" + text[20:].encode()
    read = read_bytes(data, "bai.txt", limits=LIMITS)
    assert read.encoding == "utf-8"
    assert read.text == text
    assert read.removed_controls == 1


def test_utf16_without_bom_is_still_recognised() -> None:
    text = "Kính thưa bà con, UBND xã Phúc Lộc thông báo."
    assert read_bytes(text.encode("utf-16-le"), "bai.txt", limits=LIMITS).text == text


def test_many_control_characters_are_refused_with_a_clear_message() -> None:
    data = "Kính thưa bà con".encode() + bytes(range(1, 9)) * 20
    with pytest.raises(UndecodableError, match="ký tự điều khiển"):
        read_bytes(data, "bai.txt", limits=LIMITS)


def test_pasted_text_control_characters_are_removed() -> None:
    result = intake_text(EXAMPLE_SCRIPT.replace("Kính thưa", "Kính\x00 thưa\x07"), limits=LIMITS)
    assert result.read.removed_controls == 2
    assert "\x00" not in result.parsed.body and result.parsed.opening_present


def _long_script(size: int) -> str:
    lines = EXAMPLE_SCRIPT.splitlines()
    body = "UBND xã đề nghị bà con chủ động gia cố nhà cửa, không đi qua ngầm tràn khi nước lên.\n"
    return "\n".join(lines[:2]) + "\n" + body * (size // len(body.encode())) + "\n".join(lines[3:])


def test_a_one_and_a_half_megabyte_paste_is_accepted() -> None:
    text = _long_script(1_500_000)
    assert 1_400_000 < len(text.encode()) < 2 * 1024 * 1024
    result = intake_text(text, limits=LIMITS)
    assert len(result.parsed.body.encode()) > 1_400_000
    assert result.parsed.closing_present


def test_a_paste_over_the_limit_is_refused_in_vietnamese() -> None:
    with pytest.raises(TooLargeError) as info:
        intake_text(_long_script(2_300_000), limits=LIMITS)
    assert "quá lớn" in info.value.message and "2 MB" in info.value.message and "tách" in info.value.message


def test_human_size() -> None:
    assert human_size(2 * 1024 * 1024) == "2 MB"
    assert human_size(1536) == "1,5 KB"


def test_worker_returns_the_intake_and_raises_its_errors() -> None:
    result = parse_with_timeout(EXAMPLE_SCRIPT.encode(), "bai.txt", LIMITS)
    assert result.parsed.signer == "Ma Thịnh Giáp"
    with pytest.raises(TooLargeError, match="giải nén"):
        parse_with_timeout(docx_bomb(300_000_000), "bom.docx", LIMITS)
    with pytest.raises(BrokenFileError):
        parse_with_timeout(b"PK\x03\x04 not a zip", "hong.docx", LIMITS)


def test_worker_stops_at_its_time_limit() -> None:
    start = time.monotonic()
    with pytest.raises(TooLargeError, match="quá 1 giây"):
        run_bounded(time.sleep, 30, timeout_s=1)
    assert time.monotonic() - start < 15  # killed, not waited for


def _wav(seconds: float = 0.2) -> bytes:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x10" * int(8000 * seconds))
    return out.getvalue()


def test_kinds_are_told_by_content_not_by_name() -> None:
    assert sniff_kind(_wav()) == "wav"
    assert sniff_kind(b"ID3\x04\x00" + bytes(100)) == "mp3"
    assert sniff_kind(b"\xff\xfb\x90\x64" + bytes(100)) == "mp3"  # an MPEG frame without a tag
    assert sniff_kind(_png_header(10, 10)) == "image"
    assert sniff_kind(make_docx(["Xin chào bà con."])) == "zip"
    assert sniff_kind(b"%PDF-1.7\n") == "pdf"
    assert sniff_kind("Kính thưa bà con".encode()) is None


def test_a_jingle_must_be_wav_or_mp3_whatever_its_name() -> None:
    check_upload(_wav(), "nhac.wav", LIMITS, kinds=AUDIO_KINDS)
    with pytest.raises(UnsupportedFileError, match="không phải âm thanh WAV hoặc MP3 \\(nội dung là ảnh\\)"):
        check_upload(_png_header(10, 10), "nhac.mp3", LIMITS, kinds=AUDIO_KINDS, expected="âm thanh WAV hoặc MP3")
    with pytest.raises(UnsupportedFileError, match="nội dung là không rõ loại"):
        check_upload(b"OggS" + bytes(50), "nhac.wav", LIMITS, kinds=AUDIO_KINDS)
    with pytest.raises(TooLargeError, match="quá lớn"):
        check_upload(_wav(2.0), "nhac.wav", IntakeLimits(max_upload_bytes=1000), kinds=AUDIO_KINDS)


def test_a_scan_gets_the_ocr_time_of_each_page() -> None:
    from PIL import Image

    from broadcast.intake.worker import scan_pages, time_budget_s
    from tests.intake.scan_pages import scanned_pdf

    limits = IntakeLimits(parse_timeout_s=60, ocr_page_timeout_s=100, max_pages=5)
    page = Image.new("L", (200, 300), 255)
    assert time_budget_s(make_docx(["Xin chào bà con."]), "bai.docx", limits) == 60
    assert time_budget_s(_png_header(3000, 4000), "anh.png", limits) == 160
    three = scanned_pdf([page, page, page])
    assert scan_pages(three, "scan.pdf", limits) == 3 and time_budget_s(three, "scan.pdf", limits) == 360
    assert scan_pages(scanned_pdf([page] * 9), "scan.pdf", limits) == 5  # the reader refuses the rest
    assert scan_pages(b"%PDF-1.7\n% page objects in compressed streams\n", "scan.pdf", limits) == 5
    assert scan_pages(b"\xff\xd8\xff broken", "anh.jpg", limits) == 1
