"""Figures read in context: a sign before a number, a dash between two amounts with their unit,
a table's unit in brackets, a house number in an alley, a project's number ('Đề án 06')."""

from __future__ import annotations

import re

from broadcast.text import lexicon
from broadcast.text.classes.measures import HEMISPHERES, UNIT, unit_reading
from broadcast.text.numbers import read_digits, read_int, read_month, read_ordinal, roman_to_int
from broadcast.text.tagging import YEAR, Ctx, read_num, rule, spell


@rule(
    "house_number",
    "số nhà",
    r"(?:(?<=chỉ )|(?<=chỉ: )|(?<=nhà )|(?<=hẻm )|(?<=kiệt )|(?<=ngõ )|(?<=ngách )|(?<=ở )|(?<=tại ))"
    r"\d{1,4}[A-Z]?(?:/\d{1,4}[A-Z]?){1,3}(?![\d/])(?=[ \t]+(?:đường[ \t]+)?[A-ZĐ])",
    priority=46,
)
def _house_number(m: re.Match[str], ctx: Ctx) -> str:
    """'địa chỉ 213/18A Nguyễn Thiện Thuật': a house in an alley, 'xuyệt' between the numbers."""
    parts = []
    for piece in m.group().split("/"):
        found = re.fullmatch(r"(\d+)([A-Z]?)", piece)
        assert found is not None
        parts.append(read_int(int(found.group(1))) + (f" {spell(found.group(2))}" if found.group(2) else ""))
    return " xuyệt ".join(parts)


@rule("project_number", "số hiệu đề án", r"(?<=Đề án )0\d(?!\d|[/.,-]\d)|(?<=đề án )0\d(?!\d|[/.,-]\d)", priority=64)
def _project_number(m: re.Match[str], ctx: Ctx) -> str:
    """'Đề án 06' is a name, said 'đề án không sáu'."""
    return read_digits(m.group())


@rule("bracket_unit", "đơn vị trong ngoặc", r"\((?:m|mm|cm|km|ha|kg|m3/s|m³/s|m3|m³|°C|‰|%)\)", priority=45)
def _bracket_unit(m: re.Match[str], ctx: Ctx) -> str:
    """'Bảng mực nước thực đo và dự báo (m)': a table's unit, said as its name; 'tỷ lệ phần trăm (%)'
    only repeats the words just said."""
    unit = m.group()[1:-1]
    said = "phần trăm" if unit == "%" else unit_reading(unit)
    if ctx.before(m, 24).rstrip().lower().endswith(said):
        return " "
    return f"({'phần trăm' if unit == '%' else unit_reading(unit)})"


_MAGNITUDE_WORDS = {"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "độ", "đồng", "đ", "vĩ", "kinh", "bắc", "nam", "đông", "tây"}


@rule("dash_range", "khoảng có đơn vị", r"(?<=[ \t])[-–](?=[ \t](?:\d|[Kk]m\d))", priority=71)
def _dash_range(m: re.Match[str], ctx: Ctx) -> str:
    """'16,5 độ Vĩ Bắc - 20,5 độ Vĩ Bắc', 'từ 500 nghìn - 1 triệu đồng', '11.500 đồng/kg – 12.500 đồng/kg':
    a dash between two amounts that each carry their unit or magnitude is 'đến' (a bare list
    '70 - 75 – 80' is not)."""
    if re.search(r"\b[Kk]m[ \t]?\d{1,4}[ \t]*$", ctx.before(m, 12)):
        return " đến "  # 'km947 - km987'
    left = re.search(
        r"\d(?:[\d.,]*\d)?((?:[ \t]*[^\W\d][\wÀ-ỹ°/]*)(?:[ \t]+[\wÀ-ỹ°/]+){0,2})[ \t]*$", ctx.before(m, 40)
    )
    if not left or re.search(r"t[ỷỉ] số", ctx.before(m, 40), re.I):
        return m.group()
    words = left.group(1).split()
    right = re.match(r"[ \t]?\d[\d.,]*((?:[ \t]+[\wÀ-ỹ°/]+){0,3})", ctx.after(m, 40))
    axes = {w.lower() for w in words} & {"vĩ", "kinh"}
    if right and axes and axes != {w.lower() for w in right.group(1).split()} & {"vĩ", "kinh"}:
        return m.group()  # '19,5 độ Vĩ Bắc - 108,3 độ Kinh Đông': a position, not a range
    glued = not left.group(1)[:1].isspace()  # '700kg - 1 tấn'; but '19h - 10/01/17' is a time, then a date
    then = right.group(1).split()[:1] if right else []
    unit_next = bool(then) and (then[0].split("/")[0] in lexicon.UNITS or then[0].lower() in _MAGNITUDE_WORDS)
    if glued and not (unit_next and words[0] != "h"):
        return m.group()
    if all(w.lower() in _MAGNITUDE_WORDS or w in lexicon.UNITS for w in words):
        return " đến "
    if right and "/" in words[0] and right.group(1).split()[:1] == words[:1]:
        return " đến "  # '11.500 đồng/kg – 12.500 đồng/kg': two prices of one unit
    return m.group()


@rule("date_dash", "khoảng thời gian", r"(?<=[ \t])[-–](?=[ \t]\d{1,2}(?:[ \t]?giờ|h\b|h\d|[./]\d))", priority=70)
def _date_dash(m: re.Match[str], ctx: Ctx) -> str:
    """'từ 19 giờ ngày 8.9 - 10 giờ ngày 9.9': a dash between a date and a time or date is 'đến'."""
    if re.search(r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?[ \t]*$", ctx.before(m, 16)):
        return " đến "
    return _dash_range(m, ctx)  # '11.500 đồng/kg – 12.500 đồng/kg' looks like a date ahead


@rule(
    "repeated_fraction",
    "phân số viết lại trong ngoặc",
    r"(?:(?<=phần hai )|(?<=phần ba )|(?<=phần tư )|(?<=phần năm )|(?<=một nửa ))\([ \t]?\d/\d{1,2}[ \t]?\)",
    priority=44,
)
def _repeated_fraction(m: re.Match[str], ctx: Ctx) -> str:
    """'một phần ba (1/3) tổng số thành viên': the figure in brackets repeats the words."""
    return ""


@rule("repeated_number", "số viết lại trong ngoặc", r"(?<=[ \t])\(0?\d{1,2}\)(?![-\d]|[ \t]?\d{3})", priority=44)
def _repeated_number(m: re.Match[str], ctx: Ctx) -> str:
    """'tối thiểu ba (03) tháng': the figure in brackets repeats the number word just said."""
    if ctx.before(m, 24).rstrip().endswith(read_int(int(m.group()[1:-1]))):
        return ""
    if re.match(r"[ \t]*[.;]?[ \t]*$", ctx.after(m, 8)) and re.search(r"[.,][ \t]*$", ctx.before(m, 4)):
        return ""  # '… nguy hiểm khác. (1)': a footnote mark ending the line ('muay (11).' is a count)
    return read_int(int(m.group()[1:-1]))


@rule(
    "level_range",
    "khoảng cấp",
    r"\b(?:cấp|[Cc]ấp độ)[ \t]+\d{1,2}[ \t]*[-–][ \t]*(?:cấp|cấp độ)[ \t]+\d{1,2}\b",
    priority=69,
)
def _level_range(m: re.Match[str], ctx: Ctx) -> str:
    """'gió giật cấp 7 – cấp 8': from one level to the next."""
    left, right = re.split(r"[ \t]*[-–][ \t]*", m.group(), maxsplit=1)
    return f"{_level(left)} đến {_level(right)}"


def _level(text: str) -> str:
    word, number = text.rsplit(maxsplit=1)
    return f"{word} {read_int(int(number))}"


@rule("place_range", "khoảng địa danh", r"(?<=[ \t])[-–](?=[ \t][A-ZĐ][a-zà-ỹ]+[ \t][A-ZĐ])", priority=72)
def _place_range(m: re.Match[str], ctx: Ctx) -> str:
    """'vùng biển từ Bình Thuận - Cà Mau': after 'từ' and a place, a dash to the next place is 'đến'."""
    if re.search(r"\btừ[ \t]+(?:[A-ZĐ][a-zà-ỹ]+[ \t]+){1,3}$", ctx.before(m, 48)):
        return " đến "
    return m.group()


@rule(
    "grade",
    "công thức phân bón",
    r"(?<=NPK )\d{1,2}(?:-\d{1,2}-|\.\d{1,2}\.)\d{1,2}\b|\b\d{1,2}-(?:1[3-9]|[2-9]\d)-\d{1,2}\b(?!-)",
    priority=39,
)
def _grade(m: re.Match[str], ctx: Ctx) -> str:
    """'NPK 16-16-8', '20-20-15': a fertiliser's grade, three numbers with a short pause between."""
    return _listed(m.group())


def _listed(text: str) -> str:
    """The numbers of text, said one after the other with a short pause between them."""
    return ", ".join(read_int(int(x)) for x in re.findall(r"\d+", text))


_FORMULATIONS = "EC|WP|WG|SC|SL|SP|GR|ME|EW|OD|WDG|DP|AS|CS|SE|FS|TB"


@rule("formulation", "dạng thuốc", rf"\b(?:[A-Za-z]{{2,12}}+)?\d{{1,4}}[ \t]?(?:{_FORMULATIONS})\b", priority=74)
def _formulation(m: re.Match[str], ctx: Ctx) -> str:
    """'Regent 800WG', 'Bassa50 EC', '95SP': a pesticide's strength and its formulation, spelled."""
    found = re.fullmatch(rf"([A-Za-z]*)(\d+)[ \t]?({_FORMULATIONS})", m.group())
    assert found is not None
    name, number, kind = found.groups()
    return (f"{name} " if name else "") + f"{read_int(int(number))} {spell(kind)}"


@rule("digit_plus", "dấu cộng giữa hai số", r"(?<=\d)\+(?=\d)|(?<=[\s(“\"]\d)\+(?![\w+])", priority=94, anywhere=True)
def _digit_plus(m: re.Match[str], ctx: Ctx) -> str:
    """'mô hình 1+1', '5+1': a model's name, 'một cộng một'; 'Tổ 13+16+17', 'tháng 1+2+3': a list;
    'mô hình “3+”': a name, 'ba cộng'."""
    if re.search(r"\b(?:tổ|tháng|thôn|xóm|ấp|khu|lớp|phòng|đội)[ \t]+\d{1,2}(?:\+\d{1,2})*$", ctx.before(m, 30), re.I):
        return ", "
    return " cộng "


@rule("hundredths", "phần trăm giây", r"(?<=\d giây )0\d(?![\d.,]?\d)", priority=44)
def _hundredths(m: re.Match[str], ctx: Ctx) -> str:
    """'14 phút 43 giây 07': a race time's hundredths, their zero said."""
    return read_digits(m.group())


@rule("age_and_over", "tuổi trở lên", r"(?<=\d)\+[ \t]*(?:tuổi|TUỔI)(?![\wÀ-ỹ])", priority=93, anywhere=True)
def _age_and_over(m: re.Match[str], ctx: Ctx) -> str:
    """'GIẢI PICKLEBALL 42+ TUỔI': that age and over."""
    return " tuổi trở lên"


@rule("sign", "dấu âm, dấu cộng", r"(?:(?<=[\s(\[])|^)[-−+](?=\d)(?!\d{1,2}:\d\d)", priority=95)
def _sign(m: re.Match[str], ctx: Ctx) -> str:
    """'-2°C': a sign written before a number; after a number it joins a range; '(-18,67%)', '(+12,41%)'
    in brackets is a change, 'giảm' / 'tăng'.
    A change of price after a colon ('So với tuần trước: -20.000 đ/kg') is 'giảm' / 'tăng'; a dash
    before a time of day ('Cần biết -08:30') only separates."""
    if re.search(r"\d[ \t]*$", ctx.before(m, 8)):
        return " cộng " if m.group() == "+" else m.group()  # 'mô hình 1 +1'; '5 -7' is a range
    if re.search(r"\b(?:tăng|giảm)(?:[ \t]*|\b[^.;:]{0,40}(?:\bvà|,)[ \t]*)$", ctx.before(m, 48)) and re.match(
        r"[\d.,]+[ \t]?%", ctx.after(m, 12)
    ):
        return ""  # 'tăng +27,2% … và +21,3%': the change is already said
    if re.search(r"\bđạt[ \t]*$", ctx.before(m, 6)) and re.match(r"[\d.,]+[ \t]?%", ctx.after(m, 12)):
        return "tăng " if m.group() == "+" else "giảm "  # 'Dịch vụ đạt +7,4%': a growth rate
    if ctx.before(m, 3).rstrip().endswith(":") and re.match(r"[\d.,]+[ \t]?(?:đ|đồng|VNĐ)\b", ctx.after(m, 16)):
        return "tăng " if m.group() == "+" else "giảm "
    if ctx.before(m, 1) == "(" and re.match(r"[\d.,]+[ \t]?%", ctx.after(m, 12)):
        if re.search(
            r"\b(?:tăng|giảm)(?:[ \t]+(?:khoảng[ \t]+|gần[ \t]+|hơn[ \t]+)?\d[^;()]{0,30}|(?:[ \t]+[^\s\d();]+){0,3})[ \t]*\($",
            ctx.before(m, 48),
        ):
            return ""  # 'giảm 90 vụ (-4,76%)': the change is already said
        return "tăng " if m.group() == "+" else "giảm "  # '… từ giấy (+10,10%)': a change against before
    return "cộng " if m.group() == "+" else "âm "


@rule("particulate", "bụi mịn PM", r"\bPM[ \t]?(?:2[.,]5|10)\b(?![.,]\d)", priority=44)
def _particulate(m: re.Match[str], ctx: Ctx) -> str:
    """'bụi PM 2.5', 'PM10': fine dust by its size, never 'chiều' (p.m.)."""
    size = m.group()[2:].strip()
    return "pê em " + ("mười" if size == "10" else "hai phẩy năm")


@rule(
    "comma_thousands",
    "dấu phẩy ngăn nghìn",
    r"\b[1-9]\d{0,2},\d{3}[ \t]?[-–][ \t]?[1-9]\d{0,2},\d{3}(?![.,]?\d)(?:[ \t]?đ(?![\wÀ-ỹ])|(?=[ \t]?(?:USD|usd|đồng|VNĐ|VND)\b))"
    r"|\b[1-9]\d{0,2}(?:,\d{3}){2,4}(?![.,]?\d)(?:đ(?![\wÀ-ỹ]))?|\b[1-9]\d{0,2}(?:,\d{3}){1,4}đ(?![\wÀ-ỹ])"
    rf"|\b[1-9]\d{{0,2}},000(?![.,]?\d)(?:[ \t]?{UNIT}(?![\wÀ-ỹ]))?|\b\d{{1,3}},[ \t]\d{{2}}(?=[ \t]+(?:triệu|tỷ|nghìn tỷ)\b)"
    r"|\b[1-9]\d{0,2},\d{3}(?![.,]?\d)(?=[ \t]?(?:USD|usd|đồng|VNĐ|VND|EUR|euro)\b)|\b\d{2},[ \t]\d{2}(?=[ \t]?%)",
    priority=43,
)
def _comma_thousands(m: re.Match[str], ctx: Ctx) -> str:
    """'50,000 ha', '127,000 ha': a comma before three zeros marks thousands (no decimal ends in
    ',000'); '1, 58 triệu', '74, 19%': a decimal comma with a space typed after it (two digits: not
    'one or two'); '110,000-120,000 đồng': from one price to the other."""
    if re.search(r"\d[ \t]?[-–][ \t]?\d", m.group()):
        prices = re.split(r"[ \t]?[-–][ \t]?", m.group().rstrip("đ \t"))
        return " đến ".join(read_int(int(p.replace(",", ""))) for p in prices) + (
            " đồng" if m.group().endswith("đ") else ""
        )
    if m.group().count(",") >= 2 or m.group().endswith("đ"):  # '17,500,000đ': thousands in the English way
        return read_int(int(m.group().rstrip("đ").replace(",", ""))) + (" đồng" if m.group().endswith("đ") else "")
    whole, _, part = m.group().partition(",")
    if len(part) >= 3 and part[:3].isdigit():  # '50,000 ha', '5,234 USD': no price has three decimals
        unit = part[3:].strip()
        return read_int(int(whole) * 1000 + int(part[:3])) + (f" {unit_reading(unit)}" if unit else "")
    return f"{read_int(int(whole))} phẩy {read_int(int(part.strip()))}"


@rule(
    "ordinal",
    "số thứ tự",
    rf"\b(?:[Tt]hứ|THỨ|[Hh]ạng|[Gg]iải)[ \t]{{1,3}}(?:\d{{1,3}}(?:/\d{{1,4}})?|(?![CL]\b)[IVXLC]{{1,6}}(?:-{YEAR}\b)?)\b"
    r"(?:[ \t]?[-–][ \t]?(?=[Tt]hứ[ \t]{1,3}[2-7]\b|[Cc]hủ [Nn]hật|CN\b))?",
    priority=73,
)
def _ordinal(m: re.Match[str], ctx: Ctx) -> str:
    """'lần thứ 2', 'Thứ 2, 29/07/2024' (a weekday), 'giải 3'; but 'hạng 4 sao' counts stars."""
    span = m.group().rstrip(" \t-–")
    word, number = span.split()
    if span != m.group():  # 'Thứ 2-Thứ 6': the working week, from one day to the other
        return f"{_ordinal_words(word, number)} đến "
    if number.isdigit() and re.match(r"[ \t]*sao\b", ctx.after(m, 6)):
        return f"{word} {read_int(int(number))}"
    if word.lower() == "hạng" and number in ("C", "D", "L"):
        return f"{word} {spell(number)}"  # 'giấy phép lái xe hạng C': a licence class, not a hundred
    if "-" in number:  # 'lần thứ I-2025': the first, in 2025
        number, year = number.split("-")
        return f"{_ordinal_words(word, number)}, năm {read_int(int(year))}"
    return _ordinal_words(word, number)


def _ordinal_words(word: str, number: str) -> str:
    number, _, total = number.partition("/")
    value = int(number) if number.isdigit() else roman_to_int(number)
    if value is None:
        return f"{word} {number}"
    spoken = f"{word} {read_ordinal(value)}"
    return f"{spoken} trên {read_int(int(total))}" if total else spoken


@rule(
    "degree_minutes",
    "độ phút tọa độ",
    r"\b\d{1,3}[ \t]?(?:độ|°)[ \t]?\d{1,2}[ \t]?[’'′](?:[ \t]?[NSEW]\b)?",
    priority=44,
)
def _degree_minutes(m: re.Match[str], ctx: Ctx) -> str:
    """'14 độ 15’N', '106 độ40’E', '19°10′': a position in degrees and minutes, then its hemisphere."""
    degrees, minutes = re.findall(r"\d+", m.group())[:2]
    side = HEMISPHERES.get(m.group()[-1], "")
    return f"{read_int(int(degrees))} độ {read_int(int(minutes))} phút" + (f" {side}" if side else "")


@rule(
    "number_chain",
    "dãy số gạch nối",
    r"(?<![\d/.,-])\d{1,3}(?:[ \t]?[-–][ \t]?\d{1,3}){2,6}\b(?![/.,-]\d)",
    priority=69,
)
def _number_chain(m: re.Match[str], ctx: Ctx) -> str:
    """'cấp bệnh 1-3-5', '70 - 75 – 80 tuổi': three numbers or more joined by dashes are a list."""
    return _listed(m.group())


@rule(
    "times",
    "nhân",
    r"(?:(?<=\d[ \t])|(?<=\)[ \t])|(?<=\dcm[ \t])|(?<=\dmm[ \t])|(?<=\dm[ \t])|(?<=\d m[ \t]))[x×](?=[ \t]\d)",
    priority=45,
)
def _times(m: re.Match[str], ctx: Ctx) -> str:
    """'15 x 20cm', '2x25MVA', '(…/Tổng dân số) x 100', '18cm x 18cm': multiplied by."""
    return " nhân "


@rule("nutrient_ratio", "tỉ lệ các thành phần", r"\b\d{1,2}:(?:\d:\d{1,2}|\d\d:\d)\b(?![:\d])", priority=41)
def _nutrient_ratio(m: re.Match[str], ctx: Ctx) -> str:
    """'NPK 16:16:8', '16:5:17': the parts of a fertiliser, never a time (a time's minutes and seconds
    have two digits)."""
    return ", ".join(read_int(int(x)) for x in m.group().split(":"))


@rule("map_scale", "tỉ lệ bản đồ", r"(?<=[lL]ệ )1[ \t]?[:/][ \t]?\d{1,3}(?:[.,]?\d{3})+\b", priority=41)
def _map_scale(m: re.Match[str], ctx: Ctx) -> str:
    """'bản đồ tỉ lệ 1:5000', '1:10.000': one part in so many."""
    return "một phần " + read_int(int(re.sub(r"\D", "", re.split("[:/]", m.group(), maxsplit=1)[1])))


@rule(
    "serial",
    "số khung, số máy",
    # Speed: the first separator is taken first, so the engine checks one character before the look-behinds.
    r"[ \t:](?:(?<=[Ss]ố khung[ \t:])|(?<=[Ss]ố máy[ \t:])|(?<=[Ss]ố seri[ \t:])|(?<=[Ss]ố sê-ri[ \t:]))[ \t:]{0,2}[A-Z0-9]{5,20}\b",
    priority=27,
    anywhere=True,
)
def _serial(m: re.Match[str], ctx: Ctx) -> str:
    """'Số khung: JTJHT00W733527693', 'Số máy: 37202437': a serial, letter by letter and digit by digit."""
    code = m.group().lstrip(" \t:")
    said = " ".join(read_digits(c) if c.isdigit() else spell(c) for c in code)
    return f"{m.group()[: len(m.group()) - len(code)]}{said}"


@rule("per_mille", "phần nghìn", r"(?<=\d)[ \t]?%[0o](?![\dA-Za-z])|(?<=\d)[ \t]?‰", priority=43, anywhere=True)
def _per_mille(m: re.Match[str], ctx: Ctx) -> str:
    """'0,5%0', '+0,1 %0': per mille typed as a percent sign and a zero."""
    return " phần nghìn"


@rule(
    "round_year",
    "đợt kèm năm",
    rf"\b(?:[Đđ]ợt|ĐỢT|[Kk]ỳ|[Qq]uý|QUÝ|[Tt]uần|TUẦN|[Ll]ần)[ \t]{{1,3}}\d{{1,2}}[ \t]?[-/][ \t]?{YEAR}\b(?![/.-]\d)",
    priority=42,
)
def _round_year(m: re.Match[str], ctx: Ctx) -> str:
    """'đợt 2-2018', 'kỳ 1/2025', 'quý 4-2024', 'TUẦN 26/2024', 'lần 7-2015': a round and its year."""
    word = m.group().split()[0]
    n, y = (int(x) for x in re.findall(r"\d+", m.group()))
    if word.lower() == "lần":
        return f"{word} thứ {read_ordinal(n)}, năm {read_int(y)}"  # 'Hội trại … lần 7-2015''
    if word == "kỳ" and n <= 12 and re.search(r"\bthường[ \t]+$", ctx.before(m, 8)):
        return f"kỳ tháng {read_month(n)} năm {read_int(y)}"  # 'họp báo thường kỳ 1/2026': the monthly one
    return f"{word} {read_int(n)} năm {read_int(y)}"


@rule("month_dot_year", "tháng năm viết dấu chấm", r"\b(?:[1-9]|1[0-2])\.(?:19|20)\d\d\b(?![.,]?\d)", priority=42)
def _month_dot_year(m: re.Match[str], ctx: Ctx) -> str:
    """'Tạp chí Y tế Công cộng, 7.2010': a month and a year (four digits after a dot are no thousands)."""
    month, year = m.group().split(".")
    return f"tháng {read_month(int(month))} năm {read_int(int(year))}"


@rule("year_underscore", "khoảng năm gạch dưới", r"\b(?:19|20)\d\d_(?:19|20)\d\d\b", priority=42)
def _year_underscore(m: re.Match[str], ctx: Ctx) -> str:
    """'nhiệm kì 2021_2026': a term of years typed with an underscore."""
    a, b = m.group().split("_")
    return f"{read_int(int(a))} đến {read_int(int(b))}"


@rule("number_letter", "số kèm chữ cái", r"\b\d{1,4}[a-f]\b(?![/.,]?\d)", priority=79)
def _number_letter(m: re.Match[str], ctx: Ctx) -> str:
    """'độ 2b', 'lớp 5c', 'số nhà 12b': a number and the letter that divides it, the letter spelled."""
    return f"{read_int(int(m.group()[:-1]))} {spell(m.group()[-1].upper())}"


@rule(
    "dotted_code",
    "mã có dấu chấm",
    r"\bNK\.(?:19|20)\d\d(?:[ \t]?[-–][ \t]?(?:19|20)\d\d)?\b"
    r"|\b[A-Z]{1,3}\d{1,3}\.\d{1,3}\b(?![.,]?\d)|\b\d{1,3}\.\d{1,2}[A-Z]{2,3}\b|\b[A-Z]{2}\.\d{4,6}(?:-TS)?\b",
    priority=44,
)
def _dotted_code(m: re.Match[str], ctx: Ctx) -> str:
    """'đường dây 471 E9.37' (a substation), 'Ebama 5.5WG' (a product's grade): a code, its dot
    said 'chấm'."""
    if m.group()[:3] == "NK.":  # 'NK.2022-2027': a term of office
        return "nhiệm kỳ " + " đến ".join(read_int(int(y)) for y in re.findall(r"\d{4}", m.group()))
    if re.fullmatch(r"[A-Z]{2}\.\d+(?:-TS)?", m.group()):  # 'tàu cá QB.33180-TS': a boat's number
        return f"{spell(m.group()[:2])} {read_digits(m.group()[3:].removesuffix('-TS'))}" + (
            " thủy sản" if "-" in m.group() else ""
        )
    letters, first, second, tail = re.fullmatch(r"([A-Z]*)(\d+)\.(\d+)([A-Z]*)", m.group()).groups()  # type: ignore[union-attr]
    said = f"{read_int(int(first))} chấm {read_int(int(second))}"
    return " ".join(p for p in (spell(letters) if letters else "", said, spell(tail) if tail else "") if p)


@rule("coded_number", "mã số có dấu chấm", r"(?<=[Mm]ã số: )\d{1,3}(?:\.\d{1,3}){2,5}\b(?![.,]\d)", priority=43)
def _coded_number(m: re.Match[str], ctx: Ctx) -> str:
    """'Mã số: 8.34.04.02': a code in groups, each said as written ('không bốn'), 'chấm' between."""
    return " chấm ".join(read_digits(g) if g.startswith("0") else read_int(int(g)) for g in m.group().split("."))


@rule("unit_label", "đơn vị tính", rf"[Đđ]ơn vị(?: tính)?: (?:{UNIT}|Ha|%)(?![\wÀ-ỹ])", priority=45)
def _unit_label(m: re.Match[str], ctx: Ctx) -> str:
    """'(Đơn vị: m)', 'Đơn vị tính: Ha': a table's unit named on its own."""
    label, unit = m.group().split(": ")
    return f"{label}: " + ("phần trăm" if unit == "%" else unit_reading(unit.replace("Ha", "ha")))


@rule("year_to_now", "từ năm đến nay", rf"\b{YEAR}[ \t]{{0,3}}[-–][ \t]{{0,3}}(?=nay\b)", priority=41)
def _year_to_now(m: re.Match[str], ctx: Ctx) -> str:
    """'giai đoạn 2019 - nay': from that year until now."""
    return f"{read_int(int(m.group()[:4]))} đến "


@rule(
    "range_to_bound",
    "khoảng số tới một mốc",
    r"\d(?<![\d.,]\d)[\d.,]{0,12}[ \t]{0,2}[-–][ \t]{1,2}(?=(?:trên|dưới|hơn|gần)[ \t]+\d)",
    priority=70,
)
def _range_to_bound(m: re.Match[str], ctx: Ctx) -> str:
    """'lượng mưa từ 150 – trên 200 mm': from a number to a bound, 'đến', not a pause."""
    return f"{read_num(m.group().rstrip(' -–'))} đến "


@rule("times_sign", "dấu nhân", r"[x×](?<=[ \t][x×])(?=[ \t]?\d)", priority=70)
def _times_sign(m: re.Match[str], ctx: Ctx) -> str:
    """'Mỗi tổ 10 lá x 5 tổ = 50 lá', '2.340.000 đồng/tháng x4,5%': a product, 'nhân' (only after a figure
    a few words back; typed against its figure, only in a sum that gives its result)."""
    if ctx.after(m, 1).isdigit():
        return "nhân" if "=" in ctx.after(m, 40) and re.search(r"\d", ctx.before(m, 30)) else m.group()
    return "nhân" if re.search(r"\d[\d.,]*(?:[ \t]+[^\W\d_]+){0,2}[ \t]+$", ctx.before(m, 24)) else m.group()


@rule(
    "unit_counted_loosely",
    "đơn vị sau lượng ước",
    r"ha(?:(?<=nhiều ha)|(?<=những ha)|(?<=vài ha)|(?<=hàng ha)|(?<=mấy ha)|(?<=các ha))(?![\wÀ-ỹ])",
    priority=71,
)
def _unit_counted_loosely(m: re.Match[str], ctx: Ctx) -> str:
    """'ngập úng nhiều ha lúa': hectares counted loosely, without a figure."""
    return "héc-ta"


@rule(
    "fertiliser_grade",
    "tỷ lệ phân bón",
    r"\d(?:(?<=NPK \d)|(?<=NPK: \d))\d?[:-]\d{1,2}[:-]\d{1,2}\b(?![:.,]\d)",
    priority=45,
)
def _fertiliser_grade(m: re.Match[str], ctx: Ctx) -> str:
    """'NPK 16:16:8', 'NPK 16-5-17': a fertiliser's grade, three figures (never a time or a date)."""
    return " – ".join(read_int(int(x)) for x in re.split(r"[:-]", m.group()))
