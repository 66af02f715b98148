"""Turn an uploaded file (or pasted text) into clean Unicode NFC text.

Accepted: .docx (python-docx, paragraphs and table cells in document order), .txt and .md
in UTF-8, UTF-8 with BOM or UTF-16, and legacy TCVN3/VNI text, which is converted.
Every input is bounded first (broadcast.intake.limits): file size, ZIP expansion, text size.
NUL and other control characters are removed (a few) or refused (many: not a text file).
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from broadcast.errors import (
    BrokenFileError,
    EmptyInputError,
    UndecodableError,
    UnsupportedFileError,
)
from broadcast.intake.legacy import detect_and_convert
from broadcast.intake.limits import IntakeLimits, check_text_size, check_upload

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".docx"}
ACCEPTED = "tệp Word (.docx), văn bản (.txt, .md), PDF, hoặc ảnh chụp/quét (.jpg, .png, .heic)"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Control characters kept as layout; every other C0/C1 control (NUL included) is removed.
_LAYOUT = {"\n": "\n", "\t": "\t", "\f": "\n", "\v": "\n"}
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# More removed controls than this share of the characters: not a text file.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class ReadText:
    """Text read from a source, with the encoding it came in (tcvn3/vni when converted)."""

    text: str
    encoding: str
    converted_from: str | None = None
    removed_controls: int = 0


def limits_for(max_text_bytes: int | None, limits: IntakeLimits | None) -> IntakeLimits:
    """The limits to apply: the given ones, or the defaults with this text size bound."""
    if limits is not None:
        return limits
    return IntakeLimits() if max_text_bytes is None else IntakeLimits(max_text_bytes=max_text_bytes)


def read_bytes(
    data: bytes, filename: str, *, max_text_bytes: int | None = None, limits: IntakeLimits | None = None
) -> ReadText:
    """Read data named filename; raise an InputError with a Vietnamese message when unusable."""
    limits = limits_for(max_text_bytes, limits)
    suffix = Path(filename).suffix.lower()
    if not data:
        raise EmptyInputError(f"Tệp «{filename}» rỗng: không có nội dung nào để đọc. Hãy chọn đúng tệp bài viết.")
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFileError(
            f"Tệp «{filename}» là định dạng Word 97-2003 (.doc) cũ. Hãy mở bằng Word và chọn "
            "«Lưu thành» định dạng .docx, rồi tải lên lại."
        )
    if suffix not in SUFFIXES:
        raise UnsupportedFileError(f"Không nhận loại tệp «{suffix or filename}». Chỉ nhận {ACCEPTED}.")
    check_upload(data, filename, limits)
    if suffix == ".docx":
        text, encoding = _read_docx(data, filename), "docx"
    else:
        # UTF-16 takes two bytes a character (four for a few): bigger than that is refused unread.
        check_text_size(len(data) // 2, filename, limits)
        text, encoding = _decode_text(data, filename)
    return finish_text(text, encoding=encoding, source=filename, limits=limits)


def read_path(path: Path, *, max_text_bytes: int | None = None, limits: IntakeLimits | None = None) -> ReadText:
    if not path.is_file():
        raise EmptyInputError(f"Không tìm thấy tệp «{path}». Kiểm tra lại đường dẫn.")
    return read_bytes(path.read_bytes(), path.name, max_text_bytes=max_text_bytes, limits=limits)


def finish_text(
    text: str,
    *,
    encoding: str,
    source: str,
    max_text_bytes: int | None = None,
    limits: IntakeLimits | None = None,
) -> ReadText:
    """Size check, control characters, legacy conversion and NFC for text from any source
    (also pasted text)."""
    limits = limits_for(max_text_bytes, limits)
    # A character is at most 4 bytes in UTF-8: only a long text needs encoding to measure.
    if len(text) > limits.max_text_bytes // 4:
        check_text_size(len(text.encode("utf-8", errors="surrogatepass")), source, limits)
    text, legacy = detect_and_convert(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = strip_controls(text, source)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if not text.strip():
        raise EmptyInputError(f"«{source}» không có chữ nào để đọc. Hãy kiểm tra lại nội dung bài.")
    return ReadText(text=text, encoding=legacy or encoding, converted_from=legacy, removed_controls=removed)


def strip_controls(text: str, source: str) -> tuple[str, int]:
    """(text without control characters, how many were removed); refuses a text where they
    are more than a stray few, which means a binary file or a wrong encoding."""
    for char, replacement in _LAYOUT.items():
        if char != replacement:
            text = text.replace(char, replacement)
    found = len(_CONTROLS.findall(text))
    if not found:
        return text, 0
    if found > max(8, MAX_CONTROL_SHARE * len(text)):
        raise UndecodableError(
            f"«{source}» chứa {found} ký tự điều khiển (ký tự ẩn, mã NUL…): đây không phải văn bản đọc được, "
            "có lẽ tệp sai loại hoặc sai bảng mã. Hãy mở tệp, lưu lại dạng UTF-8 (.txt) hoặc .docx, "
            "hoặc dán trực tiếp nội dung."
        )
    return _CONTROLS.sub("", text), found


def _decode_text(data: bytes, filename: str) -> tuple[str, str]:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise _undecodable(filename) from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise _undecodable(filename) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    converted, legacy = detect_and_convert(text)
    if legacy is None or "\ufffd" in converted:
        raise _undecodable(filename)
    return text, "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when data looks like UTF-16 without a byte-order mark.

    ASCII characters (spaces, digits, most Vietnamese letters' bases) leave a NUL in every
    other byte, so such text has NULs in a large share of one byte parity. A UTF-8 file with
    a stray NUL or two is not UTF-16."""
    if len(data) < 2 or len(data) % 2:
        return None
    half = len(data) // 2
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if max(odd, even) < 0.2 * half:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _undecodable(filename: str) -> UndecodableError:
    return UndecodableError(
        f"Không đọc được chữ trong «{filename}»: tệp không phải văn bản Unicode (UTF-8/UTF-16) "
        "hay bảng mã TCVN3/VNI. Hãy mở tệp và lưu lại dạng UTF-8, hoặc dán trực tiếp nội dung."
    )


def _read_docx(data: bytes, filename: str) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise BrokenFileError(
            f"Tệp «{filename}» không phải tệp Word .docx hợp lệ (hỏng hoặc sai định dạng). "
            "Hãy mở lại bằng Word, lưu thành .docx rồi tải lên."
        )
    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise BrokenFileError(
            f"Tệp Word «{filename}» bị hỏng, không mở được ({type(exc).__name__}). "
            "Hãy mở bằng Word, lưu lại thành .docx rồi tải lên."
        ) from exc

    lines: list[str] = []

    def walk(parent: Any) -> None:
        for child in parent.iter_inner_content():
            if isinstance(child, Paragraph):
                lines.append(child.text)
            elif isinstance(child, Table):
                for row in child.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(doc)
    return "\n".join(lines)
