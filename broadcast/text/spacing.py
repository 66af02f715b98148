"""The blanks the rules need, set right before they read the text: runs of spaces squeezed
to one, and a space put where words and numbers were typed against one another (see unglue).

Text pasted from Word or a web page often has two or more spaces (or no-break spaces)
between words: '0,5  ha', '15/01/2021  |  16:29'. A rule reads one blank between a
number and its unit, so each run becomes one plain space first; where the spaces were
taken out is kept, so that every replacement still points into the original text.
Indentation at a line's start and tabs (columns of a pasted table) are left alone.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from broadcast.text.tagging import class_body

# Interior runs only: after a visible character, before one. And the blanks round a slash between
# two numbers ('sáng nay (20 / 7)', '12 /3/2025') or in a whole date written with dashes ('1 - 7 - 2025',
# '30–4–1975' with en dashes): taken out, so that the date and slash rules read them as they read '20/7'.
_BLANKS = " \u00a0\u202f"

# '10.566m3 /s', '50.000 đồng /người': an amount and its unit, a stray space before the slash of 'per'.
_AMOUNT_BEFORE = re.compile(r"\d[ \t]?(?:m3|m³|m2|m²|km|kg|ha|tấn|đồng|đ|lít|ml|mm)$")
# Speed: every branch starts with a blank, a slash or a digit, which the engine finds by a quick
# search; what must stand before a match is checked in `_wanted`, not by a look-behind tried everywhere.
# Only the branches whose strings the text holds are put in the pattern (most texts need one).
_BRANCHES = {
    "slash": r"(?P<slash> +/ *(?=\d)|/ +(?=\d))|(?P<per> /)(?=[a-zđ])",
    "date": r"(?P<date>\d{1,2} ?[-–] ?\d{1,2} ?[-–] ?(?:19|20)\d\d)(?![\d.,]?\d)",
    "run": r"(?P<run>[ \u00a0\u202f]{2,}(?=\S)|[\u00a0\u202f](?=\S))",
}


@lru_cache(maxsize=8)
def _pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_BRANCHES[k] for k in kinds))


def _kinds(text: str) -> tuple[str, ...]:
    """Which branches may match: each needs one of its strings in the text, found by a quick search."""
    kinds: tuple[str, ...] = ()
    if " /" in text or "/ " in text:
        kinds += ("slash",)
    if " - " in text or "–" in text:
        kinds += ("date",)
    if "  " in text or "\u00a0" in text or "\u202f" in text:
        kinds += ("run",)
    return kinds


def _wanted(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    kind = m.lastgroup
    if kind == "slash":
        return before.isdigit() and _short_numbers(text, m)
    if kind == "per":
        return _AMOUNT_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None
    if kind == "date":
        return before not in "0123456789.," and (" " in m.group() or "–" in m.group())
    return not before.isspace()  # a run inside a line, not its indentation


def _short_numbers(text: str, m: re.Match[str]) -> bool:
    """Numbers of at most four digits each side: a date or a ratio, not two telephone numbers."""
    head = text[max(0, m.start() - 5) : m.start()]
    tail = text[m.end() : m.end() + 5]
    return not (head.isdigit() and len(head) == 5) and not (tail.isdigit() and len(tail) == 5)


def squeeze_spaces(text: str) -> tuple[str, list[int]]:
    """The text with each interior run of spaces as one space (and none round a slash between
    numbers or in a dashed date); and, when anything was changed, where each character of the
    new text (and its end) stood in the original, so that replacements still point into it."""
    kinds = _kinds(text)
    if not kinds:
        return text, []
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _pattern(kinds).finditer(text):
        if not _wanted(text, m):
            continue
        chars.append(text[pos : m.start()])
        origin.extend(range(pos, m.start()))
        if m.lastgroup != "run":
            kept = [i for i in range(m.start(), m.end()) if text[i] != " "]
            chars.append("".join(text[i] for i in kept).replace("–", "-"))
            origin.extend(kept)
        else:
            chars.append(" ")
            origin.append(m.start())
        pos = m.end()
    if not origin and pos == 0:
        return text, []
    chars.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return "".join(chars), origin


# Words typed against numbers, symbols or one another are cut apart first (see unglue).
# The small letters past ASCII ('ơ', 'à', 'đ' and the like), as ranges.
_MARKED_LOWER = class_body(c for c in map(chr, range(0xE0, 0x1EFA)) if c.islower())
_LOWER = "a-z" + _MARKED_LOWER
# Speed: each pattern below starts with one plain character or one class of characters, which
# the engine finds by a quick search; a pattern starting with a look-behind, or with a choice of
# classes, is tried at every position of the text.
# 'ngày1/2', 'từ19h' (the word is checked to start a word), "21/7đến 20/8", '10.370USD', '2x25MVA',
# '2025Ngày', '14/10/2025UBND': a digit with a word or a sign typed against it.
_GLUED_DIGIT = re.compile(
    r"\d(?:(?<=(?:[Nn]gày|NGÀY|[Tt]rên)\d)(?P<w4>)|(?<=(?:[Đđ]ến|ĐẾN|[Ll]úc|LÚC)\d)(?P<w3>)"
    r"|(?<=(?:[Tt]ừ|TỪ)\d)(?P<w2>)|(?<=(?:[Tt]háng|THÁNG)\d)(?P<w5>)|(?=[x×]\d)(?P<times>)"
    rf"|(?=(?:đến|tới)(?![\wÀ-ỹ])|(?:USD|VNĐ|VND|EUR)(?![\wÀ-ỹ])"
    rf"|(?:[{_LOWER}]{{1,5}}[đ{_MARKED_LOWER}]|[đ{_MARKED_LOWER}][{_LOWER}])[{_LOWER}]*(?![\w])"
    rf"|[A-ZĐ][a-z]{{0,3}}[đ{_MARKED_LOWER}]|[A-ZĐ](?<=[/.-](?:19|20)\d\d.))"
    rf"|(?=[a-z]{{3,5}}(?![\w]))(?P<after>)|(?<=[{_LOWER}]\d)(?P<word>))"
)
# 'trong3-6', '2025theo': a word of plain letters is cut from its number only when it is one
# Vietnamese syllable of three letters or more (never 'm2', 'co2', 'kwh', 'pm2').
_PLAIN_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_UNIT_SYLLABLES = frozenset({"gam", "lit", "mol", "ton", "tan", "kip", "yen", "won", "bit"})
_GLUED_NGAY = re.compile(r"ngày\b(?<=[A-ZĐg]ngày)")  # '…/NQ-CPngày 08': a symbol typed against 'ngày'
_ROMAN_HEAD = re.compile(r"[IVX]{1,4}\.(?=[A-ZĐ])")  # 'I.KẾT QUẢ', at a line's start
_GLUED_STOP = re.compile(
    rf"\.(?:(?<=[{_MARKED_LOWER}]\.)(?=[{_LOWER}])|(?<=[{_LOWER}]\.)(?=[{_LOWER}]{{0,2}}[đ{_MARKED_LOWER}]))"
)
_KHOA = re.compile(r"(?:khóa|khoá|Khóa|Khoá)(?=[IVX]{1,5}\b)")  # 'khóaXII'
# 'Hà GiangHơn 350.000', 'vàTết', 'xãTrung Lý': two Vietnamese words typed as one, cut before the capital;
# 'Nhân dân05/12/2025'; 'Nông dânTP.Bắc Kạn', 'bãoYAGI', 'tỉnhUBND': a word with a Vietnamese vowel
# typed against an acronym. One scan over the capitals and digits.
_CAMEL = re.compile(
    rf"[A-ZĐ\d](?:(?<=[{_LOWER}][A-ZĐ])(?=[a-z]{{0,3}}[đ{_MARKED_LOWER}])|(?<=[{_MARKED_LOWER}][A-ZĐ])(?=[a-z]{{2}})"
    rf"|(?<=[{_LOWER}]\d)(?=\d?/\d{{1,2}}/(?:19|20)\d\d)"
    rf"|(?=[A-ZĐ])(?:(?<=[{_MARKED_LOWER}][A-ZĐ])|(?<=[{_MARKED_LOWER}][a-z][A-ZĐ])|(?<=[{_MARKED_LOWER}][a-z][a-z][A-ZĐ])))"
)
# 'hỗtrợ', 'trênkhu', 'biếnphức': two syllables typed as one word. A Vietnamese syllable has one
# vowel group, closed by at most one of the codas below; a word whose first syllable carries a
# Vietnamese vowel and ends before a second full syllable is cut in two. Found from the marked
# vowel (a scan over the few such letters), its word's start checked after.
_VOWELS = class_body(
    c
    for c in map(chr, range(0x61, 0x1EFA))
    if c.isalpha() and c.islower() and c != "đ" and unicodedata.normalize("NFD", c)[0] in "aeiouy"
)
_MARKED_VOWELS = class_body(
    c
    for c in map(chr, range(0xE0, 0x1EFA))
    if c.isalpha() and c.islower() and c != "đ" and unicodedata.normalize("NFD", c)[0] in "aeiouy"
)
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_GLUED_SYLLABLES = re.compile(
    rf"[{_MARKED_VOWELS}][{_VOWELS}]{{0,2}}(?:ch|ng|nh|c(?!h)|m|n(?![gh])|p(?!h)|t(?![hr]))?(?={_ONSET}[{_VOWELS}]{{1,3}}{_CODA}(?![\w]))"
)
# Speed: the scan only looks for a vowel, consonants and a vowel again inside a word (which one
# Vietnamese syllable never holds); the few places found are then checked as two syllables.
_GLUED_CANDIDATE = re.compile(rf"[{_MARKED_VOWELS}][{_VOWELS}]{{0,2}}+[bcdđghklmnpqrstvx]{{1,4}}+[{_VOWELS}]")
_SYLLABLE_HEAD = re.compile(rf"(?<![\w]){_ONSET}?[{_VOWELS}]{{0,2}}$")
# '35-370C', 'dưới 100C': a temperature whose degree sign became a '0' when the text was
# copied out of Word; only in a text about the weather, and only for 1-45 degrees.
_LOST_DEGREE = re.compile(r"(?<![\d.,])(?:[1-9]|[1-4]\d)(?=0C(?![\wÀ-ỹ]))")
_WEATHER = re.compile(r"nhiệt|rét|lạnh|nóng|nắng|thời tiết|ấm", re.IGNORECASE)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def unglue(text: str) -> tuple[str, list[int]]:
    """The text with a space put between such a word and its number (or a symbol and 'ngày', a
    temperature and its lost degree sign, an amount and its currency or its product sign), and
    where each space was put (in the new text), so that replacements still point into the original."""
    cuts = []
    for m in _GLUED_DIGIT.finditer(text):
        kind = m.lastgroup
        if kind == "times":
            cuts += [m.end(), m.end() + 1]
        elif kind is None:
            if not _index_head(text, m):
                cuts.append(m.end())
        elif kind == "after":
            word = text[m.end() : m.end() + 5].split()[0] if text[m.end() : m.end() + 5].strip() else ""
            word = re.match(r"[a-z]*", word).group()  # type: ignore[union-attr]
            if _plain_word(word):
                cuts.append(m.end())
        elif kind == "word":  # 'số123/QĐ-UBND', 'Sáng9/9', 'trong3-6': a word typed against a number
            start = m.start()
            while start and text[start - 1].isalpha():
                start -= 1
            word = text[start : m.start()]
            plain = word.isascii() and _plain_word(word.lower())
            if len(word) > 1 and (plain or not word.isascii()) and (not start or not _is_word_char(text[start - 1])):
                cuts.append(m.start())
        else:  # the word before the digit must start a word
            start = m.start() - int(kind[1])
            if not start or not _is_word_char(text[start - 1]):
                cuts.append(m.start())
    cuts += [m.start() for m in _GLUED_NGAY.finditer(text)] if "ngày" in text else []
    cuts += [m.start() for m in _CAMEL.finditer(text)]
    if "." in text:  # 'tiêm phòng gia súc.động vật': a sentence's words typed against its full stop
        cuts += [m.end() for m in _GLUED_STOP.finditer(text)]
    line_start = 0
    while line_start >= 0:
        if roman := _ROMAN_HEAD.match(text, line_start):
            cuts.append(roman.end())
        line_start = text.find("\n", line_start) + 1 or -1
    if "hóa" in text or "hoá" in text:
        cuts += [m.end() for m in _KHOA.finditer(text)]
    for candidate in _GLUED_CANDIDATE.finditer(text):
        glued = _GLUED_SYLLABLES.match(text, candidate.start())
        if glued and _SYLLABLE_HEAD.search(text, max(0, glued.start() - 5), glued.start()):
            cuts.append(glued.end())
    if "0C" in text and _WEATHER.search(text):
        cuts += [m.end() for m in _LOST_DEGREE.finditer(text)]
    cuts = sorted(set(cuts))
    if not cuts:
        return text, []
    inserted: list[int] = []
    pieces, pos = [], 0
    for cut in cuts:
        pieces.append(text[pos:cut])
        inserted.append(cut + len(inserted))
        pos = cut
    pieces.append(text[pos:])
    return " ".join(pieces), inserted


# '- 2Công văn 1552/…', '3Thủ tục tặng…': a list's index typed against its first word, left for the
# numbered-point rule (a space would make it a count: 'hai Công văn').
_INDEX_HEAD = re.compile(r"[ \t]{0,8}(?:[-+•*–][ \t]{0,3})?\d?")


def _plain_word(word: str) -> bool:
    return len(word) > 2 and word not in _UNIT_SYLLABLES and _PLAIN_SYLLABLE.fullmatch(word) is not None


def _index_head(text: str, m: re.Match[str]) -> bool:
    if not text[m.end() + 1 : m.end() + 2].islower():
        return False
    return _INDEX_HEAD.fullmatch(text, text.rfind("\n", 0, m.start()) + 1, m.start()) is not None


def original_position(pos: int, inserted: list[int]) -> int:
    return pos - bisect.bisect_right(inserted, pos - 1)
