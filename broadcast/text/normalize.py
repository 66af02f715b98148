"""Vietnamese text normaliser for administrative speech: written form -> what an announcer says.

Hand-written and rule-based because the Vietnamese normalisers on PyPI misread
official-document text (document symbols, "tháng bốn", spelled-out acronyms, ranges).
One pass over the text with a single compiled alternation of rules, in priority order;
every change is recorded with its source span and rule so the interface can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from broadcast.text import lexicon
from broadcast.text.numbers import (
    read_decimal,
    read_digits,
    read_int,
    read_month,
    read_number_string,
    read_ordinal,
    roman_to_int,
)


@dataclass(frozen=True)
class Replacement:
    """One change: text[start:end] was read as `spoken`, by `rule`."""

    start: int
    end: int
    source: str
    spoken: str
    rule: str


@dataclass
class Normalized:
    spoken: str
    replacements: list[Replacement] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


LETTER_NAMES = {
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "Đ": "đê",
    "E": "e",
    "F": "ép",
    "G": "gờ",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e-lờ",
    "M": "em-mờ",
    "N": "en-nờ",
    "O": "o",
    "P": "pê",
    "Q": "quy",
    "R": "e-rờ",
    "S": "ét-xì",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê kép",
    "X": "ích-xì",
    "Y": "i dài",
    "Z": "dét",
}
DOMAIN_WORDS = {
    "gov": "gờ-o-vê",
    "vn": "vê-nờ",
    "com": "com",
    "www": "vê kép vê kép vê kép",
    "org": "o-rờ-gờ",
    "net": "nét",
    "edu": "e-đu",
    "dichvucong": "dịch vụ công",
    "zalo": "da-lô",
    "facebook": "phây-búc",
    "email": "i-meo",
    "gmail": "gờ-meo",
}
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
}
_ORDINAL_WORDS = r"(?:thứ|hạng|giải)"
_ROMAN_WORDS = r"(?:[Cc]hương|[Pp]hần|[Mm]ục|[Qq]uý|[Kk]hóa|[Kk]hoá|[Tt]hế kỷ|[Đđ]ại hội|[Kk]ỳ họp|[Kk]ỳ|[Tt]ập|[Ll]oại|[Bb]ậc|[Vv]ùng|[Ll]ần)"
_UPPER = "A-ZĐÀ-Ỹ"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]\d\d|2\d\d\d)"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SEP = r"\s*[-–—]\s*"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read_num(token: str) -> str:
    """'2.350' -> thousands grouping; '3,75' -> decimal; '02' -> 'hai'."""
    if "," in token:
        integer, fraction = token.split(",", 1)
        return read_decimal(integer.replace(".", ""), fraction)
    return read_number_string(token.replace(".", ""))


class _Ctx:
    """What a rule handler may look at: the whole text and the lexicon in force."""

    def __init__(
        self, text: str, lex: Mapping[str, str], unknown: list[str], phrases: Mapping[str, str] | None = None
    ) -> None:
        self.text, self.lex, self.unknown, self.phrases = text, lex, unknown, phrases or {}

    def before(self, m: re.Match[str], n: int = 12) -> str:
        return self.text[max(0, m.start() - n) : m.start()]

    def after(self, m: re.Match[str], n: int = 16) -> str:
        return self.text[m.end() : m.end() + n]


Handler = Callable[[re.Match[str], _Ctx], str]
_RULES: list[tuple[str, str, str, Handler, bool]] = []  # (group name, label, pattern, handler, anywhere)


def rule(name: str, label: str, pattern: str, *, anywhere: bool = False) -> Callable[[Handler], Handler]:
    """Register a rule. Most rules can only start where a word starts; `anywhere` rules
    (symbols, digits glued to letters) are tried at every position."""

    def register(fn: Handler) -> Handler:
        _RULES.append((name, label, pattern, fn, anywhere))
        return fn

    return register


# --- line structure ------------------------------------------------------------


@rule("bullet", "dấu đầu dòng", r"^[ \t]*[-+•*–][ \t]+")
def _bullet(m: re.Match[str], ctx: _Ctx) -> str:
    return ""


@rule("roman_item", "số La Mã đầu mục", r"^[ \t]*[IVXL]{1,5}[.)][ \t]+")
def _roman_item(m: re.Match[str], ctx: _Ctx) -> str:
    value = roman_to_int(m.group().strip()[:-1])
    return f"{read_int(value)}, " if value else m.group()


@rule("numbered_item", "số thứ tự đầu mục", r"^[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}[.)][ \t]+")
def _numbered_item(m: re.Match[str], ctx: _Ctx) -> str:
    parts = [p for p in re.split(r"[.)]", m.group().strip()) if p]
    return " chấm ".join(read_int(int(p)) for p in parts) + ", "


# --- web addresses ---------------------------------------------------------------


@rule(
    "url",
    "địa chỉ web",
    r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:gov|vn|com|org|net|edu)(?:\.vn)?(?:/[\w./-]*)?",
)
def _url(m: re.Match[str], ctx: _Ctx) -> str:
    host = re.sub(r"^https?://", "", m.group()).rstrip("/").split("/")[0]
    parts = []
    for part in host.split("."):
        parts.append(DOMAIN_WORDS.get(part) or (part if re.search(r"[aeiouy]", part) else _spell(part.upper())))
    return " chấm ".join(parts)


@rule("email", "địa chỉ thư điện tử", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
def _email(m: re.Match[str], ctx: _Ctx) -> str:
    user, host = m.group().split("@", 1)
    return f"{' chấm '.join(user.split('.'))} a còng {' chấm '.join(DOMAIN_WORDS.get(p, p) for p in host.split('.'))}"


# --- document symbols, dates and times ----------------------------------------------


@rule(
    "doc_symbol",
    "số, ký hiệu văn bản",
    rf"\b\d{{1,5}}(?:/{_YEAR})?(?:/|\s)[{_UPPER}][A-Za-zĐđ0-9&]*(?:-[{_UPPER}][A-Za-zĐđ0-9&]*)+\b"
    rf"|\b\d{{1,5}}(?:/{_YEAR})?/[{_UPPER}][A-Za-zĐđ0-9&]*\b",
)
def _doc_symbol(m: re.Match[str], ctx: _Ctx) -> str:
    number = re.match(r"\d+", m.group()).group()
    year = re.search(rf"/({_YEAR})/", m.group() + "/")
    spoken = _read_num(number)
    if year and year.group(1) != number:
        spoken += f" năm {read_int(int(year.group(1)))}"
    return spoken  # the symbol itself (UBND-VP, QĐ-BCĐ…) is not read aloud


@rule("date_full", "ngày tháng năm", rf"\b{_DAY}[/.-]{_MONTH}[/.-]{_YEAR}\b")
def _date_full(m: re.Match[str], ctx: _Ctx) -> str:
    d, mo, y = (int(x) for x in re.split(r"[/.-]", m.group()))
    head = "" if re.search(r"ngày\s*$", ctx.before(m), re.I) else "ngày "
    return f"{head}{read_int(d)} tháng {read_month(mo)} năm {read_int(y)}"


@rule("month_year", "tháng năm", rf"\b{_MONTH}/{_YEAR}\b")
def _month_year(m: re.Match[str], ctx: _Ctx) -> str:
    mo, y = (int(x) for x in m.group().split("/"))
    head = "" if re.search(r"tháng\s*$", ctx.before(m), re.I) else "tháng "
    return f"{head}{read_month(mo)} năm {read_int(y)}"


@rule("roman_year", "quý, khóa La Mã kèm năm", rf"\b[IVX]{{1,4}}/{_YEAR}\b")
def _roman_year(m: re.Match[str], ctx: _Ctx) -> str:
    roman, year = m.group().split("/")
    value = roman_to_int(roman)
    return f"{read_int(value)} năm {read_int(int(year))}" if value else m.group()


@rule("month_word", "tháng", rf"\b[Tt]háng\s+{_MONTH}\b(?![/.,]\d)")
def _month_word(m: re.Match[str], ctx: _Ctx) -> str:
    word, number = m.group().split()
    return f"{word} {read_month(int(number))}"


@rule("iso", "tiêu chuẩn ISO", r"\bISO\s?\d{3,5}(?::\d{4})?")
def _iso(m: re.Match[str], ctx: _Ctx) -> str:
    number, _, year = m.group()[3:].strip().partition(":")
    return f"i-sô {read_int(int(number))}" + (f" phiên bản {read_int(int(year))}" if year else "")


@rule("road", "mã đường", r"\b(?:QL|ĐT|TL|HL|ĐH)\.?\s?\d{1,4}[A-Z]?\b")
def _road(m: re.Match[str], ctx: _Ctx) -> str:
    code, number = re.match(r"([A-ZĐ]+)\.?\s?(\d+)", m.group()).groups()
    return f"{ctx.lex.get(code, _spell(code))} {read_number_string(number)}"


@rule("day_month", "ngày tháng", rf"\b{_DAY}/{_MONTH}\b(?!/)")
def _day_month(m: re.Match[str], ctx: _Ctx) -> str:
    d, mo = (int(x) for x in m.group().split("/"))
    following = ctx.after(m).lstrip()
    date_context = re.search(
        r"(ngày|hạn|từ|đến|tới|trước|sau|hôm|sáng|chiều|tối|đêm|mùng)\s*$", ctx.before(m, 16), re.I
    )
    counted = re.match(r"[a-zà-ỹđ]", following) and not re.match(r"(đến|tới|và|hoặc|năm|hằng)\b", following)
    if counted and not date_context:
        return f"{read_int(d)} trên {read_int(mo)}"
    head = "" if re.search(r"ngày\s*$", ctx.before(m), re.I) else "ngày "
    return f"{head}{read_int(d)} tháng {read_month(mo)}"


@rule("time", "giờ phút", r"\b(?:[01]?\d|2[0-3])(?:h|:|g)[0-5]\d(?:'|p|ph)?(?![\d:])|\b(?:[01]?\d|2[0-3])h(?![\w])")
def _time(m: re.Match[str], ctx: _Ctx) -> str:
    parts = re.findall(r"\d+", m.group())
    hour = read_int(int(parts[0]))
    if len(parts) == 1 or int(parts[1]) == 0:
        return f"{hour} giờ"
    return f"{hour} giờ {read_int(int(parts[1]))}"


@rule("zero_minutes", "giờ chẵn", r"(?<=giờ) 00(?: phút)?\b", anywhere=True)
def _zero_minutes(m: re.Match[str], ctx: _Ctx) -> str:
    return ""


# --- phone numbers and numbers ------------------------------------------------------------


@rule(
    "phone",
    "số điện thoại",
    r"(?<![\d.,])(?:0\d{2,3}(?:[ .]?\d{3,4}){2}|0\d{8,10}|1[89]00(?:[ .]?\d{2,4}){1,3})(?!\d|[.,]\d)",
)
def _phone(m: re.Match[str], ctx: _Ctx) -> str:
    return read_digits(m.group())


@rule("hotline", "số điện thoại ngắn", r"(?<![\d.,])1[01][1-9](?![\d.,]\d|\d)")
def _hotline(m: re.Match[str], ctx: _Ctx) -> str:
    context = re.search(
        r"(đường dây nóng|gọi|tổng đài|hotline|điện thoại|SĐT|cấp cứu|cứu hỏa)[^.;\n]*$", ctx.before(m, 40), re.I
    )
    return read_digits(m.group()) if context else read_int(int(m.group()))


@rule("range", "khoảng số", rf"(?<![\d/.,])(?:{_NUM}){_SEP}(?:{_NUM})(?![\d/])")
def _range(m: re.Match[str], ctx: _Ctx) -> str:
    left, right = re.split(_SEP, m.group(), maxsplit=1)
    return f"{_read_num(left)} đến {_read_num(right)}"


@rule("percent", "phần trăm", rf"(?:{_NUM})\s?%")
def _percent(m: re.Match[str], ctx: _Ctx) -> str:
    return f"{_read_num(m.group().rstrip('% '))} phần trăm"


@rule("ratio", "tỉ số", r"\b\d+/\d+\b")
def _ratio(m: re.Match[str], ctx: _Ctx) -> str:
    a, b = m.group().split("/")
    return f"{read_number_string(a)} trên {read_number_string(b)}"


@rule("ordinal", "số thứ tự", rf"\b{_ORDINAL_WORDS}\s+(?:\d{{1,3}}(?:/\d{{1,4}})?|[IVXLC]{{1,6}})\b")
def _ordinal(m: re.Match[str], ctx: _Ctx) -> str:
    word, number = m.group().split()
    number, _, total = number.partition("/")
    value = int(number) if number.isdigit() else roman_to_int(number)
    if value is None:
        return m.group()
    spoken = f"{word} {read_ordinal(value)}"
    return f"{spoken} trên {read_int(int(total))}" if total else spoken


@rule("roman", "số La Mã", rf"\b{_ROMAN_WORDS}\s+[IVXLC]{{1,6}}(?:/{_YEAR})?\b")
def _roman(m: re.Match[str], ctx: _Ctx) -> str:
    word, roman = m.group().rsplit(None, 1)
    roman, _, year = roman.partition("/")
    value = roman_to_int(roman)
    if not value:
        return m.group()
    return f"{word} {read_int(value)}" + (f" năm {read_int(int(year))}" if year else "")


@rule("money", "số tiền", rf"(?:{_NUM})\s?(?:đ|VNĐ|VND|đồng)\b")
def _money(m: re.Match[str], ctx: _Ctx) -> str:
    number = re.match(_NUM, m.group()).group()
    return f"{_read_num(number)} đồng"


@rule("unit", "đơn vị đo", rf"(?:{_NUM})\s?(?:km/h|km2|km|m2|m3|ha|kg|cm|mm|ml|kWh|kW|MW|°C|độ C|m|g|l)(?![\wÀ-ỹ])")
def _unit(m: re.Match[str], ctx: _Ctx) -> str:
    number = re.match(_NUM, m.group()).group()
    unit = m.group()[len(number) :].strip()
    spoken = "độ xê" if unit in ("°C", "độ C") else lexicon.UNITS.get(unit, unit)
    return f"{_read_num(number)} {spoken}"


@rule("alnum", "mã chữ số", rf"\b[{_UPPER}]{{1,6}}\d+[A-Z0-9]*\b|\b[{_UPPER}]+-\d+\b")
def _alnum(m: re.Match[str], ctx: _Ctx) -> str:
    token = m.group()
    if token in ctx.lex:
        return ctx.lex[token]
    pieces = re.findall(rf"[{_UPPER}]+|\d+", token)
    return " ".join(read_number_string(p) if p.isdigit() else ctx.lex.get(p) or _spell(p) for p in pieces)


@rule("unit_word", "đơn vị đo", r"(?<![\w/])(?:km2|km|kg|m2|m3|cm|mm|kWh)(?![\wÀ-ỹ])")
def _unit_word(m: re.Match[str], ctx: _Ctx) -> str:
    return lexicon.UNITS[m.group()]


@rule("digit_colon", "dấu hai chấm giữa số", r"(?<=\d):(?=\d)", anywhere=True)
def _digit_colon(m: re.Match[str], ctx: _Ctx) -> str:
    return " "


@rule("number", "số", _NUM, anywhere=True)
def _number(m: re.Match[str], ctx: _Ctx) -> str:
    return _read_num(m.group())


# --- abbreviations and symbols --------------------------------------------------------------


@rule("per", "mỗi", r"(?<=[a-zà-ỹđ])/[a-zà-ỹđ0-9]+", anywhere=True)
def _per(m: re.Match[str], ctx: _Ctx) -> str:
    word = m.group()[1:]
    before = re.search(r"(\w+)$", ctx.before(m))
    if word in ("hoặc", "và") or (before and before.group(1) in ("và", "hoặc")):
        return f" {word}" if word not in (before.group(1) if before else "") else ""
    spoken = lexicon.UNITS.get(word, word)
    return f" mỗi {spoken}" if word.lower() in PER_UNITS or word in lexicon.UNITS else f" hoặc {spoken}"


@rule("vv", "về việc", r"\b[Vv]/v\b")
def _vv(m: re.Match[str], ctx: _Ctx) -> str:
    return "về việc"


@rule("abbr", "chữ viết tắt", rf"\b[{_UPPER}][{_UPPER}A-Za-z]*(?:[-&][{_UPPER}][{_UPPER}A-Za-z]*)*\b")
def _abbr(m: re.Match[str], ctx: _Ctx) -> str:
    token = m.group()
    if token in ctx.lex:
        return ctx.lex[token]
    parts = re.split(r"([-&])", token)
    if len(parts) > 1 and all(p in ctx.lex or p in "-&" for p in parts):
        return " ".join({"-": "–", "&": "và"}.get(p, ctx.lex.get(p, p)) for p in parts).replace(" – ", " – ")
    if not _looks_like_acronym(token):
        return token
    ctx.unknown.append(token)
    return _spell(token)


_SYLLABLE = re.compile(
    r"(?:NGH|NG|NH|CH|GH|GI|KH|PH|TH|TR|QU|[BCDĐGHKLMNPRSTVX])?"
    r"[AĂÂEÊIOÔƠUƯYÀ-Ỹ]{1,3}(?:NG|NH|CH|[CMNPTIOUY])?"
)


def _looks_like_acronym(token: str) -> bool:
    """An upper-case run that cannot be one Vietnamese syllable written in capitals."""
    letters = token.replace("-", "").replace("&", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    return not _SYLLABLE.fullmatch(letters)


def _spell(token: str) -> str:
    return " ".join(LETTER_NAMES.get(c, c.lower()) for c in token if c.isalnum())


@rule("symbol", "ký hiệu", r"[%&*+/=@#~_<>§°|\\^\[\]{}]|\.{2,}|…", anywhere=True)
def _symbol(m: re.Match[str], ctx: _Ctx) -> str:
    return {
        "%": " phần trăm",
        "&": " và ",
        "=": " bằng ",
        "@": " a còng ",
        "~": " khoảng ",
        ">": " lớn hơn ",
        "<": " nhỏ hơn ",
        "...": ",",
        "…": ",",
    }.get(m.group(), ",," if m.group().startswith("..") else " ")


_HANDLERS = {name: (label, fn) for name, label, _, fn, _ in _RULES}
_HANDLERS["phrase"] = ("từ điển cách đọc", lambda m, ctx: ctx.phrases[m.group()])
# Speed: word-start rules sit behind one look-behind, so inside a word the engine tries
# only the few rules that may start anywhere instead of every alternative.
_WORD_START = "|".join(f"(?P<{name}>{pattern})" for name, _, pattern, _, anywhere in _RULES if not anywhere)
_ANYWHERE = "|".join(f"(?P<{name}>{pattern})" for name, _, pattern, _, anywhere in _RULES if anywhere)
_STATIC = rf"(?<![\w])(?:{_WORD_START})|(?=[\d\s/:%&*+=@#~_<>§°|\\^\[\]{{}}.…])(?:{_ANYWHERE})"


def _is_plain_acronym(key: str) -> bool:
    """Keys the abbreviation rule finds by itself (one run of capitals)."""
    return re.fullmatch(rf"[{_UPPER}]+", key) is not None


@lru_cache(maxsize=64)
def _master(phrase_keys: tuple[str, ...]) -> re.Pattern[str]:
    """The rules, preceded by whole-word matches of the lexicon's phrases (longest first)."""
    if not phrase_keys:
        return re.compile(_STATIC, re.MULTILINE)
    alternatives = "|".join(re.escape(k) for k in sorted(phrase_keys, key=len, reverse=True))
    return re.compile(rf"(?P<phrase>(?<![\wÀ-ỹ])(?:{alternatives})(?![\wÀ-ỹ]))|{_STATIC}", re.MULTILINE)


_BUILTIN_PHRASES = {k: v for k, v in lexicon.BUILTIN.items() if not _is_plain_acronym(k)}


@lru_cache(maxsize=64)
def _dictionaries(overrides: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """(lexicon, phrases, master pattern) for one commune lexicon, built once.

    Commune entries are matched as whole words wherever they stand; built-in keys that are
    not a plain run of capitals (Covid-19, TP., VH&TT…) likewise.
    """
    own = {k: v for k, v in overrides if k.strip()}
    phrases = {**_BUILTIN_PHRASES, **own}
    return {**lexicon.BUILTIN, **own}, phrases, _master(tuple(sorted(phrases)))


def _lower_caps_lines(text: str, lex: Mapping[str, str]) -> str:
    """Lines written all in capitals (titles) are read as ordinary words, acronyms kept.

    Lower-casing keeps every character's position, so replacement spans stay valid.
    """
    if not any(c.isupper() for c in text):
        return text
    out = []
    for line in text.split("\n"):
        if not any(c.islower() for c in line) and sum(c.isalpha() for c in line) >= 8:
            line = _CAPS_WORD.sub(
                lambda w: w.group() if w.group() in lex or roman_to_int(w.group()) else w.group().lower(), line
            )
        out.append(line)
    return "\n".join(out)


_CAPS_WORD = re.compile(r"[\wÀ-ỹ&-]+")


def normalize(text: str, *, lexicon_overrides: Mapping[str, str] | None = None) -> Normalized:
    """Spoken form of text, with every replacement and the unknown abbreviations."""
    lex, phrases, master = _dictionaries(tuple(sorted((lexicon_overrides or {}).items())))
    prepared = _lower_caps_lines(text, lex)
    unknown: list[str] = []
    ctx = _Ctx(prepared, lex, unknown, phrases)
    pieces: list[str] = []
    replacements: list[Replacement] = []
    pos = 0
    for m in master.finditer(prepared):
        label, handler = _HANDLERS[m.lastgroup]
        spoken = _scrub(handler(m, ctx))
        if spoken == m.group():
            continue
        pieces.append(prepared[pos : m.start()])
        pieces.append(spoken)
        replacements.append(Replacement(m.start(), m.end(), text[m.start() : m.end()], spoken.strip(), label))
        pos = m.end()
    pieces.append(prepared[pos:])
    spoken = _tidy("".join(pieces))
    return Normalized(spoken=spoken, replacements=replacements, unknown=list(dict.fromkeys(unknown)))


_LEFTOVER = re.compile(r"\d+|[&%/*+]")


def _scrub(spoken: str) -> str:
    """Last guard on a rule's output: no digit or symbol may reach the voice, whatever the input."""
    if not _LEFTOVER.search(spoken):
        return spoken
    names = {"&": " và ", "%": " phần trăm ", "/": " ", "*": " ", "+": " "}
    return _LEFTOVER.sub(lambda m: names.get(m.group()) or f" {read_number_string(m.group())} ", spoken)


_TIDY = [
    (re.compile(p), r)
    for p, r in (
        (r"[ \t]+", " "),
        (r"\s+([,.;:!?])", r"\1"),
        (r"([,;:])(?:\s*[,;:])+", r"\1"),
        (r"[\"“”‘’'`]", ""),
        (r"\(\s*", ", "),
        (r"\s*\)", ","),
        (r",\s*([.!?])", r"\1"),
        (r"\s*[-–—]\s+|\s+[-–—]\s*", ", "),
        (r",(\s*,)+", ","),
        (r"^[\s,;:.]+", ""),
        (r"\s+", " "),
    )
]
_TRAILING_COMMA = re.compile(r",$")


def _tidy(text: str) -> str:
    """Spacing and punctuation a voice reads well: pauses as commas, no quotes or brackets."""
    lines = []
    for line in text.split("\n"):
        for pattern, repl in _TIDY:
            line = pattern.sub(repl, line)
        lines.append(_TRAILING_COMMA.sub(".", line.strip()))
    return "\n".join(lines)


def normalize_text(text: str, *, lexicon_overrides: Mapping[str, str] | None = None) -> str:
    return normalize(text, lexicon_overrides=lexicon_overrides).spoken
