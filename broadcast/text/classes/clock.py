"""Times of day: clocks, hour ranges, a page's time in the English way."""

from __future__ import annotations

import re

from broadcast.text.numbers import read_int
from broadcast.text.tagging import SEP, Ctx, rule

HOUR = r"(?:[01]?\d|2[0-3])"
_WORD_CLOCK = r"[ \t]giờ(?:[ \t][0-5]\d(?:[ \t]phút)?)?"


@rule(
    "time_range",
    "khoảng giờ",
    rf"\b{HOUR}(?:[h:g](?:[0-5]\d)?[’']?|{_WORD_CLOCK})?{SEP}(?:{HOUR}|24)(?:[hg](?:[0-5]\d(?:ph?|h)?)?[’']?|:[0-5]\d|{_WORD_CLOCK})(?![\w]|:\d)",
    priority=50,
)
def _time_range(m: re.Match[str], ctx: Ctx) -> str:
    """'11-14h' is 'mười một đến mười bốn giờ'; '23 giờ - 1 giờ', '13h30' - 17h' too, and '8h15 - 9h30p',
    '7h - 7h30h' with the minutes marked or an 'h' typed twice."""
    left, right = re.split(SEP, m.group(), maxsplit=1)
    return f"{say_clock(left, bare=True)} đến {say_clock(right)}"


def say_clock(token: str, *, bare: bool = False) -> str:
    parts = re.findall(r"\d+", token)
    hour = read_int(int(parts[0]))
    if len(parts) == 1 or int(parts[1]) == 0:
        return hour if bare and not re.search(r"[hg:]", token) else f"{hour} giờ"
    minutes = int(parts[1])
    # '7h05', '04:09': under ten minutes is said with 'phút' ('bốn giờ chín' sounds cut short).
    return f"{hour} giờ {read_int(minutes)}" + (" phút" if minutes < 10 else "")


@rule(
    "clock_ampm_range",
    "khoảng giờ sáng chiều",
    rf"\b(?:0?\d|1[0-2]):[0-5]\d[ \t]?(?:AM|PM|SA|CH)[ \t]*[-–][ \t]*{HOUR}:[0-5]\d(?:[ \t]?(?:AM|PM|SA|CH))?\b",
    priority=48,
)
def _clock_ampm_range(m: re.Match[str], ctx: Ctx) -> str:
    """'Giờ mở cửa: 05:00 AM - 22:00': from one time of day to another."""
    left, right = re.split(r"[ \t]*[-–][ \t]*", m.group(), maxsplit=1)
    said = [_say_ampm(part) if re.search(r"[AP]M|SA|CH", part) else say_clock(part) for part in (left, right)]
    return " đến ".join(said)


@rule(
    "clock_ampm",
    "giờ sáng chiều",
    r"\b(?:0?\d|1[0-2]):[0-5]\d(?::[0-5]\d)?[ \t]?:?[ \t]?(?:AM|PM|am|pm|SA|CH)\b",
    priority=49,
)
def _clock_ampm(m: re.Match[str], ctx: Ctx) -> str:
    """'03:38 PM', '11:10:AM': a page's time in the English way, said with sáng, chiều or tối."""
    return _say_ampm(m.group())


def _say_ampm(token: str) -> str:
    h, mi, *se = (int(x) for x in re.findall(r"\d+", token)[:3])
    morning = token[-2:].lower() in ("am", "sa")  # 'SA', 'CH': sáng, chiều in Vietnamese pages
    hour = h % 12 if morning else h
    said = say_clock_hms(hour, mi, se[0] if se else 0)
    return f"{said} {'sáng' if morning else 'tối' if 6 <= h < 12 else 'trưa' if h == 12 else 'chiều'}"


@rule("clock_pair", "giờ đầu giờ cuối", rf"\b{HOUR}:[0-5]\d[ \t]{{1,3}}{HOUR}:[0-5]\d\b(?!:)", priority=49)
def _clock_pair(m: re.Match[str], ctx: Ctx) -> str:
    """'2/11/2025 10:00 14:00 Một phần KCN…': a table's start and end times, from one to the other."""
    a, b = m.group().split()
    return (
        f"{say_clock(a)} đến {say_clock(b)}"
        if (int(b[:-3]), b[-2:]) > (int(a[:-3]), a[-2:])
        else f"{say_clock(a)}, {say_clock(b)}"
    )


@rule("clock_seconds", "giờ phút giây", rf"\b{HOUR}:[0-5]\d:[0-5]\d\b", priority=50)
def _clock_seconds(m: re.Match[str], ctx: Ctx) -> str:
    h, mi, se = (int(x) for x in m.group().split(":"))
    return say_clock_hms(h, mi, se)


def say_clock_hms(h: int, mi: int, se: int) -> str:
    """A time with its seconds said in full; without seconds as '_clock' says it ('17:00:00' is 'mười bảy giờ')."""
    return f"{read_int(h)} giờ {read_int(mi)} phút {read_int(se)} giây" if se else say_clock(f"{h}:{mi:02d}")


@rule(
    "time",
    "giờ phút",
    rf"\b{HOUR}(?:h|:|g|[ \t]h|[ \t]g[ \t])(?:[0-5]\d|\d(?!\d))(?:'|’|p|ph)?(?!\d|:\d)|\b{HOUR}h(?![\w])|\b24h00\b"
    rf"|(?<=lúc ){HOUR}\.[0-5]\d(?=[ \t]*(?:phút|giờ|sáng|chiều|tối|trưa|đêm|,|;|$))",
    priority=51,
)
def _time(m: re.Match[str], ctx: Ctx) -> str:
    """'7h30', '14:05'; a time stamped with its zone ('22:27 GMT+7') says 'phút' and pauses before it."""
    if re.match(r"[ \t]*\[?(?:GMT|UTC)", ctx.after(m, 8)):
        h, mi = (int(x) for x in re.findall(r"\d+", m.group())[:2])
        return f"{read_int(h)} giờ" + (f" {read_int(mi)} phút" if mi else "") + ","
    return say_clock(m.group().replace(".", "h"))


_WEIGHED = r"ma túy|heroin|thuốc|muối|bột|vàng|gói|cân nặng|trọng lượng|hàm lượng"


@rule("hour_g", "giờ viết g", rf"\b{HOUR}g(?![\w])", priority=53)
def _hour_g(m: re.Match[str], ctx: Ctx) -> str:
    """'từ 23g đến 5g sáng' are hours; '5g muối' and 'gói ma túy khoảng 10g' are grams."""
    hour = read_int(int(m.group()[:-1]))
    if re.match(r"[ \t]*(?:sáng|chiều|tối|đêm|trưa|ngày|hôm|đến|tới|[-–])", ctx.after(m)):
        return f"{hour} giờ"
    cue = re.search(r"(lúc|từ|đến|tới|khoảng|vào|trước|sau)[ \t]*$", ctx.before(m, 16), re.I)
    weighed = re.search(_WEIGHED, ctx.before(m, 60) + " | " + ctx.after(m, 16), re.I)
    return f"{hour} giờ" if cue and not (cue.group(1).lower() == "khoảng" and weighed) else f"{hour} gam"


@rule("zero_minutes", "giờ chẵn", r"(?<=giờ) 00(?: phút)?\b", priority=52, anywhere=True)
def _zero_minutes(m: re.Match[str], ctx: Ctx) -> str:
    return ""


_SPAN_WORDS = ("phút", "giờ", "tiếng", "ngày", "tuần", "tháng", "năm")
_SPANS = f"(?:{'|'.join(_SPAN_WORDS)})"


@rule(
    "span_range",
    "khoảng thời gian",
    "(?:" + "|".join(f"(?<={w} )" for w in _SPAN_WORDS) + ")" + rf"[-–](?=[ \t]?\d{{1,3}}[ \t]{_SPANS}\b)",
    priority=50,
)
def _span_range(m: re.Match[str], ctx: Ctx) -> str:
    """'khoảng 30 phút – 1 tiếng': from one length of time to another."""
    if re.search(rf"\d[ \t]{_SPANS}[ \t]$", ctx.before(m, 16)):
        return " đến "
    return m.group()


@rule("minutes_mark", "dấu phút", r"\b\d{1,3}[’′'](?![\w’'′])", priority=66)
def _minutes_mark(m: re.Match[str], ctx: Ctx) -> str:
    """'Ngừng cấp điện 3’ chuyển phụ tải': minutes written with a prime; a closing quote after a
    number (‘… tổ 3’) only ends the quote."""
    n = read_int(int(m.group()[:-1]))
    line = ctx.text[ctx.line(m).start : m.start()]
    return f"{n}’" if line.count("‘") > line.count("’") or line.count("'") % 2 else f"{n} phút"
