"""Every accepted input type and encoding, and every bad input, read for real."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from broadcast.errors import (
    BrokenFileError,
    EmptyInputError,
    TooLargeError,
    UndecodableError,
    UnsupportedFileError,
)
from broadcast.intake.readers import read_bytes
from tests.conftest import make_docx

LIMIT = 2 * 1024 * 1024
TEXT = "Kính thưa bà con, UBND xã Phúc Lộc thông báo lịch tiêm chủng mở rộng."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_text_encodings(data: bytes, encoding: str) -> None:
    read = read_bytes(data, "bai.txt", max_text_bytes=LIMIT)
    assert read.text == TEXT
    assert read.encoding == encoding
    assert read.converted_from is None


def test_markdown_is_read_as_text() -> None:
    read = read_bytes(f"# Thông báo\n\n{TEXT}\n".encode(), "bai.md", max_text_bytes=LIMIT)
    assert TEXT in read.text


def test_decomposed_text_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", TEXT)
    assert decomposed != TEXT
    read = read_bytes(decomposed.encode("utf-8"), "bai.txt", max_text_bytes=LIMIT)
    assert read.text == TEXT


def test_docx_paragraphs_lists_and_tables_in_order() -> None:
    data = make_docx(
        ["BÀI TUYÊN TRUYỀN", "Đoạn thứ nhất."],
        bullets=["Ý thứ nhất", "Ý thứ hai"],
        table_rows=[["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"], ["- Lưu VT.", "Ma Thịnh Giáp"]],
    )
    read = read_bytes(data, "bai.docx", max_text_bytes=LIMIT)
    lines = [line for line in read.text.split("\n") if line]
    assert lines == [
        "BÀI TUYÊN TRUYỀN",
        "Đoạn thứ nhất.",
        "Ý thứ nhất",
        "Ý thứ hai",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "- Lưu VT.",
        "Ma Thịnh Giáp",
    ]
    assert read.encoding == "docx"


# Real-world look of legacy text once extracted: TCVN3 (.VnTime) and VNI-Windows.
TCVN3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. Th«ng b¸o vÒ c¶i c¸ch hµnh chÝnh."
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. Thoâng baùo veà caûi caùch haønh chính."
UNICODE = "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Thông báo về cải cách hành chính."


@pytest.mark.parametrize("legacy, name", [(TCVN3, "tcvn3"), (VNI, "vni")])
def test_legacy_txt_bytes_are_converted(legacy: str, name: str) -> None:
    read = read_bytes(legacy.encode("cp1252"), "cu.txt", max_text_bytes=LIMIT)
    assert read.converted_from == name
    assert read.text.replace("hòa", "hoà") == UNICODE


@pytest.mark.parametrize("legacy, name, font", [(TCVN3, "tcvn3", ".VnTime"), (VNI, "vni", "VNI-Times")])
def test_legacy_docx_is_converted(legacy: str, name: str, font: str) -> None:
    read = read_bytes(make_docx([legacy], font=font), "cu.docx", max_text_bytes=LIMIT)
    assert read.converted_from == name
    assert read.text.replace("hòa", "hoà") == UNICODE


def test_tcvn3_capitals_font_stays_capital() -> None:
    read = read_bytes(
        "BµI TUY£N TRUYÒN VÒ C¶I C¸CH HµNH CHÝNH\nTh«ng b¸o cña UBND x·.".encode("cp1252"),
        "cu.txt",
        max_text_bytes=LIMIT,
    )
    assert read.text.split("\n")[0] == "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH"
    assert read.text.split("\n")[1] == "Thông báo của UBND xã."


def test_unicode_text_with_stray_symbols_is_not_converted() -> None:
    text = "Giá 250.000đ × 2 suất; «Đề án» số 06 — tỷ lệ ½ đạt 100%."
    read = read_bytes(text.encode("utf-8"), "bai.txt", max_text_bytes=LIMIT)
    assert read.text == text and read.converted_from is None


@pytest.mark.parametrize(
    "data, name, error, words",
    [
        (b"", "rong.txt", EmptyInputError, "rỗng"),
        (b"   \n\n  ", "trang.txt", EmptyInputError, "không có chữ"),
        (b"PK\x03\x04 not really a zip", "hong.docx", BrokenFileError, ".docx"),
        (b"just text", "hong.docx", BrokenFileError, ".docx"),
        (b"%PDF-1.4 ...", "bai.pdf", UnsupportedFileError, "Chỉ nhận"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cu.doc", UnsupportedFileError, ".docx"),
        (bytes(range(128, 256)) * 4, "rac.txt", UndecodableError, "UTF-8"),
    ],
)
def test_bad_inputs_have_vietnamese_errors(data: bytes, name: str, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        read_bytes(data, name, max_text_bytes=LIMIT)
    assert words in info.value.message


def test_zip_that_is_not_word_is_refused() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(BrokenFileError):
        read_bytes(buf.getvalue(), "gia.docx", max_text_bytes=LIMIT)


def test_size_limit() -> None:
    with pytest.raises(TooLargeError) as info:
        read_bytes(("Tiếng Việt có dấu. " * 200).encode(), "dai.txt", max_text_bytes=1000)
    assert "quá lớn" in info.value.message
