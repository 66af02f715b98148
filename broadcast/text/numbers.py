"""Vietnamese number reading: integers, decimals, digit strings, ordinals, Roman numerals.

Hand-written because no maintained library reads Vietnamese numbers the way an announcer
does ("một trăm linh một", "hai mươi mốt", "mười lăm", "không trăm" inside thousands).
"""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", "nghìn", "triệu", "tỷ"]
MAX_GROUPED = 10**15  # beyond this, numbers are read digit by digit


def read_digits(digits: str) -> str:
    """'0987' -> 'không chín tám bảy' (phone numbers, codes)."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def _two(n: int) -> str:
    """0..99, with the spoken variants 'mốt', 'tư', 'lăm'."""
    tens, unit = divmod(n, 10)
    if tens == 0:
        return DIGITS[unit]
    head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    elif unit == 5:
        tail = "lăm"
    else:
        tail = DIGITS[unit]
    return f"{head} {tail}"


def _three(n: int, *, full: bool) -> str:
    """0..999; full=True reads 'không trăm' and 'linh' as inside a larger number."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not full:
        return _two(rest)
    head = f"{DIGITS[hundreds]} trăm"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} linh {DIGITS[rest]}"
    return f"{head} {_two(rest)}"


def read_int(n: int) -> str:
    """Integer in words: 2025 -> 'hai nghìn không trăm hai mươi lăm'."""
    if n < 0:
        return "âm " + read_int(-n)
    if n >= MAX_GROUPED:
        return read_digits(str(n))
    if n < 1000:
        return _three(n, full=False)
    if n >= 10**9:
        high, low = divmod(n, 10**9)
        words = f"{read_int(high)} tỷ"
        return words if low == 0 else f"{words} {_below_billion(low, full=True)}"
    return _below_billion(n, full=False)


def _below_billion(n: int, *, full: bool) -> str:
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    parts = []
    for scale in range(len(groups) - 1, -1, -1):
        g = groups[scale]
        is_first = scale == len(groups) - 1 and not full
        if g == 0:
            continue
        words = _three(g, full=not is_first)
        parts.append(f"{words} {_SCALES[scale]}".strip())
    return " ".join(parts) if parts else "không"


def read_number_string(digits: str) -> str:
    """A written integer that may carry leading zeros ('02' -> 'hai'); very long ones digit by digit."""
    stripped = digits.lstrip("0") or "0"
    if len(stripped) > 15:
        return read_digits(digits)
    return read_int(int(stripped))


def read_decimal(integer: str, fraction: str) -> str:
    """'3','75' -> 'ba phẩy bảy mươi lăm'; a fraction with leading zeros is read digit by digit."""
    head = read_number_string(integer)
    if fraction.startswith("0") or len(fraction) > 3:
        return f"{head} phẩy {read_digits(fraction)}"
    return f"{head} phẩy {read_number_string(fraction)}"


def read_ordinal(n: int) -> str:
    """'thứ 1' -> 'nhất', 'thứ 4' -> 'tư', otherwise the number."""
    return {1: "nhất", 4: "tư"}.get(n, read_int(n))


def read_month(n: int) -> str:
    """Month names: 'tháng tư', not 'tháng bốn'."""
    return "tư" if n == 4 else read_int(n)


def read_part(numerator: int, denominator: int) -> str:
    """A part of a whole: '1/4' is 'một phần tư', '2/3' 'hai phần ba'."""
    return f"{read_int(numerator)} phần {'tư' if denominator == 4 else read_int(denominator)}"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(text: str) -> int | None:
    """'XIV' -> 14; None if text is not a well-formed Roman numeral."""
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN[c]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total if total > 0 and int_to_roman(total) == text else None


def int_to_roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
