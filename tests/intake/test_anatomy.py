"""The anatomy of real scripts: what is spoken, what is metadata."""

from __future__ import annotations

import pytest

from broadcast.intake.anatomy import channels_from_note, clean_line, parse_script, sentence_case
from tests.conftest import EXAMPLE_SCRIPT, SAMPLES


def test_issue_example() -> None:
    p = parse_script(EXAMPLE_SCRIPT)
    assert p.title == "Bài tuyên truyền về phòng chống thiên tai tháng 9/2025"
    assert p.body.split("\n") == [
        "Theo dự báo, từ ngày 12/9 đến 15/9/2025 trên địa bàn xã Tân Lập có mưa to đến rất to, "
        "nguy cơ lũ quét và sạt lở đất.",
        "UBND xã đề nghị bà con chủ động gia cố nhà cửa, không đi qua ngầm tràn khi nước lên.",
    ]
    assert p.opening_present and p.closing_present
    assert p.signer == "Ma Thịnh Giáp"
    assert p.signer_title == "Chủ tịch"
    assert p.channels == ["dai", "loa-keo"]
    assert p.date_line == "Ngày 10/9/2025"
    for unspoken in (
        "Phê duyệt",
        "TM.",
        "CHỦ TỊCH",
        "Ghi chú",
        "Ngày 10/9/2025",
        "Ma Thịnh Giáp",
        "Kính thưa",
        "đến đây là hết",
    ):
        assert unspoken not in p.body


def test_without_opening_and_closing() -> None:
    p = parse_script("BÀI TUYÊN TRUYỀN VỀ CCHC\nNgười dân có thể nộp hồ sơ trực tuyến.\n")
    assert not p.opening_present and not p.closing_present
    assert p.title == "Bài tuyên truyền về CCHC"
    assert p.body == "Người dân có thể nộp hồ sơ trực tuyến."


def test_opening_sharing_a_paragraph_with_the_body() -> None:
    p = parse_script(
        "Kính thưa bà con, sau đây là nội dung tuyên truyền của UBND xã. Ngày mai mất điện.\n"
        "Trân trọng. Xin cảm ơn bà con đã lắng nghe!"
    )
    assert p.opening_present and p.closing_present
    assert p.body == "Ngày mai mất điện.\nTrân trọng."


def test_bullets_numbers_and_emphasis() -> None:
    p = parse_script("THÔNG BÁO\n1. Nội dung *chính*:\n- Ý một;\n+ Ý **hai**.\n* Ý ba\n2.3. Mục nhỏ.")
    assert p.body.split("\n") == ["1. Nội dung chính:", "- Ý một;", "+ Ý hai.", "- Ý ba", "2.3. Mục nhỏ."]


def test_paragraph_broken_by_a_line_break_is_joined() -> None:
    p = parse_script("Tuyên truyền, phổ biến\n\ncác văn bản chỉ đạo của trung ương.\nĐoạn sau.")
    assert p.body.split("\n") == ["Tuyên truyền, phổ biến các văn bản chỉ đạo của trung ương.", "Đoạn sau."]


def test_recipient_list_and_vice_chairman() -> None:
    p = parse_script(
        "Nội dung bài viết có dấu đầy đủ./.\nNơi nhận;\n- Như trên;\n- Lưu VT.\n"
        "TM.ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH\n(Đã ký)\nHoàng Trung Kiên"
    )
    assert p.body == "Nội dung bài viết có dấu đầy đủ."
    assert p.signer == "Hoàng Trung Kiên" and p.signer_title == "Phó Chủ tịch"


@pytest.mark.parametrize(
    "note, channels",
    [
        ("Ghi chú: (thực hiện phát trên đài truyền thanh và loa kéo đến các thôn)", ["dai", "loa-keo"]),
        ("Ghi chú: phát trên loa kéo", ["loa-keo"]),
        ("Ghi chú: phát trên hệ thống truyền thanh thông minh", ["thong-minh"]),
        ("Ghi chú: phát trên đài truyền thanh xã", ["dai"]),
    ],
)
def test_channels_from_note(note: str, channels: list[str]) -> None:
    assert channels_from_note(note) == channels


def test_clean_line() -> None:
    assert clean_line("  **TM. UBND   XÃ**  ") == "TM. UBND XÃ"
    assert clean_line("(*Kế hoạch số 12*)") == "(Kế hoạch số 12)"
    assert clean_line("## Tiêu đề") == "Tiêu đề"


def test_sentence_case_keeps_acronyms_and_names() -> None:
    assert (
        sentence_case("TUYÊN TRUYỀN CCHC XÃ ĐỊNH BIÊN", context="UBND xã Định Biên") == "Tuyên truyền CCHC xã Định Biên"
    )


def test_sample_plan() -> None:
    p = parse_script((SAMPLES / "ke-hoach-tuyen-truyen-cchc-dinh-bien-2022.txt").read_text())
    assert p.title == "Kế hoạch tuyên truyền cải cách hành chính xã Định Biên năm 2022"
    assert p.signer == "Ma Thịnh Giáp" and p.signer_title == "Chủ tịch"
    assert p.source_unit == "Ủy ban nhân dân xã Định Biên"
    assert p.body.startswith("Căn cứ Kế hoạch số 05/KH-UBND")
    assert p.body.endswith("nghiêm túc thực hiện.")
    assert "Nơi nhận" not in p.body and "Lưu: VP" not in p.body


def test_sample_official_letter() -> None:
    p = parse_script((SAMPLES / "cong-van-tang-cuong-tuyen-truyen-cchc-cam-nhuong-2023.txt").read_text())
    assert p.title == "Tăng cường công tác tuyên truyền cải cách hành chính trên địa bàn"
    assert p.body.startswith("Trong thời gian qua")
    assert "Kính gửi" not in p.body and "Số:" not in p.body
    assert p.signer == "Hoàng Trung Kiên" and p.signer_title == "Phó Chủ tịch"


def test_sample_minutes() -> None:
    p = parse_script((SAMPLES / "bien-ban-hoi-nghi-cchc-ha-thanh-2022.txt").read_text())
    assert p.title == "Biên bản hội nghị triển khai kế hoạch tuyên truyền cải cách hành chính xã Hà Thanh năm 2022"
    assert p.body.startswith("Hôm nay vào hồi 13 giờ 00 phút")
    assert "CỘNG HÒA" not in p.body


def test_a_heading_typed_in_ordinary_case_is_the_title_and_is_read_once() -> None:
    """A station head pastes a notice whose first line is its heading, not in capitals: it is
    the title (read once, before the body), not the start of the body under a cut-off title."""
    parsed = parse_script(
        "Thông báo của UBND xã về dịch vụ công trực tuyến\n"
        "Thứ 2, 29/07/2024, Bộ phận một cửa tiếp nhận hồ sơ.\nTỷ lệ hồ sơ trực tuyến đạt 95,5%."
    )
    assert parsed.title == "Thông báo của UBND xã về dịch vụ công trực tuyến"
    assert parsed.body.startswith("Thứ 2, 29/07/2024")
    # a first line broken mid-sentence, or a first sentence with its stop, stays in the body
    assert parse_script("Người dân nộp hồ sơ\ntrực tuyến tại cổng dịch vụ công.").title is None
    assert parse_script("Người dân nộp hồ sơ trực tuyến.\nTỷ lệ đạt 95%.").title is None
