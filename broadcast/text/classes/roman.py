"""Roman numerals after the words that count with them ('khóa XIII', 'quý III/2024', 'cấp IV và V')."""

from __future__ import annotations

import re

from broadcast.text.numbers import read_int, roman_to_int
from broadcast.text.tagging import YEAR, Ctx, cased_words, rule, spell

# Words after which a Roman numeral is a number: 'khóa XIII', 'PHẦN IV', 'cấp V'.
ROMAN_WORDS = (
    "chương|phần|mục|quý|chặng đường|chặng|khóa|khoá|thế kỷ|thế kỉ|đại hội|kỳ họp|kỳ|kì|tập|loại|bậc|vùng|lần|cấp|hạng|"
    "nhóm|khu vực|giai đoạn|tuần|đợt|học kỳ|phụ lục|điều|phường|quận|khu|tiểu khu|đội|sư đoàn|trung đoàn|"
    "tiểu đoàn|lữ đoàn|quân khu|quân đoàn|hạm đội|binh đoàn|tổ|mục tiêu|nhiệm vụ|hội nghị|kỳ đại hội|báo động|"
    "cấp độ|mức|mùa|tháng|chi cục|cụm"
)


@rule(
    "roman",
    "số La Mã",
    rf"\b(?:{cased_words(ROMAN_WORDS.split('|'))})[ \t]{{1,3}}[IVXLC]{{1,6}}(?:[/.-]{YEAR})?\b(?!&[A-ZĐ]|-(?![IVX]+\b)[A-ZĐ])"
    rf"(?:[ \t]{{0,2}}(?:,|và|hoặc|đến|[-–])[ \t]{{0,2}}[IVX]{{1,5}}\b)?",
    priority=74,
)
def _roman(m: re.Match[str], ctx: Ctx) -> str:
    """'khóa XIII', 'quý III/2024'; 'cấp IV và V': a second numeral joined to the first is one too."""
    found = re.match(
        r"(.*?)[ \t]{1,3}([IVXLC]+)(?:[/.-](\d{4}))?(?:([ \t]{0,2}(?:,|và|hoặc|đến|[-–])[ \t]{0,2})([IVX]+))?$",
        m.group(),
        re.S,
    )
    assert found is not None
    word, roman, year, joint, second = found.groups()
    value = roman_to_int(roman)
    if roman in ("C", "L") and not second:
        return f"{word} {spell(roman)}"  # 'hạng C', 'khu C': a letter, never a hundred or fifty
    if not value or (word.lower() in ("cấp", "hạng", "loại", "nhóm") and "C" in roman):
        return m.group()
    spoken = f"{word} {read_int(value)}" + (f" năm {read_int(int(year))}" if year else "")
    other = roman_to_int(second) if second else None
    if joint and other:
        link = joint.strip()
        link = "đến" if link in ("-", "–") else link
        spoken += ("," if link == "," else f" {link}") + f" {read_int(other)}"
    elif joint:
        spoken += joint + second
    return spoken


@rule(
    "roman_one",
    "số La Mã một",
    r"\bI(?=[ \t]*,[ \t]*II\b)|(?<=[^\W\d_] )I(?=[ \t]*[,;(]|[ \t]*$|\.[ \t]*$|[ \t]+\(|[ \t]+và[ \t])",
    priority=73,
)
def _roman_one(m: re.Match[str], ctx: Ctx) -> str:
    """'Cục Quản lý đường bộ I, II, III', 'Vụ Địa phương I (Ban Tổ chức)', 'Trạm Xét nghiệm I': a unit
    numbered one, after a name, not the letter."""
    return "một"
