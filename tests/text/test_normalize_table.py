"""What the listener must hear: the issue's table, read through `broadcast normalize`."""

from __future__ import annotations

import re

import pytest

from broadcast.text.normalize import normalize

# (written, every fragment that must be heard). Alternatives accepted by the issue are
# covered by the checks below ("mươi tư"/"mươi bốn", "linh"/"lẻ", "nghìn"/"ngàn").
TABLE = [
    ("UBND xã Tân Lập", ["ủy ban nhân dân xã Tân Lập"]),
    (
        "HĐND, UBMTTQ, MTTQ, TTHC, CCHC, BCĐ",
        [
            "hội đồng nhân dân",
            "ủy ban mặt trận tổ quốc",
            "mặt trận tổ quốc",
            "thủ tục hành chính",
            "cải cách hành chính",
            "ban chỉ đạo",
        ],
    ),
    (
        "BHYT, CNTT, PCCC, THCS, CBCCVC, VH-TT",
        [
            "bảo hiểm y tế",
            "công nghệ thông tin",
            "phòng cháy chữa cháy",
            "trung học cơ sở",
            "cán bộ, công chức, viên chức",
            "văn hóa",
            "thông tin",
        ],
    ),
    ("ngày 03/02/2025", ["ngày ba tháng hai năm hai nghìn không trăm hai mươi lăm"]),
    ("hạn chót 28/2", ["hạn chót ngày hai mươi tám tháng hai"]),
    ("tháng 4/2025, tháng 11", ["tháng tư năm hai nghìn không trăm hai mươi lăm", "tháng mười một"]),
    ("Quý III/2025", ["quý ba năm hai nghìn không trăm hai mươi lăm"]),
    (
        "lúc 7 giờ 15, lúc 14h45, lúc 19:30",
        ["lúc bảy giờ mười lăm", "lúc mười bốn giờ bốn mươi lăm", "lúc mười chín giờ ba mươi"],
    ),
    (
        "giai đoạn 2026 – 2030, từ 5 - 7 ngày",
        ["giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm ba mươi", "từ năm đến bảy ngày"],
    ),
    ("Công văn số 215/UBND-VP", ["công văn số hai trăm mười lăm"]),
    (
        "Thông báo số 07/TB-UBND ngày 2/3/2025",
        ["thông báo số bảy", "ngày hai tháng ba năm hai nghìn không trăm hai mươi lăm"],
    ),
    ("Luật số 58/2014/QH13", ["luật số năm mươi tám năm hai nghìn không trăm mười bốn"]),
    (
        "2.350 hộ, 1.000.000 đồng, 250.000đ",
        ["hai nghìn ba trăm năm mươi hộ", "một triệu đồng", "hai trăm năm mươi nghìn đồng"],
    ),
    (
        "3,75 tỷ đồng, 87,5%, 100%",
        ["ba phẩy bảy mươi lăm tỷ đồng", "tám mươi bảy phẩy năm phần trăm", "một trăm phần trăm"],
    ),
    (
        "101, 1.004, 31, 55, 14",
        ["một trăm linh một", "một nghìn không trăm linh bốn", "ba mươi mốt", "năm mươi lăm", "mười bốn"],
    ),
    ("02 đồng chí, 05 ngày", ["hai đồng chí", "năm ngày"]),
    ("lần thứ 4, hạng 1, thứ 1", ["lần thứ tư", "hạng nhất", "thứ nhất"]),
    ("Chương IV, Điều 12, khóa XV, thế kỷ XX", ["chương bốn", "điều mười hai", "khóa mười lăm", "thế kỷ hai mươi"]),
    (
        "20 km, 5 ha, 120 m2, 50 kg, 35 độ C",
        ["hai mươi ki-lô-mét", "năm héc-ta", "một trăm hai mươi mét vuông", "năm mươi ki-lô-gam", "ba mươi lăm độ xê"],
    ),
    (
        "đường dây nóng 0987.654.321, tổng đài 1900 9095",
        ["không chín tám bảy, sáu năm bốn, ba hai một", "một chín không không, chín không chín năm"],
    ),
    ("3 lần/tuần, 15/15 thôn", ["ba lần mỗi tuần", "mười lăm trên mười lăm thôn"]),
    ("cổng dichvucong.gov.vn", ["cổng dịch vụ công chấm", "chấm"]),
    ("(*Kế hoạch số 12*), - Nội dung, + Nội dung, hộ tịch...", ["kế hoạch số mười hai", "nội dung", "hộ tịch"]),
]

FORBIDDEN = re.compile(r"[\d/%&*+]|\bsao\b|\btrừ\b|\bcộng\b|chấm chấm|khách hàng|u bê en đê|\bgạch\b|tháng bốn")


def _heard(text: str) -> str:
    spoken = normalize(text).spoken.lower()
    for a, b in (("mươi bốn", "mươi tư"), (" lẻ ", " linh "), ("ngàn", "nghìn"), ("mùng ", "")):
        spoken = spoken.replace(a, b)
    return spoken


@pytest.mark.parametrize("written, fragments", TABLE, ids=[row[0][:30] for row in TABLE])
def test_table(written: str, fragments: list[str]) -> None:
    heard = _heard(written)
    for fragment in fragments:
        assert fragment.lower() in heard, (written, heard)
    assert not FORBIDDEN.search(heard), heard
    assert "ngày ngày" not in heard


def test_cli_prints_one_line_per_input_line(cli) -> None:
    lines = [row[0] for row in TABLE] + ["", "Dòng cuối không có số."]
    result = cli("normalize", input="\n".join(lines) + "\n")
    out = result.stdout.split("\n")
    assert result.exit_code == 0
    assert out[-1] == "" and len(out) - 1 == len(lines)
    for written, spoken in zip(lines, out, strict=False):
        assert spoken == normalize(written).spoken.replace("\n", " ")


def test_cli_explain_lists_replacements(cli) -> None:
    result = cli("normalize", "--explain", input="UBND xã họp ngày 03/02/2025 về XYZ\n")
    assert "«UBND» → «ủy ban nhân dân» (chữ viết tắt)" in result.stderr
    assert "ngày tháng năm" in result.stderr
    assert "XYZ" in result.stderr  # unknown abbreviation reported


def test_unknown_abbreviation_is_spelled_and_reported() -> None:
    result = normalize("Đơn vị XYZ đã hoàn thành.")
    assert result.unknown == ["XYZ"]
    assert "ích-xì i dài dét" in result.spoken


def test_replacement_spans_point_at_the_source() -> None:
    text = "Ngày 03/02/2025, UBND xã họp."
    for r in normalize(text).replacements:
        assert text[r.start : r.end] == r.source
