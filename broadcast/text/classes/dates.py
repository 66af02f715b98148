"""Dates, date ranges, months, quarters and times of day."""

from __future__ import annotations

import re

from broadcast.text.classes.clock import HOUR, say_clock, say_clock_hms
from broadcast.text.classes.names import named_day
from broadcast.text.numbers import read_int, read_month, read_part, roman_to_int
from broadcast.text.tagging import DAY, DOC_BEFORE, MONTH, SECTION_BEFORE, SEP, YEAR, Ctx, rule

_DATE_WORDS = r"(ngày|hạn|từ|đến|tới|trước|sau|hôm|sáng|chiều|tối|đêm|mùng|trưa|khuya|nay|qua|mai|lễ|dịp|tết|sớm)"
# 'bằng 1/3', 'chiếm 1/4', 'tỷ lệ 2/3': after a word of quantity a fraction, never a date.
_QUANTITY_BEFORE = re.compile(r"\b(?:bằng|chiếm|khoảng|gần|hơn|đạt|quá|còn|tăng|giảm|mất|t[ỉỷ] lệ(?: là)?) ?$", re.I)


def _head(ctx: Ctx, m: re.Match[str], word: str) -> str:
    """'ngày ' unless the text already says it just before ('ngày 5/9', 'Ngày đăng 23/01/2019')."""
    before = ctx.before(m, 40)
    if re.search(rf"\d[ \t]+{word}[ \t]*\($", before):
        return f"{word} "  # 'trong 2 ngày (4 – 5/10)': 'ngày' counted the days, the dates still need it
    if re.search(
        rf"{word}[ \t:(\-]*$|\b{word}(?:[ \t]+(?!từ\b|đến\b|tới\b)[a-zà-ỹđ]+){{1,2}}[ \t]*$|\b{word}(?:[ \t]+[\wÀ-ỹ]+){{1,4}}[ \t]*:[ \t]*$",
        before,
        re.I,
    ):
        return ""
    if word == "ngày" and _NO_SECOND_NGAY.search(before):
        return ""
    return f"{word} "


# Before these a date is said without its own 'ngày': 'Ngày đăng 23/01/2019', 'Hôm 15/8', 'ngày chiều
# 7/4/2020', 'ngày 23 và 24-7' and '(8 và 9/2)' ('ngày' said once for both days, or not at all).
_NO_SECOND_NGAY = re.compile(
    r"\bngày[ \t]+(?:đăng|cập nhật|ban hành|xuất bản)[ \t]*$|\bhôm[ \t]*$|\b(?:mùng|mồng)[ \t]*$"
    r"|\bngày[ \t]+(?:sáng|chiều|tối|trưa|đêm|và đêm|bầu cử)[ \t]*$"
    r"|(?:\bngày[ \t]+|\()\d{1,2}[ \t]*(?:và|,)[ \t]*$",
    re.I,
)


_CLOCK_AFTER = re.compile(r"[ \t]{1,3}(?:[01]?\d|2[0-3]):[0-5]\d\b")


def _at_time(ctx: Ctx, m: re.Match[str]) -> str:
    """'30/11/2022 02:26': a date followed by a time of day is said '…, lúc hai giờ hai mươi sáu'."""
    return ", lúc" if _CLOCK_AFTER.match(ctx.after(m)) else ""


def _day_month(d: int, mo: int) -> str:
    return f"{read_int(d)} tháng {read_month(mo)}"


@rule(
    "month_range",
    "khoảng tháng",
    rf"\b[Tt]háng[ \t]{{1,3}}{MONTH}(?:/{YEAR})?{SEP}(?:tháng )?{MONTH}/{YEAR}\b",
    priority=39,
)
def _month_range(m: re.Match[str], ctx: Ctx) -> str:
    """'tháng 3-5/2023', 'tháng 12/2022-01/2023': from one month to another."""
    left, right = re.split(SEP, m.group()[5:], maxsplit=1)
    numbers = [int(x) for x in re.findall(r"\d+", left)]
    r_month, r_year = (int(x) for x in re.findall(r"\d+", right))
    first = read_month(numbers[0]) + (f" năm {read_int(numbers[1])}" if len(numbers) > 1 else "")
    return f"{m.group()[:5]} {first} đến tháng {read_month(r_month)} năm {read_int(r_year)}"


@rule(
    "date_range",
    "khoảng ngày",
    rf"\b{DAY}(?:[/.]{MONTH}(?:[/.]{YEAR})?)?{SEP}{DAY}(?:[/.]|/[ \t]){MONTH}(?:[/.]{YEAR})?\b(?![/.,]\d)",
    priority=40,
)
def _date_range(m: re.Match[str], ctx: Ctx) -> str:
    """'26/11-28/11/2019', '1-3/7', 'cấy: 15 - 25/ 1': from one day to another."""
    left, right = re.split(SEP, m.group().replace("/ ", "/"), maxsplit=1)
    r = [int(x) for x in re.split(r"[/.]", right)]
    lp = [int(x) for x in re.split(r"[/.]", left)]
    if len(lp) == 1:
        lp.append(r[1])
    if r[0] <= lp[0] and lp[1] == r[1] and len(re.split(r"[/.]", left)) == 1:
        return m.group()  # '20-5/10' is not a range of days; let the other rules read it
    year = f" năm {read_int(r[2])}" if len(r) == 3 else ""
    left_year = f" năm {read_int(lp[2])}" if len(lp) == 3 else ""
    if lp[1] == r[1] and not left_year and not re.search(r"[/.]", left):
        first = read_int(lp[0])
    else:
        first = _day_month(lp[0], lp[1]) + left_year
    return f"{_head(ctx, m, 'ngày')}{first} đến ngày {_day_month(r[0], r[1])}{year}"


_FULL = rf"{DAY}[/.-]{MONTH}[/.-]{YEAR}"
# '28/09 /2021', '18/ 07 /2019': a space typed before or after a slash of a full date.
_SPACED_SLASH = r"[ \t]?/[ \t]?"


@rule(
    "date_full_range",
    "khoảng ngày tháng năm",
    rf"\b{_FULL}[ \t]{{0,3}}[-–—_/][ \t]{{0,3}}{_FULL}\b|\b{_FULL}[ \t]{{0,3}}[-–—][ \t]{{0,3}}{YEAR}\b(?![/.-]\d|[ \t](?:[Vv]iews?|lượt)\b)",
    priority=40,
)
def _date_full_range(m: re.Match[str], ctx: Ctx) -> str:
    """'19-8-1945 – 19-8-2014': from one full date to another; '20/10/1930 -2021' to a year."""
    dates = re.findall(_FULL, m.group())
    if len(dates) == 1:
        d, mo, y = (int(x) for x in re.split(r"[/.-]", dates[0]))
        to_year = int(re.findall(r"\d{4}", m.group())[-1])
        return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} năm {read_int(y)} đến năm {read_int(to_year)}"
    left, right = (re.split(r"[/.-]", x) for x in re.findall(_FULL, m.group()))
    dl, ml, yl = (int(x) for x in left)
    dr, mr, yr = (int(x) for x in right)
    first = f"{_head(ctx, m, 'ngày')}{_day_month(dl, ml)} năm {read_int(yl)}"
    return f"{first} đến ngày {_day_month(dr, mr)} năm {read_int(yr)}"


@rule(
    "date_full",
    "ngày tháng năm",
    rf"\b{DAY}[/.-]{MONTH}[/.-]{YEAR}\b|\b{DAY}{_SPACED_SLASH}{MONTH}{_SPACED_SLASH}{YEAR}\b"
    rf"|(?<=[Nn]gày ){DAY}[ \t]{{1,2}}[-–][ \t]{{1,2}}{MONTH}[ \t]{{1,2}}[-–][ \t]{{1,2}}{YEAR}\b",
    priority=41,
)
def _date_full(m: re.Match[str], ctx: Ctx) -> str:
    d, mo, y = (int(x) for x in re.findall(r"\d+", m.group()))
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} năm {read_int(y)}{_at_time(ctx, m)}"


@rule("date_spaced", "ngày tháng viết cách", rf"(?<=[Nn]gày ){DAY}[ \t]{MONTH}(?=[ \t]năm[ \t]{YEAR}\b)", priority=41)
def _date_spaced(m: re.Match[str], ctx: Ctx) -> str:
    """'Ngày 18 11 năm 2024': a day and a month separated by a space only, the year written out."""
    d, mo = (int(x) for x in m.group().split())
    return f"{read_int(d)} tháng {read_month(mo)}"


@rule(
    "date_short_year",
    "ngày tháng năm viết tắt",
    rf"\b{DAY}/{MONTH}/\d{{2}}\b(?![/.,]?\d)|(?<=\[){DAY}-{MONTH}-\d{{2}}(?=\])"
    rf"|(?:(?<=[Nn]gày )|(?<=[Nn]gày: ))\d\d?\.\d\d?\.\d\d(?![.,]?\d)",  # 'Ngày 05.09.25'
    priority=41,
)
def _date_short_year(m: re.Match[str], ctx: Ctx) -> str:
    """'30/9/17', '[25-07-23]', 'ngày 24.7.21': a date with the year's last two digits (2000s, 1900s above 50)."""
    d, mo, y = (int(x) for x in re.split(r"[/.-]", m.group()))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return " chấm ".join(read_int(int(x)) for x in m.group().split("."))  # not a date: the parts
    year = 1900 + y if y > 50 else 2000 + y
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} năm {read_int(year)}"


@rule(
    "month_pair_year",
    "hai tháng một năm",
    rf"\b[Tt]háng[ \t]{{1,3}}{MONTH}[ \t]*(?:và|,)[ \t]*{MONTH}[ \t]?[-–/.][ \t]?{YEAR}\b",
    priority=41,
)
def _month_pair_year(m: re.Match[str], ctx: Ctx) -> str:
    """'tháng 4 và 5-2020': two months of one year, each said with 'tháng'."""
    a, b, y = (int(x) for x in re.findall(r"\d+", m.group()))
    return f"{m.group()[:5]} {read_month(a)} và tháng {read_month(b)} năm {read_int(y)}"


@rule("lunar_mark", "âm lịch viết tắt", r"(?<=[\d ])(?:âl|ÂL|Âl)\b\.?|(?<=\d )AL\b", priority=47)
def _lunar_mark(m: re.Match[str], ctx: Ctx) -> str:
    """'(10/10 âl)': the lunar calendar."""
    return "âm lịch"


@rule("lunar_glued", "ngày âm lịch viết liền", rf"\b{DAY}/{MONTH}(?:ÂL|âl|Âl)\b", priority=47)
def _lunar_glued(m: re.Match[str], ctx: Ctx) -> str:
    """'(3/3ÂL)': a lunar date typed against its mark."""
    d, mo = (int(x) for x in re.findall(r"\d+", m.group()))
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} âm lịch"


@rule("national_day_round", "đợt ngày lễ", r"(?<=đợt )(?:3-2|30-4|19-5|2-9|7-11)\b(?![-/.]\d)", priority=45)
def _national_day_round(m: re.Match[str], ctx: Ctx) -> str:
    """'Huy hiệu Đảng đợt 2-9': the round of awards given on a national day."""
    d, mo = (int(x) for x in m.group().split("-"))
    return _day_month(d, mo)


@rule(
    "month_year",
    "tháng năm",
    rf"\b{MONTH}/{YEAR}\b|(?<=háng ){MONTH}(?:[.-]|[ \t]?[-–][ \t]?){YEAR}\b|(?<=[ \t]đến |[ \t]tới ){MONTH}-{YEAR}\b(?![/.-]\d)",
    priority=42,
)
def _month_year(m: re.Match[str], ctx: Ctx) -> str:
    """'12/2024'; after 'tháng' also '3.2026', '12-2026' and '7- 2013'; 'từ tháng 8 đến 11-2024'."""
    mo, y = (int(x) for x in re.findall(r"\d+", m.group()))
    if "/" in m.group() and DOC_BEFORE.search(ctx.before(m, 20)):
        return f"{read_int(mo)} năm {read_int(y)}"  # 'Nghị định số 12/2024': a number and its year
    return f"{_head(ctx, m, 'tháng')}{read_month(mo)} năm {read_int(y)}"


@rule(
    "roman_year",
    "quý, khóa La Mã kèm năm",
    rf"\b[IVX]{{1,4}}/{YEAR}\b",
    priority=43,
)
def _roman_year(m: re.Match[str], ctx: Ctx) -> str:
    roman, year = m.group().split("/")
    value = roman_to_int(roman)
    return f"{read_int(value)} năm {read_int(int(year))}" if value else m.group()


@rule(
    "month_word",
    "tháng",
    rf"\b[Tt]háng[ \t]{{1,3}}{MONTH}(?:{SEP}(?:tháng[ \t]+)?{MONTH}(?![ \t]+tháng\b))?\b(?![/.,-]\d|[ \t]?[-–][ \t]?{YEAR}\b)",
    priority=44,
)
def _month_word(m: re.Match[str], ctx: Ctx) -> str:
    """'tháng 4' is 'tháng tư'; 'tháng 9 - 11', 'tháng 4 - tháng 6' run from one month to the other."""
    word = m.group()[:5]
    months = re.findall(r"\d+", m.group())
    if len(months) == 2 and re.match(r"[ \t]*(?:lần|buổi|đợt|kỳ)\b", ctx.after(m, 8)):
        return f"{word} {read_int(int(months[0]))} đến {read_int(int(months[1]))}"  # 'mỗi tháng 1-2 lần'
    spoken = f"{word} {read_month(int(months[0]))}"
    return spoken + (f" đến tháng {read_month(int(months[1]))}" if len(months) > 1 else "")


@rule("day_dot", "ngày tháng viết dấu chấm", rf"\b{DAY}\.{MONTH}\b(?![.,]?\d)", priority=47)
def _day_dot(m: re.Match[str], ctx: Ctx) -> str:
    """'27.9' is a date; after 'mục', 'điều', 'khoản' it is a section number."""
    d, mo = (int(x) for x in m.group().split("."))
    if re.search(r"(?:^|[\s(\[])[-−]$", ctx.before(m, 2)) or re.match(r"[ \t]?(?:m|mét)\b", ctx.after(m, 5)):
        return f"{read_int(d)} phẩy {read_int(mo)}"  # 'cao trình -2.5', '2.5 m': a measure, not a date
    if _MAGNITUDE.search(ctx.before(m, 32)) or re.match(r"[ \t]*(?:độ[ \t]+)?(?:Richter|richter)", ctx.after(m)):
        return f"{read_int(d)} phẩy {read_int(mo)}"  # 'động đất có độ lớn 3.8': a magnitude, not a date
    section = SECTION_BEFORE.search(ctx.before(m, 16)) or re.search(r"phiên bản[ \t]*$", ctx.before(m, 12), re.I)
    if section or ctx.at_line_start(m):  # 'Android từ phiên bản 4.1': a version
        return f"{read_int(d)} chấm {read_int(mo)}"
    if named_day(m, ctx, d, mo):
        return _day_month(d, mo)  # 'Quảng trường 2.4', 'Quốc khánh 2.9': a name, a named day
    dated = re.search(rf"{_DATE_WORDS}[ \t]*\(?$", ctx.before(m, 16), re.I) or re.match(
        r"[ \t]*(?:[,.;:)(]|$|năm|tới|vừa|này|đến|và|hằng|hàng|tại|âm lịch|dương lịch)", ctx.after(m)
    )
    # 'lễ 30.4, 1.5 mới …': a date listed after another date
    dated = dated or re.search(r"\b\d{1,2}\.\d{1,2}[ \t]*(?:,|và|;)[ \t]*$", ctx.before(m, 12))
    if not dated:  # 'giảm 1.5 điểm': a decimal written the English way
        return f"{read_int(d)} phẩy {read_int(mo)}"
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)}"


@rule(
    "day_month",
    "ngày tháng",
    rf"\b{DAY}/{MONTH}\b(?!/\d)|(?<=[Nn]gày ){DAY}(?:[ \t]/[ \t]?|/[ \t]){MONTH}\b(?![/.,]?\d)",
    priority=48,
)
def _day_month_rule(m: re.Match[str], ctx: Ctx) -> str:
    """'28/2' is a date, '15/15 thôn' a count out of a total, '24/7' all day every day; 'ngày 12/ 3'
    is a date typed with a stray space."""
    d, mo = (int(x) for x in m.group().split("/"))
    following = ctx.after(m).lstrip()
    before = ctx.before(m, 24)
    # 'ngày bầu cử 15/3': a date after 'ngày' and a word or two
    date_context = re.search(rf"{_DATE_WORDS}\s*$", before, re.I) or re.search(
        r"\bngày(?:[ \t]+[a-zà-ỹ]+){1,2}[ \t]*$", before
    )
    date_context = date_context or re.search(r"hôm nay[ \t]*,[ \t]*$", before)  # 'đến hôm nay, 24/7'
    # 'thứ bảy 22/6 vùng thấp…', 'Chủ nhật 23/6': a day of the week names a date
    date_context = date_context or re.search(
        rf"\b(?:thứ[ \t]+(?:{_WEEKDAYS})|chủ[ \t]+nhật|CN)[ \t]*,?[ \t]*$", before, re.I
    )
    if m.group() == "24/7" and not date_context:
        return "hai mươi tư trên bảy"
    if re.search(r"\blớp[ \t]+(?:\d{1,2}/\d{1,2}[ \t]*(?:,|và)[ \t]*)*$", before, re.I):
        return f"{read_int(d)} {read_int(mo)}"  # 'lớp 6/3', 'lớp 2/2 và 2/3': a class, 'sáu ba'
    if re.search(r"(?:thương binh|bệnh binh|hạng)[ \t]*$", before, re.I):
        return f"{read_int(d)} trên {read_int(mo)}"  # 'thương binh 4/4': a disability grade
    date_after = re.match(r"[ \t]*(?:đến|tới|-|–)[ \t]*(?:ngày[ \t]*)?\d{1,2}/\d{1,2}", following)
    if d < mo and re.match(r"[ \t]*(?:VĐV|vận động viên)\b", following):
        return f"{read_int(d)} trên {read_int(mo)}"  # 'có 3/8 VĐV đạt huy chương': so many of them
    # 'rào chắn 1/4 mặt cầu' (not 'từ ngày 28/7 đến 03/8 số ca mắc': the end of a span of days)
    if (
        d < mo <= 10
        and _WHOLE.match(following)
        and not re.search(r"ngày[ \t]*$|\d/\d\d?[ \t]*(?:đến|tới|-|–)[ \t]*$", before)
    ):
        return read_part(d, mo)
    if re.search(r"\b(?:có|lên)[ \t]+(?:đến|tới)[ \t]*$", before, re.I) and re.match(r"[a-zà-ỹđ]", following):
        return f"{read_int(d)} trên {read_int(mo)}"  # 'Có đến 5/9 huyện': so many of the whole
    if re.search(r"\btháng[ \t]*$", before, re.I) and d <= 12:
        return f"{read_month(d)}, tháng {read_month(mo)}"  # 'khoảng tháng 8/9 âm lịch': one month or the next
    if _QUANTITY_BEFORE.search(before) and not date_after and not date_context:
        if d > mo and (re.match(r"[,.;)]|$", following) or re.search(r"(?:đến|vào|từ|tới)[ \t]+khoảng[ \t]*$", before)):
            return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)}"  # 'đến khoảng 26/5,': 26 out of 5 is no count
        if d < mo <= 10 and re.search(r"\b(?:bằng|chiếm|gần|khoảng|hơn)[ \t]*$", before, re.I):
            return read_part(d, mo)  # 'gần 2/3 diện tích'
        return f"{read_int(d)} trên {read_int(mo)}"
    if named_day(m, ctx, d, mo):
        return _day_month(d, mo)  # 'đường 3/2', 'công viên 23/9': a name; 'Quốc khánh 2/9' a named day
    # '30/4 và 01/5': a date listed after another date is a date too.
    listed = re.search(
        r"\d{1,2}/\d{1,2}[ \t]*(?:và|,|;|hoặc|hay)[ \t]*$|ngày[ \t]+\d{1,2}[ \t]*(?:và|,)[ \t]*$", before
    )
    counted = re.match(r"[a-zà-ỹđ]", following) and not re.match(
        r"(đến|tới|và|hoặc|năm|hằng|hàng|vừa|qua|sắp|này|âm lịch|dương lịch|âl|là|còn là|cũng là|trở đi)\b", following
    )
    if not counted and re.search(r"\b(?:cấy|gieo mạ|gieo sạ|sạ|xuống giống)[ \t]*:?[ \t]*$", before, re.I):
        return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)}"  # 'cấy 10/5 trở đi': a farming calendar's day
    counted_by = d <= mo and _COUNTED.match(following) and not _DAY_WORD.search(before)
    if counted and d == 1 < mo and re.search(r"\blà[ \t]*$", before):
        return f"một trong {read_int(mo)}"  # 'Lào Cai là 1/11 tỉnh': one of eleven
    if counted and (counted_by or not date_context) and not listed:  # 'từ 6/8 môn trở lên': six of eight
        # 'trong đó 1/3 ca': a third of them ('trong đó 8/10 tổ' counts out of ten)
        if d < mo <= 10 and (_SHARE_BEFORE.search(before) or (mo <= 4 and _OF_THEM.search(before))):
            return read_part(d, mo)
        return f"{read_int(d)} trên {read_int(mo)}"
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)}"


_WEEKDAYS = "hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7"
_DAY_WORD = re.compile(r"(?:ngày|hôm|sáng|chiều|tối|trưa|đêm)(?:[ \t]+(?:mai|nay|qua|kia|mốt))?[ \t]*$")
_COUNTED = re.compile(r"(?:môn|xã|phường|thôn|ấp|hộ|đội|trường|tiêu chí|chỉ tiêu|đơn vị|huyện|học sinh|thành viên)\b")
_SHARE_BEFORE = re.compile(r"\b(?:bằng|chiếm|gần|khoảng|hơn|non|già)[ \t]*$", re.I)
_OF_THEM = re.compile(r"\btrong đó[ \t]*$", re.I)


# 'có độ lớn 3.8', 'độ lớn từ 2.7 đến 3.7': an earthquake's magnitude.
_MAGNITUDE = re.compile(r"\bđộ lớn(?:[ \t]+(?:khoảng|từ|là|M))?(?:[ \t]+\d\.\d[ \t]+(?:đến|-|–))?[ \t]*$", re.I)
# 'rào chắn 1/4 mặt cầu', 'của 1/4 diện tích': a part of a whole, 'một phần tư'.
_WHOLE = re.compile(
    r"(?:diện tích|mặt cầu|mặt đường|dân số|tổng số|số lượng|khối lượng|thời gian|thế kỷ|thế kỉ|thập kỷ|thập niên"
    r"|trường hợp|số (?:hộ|người|ca|vụ|xã|thôn|tiền|vốn)|phần đường|làn đường)\b"  # '2/3 trường hợp', '2/3 số hộ': so much of the whole
)


@rule("hour_date", "giờ và ngày", rf"\b{HOUR}h(?:[0-5]\d)?/{DAY}/{MONTH}\b(?![/.,]?\d)", priority=49)
def _hour_date(m: re.Match[str], ctx: Ctx) -> str:
    """'lúc 7h/20/7', '18h/19/7': a hydrology bulletin's hour and day."""
    clock, d, mo = m.group().split("/")
    return f"{say_clock(clock)} ngày {_day_month(int(d), int(mo))}"


@rule(
    "roman_month_date",
    "ngày tháng La Mã",
    rf"\b{DAY}/(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)/{YEAR}\b",
    priority=29,
)
def _roman_month_date(m: re.Match[str], ctx: Ctx) -> str:
    """'ngày 11/X/2018': the month written as a Roman numeral."""
    d, roman, y = m.group().split("/")
    month = roman_to_int(roman) or 1
    return f"{_head(ctx, m, 'ngày')}{_day_month(int(d), month)} năm {read_int(int(y))}"


@rule("date_spaced_slash", "ngày tháng năm viết cách", rf"\b{DAY}[ \t]/[ \t]{MONTH}[ \t]/[ \t]{YEAR}\b", priority=40)
def _date_spaced_slash(m: re.Match[str], ctx: Ctx) -> str:
    """'PL 29 / 02 / 2016': a full date typed with spaces round its slashes."""
    d, mo, y = (int(x) for x in re.findall(r"\d+", m.group()))
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} năm {read_int(y)}"


@rule(
    "day_list_date",
    "nhiều ngày một tháng",
    rf"\b{DAY}(?:,[ \t]?{DAY}){{1,4}}/{MONTH}(?:/{YEAR})?\b(?![/.,]?\d)",
    priority=39,
)
def _day_list_date(m: re.Match[str], ctx: Ctx) -> str:
    """'trong 2 ngày 24,25/9/2024', 'các ngày 23,24,25/11/2022': days of one month."""
    days, _, rest = m.group().rpartition(",")
    day, month, *year = (int(x) for x in re.findall(r"\d+", rest))
    listed = ", ".join(read_int(int(d)) for d in re.findall(r"\d+", days))
    spoken = f"{_head(ctx, m, 'ngày')}{listed}, {_day_month(day, month)}"
    return spoken + (f" năm {read_int(year[0])}" if year else "")


@rule("month_year_range", "khoảng tháng năm", rf"\b{MONTH}/{YEAR}{SEP}{MONTH}/{YEAR}\b", priority=38)
def _month_year_range(m: re.Match[str], ctx: Ctx) -> str:
    """'(6/2013-6/2023)': from one month of a year to another."""
    m1, y1, m2, y2 = (int(x) for x in re.findall(r"\d+", m.group()))
    return f"tháng {read_month(m1)} năm {read_int(y1)} đến tháng {read_month(m2)} năm {read_int(y2)}"


@rule("month_space_year", "tháng năm viết cách", rf"\b[Tt]háng[ \t]{{1,3}}{MONTH}[ \t]+{YEAR}\b", priority=43)
def _month_space_year(m: re.Match[str], ctx: Ctx) -> str:
    """'25 Tháng 11 2021': a month and its year written without 'năm'."""
    word, month, year = m.group().split()
    return f"{word} {read_month(int(month))} năm {read_int(int(year))}{_at_time(ctx, m)}"


@rule("roman_list", "đánh số La Mã nhỏ", r"(?:^|(?<=[ \t:]))\((?:i|ii|iii|iv|v|vi)\)(?=[ \t])", priority=16)
def _roman_list(m: re.Match[str], ctx: Ctx) -> str:
    """'(i) Cơ cấu…? (ii) Cần có…': points numbered in small Roman letters, 'thứ nhất', 'thứ hai'…"""
    return f"thứ {('nhất', 'hai', 'ba', 'tư', 'năm', 'sáu')[(roman_to_int(m.group()[1:-1].upper()) or 1) - 1]},"


@rule(
    "iso_datetime",
    "ngày giờ dạng máy",
    rf"\b{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]{HOUR}:[0-5]\d(?::[0-5]\d)?(?:[+-]\d\d:\d\d|Z)?)?\b",
    priority=38,
)
def _iso_datetime(m: re.Match[str], ctx: Ctx) -> str:
    """'2025-07-28T11:07:49+07:00' as a date and a time of day."""
    date, _, clock = m.group().replace(" ", "T").partition("T")
    y, mo, d = (int(x) for x in date.split("-"))
    spoken = f"ngày {_day_month(d, mo)} năm {read_int(y)}"
    if clock:
        h, mi = (int(x) for x in clock[:5].split(":"))
        spoken += f", {read_int(h)} giờ" + (f" {read_int(mi)} phút" if mi else "")
    return spoken


_STAMP_TIME = rf"{HOUR}:[0-5]\d(?::[0-5]\d)?"


@rule(
    "stamp",
    "ngày giờ đăng tin",
    rf"^[ \t]*(?:{_STAMP_TIME},?[ \t]+)?{DAY}/{MONTH}/{YEAR}(?:[ \t]+(?:[-–|][ \t]+)?{_STAMP_TIME})?(?=[ \t]*[A-ZĐ][a-zà-ỹđ])",
    priority=37,
)
def _stamp(m: re.Match[str], ctx: Ctx) -> str:
    """'16:40, 22/12/2020 Nhiều năm qua…': a page's date and time of posting run into the text,
    said apart from it with a stop."""
    return f"{_stamp_words(m.group())}. "


@rule(
    "stamp_tail",
    "ngày giờ đăng tin",
    rf"(?<=[^\W\d] ){DAY}/{MONTH}/{YEAR}[ \t]+{_STAMP_TIME}$",
    priority=37,
)
def _stamp_tail(m: re.Match[str], ctx: Ctx) -> str:
    """'… trật tự ở cơ sở 01/07/2024 12:44': the page's stamp after a headline, a stop between;
    after 'Ngày', 'Cập nhật' it is the line's own date."""
    found = re.search(r"([\wÀ-ỹ]+)[ \t]*$", ctx.before(m, 24))
    prev = found.group(1).lower() if found else ""
    if prev in ("ngày", "nhật", "đăng", "lúc", "hôm", "sáng", "chiều", "tối", "vào", "từ", "đến", "bản"):
        return _stamp_words(m.group(), head=_head(ctx, m, "ngày"), at="lúc ")
    return f". {_stamp_words(m.group())}."


def _stamp_words(stamp: str, *, head: str = "ngày ", at: str = "") -> str:
    date = re.search(rf"({DAY})/({MONTH})/({YEAR})", stamp)
    assert date is not None
    d, mo, y = (int(x) for x in date.groups())
    said = [f"{head}{_day_month(d, mo)} năm {read_int(y)}"]
    for clock in re.findall(rf"{HOUR}:[0-5]\d(?::[0-5]\d)?", stamp):
        h, mi, *se = (int(x) for x in clock.split(":"))
        read = say_clock_hms(h, mi, se[0] if se else 0)
        before = stamp.find(clock) < date.start()
        said.insert(0 if before else len(said), read if before else at + read)
    return ", ".join(said)


@rule(
    "date_to_date",
    "từ ngày đến ngày",
    r"[-–](?=[ \t]{0,3}(?:ngày[ \t]+\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d\b|\d{1,2}[ \t]+tháng[ \t]))",
    priority=40,
)
def _date_to_date(m: re.Match[str], ctx: Ctx) -> str:
    """'bắt đầu ngày 16/03/2023 – ngày 30/04/2023', '(16 tháng chạp - 12 tháng giêng)': from one
    date to the next, 'đến'."""
    before = ctx.before(m, 24)
    if re.search(r"\d[/.-](?:19|20)\d\d[ \t]{0,3}$|\b\d{1,2}[ \t]+tháng[ \t]+[\wÀ-ỹ]+[ \t]{0,3}$", before):
        return " đến "
    return m.group()


_CAN_CHI = (
    r"(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)[ \t](?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)"
)


@rule("lunar_year_date", "ngày tháng năm âm lịch", rf"\b{DAY}/{MONTH}/(?={_CAN_CHI}\b)", priority=39)
def _lunar_year_date(m: re.Match[str], ctx: Ctx) -> str:
    """'15/3/Ất Tỵ': a lunar day and month in the year named by its stems and branches."""
    d, mo = (int(x) for x in m.group().rstrip("/").split("/"))
    return f"{_head(ctx, m, 'ngày')}{_day_month(d, mo)} năm "


@rule("era_year", "năm Phật lịch, dương lịch", r"\b(?:PL|DL)\.?[ \t]?\d{4}\b(?![.,/]\d)", priority=42)
def _era_year(m: re.Match[str], ctx: Ctx) -> str:
    """'PL.2569 – DL.2025': a year of the Buddhist era and of the common era, said as such."""
    era = "Phật lịch" if m.group().startswith("PL") else "dương lịch"
    return f"{era} {read_int(int(m.group()[-4:]))}"
