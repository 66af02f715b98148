"""Bounds on what intake will read, checked before any parsing.

An upload is refused with a Vietnamese message when it is too large as a file, when it is
a ZIP package (.docx, a jingle bundle) whose members would expand past a size bound or at
a suspicious compression ratio (a "zip bomb"), or when it is an image with more pixels or
a PDF with more pages than allowed. The same function serves scripts, jingles and scans:
`check_upload(data, filename, limits)`; with `kinds` it also refuses a file whose content
is not of one of those kinds (`sniff_kind`: a jingle must be WAV or MP3, whatever its name).

ZIP headers can lie about sizes, so `read_zip_member` also reads with a cap and refuses a
member that delivers more than its header promised.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from broadcast.errors import BrokenFileError, TooLargeError, UnsupportedFileError

if TYPE_CHECKING:
    from broadcast.config import Settings

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
# Members smaller than this are not judged by their ratio: tiny XML parts compress well.
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class IntakeLimits:
    """The bounds; `from_settings` reads them from the one Settings object."""

    max_upload_bytes: int = 20 * 1024 * 1024
    max_text_bytes: int = 2 * 1024 * 1024
    max_unzipped_bytes: int = 64 * 1024 * 1024
    max_zip_ratio: float = 100.0
    max_zip_members: int = 2000
    max_image_pixels: int = 50_000_000
    max_pages: int = 20
    ocr_page_timeout_s: float = 120.0
    ocr_dpi: int = 300
    parse_timeout_s: float = 60.0
    parse_memory_bytes: int = 2048 * 1024 * 1024

    @property
    def form_field_bytes(self) -> int:
        """What a web form must accept for one text field so that the text limit, not the
        form parser's own 1 MB default, decides (URL-encoding takes up to 3 bytes a byte)."""
        return 3 * self.max_text_bytes + 64 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> IntakeLimits:
        return cls(
            max_upload_bytes=settings.max_upload_bytes,
            max_text_bytes=settings.max_text_bytes,
            max_unzipped_bytes=settings.max_unzipped_bytes,
            max_zip_ratio=settings.max_zip_ratio,
            max_zip_members=settings.max_zip_members,
            max_image_pixels=settings.max_image_pixels,
            max_pages=settings.max_scan_pages,
            ocr_page_timeout_s=settings.ocr_page_timeout_s,
            ocr_dpi=settings.ocr_dpi,
            parse_timeout_s=settings.parse_timeout_s,
            parse_memory_bytes=settings.parse_memory_mb * 1024 * 1024,
        )


def human_size(n: int) -> str:
    """1536 -> '1,5 KB'; 2097152 -> '2 MB' (Vietnamese decimal comma)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{n} byte"


def check_file_size(size: int, filename: str, limits: IntakeLimits) -> None:
    if size > limits.max_upload_bytes:
        raise TooLargeError(
            f"Tệp «{filename}» quá lớn ({human_size(size)}; giới hạn {human_size(limits.max_upload_bytes)}). "
            "Hãy giảm dung lượng (ảnh chụp nhỏ hơn, tách tệp) rồi tải lên lại.",
            limit=limits.max_upload_bytes,
        )


def check_text_size(size: int, source: str, limits: IntakeLimits) -> None:
    if size > limits.max_text_bytes:
        raise TooLargeError(
            f"Nội dung «{source}» quá lớn ({human_size(size)} chữ; giới hạn {human_size(limits.max_text_bytes)}). "
            "Một bài phát thanh thường chỉ vài trang: hãy tách thành nhiều bài ngắn hơn.",
            limit=limits.max_text_bytes,
        )


def _bomb(filename: str, detail: str) -> TooLargeError:
    return TooLargeError(
        f"Tệp «{filename}» bị từ chối: {detail}. Tệp như vậy không phải một bài viết bình thường "
        "(có thể là tệp hỏng hoặc tệp cố ý gây quá tải). Hãy mở bằng Word, lưu lại thành .docx rồi tải lên."
    )


def check_zip(data: bytes, filename: str, limits: IntakeLimits) -> list[zipfile.ZipInfo]:
    """Check a ZIP package's directory against the bounds without decompressing anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BrokenFileError(
            f"Tệp «{filename}» hỏng hoặc không đúng định dạng (không mở được gói nén). "
            "Hãy mở lại bằng Word, lưu thành .docx rồi tải lên."
        ) from exc
    if len(infos) > limits.max_zip_members:
        raise _bomb(filename, f"có {len(infos)} phần bên trong (giới hạn {limits.max_zip_members})")
    total = 0
    for info in infos:
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise _bomb(
                filename,
                f"khi giải nén sẽ lớn hơn {human_size(limits.max_unzipped_bytes)} "
                f"(phần «{info.filename}» {human_size(info.file_size)})",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
            raise _bomb(filename, f"phần «{info.filename}» nén {ratio:.0f} lần (giới hạn {limits.max_zip_ratio:.0f})")
    return infos


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, limits: IntakeLimits) -> bytes:
    """A member's bytes, read with a cap: never more than its header promised, nor the bound."""
    cap = min(info.file_size, limits.max_unzipped_bytes)
    out = bytearray()
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                out += chunk
                if len(out) > cap:
                    raise _bomb(filename, f"phần «{info.filename}» dài hơn mức ghi trong tệp")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise BrokenFileError(
            f"Tệp «{filename}» hỏng: phần «{info.filename}» không giải nén được ({type(exc).__name__}). "
            "Hãy mở lại bằng Word, lưu thành .docx rồi tải lên."
        ) from exc
    return bytes(out)


def verify_zip(data: bytes, filename: str, limits: IntakeLimits) -> None:
    """check_zip, then read every member with a cap, so that lying headers are caught
    before a parser that trusts them sees the file."""
    infos = check_zip(data, filename, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in infos:
            read_zip_member(zf, info, filename, limits)


def image_size(data: bytes, filename: str) -> tuple[int, int, int]:
    """(width, height, frames) from an image's header, without decoding its pixels."""
    from PIL import Image, UnidentifiedImageError

    from broadcast.intake.images import register_heif

    register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                return img.width, img.height, int(getattr(img, "n_frames", 1))
    except Image.DecompressionBombError as exc:
        raise TooLargeError(
            f"Ảnh «{filename}» quá lớn (quá nhiều điểm ảnh). Hãy chụp ở độ phân giải thấp hơn."
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise BrokenFileError(
            f"Không mở được ảnh «{filename}» (hỏng hoặc không phải ảnh JPEG/PNG/HEIC). Hãy chụp hoặc quét lại."
        ) from exc


def check_image(data: bytes, filename: str, limits: IntakeLimits) -> tuple[int, int]:
    """Refuse an image with more pixels (or pages) than allowed; returns (width, height)."""
    width, height, frames = image_size(data, filename)
    if width * height > limits.max_image_pixels:
        raise TooLargeError(
            f"Ảnh «{filename}» quá lớn ({width}×{height} điểm ảnh; giới hạn "
            f"{limits.max_image_pixels / 1e6:.0f} triệu điểm ảnh). Hãy chụp ở độ phân giải thấp hơn.",
            limit=limits.max_image_pixels,
        )
    if frames > limits.max_pages:
        raise TooLargeError(
            f"Ảnh «{filename}» có {frames} trang (giới hạn {limits.max_pages}). Hãy tách thành nhiều tệp.",
            limit=limits.max_pages,
        )
    return width, height


AUDIO_KINDS = frozenset({"wav", "mp3"})  # what a jingle or music bed may be
KIND_NAMES = {
    "zip": "gói nén (Word, ZIP)",
    "pdf": "tệp PDF",
    "image": "ảnh",
    "wav": "âm thanh WAV",
    "mp3": "âm thanh MP3",
}


def sniff_kind(data: bytes) -> str | None:
    """What a file is by its first bytes: zip, pdf, image, wav, mp3, or None (text or unknown)."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "wav"
    if _looks_like_image(data):
        return "image"
    if data.startswith(b"ID3") or (len(data) > 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"  # an ID3 tag, or an MPEG audio frame's sync bits
    return None


def check_upload(
    data: bytes, filename: str, limits: IntakeLimits, *, kinds: Collection[str] | None = None, expected: str = ""
) -> None:
    """Size, and by content: ZIP bounds, image pixels. For scripts, jingles and scans.

    kinds: the kinds (sniff_kind) allowed, e.g. {"wav", "mp3"}; expected names them for
    the message ("âm thanh WAV hoặc MP3")."""
    check_file_size(len(data), filename, limits)
    if kinds is not None:
        kind = sniff_kind(data)
        if kind not in kinds:
            wanted = expected or " hoặc ".join(KIND_NAMES.get(k, k) for k in sorted(kinds))
            found = KIND_NAMES.get(kind or "", "không rõ loại")
            raise UnsupportedFileError(
                f"Tệp «{filename[:80]}» không phải {wanted} (nội dung là {found}). "
                f"Hãy chọn đúng tệp {wanted} rồi tải lên lại.",
                kind=kind,
            )
    if data.startswith(ZIP_MAGIC):
        verify_zip(data, filename, limits)
    elif data.startswith(PDF_MAGIC):
        return  # pages are counted by the PDF reader (broadcast.intake.scans)
    elif _looks_like_image(data):
        check_image(data, filename, limits)


def _looks_like_image(data: bytes) -> bool:
    return (
        data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF8", b"BM"))
        or data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc")
        or (data.startswith(b"RIFF") and data[8:12] == b"WEBP")
    )
