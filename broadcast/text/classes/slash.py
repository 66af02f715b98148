"""The slash between words and numbers: 'đồng/người/năm' mỗi…mỗi, 'km/h' trên, 'Ông/Bà' a pause, 'V/v' về việc."""

from __future__ import annotations

import re

from broadcast.text import lexicon
from broadcast.text.numbers import read_int
from broadcast.text.tagging import YEAR, Ctx, rule

PER_UNITS = {
    "tuần",
    "tháng",
    "năm",
    "ngày",
    "người",
    "hộ",
    "lần",
    "giờ",
    "ha",
    "km",
    "kg",
    "tấn",
    "sào",
    "suất",
    "khẩu",
    "con",
    "buổi",
    "ca",
    "lượt",
    "m2",
    "xã",
    "thôn",
    "học sinh",
    "tháng.",
    "lít",
    "bộ",
    "chiếc",
    "cái",
    "hồ sơ",
    "trẻ",
    "em",
    "hội viên",
    "đoàn viên",
    "đảng viên",
    "gia đình",
    "phòng",
    "xe",
    "liều",
    "mũi",
    "sản phẩm",
    "m3",
    "ký",
    "phút",
    "đêm",
    "cây",
    "trái",
    "quả",
    "lớp",
    "trường",
    "đơn vị",
    "lứa",
    "vụ",
    "đợt",
    "chuyến",
    "bao",
}
_MEASURE = {"km", "m", "kg", "g", "mg", "l", "lít", "ml", "tấn", "tạ", "mm", "cm", "m3", "m2", "kWh", "kW"}
_LIST_WORDS = {"hoặc", "và", "hay"}


_MONEY = {"đồng", "đ", "usd", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "vnđ", "cent"}
_ADMIN = {"xã", "phường", "thị trấn", "thôn", "xóm", "ấp", "bản", "tổ", "khu phố", "huyện", "quận", "tỉnh", "thành phố"}
_NUMBER_NEXT = re.compile(r"[a-zà-ỹđ]{0,8}(?:[ \t]+[a-zà-ỹđ]{1,8}){0,2}[ \t]+\d", re.I)
_TIME_UNITS = {"giờ", "ngày", "tuần", "tháng", "năm", "phút", "lần"}


@rule(
    "per",
    "mỗi",
    r"(?:(?<=[a-zà-ỹđ0-9²³%])|(?<=USD|VNĐ|VND|GDP|RDP|GNI)|(?<=đồng )|(?<=đ ))/(?:(?=\d)|(?!https?:|www\.)[ \t]?[a-zà-ỹđ][a-zà-ỹđ0-9]{0,15}(?:L\b)?)",  # 'mg/dL'
    priority=90,
    anywhere=True,
)
def _per(m: re.Match[str], ctx: Ctx) -> str:
    """'đồng/người/năm' mỗi…mỗi; 'km/h', 'mg/100 ml' trên; 'cơ quan/đơn vị' a short pause."""
    word = m.group()[1:].lstrip()  # 'USD/ tấn'
    if word == "người" and ctx.before(m, 3) in ("GDP", "RDP", "GNI"):
        return " bình quân đầu người"  # 'GRDP/người'
    if not word:
        if re.search(r"\bhộ$", ctx.before(m, 4)) and re.match(
            r"[\d.]+[ \t]+(?:nhân[ \t]+)?(?:khẩu|người)", ctx.after(m)
        ):
            return ", "  # '4 hộ/15 khẩu': households and the people in them, two counts
        return _counts_or_ratio(ctx.before(m, 56), ctx.after(m, 32))
    before = re.search(r"([\wÀ-ỹ²³%]+)$", ctx.before(m, 16).rstrip())
    left = re.sub(r"^\d+(?:[.,]\d+)?", "", before.group(1)) if before else ""
    if re.search(r"[a-zà-ỹđ][ \t]?/[ \t]?[a-zà-ỹđ][a-zà-ỹđ ]{0,24}$", ctx.before(m, 32)) and not re.search(
        r"\d", ctx.before(m, 32)
    ):
        return f", {word}"  # 'doanh nghiệp/hợp tác xã/hộ sản xuất': a third kind after two, a list
    if word in ("tổng", "diện"):
        return f" trên {word}"  # '15% trở lên/tổng số chi bộ', '227.817 người/diện tích…': against the whole
    if word in ("thị", "khu") and left.lower() in _ADMIN and re.match(r"[ \t]+(?:trấn|xã|phố)\b", ctx.after(m, 8)):
        return f", {word}"  # 'xã/phường/thị trấn': the next kind of place
    if word in _LIST_WORDS or left in _LIST_WORDS:
        return f" {word}"
    spoken = lexicon.UNITS.get(word, word)
    if word == "hộ" and re.match(r"[ \t]+(?:chiếu|khẩu|tịch|lý|trợ|sinh|tống|vệ)\b", ctx.after(m, 10)):
        return f", {spoken}"  # 'chứng minh nhân dân/hộ chiếu': one paper or the other, not 'mỗi hộ'
    if re.search(r"\btỷ lệ[ \t]+[\wÀ-ỹ]+$", ctx.before(m, 24), re.I):
        return f" trên {spoken}"  # 'Tỷ lệ chết/mắc': a ratio of one count to another
    if word == "lần" and left.lower() in _TIME_UNITS:
        return " một lần"  # '1 năm/lần': once a year
    if left == "%" or left.endswith("%"):
        # '10%/tuần' mỗi tuần; '78,28%/tổng nguồn vốn' is a share of the whole
        return f" mỗi {spoken}" if word in _TIME_UNITS else f" trên {spoken}"
    if re.search(
        r"(?:đồng|đ|\d|kg|tấn|lít|ha)(?:[ \t][a-zà-ỹđ]+)?/[ \t]?[\wÀ-ỹ]+(?:[ \t][\wÀ-ỹ]+)?$", ctx.before(m, 40)
    ):
        return f" mỗi {spoken}"  # '100.000đồng/tháng/tổ', '15kg gạo/tháng/học sinh': per one thing, per another
    if left.lower() in _ADMIN and word in _ADMIN:
        return f", {spoken}"  # 'phường/xã': two kinds of place, not one per the other
    measured = left in _MEASURE or left in lexicon.UNITS
    if (
        measured
        and word not in lexicon.UNITS
        and word.lower() not in PER_UNITS
        and _NUMBER_NEXT.match(ctx.after(m, 24))
    ):
        return f" trên {spoken}"  # '8.568 ha/kế hoạch 7.500 ha': measured against a figure
    if left.lower() in _MONEY:
        return f" mỗi {spoken}"  # '8.000 đ/kg', 'đồng/người': money is per something
    measure = left in _MEASURE or left in lexicon.UNITS
    if measure and word in lexicon.UNITS:
        return f" trên {spoken}"  # km/h, kg/m2, tấn/ha
    if re.search(rf"\b{YEAR}$", ctx.before(m, 6)) and re.match(r"[ \t]+\d", ctx.after(m, 4)):
        return f", {spoken}"  # 'từ năm 2024/đợt 1 năm 2025': one time or the other
    placed = word.lower() in ("bộ", "xã", "thôn", "trường", "lớp", "phòng", "đơn vị") and not measure
    if placed and not re.search(r"\d", ctx.before(m, 40)):
        return f", {spoken}"  # 'Cổng Dịch vụ công (quốc gia/bộ/tỉnh)': the levels side by side, nothing counted
    if measure or left.lower() in _MONEY or word.lower() in PER_UNITS or word in lexicon.UNITS:
        return f" mỗi {spoken}"  # đồng/bản, mm/đợt, lần/tuần
    counted_per_place = word.lower() in _ADMIN and left.lower() not in _ADMIN
    if counted_per_place and re.search(r"\d[\d.,]*(?:[ \t]+[a-zà-ỹđ]+){1,3}$", ctx.before(m, 32)):
        return f" mỗi {spoken}"  # 'bình quân 10 ổ dịch/huyện': so many in each district
    if left.lower() in _COUNTED and re.search(r"\d[ \t]*[a-zà-ỹđ]+$", ctx.before(m, 20)):
        return f" mỗi {spoken}"  # '1,53 con/phụ nữ', '30 hạt/hàng': so many of one thing per another
    return f", {spoken}"


@rule(
    "word_slash",
    "gạch chéo giữa hai từ",
    # Speed: each alternative takes the blank or the slash first and looks behind only then, so at the
    # many blanks of a text the engine fails it with one test.
    r"[ \t]/(?<=[\wÀ-ỹ]{2}[ \t]/)[ \t]?(?=[A-ZĐÀ-Ỹ])|/(?<=[\wÀ-ỹ]{2}/)[ \t]?(?=[A-ZĐÀ-Ỹ])"
    r"|/[ \t](?:(?<=[a-zà-ỹđ%]/[ \t])|(?<=m[23]/[ \t]))(?=[a-zà-ỹđ])"
    r"|[ \t]/(?:(?<=[a-zà-ỹđ²³][ \t]/)|(?<=[\s\d]m[23][ \t]/))[ \t]?(?=\d)|/[ \t](?:(?<=[a-zà-ỹđ²³]/[ \t])|(?<=[\s\d]m[23]/[ \t]))(?=\d)"
    r"|[ \t]/[ \t](?<=[a-zà-ỹđ][ \t]/[ \t])(?=[a-zà-ỹđ])",
    priority=90,
    anywhere=True,
)
def _word_slash(m: re.Match[str], ctx: Ctx) -> str:
    """'Ông/Bà', 'bão/ATNĐ', 'quận/ huyện': two words side by side, a short pause between them;
    '02 giờ/ lần' is still 'mỗi lần'."""
    left = re.search(r"(\d*)[ \t]*([\wÀ-ỹ]+)$", ctx.before(m, 24))
    right = re.match(r"[\wÀ-ỹ]+", ctx.after(m))
    if left and right and left.group(2) in ("đồng", "VND", "VNĐ") and right.group() in ("USD", "EUR", "CNY", "JPY"):
        return " một "  # '25.055 đồng/USD': the rate of one dollar
    per_one = left and (left.group(2) in _MONEY or (left.group(2) in _MEASURE and ctx.before(m, 1) != " "))
    if per_one and right and m.group().strip() == "/" and right.group().islower():
        return " mỗi "  # '200.000đồng/ vụ việc', '366 m3/ ngày đêm': per case, per day, typed with a space
    if left and right and left.group(2).lower() in _TIME_UNITS and right.group().lower() in PER_UNITS:
        return " mỗi "
    spaced = m.group()[:1] in " \t" and m.group()[-1:] in " \t" and ctx.after(m, 1).islower()
    if left and spaced and (left.group(2) in lexicon.UNITS or left.group(2) in _MONEY):
        return " mỗi "  # '450-500kg / ha', 'đồng / kg': typed with spaces round the slash
    if right and right.group().lower() in _TIME_UNITS and ctx.before(m, 1) == "%":
        return " mỗi "  # '1,41%/ năm'
    if left and left.group(1) and right and right.group().lower() in _TIME_UNITS:
        return " mỗi "  # '2 vụ/ năm': so many a year
    if ctx.after(m, 1).isdigit() and re.search(r"\d(?:[ \t]+[\wÀ-ỹ]+){1,6}[ \t]*$", ctx.before(m, 56)):
        return _counts_or_ratio(ctx.before(m, 56), ctx.after(m, 32))  # '45 hộ/ 1.200 hộ'; '178 tàu/ 1475 lao động'
    if left and left.group(2) in lexicon.UNITS and _NUMBER_NEXT.match(ctx.after(m, 24)):
        return " trên "  # 'đạt 92.127,7 ha/KH 89.000 ha', '346 000 ha / 350 000 ha': against the plan's figure
    return ", "


# Words that count ('1,53 con', '30 hạt'): after a number and before a slash, so many per the next thing.
_COUNTED = {
    *("con", "hạt", "lượt", "cây", "quả", "trái", "bông", "viên", "chiếc", "cái", "bao", "túi", "chai", "hộp"),
    *("gói", "liều", "suất", "người", "ly", "cốc", "bữa", "giờ", "phút", "buổi", "lần", "ống"),
}
_ROUND_BASE = {"100", "1000", "10000", "100000", "1000000"}


def _counts_or_ratio(before: str, after: str) -> str:
    """'45 hộ/1.200 hộ', '12,5 tỷ đồng / 15 tỷ đồng', '2 bác sĩ/10.000 dân': a figure against another
    (the same thing counted, or per a round number); '178 tàu/1475 lao động', '35 vụ/50 tàu/449 ngư
    dân': different things counted side by side, a list."""
    left = re.search(r"\d[\d.,]*[ \t]*([^\W\d_]+)(?:[ \t]+[^\W\d_]+){0,7}[ \t]*$", before)
    right = re.match(r"[ \t]*([\d.]+)[ \t]*([^\W\d_]+)", after)
    if right and right.group(2).lower() in _TIME_UNITS and re.search(r"(?:\dđ|đồng|VNĐ)(?:/[ \t]?[^\W\d_]+)+$", before):
        return " cho "  # '1.500.000đ/ người/3 tháng': a sum for each person, for three months
    if not left or not right:
        return " trên "
    first, second = left.group(1).lower(), right.group(2).lower()
    if first in _MONEY and second not in _MONEY and second not in lexicon.UNITS:
        return " cho "  # "70.000 đồng/3 bó": a price for three bunches
    if right.group(1).replace(".", "") in _ROUND_BASE or right.group(1) == "1":
        return " trên "
    if first in lexicon.UNITS and second in ("h", "giờ", "ngày", "tuần", "tháng"):
        return " trong "  # 'mưa trên 200mm/3h': so much in three hours
    counted = {first, second}
    if second in _ADMIN and first not in _ADMIN and "/" not in after and _value(right.group(1)) >= _value(before):
        return " trên "  # '9.690 đài truyền thanh/10.599 xã': so many among all the communes
    if first == second or counted & set(lexicon.UNITS) or counted & _MONEY or counted & _TIME_UNITS:
        return " trên "  # '80 mm/3 giờ', '6 triệu đồng/2 sào': measured per so much
    return ", "


def _value(text: str) -> float:
    """The last figure of a text ('9.690' in '… có 9.690 đài truyền thanh'), thousands dotted."""
    figures = re.findall(r"\d[\d.]*", text)
    return float(figures[-1].replace(".", "")) if figures else 0.0


@rule("year_pair", "hai năm liền nhau", r"\b(?:19|20)\d\d/(?:19|20)\d\d\b", priority=36)
def _year_pair(m: re.Match[str], ctx: Ctx) -> str:
    """'niên vụ 2019/2020', 'năm học 2023/2024': one year and the next, said as a span (any
    other pair is one figure against another)."""
    first, second = (int(y) for y in m.group().split("/"))
    return f"{read_int(first)}{' – ' if second == first + 1 else ' trên '}{read_int(second)}"


@rule("vv", "về việc", r"\b[Vv]/[Vv]\b", priority=91)
def _vv(m: re.Match[str], ctx: Ctx) -> str:
    return "về việc"


# At least two capitals ('UBND', 'TTg', 'CT-XH'): a capitalised word ('Trung', 'Tp') is never tried
# here, which keeps the one pass fast; mixed-case keys such as 'Tp' are matched as phrases instead.
