"""Cardinals, decimals, ranges, percentages, fractions, ordinals, money,
measures with their units, and codes of letters glued to digits."""

from __future__ import annotations

import re

from broadcast.text import lexicon
from broadcast.text.numbers import read_digits, read_int, read_month, read_number_string, read_ordinal
from broadcast.text.tagging import (
    DOC_BEFORE,
    HOLIDAY_BEFORE,
    NUM,
    SECTION_BEFORE,
    SEP,
    UPPER,
    WORD_END,
    YEAR,
    Ctx,
    read_num,
    rule,
    spell,
)

# Longest first, so that 'km/h' wins over 'km' and 'm²' over 'm'.
_UNIT_KEYS = sorted((u for u in lexicon.UNITS if u not in ("%", "đ", "VNĐ", "VND", "USD")), key=len, reverse=True)
UNIT = "(?:" + "|".join(re.escape(u) for u in _UNIT_KEYS) + ")"


def unit_reading(unit: str) -> str:
    return lexicon.UNITS.get(unit.strip(), unit.strip())


_DATE_BEFORE = re.compile(
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|mùng|mồng|khuya|rạng sáng|sang|(?:sáng|chiều|tối|trưa|đêm|hôm)(?: sớm)? (?:nay|qua|mai)"
    r"|(?:tối|đêm|chiều) muộn|sáng sớm"
    r"|thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])[ \t]*,|chủ nhật[ \t]*,"
    r"|công viên|quảng trường|hội trường|sân vận động|phố|đường|(?:sáng|chiều|tối|hôm)[ \t]+nay[ \t]*,)[ \t]*\(?$",
    re.I,
)
# 'ngày 18, 19, 25 và 26-6': days listed before the last one carries the month.
_DAY_LIST = r"\d{1,2}(?:[ \t]*(?:,|và)[ \t]*\d{1,2}){0,6}"
_DATE_WEAK = re.compile(r"(?:vào|từ|đến|tới|trước|sau|hạn|qua|dịp|lễ|tết|Quốc khánh|hết)[ \t]*$", re.I)


def _is_date(ctx: Ctx, m: re.Match[str], left: str, right: str, unit: str) -> bool:
    """'Ngày 17-11', 'sáng 30-12', 'vào 26-2.': a day and a month joined by a hyphen."""
    if unit or not (left.isdigit() and right.isdigit()) or not (1 <= int(left) <= 31 and 1 <= int(right) <= 12):
        return False
    if len(right) == 2 and right.startswith("0") and len(left) != 2:
        return False
    before, after = ctx.before(m, 24), ctx.after(m, 12)
    if _DATE_BEFORE.search(before) or (before.rstrip().endswith("(") and after.lstrip().startswith(")")):
        return True
    if HOLIDAY_BEFORE.search(ctx.before(m, 48)):
        return True  # 'Quốc tế Phụ nữ 8-3'
    if re.search(r"\b\d{1,2}[-/]\d{1,2}[ \t]*(?:và|,|;|hoặc)[ \t]*$", before):
        return True  # 'lễ 30-4 và 1-5': a date listed after a date
    if re.match(
        r"[ \t]*(?:đến|tới)[ \t]+(?:ngày[ \t]+)?\d{1,2}[-/]\d{1,2}\b(?![ \t]*(?:người|hộ|con|ca|km|m|tấn|kg|ha|lần|%))",
        ctx.after(m, 24),
    ):
        return True  # 'gieo sạ trong 5-12 đến 31-12': from one date to another
    if re.match(r"[ \t]*(?:hằng|hàng) năm", after):
        return True  # 'Ngày … 18-11 hằng năm': a day of the year
    if re.search(
        rf"(?:ngày|từ)[ \t]+{_DAY_LIST}[ \t]*(?:đến|tới|và|,|-|–)[ \t]*$",
        ctx.before(m, 48),
        re.I,
    ):
        return True  # 'từ 18 đến 20-9', 'ngày 1 và 2-9': the day before shares the month
    if re.search(r"\bngày\b[^.;:]{0,16}\b\d{1,2}[ \t]*(?:và|,)[ \t]*$", ctx.before(m, 48)) and re.match(
        r"[ \t]*(?:[,.;:)]|$)", after
    ):
        return True  # '(diễn ra 2 ngày, 14 và 15-11);': days listed, the last one with the month
    if re.match(r"[ \t]*năm(?![ \t]+\d{4})", after):
        return False  # 'từ 1 - 3 năm': a number of years, not a day and a month
    if int(left) > int(right) and not re.match(r"[ \t]*(?:người|hộ|điểm|con|ca|km|m|tấn|kg|ha|lần(?! thứ))\b", after):
        return True  # 'Olympic 30-4': a range never goes down, so a day and a month
    return bool(_DATE_WEAK.search(before)) and bool(re.match(r"[ \t]*(?:[,.;:()]|$|và|đến|tới|năm|hằng|hàng)", after))


@rule(
    "range",
    "khoảng số",
    rf"(?<![\d/.,])(?:{NUM}){SEP}(?:{NUM})(?![\d/]|:[0-5]\d)(?:[ \t]?(?:%(?![0o](?![\dA-Za-z]))|(?:{UNIT}|đ|VNĐ|VND){WORD_END}))?"
    rf"|(?<![\d/.,])(?:{NUM})[ \t]?(?:vnd|vnđ|VNĐ|VND){SEP}(?:{NUM})[ \t]?(?:vnd|vnđ|VNĐ|VND){WORD_END}"
    rf"|(?<![\d/.,])(?:{NUM})%{SEP}(?:{NUM})%"
    rf"|(?<![\d/.,])(?:{NUM})[ \t]?(?:đ|₫|đồng){SEP}(?:{NUM})[ \t]?(?:đ|₫|đồng){WORD_END}",
    priority=70,
)
def _range(m: re.Match[str], ctx: Ctx) -> str:
    """'20-30', '8-11°C', '103-117 km/h', '5 – 7%': from one number to another, unit once;
    after a word of time ('ngày 17-11', 'sáng 30-12') a day and a month."""
    found = re.match(rf"({NUM})(?:%|[ \t]?(?:đ|₫|đồng|vnd|vnđ|VNĐ|VND))?{SEP}({NUM})[ \t]?(.*)$", m.group())
    assert found is not None
    left, right, unit = found.groups()
    if (
        not unit
        and re.match(r"[ \t]+(?:trước|với)[ \t]+(?:đội|đối thủ|[A-ZĐ])", ctx.after(m, 16))
        and re.search(r"\b(?:thắng|thua|hòa|hoà|chiến thắng|thắng lợi)\b", ctx.before(m, 40))
    ):
        return f"{read_num(left)} {read_num(right)}"  # 'chiến thắng ấn tượng 6-1 trước đội …': a score
    if not unit and re.search(
        r"\b(?:[tT][ỷỉ] số(?:[ \t]+chung cuộc)?|(?<!Chiến )thắng|thua|hòa|hoà)(?:[ \t]+(?:với[ \t]+)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}[ \t]*$",
        ctx.before(m, 32),
    ):
        return f"{read_num(left)} {read_num(right)}"  # 'thắng 2-1': a score, 'hai một'
    if re.match(rf"{SEP}\d", ctx.after(m)) or re.search(rf"\d{SEP}$", ctx.before(m, 12)):
        # '70 - 75 – 80 – 85 – 90 tuổi': three numbers or more joined by dashes are a list.
        return f"{read_num(left)}, {read_num(right)}{_amount_tail(unit)}"
    lunar = re.match(r"[ \t]*tháng", ctx.after(m)) or ((left + right).isdigit() and int(right) == int(left) + 1)
    if not unit and re.search(r"\b(?:mùng|mồng)[ \t]*$", ctx.before(m, 8)) and lunar:
        return f"{read_num(left)} đến mùng {read_num(right)}"  # 'mùng 4 – 6 tháng Giêng', 'mùng 3–4': lunar days
    if not unit and re.match(r"[ \t]*(?:Tết|tết|tháng[ \t]+(?:Giêng|Chạp))\b", ctx.after(m)):
        return f"{read_num(left)} đến {read_num(right)}"  # 'các ngày 4 - 6 Tết'
    if _is_date(ctx, m, left, right, unit):
        # 'ngày 17-11' says 'ngày' once; 'công viên 23-9' is a name, said without it.
        named = re.search(
            r"(?:ngày|hôm|lễ|mồng|mùng|Chiến thắng|công viên|quảng trường|hội trường|sân vận động|phố|đường|\bngày\b[^.;:]{0,16}\b\d{1,2}[ \t]*(?:và|,)"
            rf"|ngày[ \t]+{_DAY_LIST}[ \t]*(?:và|,))[ \t]*$",
            ctx.before(m, 60),
            re.I,
        )
        head = "" if named or HOLIDAY_BEFORE.search(ctx.before(m, 48)) else "ngày "
        return f"{head}{read_int(int(left))} tháng {read_month(int(right))}"
    if not unit and len(left) <= 3 and re.fullmatch(r"(?:19|20)\d\d", right) and _ACT_BEFORE.search(ctx.before(m, 40)):
        return f"{read_num(left)} năm {read_int(int(right))}"  # 'Nghị định 146, 188-2025': a decree's number and year
    return f"{read_num(left)} đến {read_num(right)}{_amount_tail(unit)}"


_ACT_BEFORE = re.compile(
    r"\b(?:[Nn]ghị định|[Qq]uyết định|[Tt]hông tư|[Nn]ghị quyết|[Cc]hỉ thị|[Kk]ết luận)(?:[ \t]+số)?"
    r"(?:[ \t]+\d{1,4}[ \t]*,)*[ \t]*$"
)


def _amount_tail(unit: str) -> str:
    """What follows a range's numbers: its unit, 'phần trăm' or the currency, said once."""
    if not unit:
        return ""
    return " phần trăm" if unit == "%" else f" {_CURRENCY.get(unit, _CURRENCY.get(unit.upper(), unit_reading(unit)))}"


def _section(number: str) -> str:
    return " chấm ".join(read_number_string(p) for p in number.split("."))


@rule("section_number", "số hiệu mục", r"\b\d{1,2}\.\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\b(?![.,]?\d)", priority=63)
def _section_number(m: re.Match[str], ctx: Ctx) -> str:
    """'3.1.9', '1.2.3.4': three small numbers joined by dots are a section or an indicator's number."""
    return _section(m.group())


@rule(
    "measure_range",
    "khoảng đo",
    rf"(?<![\d/.,])(?P<a>\d{{1,3}}\.\d{{1,2}}|{NUM})[ \t]?(?P<u>{UNIT}){SEP}(?P<b>\d{{1,3}}\.\d{{1,2}}|{NUM})[ \t]?(?P=u){WORD_END}",
    priority=64,
)
def _measure_range(m: re.Match[str], ctx: Ctx) -> str:
    """'1,18m -1.31m': a range with its unit written on both ends, the unit said once."""
    a, b = (re.sub(r"^(\d{1,3})\.(\d{1,2})$", r"\1,\2", x) for x in (m.group("a"), m.group("b")))
    return f"{read_num(a)} đến {read_num(b)} {unit_reading(m.group('u'))}"


@rule(
    "spaced_thousands",
    "số có dấu cách nghìn",
    rf"(?<![\d.,])[1-9]\d{{0,2}}(?:[ \u00a0]\d{{3}}){{1,3}}(?![\d.,]?\d)(?:[ \t]?{UNIT}{WORD_END})?",
    priority=65,
)
def _spaced_thousands(m: re.Match[str], ctx: Ctx) -> str:
    """'9 600 ha', '12 345 678 người': thousands separated by spaces are one number."""
    number = re.match(r"[\d \u00a0]+\d", m.group())
    assert number is not None
    unit = m.group()[number.end() :].strip()
    return read_number_string(re.sub(r"\D", "", number.group())) + (f" {unit_reading(unit)}" if unit else "")


HEMISPHERES = {"N": "vĩ bắc", "S": "vĩ nam", "E": "kinh đông", "W": "kinh tây"}


@rule(
    "coordinate",
    "tọa độ",
    rf"(?:\d{{1,3}}\.\d{{1,2}}|{NUM})[ \t]?°[ \t]?[NSEW]\b"
    rf"|(?:(?<=tuyến )|(?<=vĩ độ )|(?<=kinh độ ))\d{{1,3}}(?:,\d{{1,2}})?[NSEW]\b|\b\d{{1,3}},\d{{1,2}}[NSEW]\b"
    r"|\b\d{1,3}\.\d{1,4}(?=[ \t]?(?:°|độ)[ \t]+(?:[Vv]ĩ|[Kk]inh)[ \t]+(?:[Bb]ắc|[Nn]am|[Đđ]ông|[Tt]ây)\b)",
    priority=46,
)
def _coordinate(m: re.Match[str], ctx: Ctx) -> str:
    """'20,6°N', '107,5°E', 'vĩ tuyến 18,5N', 'tâm bão ở 16,7N-109,3E': degrees north or east."""
    if m.group()[-1:].isdigit():  # '14.962 độ vĩ Bắc', '110.0 độ Kinh Đông': the degrees, the words follow
        return read_num(m.group().replace(".", ","))
    number = re.match(rf"\d{{1,3}}\.\d{{1,2}}(?!\d)|{NUM}", m.group())
    assert number is not None
    value = number.group().replace(".", ",") if re.fullmatch(r"\d{1,3}\.\d{1,2}", number.group()) else number.group()
    return f"{read_num(value)} độ {HEMISPHERES[m.group()[-1]]}"


@rule("decade", "thập niên", r"\b(?:1[89]|20)\d0s\b", priority=62)
def _decade(m: re.Match[str], ctx: Ctx) -> str:
    """'những năm 1970s': an English plural of a year, never 's' for seconds."""
    return read_int(int(m.group()[:-1]))


@rule(
    "decimal_dot",
    "số thập phân viết dấu chấm",
    r"(?<![\d.,])\d{1,3}\.\d{1,2}(?:[A-Z](?![\wÀ-ỹ])|\b)(?![.,]?\d)",
    priority=69,
    anywhere=True,  # "VssID4.0": a version typed against the name
)
def _decimal_dot(m: re.Match[str], ctx: Ctx) -> str:
    """'211.76' (never a thousands group, not a day and month): a decimal written the English way;
    '4.0', '2.0' are versions ('bốn chấm không'); 'bảng 2.21' a table's number."""
    found = re.fullmatch(r"(\d+)\.(\d+)([A-Z]?)", m.group())
    assert found is not None
    integer, fraction, letter = found.groups()
    if letter:  # '0.05S' (sulphur), '3.5S': a grade's decimal, its letter spelled
        return f"{read_num(f'{integer},{fraction}')} {spell(letter)}"
    if SECTION_BEFORE.search(ctx.before(m, 16)):
        return _section(m.group())
    if fraction == "0":
        return f"{read_int(int(integer))} chấm không"
    return read_num(f"{integer},{fraction}")


_LIST_BEFORE = re.compile(
    # 'số điểm 30,5', 'đạt điểm 8,5': a score is a decimal, the points of a clause are a list
    r"(?:lớp|khối|tổ|thôn|xóm|ấp|khoản|điều|tầng|phòng|khu|đội|số|ngày|phường|quận|câu|(?<!số )(?<!đạt )điểm|mục|lô|thửa|tờ|hội)[ \t]*$",
    re.I,
)


@rule("number_series", "dãy số", r"\b\d{1,3}(?:,\d{1,3}){2,15}\b(?![.,]?\d)", priority=66)
def _number_series(m: re.Match[str], ctx: Ctx) -> str:
    """'Phường 1,2,3,4,5': three numbers or more joined by commas are a list (a decimal has one comma)."""
    numbers = m.group().split(",")
    if all(len(n) == 3 for n in numbers[1:]) and not _LIST_BEFORE.search(ctx.before(m, 12)):
        return read_number_string(m.group().replace(",", ""))  # '1,234,567': thousands written the English way
    return ", ".join(read_number_string(n) for n in numbers)


@rule("number_list", "dãy số", r"\b\d{1,2},\d{1,2}(?=[ \t]*(?:và|,|;|hoặc))", priority=68)
def _number_list(m: re.Match[str], ctx: Ctx) -> str:
    """'lớp 7,8 và 9' is a list of grades; elsewhere '7,8' is a decimal."""
    a, b = m.group().split(",")
    if _LIST_BEFORE.search(ctx.before(m, 12)):
        return f"{read_int(int(a))}, {read_int(int(b))}"
    return read_num(m.group())


_PAIR_AFTER = ("mũi", "Mũi", "đợt", "Đợt", "lần", "hội", "Hội", "tổ", "Tổ", "thôn", "ấp", "xóm", "khu", "đội")


_PAIR_BEFORE = "|".join(rf"(?<=\b{w} )" for w in _PAIR_AFTER)  # a whole word ('ấp', never the end of 'gấp')


@rule("number_pair", "dãy số", rf"(?:{_PAIR_BEFORE})\d,\d\b(?![.,]?\d)", priority=68)
def _number_pair(m: re.Match[str], ctx: Ctx) -> str:
    """'tiêm mũi 1,2', 'Chi hội 1,2': two doses, rounds or units one after the other, never a decimal."""
    a, b = (int(x) for x in m.group().split(","))
    return f"{read_int(a)}, {read_int(b)}" if b == a + 1 else read_num(m.group())


@rule("spelled_twice", "số kèm chữ", rf"(?:{NUM})[ \t]?\([a-zà-ỹđ ]{{2,60}}\)", priority=67)
def _spelled_twice(m: re.Match[str], ctx: Ctx) -> str:
    """'sau 10 (mười) ngày': the number is heard once when the brackets only spell it out."""
    number = re.match(NUM, m.group())
    assert number is not None
    spoken = read_num(number.group())
    words = m.group()[number.end() :].strip()[1:-1].strip()
    if " ".join(words.split()) in (spoken, spoken.replace("tư", "bốn"), spoken.replace("lăm", "năm")):
        return spoken
    return f"{spoken} ({words})"


@rule(
    "percent",
    "phần trăm",
    rf"(?:\d{{1,3}}\.\d{{1,2}}[ \t]?%|(?:{NUM})[ \t]?%)(?!0(?!\d))(?:o(?![\wÀ-ỹ]))?",
    priority=71,
)
def _percent(m: re.Match[str], ctx: Ctx) -> str:
    """'87,5%'; '53.6%' written with a dot is a decimal too (never a thousands group); '4%o' per mille."""
    if m.group().endswith("o"):
        return f"{read_num(m.group().rstrip('%o ').replace('.', ','))} phần nghìn"
    number = m.group().rstrip("% \t")
    if re.fullmatch(r"\d{1,3}\.\d{1,2}", number):
        number = number.replace(".", ",")
    return f"{read_num(number)} phần trăm" + ctx.cell_pause(m)


@rule(
    "ratio",
    "tỉ số",
    rf"\b\d{{1,9}}(?:/|[ \t]/[ \t]?|/[ \t])\d{{1,9}}(?:,\d{{1,3}})?\b(?![.,]\d)(?:[ \t]?(?:ha|{UNIT}){WORD_END})?",
    priority=72,
)
def _ratio(m: re.Match[str], ctx: Ctx) -> str:
    """'14/14 địa phương', '33/ 31,5 ha': a figure against another (a unit after both is said once)."""
    unit = re.search(rf"[ \t]?((?:ha|{UNIT}))$", m.group())
    head = m.group()[: unit.start()] if unit else m.group()
    tail = f" {unit_reading(unit.group(1))}" if unit else ""
    a, b = (part.strip() for part in head.split("/"))
    if "," in b:
        return f"{read_number_string(a)} trên {read_num(b)}{tail}"
    if re.fullmatch(YEAR, b) and DOC_BEFORE.search(ctx.before(m, 20)):
        return f"{read_number_string(a)} năm {read_int(int(b))}{tail}"  # 'nghị định 282/2025': a number and its year
    return f"{read_number_string(a)} trên {read_number_string(b)}{tail}"


_CURRENCY = {"đ": "đồng", "₫": "đồng", "đồng": "đồng", "VNĐ": "đồng", "VND": "đồng"}


@rule(
    "dong_word",
    "đồng viết tắt",
    r"(?:(?<=triệu )|(?<=nghìn )|(?<=ngàn )|(?<=tỷ )|(?<=tỉ )|(?<=trăm ))(?:đ|VNĐ|VND)(?![\wÀ-ỹ])",
    priority=75,
)
def _dong_word(m: re.Match[str], ctx: Ctx) -> str:
    """'5 triệu đ/ha', '2 tỷ VNĐ': the currency after a number word."""
    return "đồng"


# '5 đ/c' are five comrades ('đồng chí'), no money
@rule("money", "số tiền", rf"(?:{NUM})[ \t]?(?:đ(?!/[cC](?!\w))|₫|VNĐ|VND|đồng){WORD_END}", priority=75)
def _money(m: re.Match[str], ctx: Ctx) -> str:
    number = re.match(NUM, m.group())
    assert number is not None
    if re.fullmatch(r"\d{1,3},\d{3}", number.group()):
        # '150,000 đồng/kg': a comma typed as the thousands mark (a third of a đồng is never priced)
        return f"{read_num(number.group().replace(',', '.'))} đồng"
    return f"{read_num(number.group())} đồng"


@rule(
    "variety", "giống lúa", r"\b(?:IR|OM|NH|ST|VĐ|DT|BC|RVT|JO|VNR|ĐS|CL|TBR|AGPPS)[ \t-]?\d{1,5}\b(?!/)", priority=74
)
def _variety(m: re.Match[str], ctx: Ctx) -> str:
    """'IR 50404', 'OM 5451': a rice variety, its number said digit by digit."""
    letters = re.match(r"[A-ZĐ]+", m.group())
    assert letters is not None
    name = {"IR": "i-rờ", "OM": "o-em"}.get(letters.group(), spell(letters.group()))
    digits = re.sub(r"\D", "", m.group())
    return f"{name} {read_digits(digits) if len(digits) >= 4 else read_int(int(digits))}"  # 'OM 18': eighteen


@rule("height", "chiều cao mét", r"\b\dm\d{2}\b", priority=75)
def _height(m: re.Match[str], ctx: Ctx) -> str:
    """'1m70': one metre seventy (a height, a water level)."""
    metres, rest = m.group().split("m")
    return f"{read_int(int(metres))} mét {read_number_string(rest)}"


@rule(
    "unit",
    "đơn vị đo",
    rf"(?:\d{{1,3}}(?:\.\d{{3}})+\.\d{{1,2}}|\d{{1,3}}\.\d{{1,2}}|{NUM})[ \t]?{UNIT}{WORD_END}",
    priority=76,
)
def _unit_rule(m: re.Match[str], ctx: Ctx) -> str:
    """'20 km', '5,42m'; '1.62m' written with a dot is a decimal (never a thousands group), and so is
    the last dot of '7.441.3m2' (seven thousand four hundred forty-one point three)."""
    mixed = re.match(r"(\d{1,3}(?:\.\d{3})+)\.(\d{1,2})(?!\d)", m.group())
    if mixed:
        unit = m.group()[mixed.end() :].strip()
        return f"{read_num(mixed.group(1) + ',' + mixed.group(2))} {unit_reading(unit)}"
    number = re.match(rf"\d{{1,3}}\.\d{{1,2}}(?!\d)|{NUM}", m.group())
    assert number is not None
    unit = m.group()[number.end() :].strip()
    value = number.group()
    if re.fullmatch(r"\d{1,3}\.\d{1,2}", value):
        value = value.replace(".", ",")
    return f"{read_num(value)} {unit_reading(unit)}"


_SPELLED_CODES = {"PC", "PA", "PK", "PV", "PX"}
# Glued to a digit these name a variety or a model ('cà phê TN1', 'giống TS5'), not 'thanh niên', 'tiến sĩ'.
_GLUED_SPELLED = {"TN", "TS", "NK", "KT", "CT"}


@rule("flu_strain", "chủng cúm", r"\b[AB][ \t]?\((?:H\d{1,2}N\d{1,2}|H\d{1,2})\)", priority=76)
def _flu_strain(m: re.Match[str], ctx: Ctx) -> str:
    """'cúm A(H1N1)': the type and the strain, said together."""
    letter, strain = m.group()[0], m.group().split("(")[1].rstrip(")")
    parts = " ".join(read_int(int(p)) if p.isdigit() else spell(p) for p in re.findall(r"[A-Z]|\d+", strain))
    return f"{spell(letter)} {parts}"


@rule(
    "alnum",
    "mã chữ số",
    rf"\bU\.\d{{2}}\b|\b[{UPPER}]{{1,6}}\d{{1,12}}(?:[A-Z]{{1,3}}\d{{0,4}}){{0,3}}(?:-0\d{{1,3}})?\b|\b[{UPPER}]{{1,6}}-\d{{1,6}}\b|\b\d{{1,4}}[A-Z]{{1,3}}\d{{1,6}}\b|\b\d{{1,4}}[A-Z]{{1,3}}\b",
    priority=77,
)
def _alnum(m: re.Match[str], ctx: Ctx) -> str:
    """'QL1A', 'F0', '5G', 'H5N1', 'A1': letters spelled, numbers read; 'N04-05' with its zeros."""
    token = m.group()
    if token in ctx.lex:
        return ctx.lex[token]
    weekday = re.fullmatch(r"T([2-7])", token)
    if weekday:
        return f"thứ {read_ordinal(int(weekday.group(1)))}"  # 'từ T2 đến T6': days of the week
    age_group = re.fullmatch(r"U\.?(\d{2})", token)
    if age_group:
        return f"u {read_int(int(age_group.group(1)))}"  # U23: the under-23 team
    district = re.fullmatch(r"Q\.?(\d{1,2})", token)
    if district:
        return f"quận {read_int(int(district.group(1)))}"
    if (ward := re.fullmatch(r"P(\d{1,2})", token)) and re.match(r",[ \t]*Q\.?[ \t]?\d", ctx.after(m, 8)):
        return f"phường {read_int(int(ward.group(1)))}"  # 'An Dương Vương, P4, Q5': a ward, then its district
    pieces = re.findall(rf"[{UPPER}]+|\d+", token)
    coded = "-" not in token and any(p[0] == "0" and len(p) > 1 for p in pieces)  # 'CT01': a form, not 'chủ tịch'
    coded = coded or bool(_VARIETY_BEFORE.search(ctx.before(m, 64)))  # 'giống lúa HT1, KH1': a variety's code
    coded = coded or ("-" in token and re.match(r"-\d{2}\b", ctx.after(m, 4)) is not None)  # 'VD-25305-16'
    out = []
    for p in pieces:
        if p.isdigit():
            # 'O3039', 'AB12345': four digits or more are a serial, digit by digit; 'C08': a leading zero is said.
            out.append(read_digits(p) if len(p) >= 4 or (len(p) > 1 and p[0] == "0") else read_number_string(p))
        else:
            # 'PC08', 'PA05': a police department's code is spelled, whatever 'PC' means alone.
            said = ctx.context.get((ctx.prev_word(m).lower(), p)) or ctx.lex.get(p)  # 'Sư đoàn BB2' bộ binh
            out.append(spell(p) if coded or p in _SPELLED_CODES or p in _GLUED_SPELLED else said or spell(p))
    return " ".join(out)


_VARIETY_BEFORE = re.compile(
    r"\b(?:giống|lúa|ngô|sắn|khoai mì|Khang dân|Bắc thơm|Đài thơm|Hương thơm)\b[^.;:]*$|(?:ký hiệu|lô đất|khu đất|ô đất)[ \t]*$",
    re.I,
)  # 'Khang dân, ĐT100 (KH1), HT1': rice varieties; 'Khu đất có ký hiệu CC-4': a plot on a plan


@rule(
    "unit_word",
    "đơn vị đo",
    r"(?<![\w/])(?:km/h|km²|m²|m³|km2|km|kg|m2|m3|cm3|cm³|cm|mm|mg|ml|kWh|°C)(?![\wÀ-ỹ])",
    priority=78,
)
def _unit_word(m: re.Match[str], ctx: Ctx) -> str:
    return lexicon.UNITS[m.group()]


@rule("digit_colon", "dấu hai chấm giữa số", r"(?<=\d):(?=\d)", priority=79, anywhere=True)
def _digit_colon(m: re.Match[str], ctx: Ctx) -> str:
    return " "


@rule("number", "số", NUM, priority=80, anywhere=True)
def _number(m: re.Match[str], ctx: Ctx) -> str:
    """A quantity; ten digits or more written without grouping is an identifier (an account,
    a citizen number) and is read digit by digit."""
    if m.group().isdigit() and len(m.group()) >= 10:
        return read_digits(m.group())
    return read_num(m.group()) + ctx.cell_pause(m)


_COUNT_WORDS = {
    *("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn", "vạn"),
    *("ngàn", "chục", "triệu", "vài", "mấy", "hàng", "mỗi", "trên"),
}


@rule("ha_word", "héc-ta", r"\bha\b", priority=81)
def _ha_word(m: re.Match[str], ctx: Ctx) -> str:
    """'một ha cà phê': a hectare after a number written in words."""
    return "héc-ta" if ctx.prev_word(m).lower() in _COUNT_WORDS else m.group()


@rule(
    "dollar_before",
    "đô la viết trước số",
    rf"[$€][ \t]?(?:{NUM})(?![\d])(?:[ \t](?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))?",
    priority=60,
)
def _dollar_before(m: re.Match[str], ctx: Ctx) -> str:
    """'$5', '€ 20': the currency sign written before the amount is said after it."""
    sign, rest = m.group()[0], m.group()[1:].strip()
    amount, _, scale = rest.partition(" ")
    return f"{read_num(amount)}{' ' + scale if scale else ''} {lexicon.UNITS[sign]}"
