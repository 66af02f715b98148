"""Two-column rows of a scanned document, as OCR merges them, are split back."""

from __future__ import annotations

from broadcast.intake.anatomy import parse_script
from broadcast.intake.layout import split_signer_title, unmerge_header

MERGED = [
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "XÃ TÂN LẬP Độc lập - Tự do - Hạnh phúc",
    "Số: 125/TB-UBND Tân Lập, ngày 10 tháng 9 năm 2025",
    "THÔNG BÁO",
]


def test_merged_header_rows_become_left_then_right_column() -> None:
    assert unmerge_header(MERGED) == [
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN LẬP",
        "Số: 125/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tân Lập, ngày 10 tháng 9 năm 2025",
        "THÔNG BÁO",
    ]


def test_typed_header_and_plain_text_are_unchanged() -> None:
    typed = ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert unmerge_header(typed) == typed
    body = ["Kính thưa bà con, Độc lập - Tự do - Hạnh phúc là khát vọng của dân tộc.", "Xin cảm ơn."]
    assert unmerge_header(body) == body


def test_recipient_row_merged_with_the_signer_title() -> None:
    assert split_signer_title("- Các thôn; CHỦ TỊCH") == ("- Các thôn;", "CHỦ TỊCH")
    assert split_signer_title("- Lưu: VT. PHÓ CHỦ TỊCH") == ("- Lưu: VT.", "PHÓ CHỦ TỊCH")
    assert split_signer_title("CHỦ TỊCH") is None


def test_scanned_layout_parses_like_a_typed_document() -> None:
    text = "\n".join(
        [
            *MERGED,
            "Về việc phòng chống mưa lũ",
            "Kính gửi: Nhân dân các thôn.",
            "Theo dự báo, từ ngày 12/9 trên địa bàn xã có mưa to.",
            "Nơi nhận: TM. ỦY BAN NHÂN DÂN",
            "- Các thôn; CHỦ TỊCH",
            "- Lưu: VT. (Đã ký)",
            "Ma Thịnh Giáp",
        ]
    )
    parsed = parse_script(text)
    assert parsed.title == "Thông báo về việc phòng chống mưa lũ"
    assert parsed.body == "Theo dự báo, từ ngày 12/9 trên địa bàn xã có mưa to."
    assert parsed.source_unit == "Ủy ban nhân dân xã Tân Lập"
    assert (parsed.signer, parsed.signer_title) == ("Ma Thịnh Giáp", "Chủ tịch")
