"""Turn an uploaded file (or pasted text) into clean Unicode NFC text.

Accepted: .docx (python-docx, paragraphs and table cells in document order), .txt and .md
in UTF-8, UTF-8 with BOM or UTF-16, and legacy TCVN3/VNI text, which is converted.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from broadcast.errors import (
    BrokenFileError,
    EmptyInputError,
    TooLargeError,
    UndecodableError,
    UnsupportedFileError,
)
from broadcast.intake.legacy import detect_and_convert

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".docx"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class ReadText:
    """Text read from a source, with the encoding it came in (tcvn3/vni when converted)."""

    text: str
    encoding: str
    converted_from: str | None = None


def read_bytes(data: bytes, filename: str, *, max_text_bytes: int) -> ReadText:
    """Read data named filename; raise an InputError with a Vietnamese message when unusable."""
    suffix = Path(filename).suffix.lower()
    if not data:
        raise EmptyInputError(f"Tệp «{filename}» rỗng: không có nội dung nào để đọc. Hãy chọn đúng tệp bài viết.")
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFileError(
            f"Tệp «{filename}» là định dạng Word 97-2003 (.doc) cũ. Hãy mở bằng Word và chọn "
            "«Lưu thành» định dạng .docx, rồi tải lên lại."
        )
    if suffix not in SUFFIXES:
        raise UnsupportedFileError(
            f"Không nhận loại tệp «{suffix or filename}». Chỉ nhận tệp Word (.docx), văn bản (.txt) hoặc .md."
        )
    if suffix == ".docx":
        text, encoding = _read_docx(data, filename), "docx"
    else:
        text, encoding = _decode_text(data, filename)
    return finish_text(text, encoding=encoding, source=filename, max_text_bytes=max_text_bytes)


def read_path(path: Path, *, max_text_bytes: int) -> ReadText:
    if not path.is_file():
        raise EmptyInputError(f"Không tìm thấy tệp «{path}». Kiểm tra lại đường dẫn.")
    return read_bytes(path.read_bytes(), path.name, max_text_bytes=max_text_bytes)


def finish_text(text: str, *, encoding: str, source: str, max_text_bytes: int) -> ReadText:
    """Size check, legacy conversion and NFC for text from any source (also pasted text)."""
    if len(text.encode("utf-8")) > max_text_bytes:
        raise TooLargeError(
            f"Nội dung «{source}» quá lớn (giới hạn {max_text_bytes // 1024} KB chữ). "
            "Hãy tách thành nhiều bài ngắn hơn.",
            limit=max_text_bytes,
        )
    text, legacy = detect_and_convert(text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if not text.strip():
        raise EmptyInputError(f"«{source}» không có chữ nào để đọc. Hãy kiểm tra lại nội dung bài.")
    return ReadText(text=text, encoding=legacy or encoding, converted_from=legacy)


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
    if b"\x00" in data:
        # UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other byte.
        codec = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec), codec
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


def _undecodable(filename: str) -> UndecodableError:
    return UndecodableError(
        f"Không đọc được chữ trong «{filename}»: tệp không phải văn bản Unicode (UTF-8/UTF-16) "
        "hay bảng mã TCVN3/VNI. Hãy mở tệp và lưu lại dạng UTF-8, hoặc dán trực tiếp nội dung."
    )


def _read_docx(data: bytes, filename: str) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
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
