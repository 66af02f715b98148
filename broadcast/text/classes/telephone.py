"""Numbers that are names: telephone numbers, hotlines and short service numbers.

Read digit by digit in their written groups, with a short pause (a comma) between groups.
"""

from __future__ import annotations

import re

from broadcast.text.classes.measures import UNIT
from broadcast.text.numbers import read_digits, read_int, read_number_string
from broadcast.text.tagging import Ctx, read_num, rule

_CALL_WORDS = re.compile(
    r"(đường dây nóng|gọi|tổng đài|hotline|điện thoại|SĐT|ĐT|cấp cứu|cứu hỏa|cứu hộ|cứu nạn|"
    r"nhắn tin|soạn tin|tin nhắn|gửi|đầu số|số máy|liên hệ|báo ngay|báo tin|trực ban|cổng)[^.;\n]{0,40}$",
    re.I,
)
SERVICE_NUMBERS = {"111", "112", "113", "114", "115", "116", "1022", "5656", "1080", "1088"}
# '156' (calls and messages that cheat) is a number only where it is called ('hẻm 156' is an alley)
_CALLED_ONLY = {"156"}
# 'Văn phòng 1022', 'ứng dụng 1022': a service named by its number
_NAMED_BY = re.compile(
    r"(?:[Vv]ăn phòng|[Ứứ]ng dụng|[Hh]ệ thống|[Tt]ổng đài|[Aa]pp|[Kk]ênh|[Đđ]ầu số|[Tt]rung tâm|thông tin chỉ huy|[Cc]hỉ huy|[Bb]áo cháy)[ \t]$"
)


def _grouped(number: str) -> str:
    return ", ".join(read_digits(g) for g in re.split(r"[ .\-]", number) if g)


@rule(
    "service_list",
    "dãy số dịch vụ",
    r"\b(?:1[01][1-9]|156)(?:/(?:1[01][1-9]|5656|1022)){1,4}\b(?![ \t]?(?:ha|tấn|kg|%|m2|km|hộ|người|học sinh|xã|thôn|tiêu chí|chỉ tiêu)\b)",
    priority=60,
)
def _service_list(m: re.Match[str], ctx: Ctx) -> str:
    """'113/114/115': three hotlines, each said digit by digit ('109/109 thanh niên' is a count)."""
    numbers = m.group().split("/")
    if len(set(numbers)) < len(numbers) or not set(numbers) & (SERVICE_NUMBERS | _CALLED_ONLY):
        return " trên ".join(read_int(int(n)) for n in numbers)
    return ", ".join(read_digits(n) for n in numbers)


@rule(
    "phone",
    "số điện thoại",
    r"(?<![\d.,])(?:0\d{2,3}[ .]\d[ .]\d{3}[ .]\d{3}|0\d{2,3}(?:[ .]\d{2,3}){3}|\d\.\d{7}|0\d{3,4}\.\d{6,7}|0\d{2,3}[ .]\d{3}[ .]\d{2}[ .]\d{3}|0\d{2,4}(?:[ .-]|\. )\d{3,4}(?:[ .-]|\. )\d{3,4}|0\d{8,10}"
    r"|1[89]00(?:[ .]?\d{2,4}){1,3}|0\d{1,3}[ .-]\d{5,8}|0\d{1,2}[ .]\d{2}[ .]\d{3}[ .]\d{3}|0\d{6,7}"
    r"|\(0\d{1,4}\)[ \t]?(?:\d{6,8}|\d{3,4}(?:[ .]\d{2,4}){1,2}))(?!\d|[.,]\d|[ \t]?[-–][ \t]?(?!0\d{2})\d)",  # '02772 211 427 - 02773 851 983': two lines
    priority=61,
)
def _phone(m: re.Match[str], ctx: Ctx) -> str:
    """'0912011882', '(024) 39364407': the area code in brackets is said first, then the number."""
    area, _, number = m.group().lstrip("(").partition(")")
    return f"{read_digits(area)}, {_grouped(number.strip())}" if number else _grouped(m.group())


@rule(
    "account",
    "số tài khoản",
    r"(?:(?<=khoản )|(?<=khoản: )|(?<=khoản:)|(?<=khoản số )|(?<=TK )|(?<=TK: )|(?<=TK:)|(?<=số: )|(?<=sách: ))"
    r"\d{2,}(?:[.\- ]\d{1,})*\d(?![\d.,]\d)",
    priority=59,
)
def _account(m: re.Match[str], ctx: Ctx) -> str:
    """'tài khoản: 3761.0.9057259.91046', 'STK 0123 4567 8910': a bank account, each written group
    digit by digit, a short pause between groups."""
    digits = re.sub(r"\D", "", m.group())
    if re.match(r"[ \t]?(?:triệu|tỷ|tỉ|nghìn|ngàn|đồng|USD)\b", ctx.after(m, 8)) and re.fullmatch(
        r"\d{1,3}(?:\.\d{3})*", m.group()
    ):
        return read_num(m.group())  # 'Dự phòng ngân sách: 728.192 triệu đồng': an amount, not an account
    if len(digits) < (8 if ctx.before(m, 4).endswith("số: ") else 4):
        return read_number_string(digits)  # 'số: 12' is a short number, not an account
    return _grouped(m.group())


@rule("sms_code", "đầu số tin nhắn", r"(?:(?<=gửi )|(?<=gửi đến )|(?<=gửi tới ))\d{3,5}(?![\d.,]\d|\d)", priority=61)
def _sms_code(m: re.Match[str], ctx: Ctx) -> str:
    """'soạn tin … gửi 8079': a short code for a text message, digit by digit."""
    if m.group() in SERVICE_NUMBERS | _CALLED_ONLY or re.search(
        r"(?:soạn|nhắn|tin nhắn|SMS|cú pháp)", ctx.before(m, 40), re.I
    ):
        return read_digits(m.group())
    return read_int(int(m.group()))


@rule(
    "phone_intl",
    "số điện thoại quốc tế",
    r"\(?\+84(?:[ \t]?\(0\))?[- ]?\d{1,3}\)?(?:[ .-]?\d{1,4}){2,4}(?!\d)",  # '+84 (0) 377 089 696' too
    priority=60,
)
def _phone_intl(m: re.Match[str], ctx: Ctx) -> str:
    """'(+84-28) 38 653 050': 'cộng tám tư', then each written group digit by digit."""
    groups = re.findall(r"\d+", m.group().replace("(0)", ""))
    return "cộng tám tư, " + ", ".join(read_digits(g) for g in groups[1:])


@rule(
    "phone_area",
    "số điện thoại bàn",
    r"\(0\d{1,3}\)[ \t]?-?[ \t]?\d{1,8}(?:[ .-]\d{1,4}){0,3}(?![\d.,]\d|\d)",
    priority=60,
)
def _phone_area(m: re.Match[str], ctx: Ctx) -> str:
    """'(0254) 3732.318', '(0239) 3856247', '(024) 3.825.1234': a landline with its area code in
    brackets. Each written group digit by digit; a number written solid is said in threes and fours."""
    area, *groups = re.findall(r"\d+", m.group())
    if len(groups) == 1 and len(groups[0]) >= 6:
        solid = groups[0]
        groups = [solid[:-4], solid[-4:]] if len(solid) <= 7 else [solid[:-5], solid[-5:-3], solid[-3:]]
    return ", ".join(read_digits(g) for g in [area, *groups])


@rule(
    "hotline",
    "số điện thoại ngắn",
    rf"(?<![\d.,])(?:1[01][1-9]|156|1022|5656|1080|1088)(?![\d.,/]\d|\d|[^\W\d_]|[ \t]?[-–][ \t]?\d|[ \t](?:{UNIT})\b)",
    priority=62,
)
def _hotline(m: re.Match[str], ctx: Ctx) -> str:
    """113, 1022, 5656 are said digit by digit when they are called, counted otherwise."""
    if re.search(r"\b(?:ngõ|ngách|hẻm|kiệt|nhà số|số nhà|lô|thửa|km|Km|[Qq]uốc lộ|QL)[ \t]*$", ctx.before(m, 12)):
        return read_int(int(m.group()))  # 'ngõ 116', 'Quốc lộ 1A km 115': a place's number
    if _CALL_WORDS.search(ctx.before(m, 48)) or _NAMED_BY.search(ctx.before(m, 20)):
        return read_digits(m.group())
    if (
        m.group() in SERVICE_NUMBERS
        and ctx.before(m, 1) != "("
        and re.match(r"\s*(?:[,;.)]|\(|$|hoặc|và|để|của|miễn phí)", ctx.after(m))
        and not (ctx.before(m, 3).rstrip().endswith(":") and ctx.after(m, 2).lstrip().startswith(";"))
    ):  # 'nhà hàng: 113; tiệm vàng: 106': a count in a list of counts is no hotline
        return read_digits(m.group())
    line = ctx.line(m)
    others = set(re.findall(r"(?<![\d.,])1[01][1-9](?![\d.,]\d|\d)", ctx.text[line.start : line.end])) - {m.group()}
    called = re.search(
        r"khẩn cấp|đường dây|tổng đài|điện thoại|hotline|cứu hỏa|cấp cứu", ctx.text[line.start : line.end], re.I
    )
    if m.group() in SERVICE_NUMBERS and others & SERVICE_NUMBERS and called:
        return read_digits(m.group())  # 'Hệ thống 112 … như 113, 114, 115': one of the emergency numbers
    return read_int(int(m.group()))


@rule(
    "zero_code",
    "mã số có số không đầu",
    r"(?<![\d.,])0\d{3,5}(?![\d.,]?\d)|(?<![\d.,])0\d{1,3}(?=\.\.\.|…|x{2,}|\*{2,})",
    priority=63,
)
def _zero_code(m: re.Match[str], ctx: Ctx) -> str:
    """'số máy lẻ 08001': four digits or more led by a zero are a code, said digit by digit;
    'số điện thoại 09...': the first digits of a phone number, the rest left out."""
    return read_digits(m.group())


@rule(
    "code_number",
    "mã số",
    r"(?:(?<=[Mm]ã )|(?<=[Mm]ã số )|(?<=[Mm]ã số: ))\d{3,10}(?![\d.,]?\d|[ \t]?(?:mm|cm|m|km|ha|kg|tấn|%)(?![\wÀ-ỹ]))",
    priority=58,
)
def _code_number(m: re.Match[str], ctx: Ctx) -> str:
    """'Bệnh viện An Bình (mã 79012)': a code, said digit by digit."""
    return read_digits(m.group())


@rule("landline_bare", "số máy bàn", r"(?<![\d.,])[23]\d{7}(?![\d.,]?\d)", priority=62)
def _landline_bare(m: re.Match[str], ctx: Ctx) -> str:
    """'tổng đài 39111333': eight digits after a word of calling are a city landline."""
    if _CALL_WORDS.search(ctx.before(m, 48)):
        return ", ".join(read_digits(g) for g in (m.group()[:4], m.group()[4:]))
    return read_int(int(m.group()))


@rule(
    "hull_number",
    "số hiệu tàu",
    # speed: a digit first, the words before it checked only then
    r"\d(?:(?<=[Cc]ảnh sát biển \d)|(?<=CSB \d)|(?<=[Kk]iểm ngư \d)|(?<=KN \d)|(?<=HQ-\d)|(?<=HQ \d))\d{2,3}\b(?![.,]\d)",
    priority=58,
)
def _hull_number(m: re.Match[str], ctx: Ctx) -> str:
    """'Tàu Cảnh sát biển 8002', 'tàu KN 364': a ship's hull number, digit by digit (not a count)."""
    return read_digits(m.group()) if re.search(r"[Tt]àu\b", ctx.before(m, 28)) else read_int(int(m.group()))
