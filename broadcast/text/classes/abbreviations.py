"""Abbreviations (UBND, CT-XH, Hội ND) and the remaining symbols (the slash is in slash.py, places and people in names.py).

An abbreviation is read from, in order: the word before it (context entries such as
'Hội ND', 'Ban TG'), the commune's and the built-in lexicon, what the text itself defined
('Trung tâm phục vụ hành chính công (TTPVHCC)'); an unknown one is spelled and reported.
"""

from __future__ import annotations

import re
import unicodedata

from broadcast.text import lexicon
from broadcast.text.classes.abbr_context import (
    BEFORE_LEVEL,
    BEFORE_YEAR,
    BY_BEFORE,
    BY_NEXT,
    DEFINED_AS,
    FROM_PLACE,
    NAME_ENDS,
    NOT_BEFORE_NUMBER,
    PERSON_CAPS,
    ROLES,
)
from broadcast.text.classes.initials import defined_in_text, initial_of, sense_in_text
from broadcast.text.classes.names import OFFICE_AFTER
from broadcast.text.classes.roman import ROMAN_WORDS
from broadcast.text.numbers import read_int, roman_to_int
from broadcast.text.repeats import glossed_after, paraphrased_before, said_just_before, said_near, said_once
from broadcast.text.tagging import CAPITAL, UPPER, Ctx, rule, spell


def _abbr_pattern(second: str) -> str:
    """A word of capitals ('UBND', 'ThS'), or with a dash before a capital ('ủy-HĐND-UBND'): a
    capital of the class `second` must follow the first letter within twelve."""
    return (
        rf"[{UPPER}](?=[{UPPER}A-Za-z]{{0,11}}?[{second}]|[{UPPER}A-Za-z]{{0,11}}[-&][{UPPER}])"
        rf"[{UPPER}A-Za-z]{{0,11}}(?:[-&][{UPPER}][{UPPER}A-Za-z]{{0,11}}){{0,4}}"
    )


# UPPER's range À-Ỹ takes in small letters too. In brackets that is kept: names of places go with
# the initials ('(PC Quảng Ngãi)'). A word alone needs a true second capital (CAPITAL); every 'đơn',
# 'địa', 'Văn' would otherwise be taken and given back, hundreds of times in a page.
_ABBR = _abbr_pattern(UPPER)
_ABBR_WORD = _abbr_pattern(CAPITAL)


def _initials_match(abbr: str, words: list[str]) -> int:
    """How many of the last words spell the abbreviation by their initials (0 if they do not)."""
    letters = [initial_of(c) for c in abbr if c.isalpha() and c.isupper()]
    i, used = len(letters) - 1, 0
    for word in reversed(words):
        if i < 0:
            break
        used += 1
        if word.lower() in ("và", "của") or not word[:1].isalpha():
            continue
        if initial_of(word[0].upper()) != letters[i]:
            return 0
        i -= 1
    return used if i < 0 else 0


def _initials_near(abbr: str, words: list[str], before: str) -> str:
    """_initials_match on the last words, or ending one to three words earlier: 'căn cước công
    dân gắn chíp (CCCD)', 'Bảo hiểm xã hội Việt Nam (BHXH)' (a name, then what it qualifies),
    with no figure and no punctuation between the name and the bracket. Returns the name
    (lower-case), or '' when the words before do not spell it."""
    if len([c for c in abbr if c.isupper()]) < 2:
        return ""
    if (compound := _compound_match(abbr, words)) is not None:
        return compound
    for skip in range(4):
        used = _initials_match(abbr, words[: len(words) - skip])
        if used and skip:
            span = " ".join(words[-used - skip :])
            tail = before[-len(span) - 8 :] if span else ""
            if any(c.isdigit() for c in span) or not re.search(re.escape(span) + r"[ \t]*\(?$", tail):
                return ""  # 'trên 60mm như: Thần Sa (Thái Nguyên)': not one phrase
        if used:
            return " ".join(words[len(words) - skip - used : len(words) - skip]).lower()
    return ""


def _compound_match(abbr: str, words: list[str]) -> str | None:
    """'Tổng điều tra nông thôn, nông nghiệp (TĐTNN)': each letter the initial of a word or of a
    two-syllable word's first syllable ('nông thôn' N), the name ending right at the bracket.
    Four letters or more: a looser alignment on fewer finds names that are not there."""
    letters = [initial_of(c) for c in abbr if c.isalpha() and c.isupper()]
    if len(letters) < 4 or len(words) < len(letters):
        return None
    tail = words[-2 * len(letters) :]

    def fits(i: int, j: int) -> bool:
        """letters[i:] are spelled by exactly tail[j:]."""
        if i == len(letters):
            return j == len(tail)
        if j >= len(tail) or not tail[j][0].isalpha() or initial_of(tail[j][0]) != letters[i]:
            return False
        second = j + 1 < len(tail) and tail[j + 1][:1].islower() and tail[j + 1][0].isalpha()
        return fits(i + 1, j + 1) or (second and fits(i + 1, j + 2))

    for start in range(len(tail) - len(letters), -1, -1):
        if fits(0, start):
            span = tail[start:]
            return " ".join(span).lower() if len(span) > len(letters) else None
    return None


_BIRTH_YEAR = {"SN": "sinh năm", "NS": "năm sinh"}
# '(Ban QLRPH)', '(Sở TN&MT)': the kind of body written out before its initials
_ORG_WORD = "Ban|Sở|Phòng|Hội|Đội|Chi cục|Cục|Trung tâm|Trường|Công ty|Bộ|Viện|Quỹ|Đoàn"


@rule(
    "bracket_abbr",
    "viết tắt trong ngoặc",
    rf"\([ \t]?(?:(?:{_ORG_WORD})[ \t])?{_ABBR}(?:(?:[ \t]?[/,&][ \t]?|[ \t]và[ \t]|[ \t]){_ABBR}(?:\.{_ABBR})?){{0,2}}"
    r"(?:[ \t](?:19|20)\d\d)?[ \t]?\)",
    priority=92,
)
def _bracket_abbr(m: re.Match[str], ctx: Ctx) -> str:
    """'cải cách hành chính (CCHC)' is heard once; a defined one is remembered for the text;
    '… nông nghiệp năm 2025 (TĐTNN 2025)' too, the year with it; 'Ban Quản lý Rừng phòng hộ
    Trạm Tấu (Ban QLRPH)', '… và Cứu nạn cứu hộ (PCCC và CNCH)' too."""
    token = m.group()[1:-1].strip()
    before = ctx.before(m, 160)
    org = re.match(rf"({_ORG_WORD})[ \t]+(?=\S)", token)
    if org:
        said = _bracket_reading(token[org.end() :], re.sub(r"[ \t]*\($", "", before) + " ", ctx)
        named = re.search(rf"\b{org.group(1)}\b", before[-100:])
        return "" if said == "" and named else f"({org.group(1)} {said.strip('()') or token[org.end() :]})"
    year = re.search(r"[ \t]((?:19|20)\d\d)$", token)
    if not year:
        return _bracket_reading(token, before, ctx)
    head = token[: year.start()].strip()
    if head in ("SN", "NS"):  # 'anh Siu Niêm (SN 2006)': a birth year, never the initials of the name
        return f"({_BIRTH_YEAR[head]} {read_int(int(year.group(1)))})"
    before = re.sub(rf"(?:\bnăm[ \t]+)?{year.group(1)}[ \t]*$", "", before)
    said = _bracket_reading(head, before, ctx)
    return f"{said[:-1]} {read_int(int(year.group(1)))})" if said else ""


# Said as letters on air ('chống khai thác IUU' is 'i u u'), yet in brackets after its meaning not read again.
_MEANING = {"IUU": "khai thác bất hợp pháp, không báo cáo và không theo quy định"}


def _bracket_reading(token: str, before: str, ctx: Ctx) -> str:
    numbered = re.fullmatch(rf"((?i:{ROMAN_WORDS}))[ \t]+([IVXLC]+)", token)
    if numbered and (value := roman_to_int(numbered.group(2))):
        return f"({numbered.group(1)} {read_int(value)})"  # '(Khoá VI)', '(Phần IV)'
    words = re.findall(r"[\wÀ-ỹ]+", before)
    if re.search(r"[ /,&]", token) and token not in ctx.phrases and token not in ctx.lex:
        named = _initials_near(re.sub(r"[^\w]", "", token), words, before)
        if named and not re.search(r"[a-zà-ỹđ]{2}", token):
            ctx.learned.setdefault(token, named)  # 'thực hiện KHBV&PTR' later in the text
            return ""  # 'hòa giải, đối thoại (HG, ĐT)': the initials of the words just said
        return _bracket_phrase(re.split(r"[ /,]+", token), before, ctx, ", " if re.search("[/,]", token) else " ")
    known = ctx.phrases.get(token) or ctx.lex.get(token) or ctx.learned.get(token)
    meant = _MEANING.get(token, known)
    if meant and (said_just_before(meant, before) or said_near(meant, words) or paraphrased_before(meant, before)):
        return ""
    if re.fullmatch(r"[A-Z]{2}[a-z]{1,3}[A-Z]{1,4}", token):
        return f"({known or _read_abbr(token, ctx)})"  # '… định danh điện tử quốc gia (VNeID)': the app's name, said
    named = _initials_near(token, words, before)
    if named:
        if not known:
            ctx.learned[token] = named
        return ""
    if known and _is_spelled(known) and len(words) >= 2 and re.search(r"[\wÀ-ỹ][ \t]?$", before):
        return ""  # 'Tổng sản phẩm trong nước (GDP)': a foreign acronym of the name just said
    if known:
        return f"({known})"
    if "bão" in (w.lower() for w in words[-3:]) and token.isalpha():
        return f"({token.capitalize()})"  # 'bão số 5 (NESAT)': the storm's name, said as a word
    acronym = looks_like_acronym(token) or (token.isascii() and token.isupper() and len(token) >= 3)
    if acronym and re.search(r"[\wÀ-ỹ][ \t]?$", before) and len(words) >= 2:
        # 'vaccine Sởi-Rubella (MR)', 'Tổ chức Hỗ trợ NCT quốc tế (HAI)': the initials of a name already said
        return ""
    return f"({_read_abbr(token, ctx)})"


@rule(
    "bracket_head_abbr",
    "viết tắt đầu ngoặc",
    rf"\([ \t]?(?:{_ABBR}(?=[ \t]?,[ \t]?[A-ZĐÀ-Ỹ][a-zà-ỹ])|[a-zđ]{{2,6}}(?=[ \t]?\)))",
    priority=91,
)
def _bracket_head_abbr(m: re.Match[str], ctx: Ctx) -> str:
    """'Cục Cảnh sát giao thông (CSGT, Bộ Công an)': the bracket's head only shortens the name just
    said, the rest is read; 'dịch vụ công (dvc)': initials typed small, the same."""
    token = m.group().lstrip("( \t")
    before = ctx.before(m, 160)
    words = re.findall(r"[\wÀ-ỹ]+", before)
    known = ctx.phrases.get(token) or ctx.lex.get(token) or ctx.learned.get(token)
    if (known and said_just_before(known, before)) or _initials_near(token.upper(), words, before):
        return "(" if token.isupper() else ""
    return "(" + (known or _read_abbr(token, ctx)) if token.isupper() else m.group()


@rule(
    "bracket_tail_abbr",
    "viết tắt cuối ngoặc",
    rf"[-–][ \t]?(?=[A-ZĐ](?:[A-ZĐ]|&[A-ZĐ])){_ABBR}(?=[ \t]?\))",
    priority=91,
)
def _bracket_tail_abbr(m: re.Match[str], ctx: Ctx) -> str:
    """'(Bộ Tài nguyên và Môi trường - TN&MT)': the initials of the name just said in the bracket."""
    token = m.group().lstrip("-– \t")
    before = ctx.before(m, 160)
    known = ctx.phrases.get(token) or ctx.lex.get(token) or ctx.learned.get(token)
    if (known and said_just_before(known, before)) or _initials_near(token, re.findall(r"[\wÀ-ỹ]+", before), before):
        return " "
    return ", " + _read_abbr(token, ctx)


def bracketed_phrase(m: re.Match[str], ctx: Ctx) -> str:
    """A dictionary phrase ('PAR Index'); in brackets right after its own expansion it is not read again."""
    reading = ctx.phrases[m.group()]
    if m.group() in ("TP.", "TP") and OFFICE_AFTER.match(ctx.after(m, 16)):
        return "trưởng phòng"  # 'đ/c Nguyễn Phạm Phi Vân - TP. Tư pháp'
    if m.group() == "t/h" and re.search(r"\d[ \t]$", ctx.before(m, 2)):
        return "trường hợp"  # '1.735 t/h vi phạm': cases counted, not a byline's 'tổng hợp'
    closes = re.match(r"[ \t]*(?:\d{4}[ \t]*)?\)", ctx.after(m, 8))  # '(Par Index 2023)'
    if ctx.before(m, 1) == "(" and closes and _said_before(reading, ctx.before(m, 160)[:-1]):
        return ""
    return said_once(reading, m, ctx)  # 'chỉ số PAR INDEX': 'chỉ số' is not said twice


def _said_before(reading: str, before: str) -> bool:
    return said_just_before(reading, before) or paraphrased_before(reading, before)


# The names of the letters, as a word read letter by letter is said.
_LETTER_NAMES = "a bê xê dê đê e ép gờ hát i gi ca lờ mờ nờ o ô ơ pê quy rờ ét xì tê u ư vê kép ích dài dét em en ai đi"
_LETTER_SYLLABLES = frozenset(_LETTER_NAMES.split())


def _is_spelled(reading: str) -> bool:
    """'gờ đê pê': a reading that only names letters (a foreign acronym said letter by letter)."""
    return all(s in _LETTER_SYLLABLES for s in re.split(r"[ -]+", reading.lower()) if s)


def _bracket_phrase(tokens: list[str], before: str, ctx: Ctx, sep: str = " ") -> str:
    """'Bảo hiểm xã hội TP.HCM (BHXH TP.HCM)': several abbreviations in brackets that only
    shorten what was just said are not read again."""
    readings = [ctx.phrases.get(t) or ctx.lex.get(t) or ctx.learned.get(t) or _read_abbr(t, ctx) for t in tokens]
    said = before
    for t, r in zip(tokens, readings, strict=True):
        said = said.replace(t, r)
    expected = " ".join(" ".join(readings).lower().replace(",", " ").split())
    if " ".join(re.sub(r"[,/]", " ", said.lower()).split()).endswith(expected):
        return ""
    # '… khoa học, công nghệ và đổi mới sáng tạo (KH-CN và ĐMST)': every word of the readings among
    # the last words said, in their own order or not: the bracket only shortens the name
    words = expected.split()
    recent = set(re.findall(r"[\wÀ-ỹ]+", before.lower())[-(len(words) + 6) :])
    if len(words) >= 5 and all(w in recent for w in words):
        return ""
    return f"({sep.join(readings)})"


def _read_abbr(token: str, ctx: Ctx, prev: str = "") -> str:
    if prev and (prev.lower(), token) in ctx.context:
        return ctx.context[(prev.lower(), token)]
    if token in ctx.lex:
        return ctx.lex[token]
    if token in ctx.learned:
        return ctx.learned[token]
    parts = re.split(r"([-&])", token) if "-" in token or "&" in token else [token]  # speed: split rarely
    if (
        len(parts) > 1
        and all(p in ctx.lex or p in "-&" or p.islower() or (p.istitle() and len(p) > 2) for p in parts)
        and any(p in ctx.lex for p in parts)
    ):
        # 'Đảng ủy-HĐND-UBND-UBMTTQVN': bodies joined by dashes, a word among them kept ('Xuyên-TUV')
        return " ".join({"-": "–", "&": "và"}.get(p, ctx.lex.get(p, p)) for p in parts)
    if not looks_like_acronym(token):
        return token
    head = next((h for h in _TITLE_HEADS if token.startswith(h) and token[len(h) :] in ctx.lex), None)
    if head and len(token) - len(head) >= 2:
        return f"{_TITLE_HEADS[head]} {ctx.lex[token[len(head) :]]}"  # 'CTUBMTTQVN', 'TVĐU': a title, then its body
    if _ENGLISH_WORD.fullmatch(token) and sum(c in "AEIOUY" for c in token) / len(token) >= 0.35:
        ctx.unknown.append(token)
        return token.lower()  # 'FESTIVAL', 'HYDRO': an English word in capitals, said as a word
    if said := defined_in_text(token, ctx):
        return said
    ctx.unknown.append(token)
    ctx.spelled.append(token)
    return " và ".join(spell(part) for part in token.split("&"))  # 'P&G': 'pê và gờ'


# Titles typed against the body they hold office in ('CTUBMTTQVN' chủ tịch ủy ban mặt trận…, 'TVĐU').
_TITLE_HEADS = {
    **{"PCT": "phó chủ tịch", "CT": "chủ tịch", "PBT": "phó bí thư", "BT": "bí thư", "UV": "ủy viên"},
    **{"TV": "thường vụ", "PGĐ": "phó giám đốc", "GĐ": "giám đốc", "PTB": "phó trưởng ban", "TB": "trưởng ban"},
}
# Five ASCII capitals or more with no run of three consonants: a word, not initials.
_ENGLISH_WORD = re.compile(r"(?![A-Z]*[^AEIOUY\W\d_]{3})[A-Z]{5,14}")


_CONTEXT_TOKENS = {abbr for _, abbr in lexicon.CONTEXT}
_NAMED_AFTER = {"bão", "siêu", "áp", "hoàn", "tàu"}  # 'bão YAGI': a name, said as a word


@rule("abbr", "chữ viết tắt", rf"\b{_ABBR_WORD}\b", priority=93)
def _abbr(m: re.Match[str], ctx: Ctx) -> str:
    token = m.group()
    if sum(map(str.isupper, token)) < 2:
        return token  # 'đã', 'Đà': the capitals range À-Ỹ takes in small letters too; not an abbreviation
    if "-" in token and FROM_PLACE.search(ctx.before(m, 40)) and all(p[1:].islower() for p in token.split("-")):
        return token.replace("-", " đến ")  # 'từ Thanh Hóa-Đà Nẵng': two places, from one to the other
    name, _, title = token.partition("-")
    if title in ctx.lex and name[1:].islower() and len(name) > 1:
        return f"{name}, {ctx.lex[title]}"  # 'Đỗ Thị Thu Vũ-TUV': a name, then the title typed against it
    if token in BY_NEXT:
        for pattern, window, reading in BY_NEXT[token]:
            if pattern.match(ctx.after(m, window)):
                return reading
    if token in BY_BEFORE and BY_BEFORE[token][0].search(ctx.before(m, 24)):
        return BY_BEFORE[token][1] or spell(token)
    if token in BEFORE_LEVEL and re.match(r"[ \t)]{0,3}(?:[1-3]|I{1,3})\b", ctx.after(m)):
        return BEFORE_LEVEL[token]
    if token in BEFORE_YEAR and re.match(r"[ \t.]{1,3}(?:1[89]|2\d)\d\d\b", ctx.after(m)):
        return BEFORE_YEAR[token]
    if token in NOT_BEFORE_NUMBER and not re.match(r"[ \t.]{0,3}\d", ctx.after(m)) and token not in ctx.phrases:
        prev = ctx.prev_word(m)
        return ctx.context.get((prev.lower(), token), NOT_BEFORE_NUMBER[token])
    before = ctx.before(m, 24)
    if (
        PERSON_CAPS.search(before)
        and len(token) <= 4
        and (token not in ctx.lex or re.match(r"[ \t]*\(", ctx.after(m, 4)))
        and token not in ROLES
        and NAME_ENDS.match(ctx.after(m, 8))
    ):
        return spell(token)  # 'tại gia đình ông CNC (khu dân cư…)': a person's initials, not 'công nghệ cao'
    if "tắt" in before and DEFINED_AS.search(before):
        return spell(token)  # '(viết tắt là CTRSH)': the letters themselves are what is being said
    if token in ctx.lex and token not in _CONTEXT_TOKENS:
        if ctx.after(m, 3).lstrip(' \t"”')[:1] == "(" and glossed_after(ctx.lex[token], ctx.after(m, 120)):
            return ""  # 'khai thác IUU (bất hợp pháp, không khai báo…)': the bracket says it in words
        return said_once(sense_in_text(token, ctx.lex[token], ctx), m, ctx)  # the common case
    prev = ctx.prev_word(m)
    if not prev and token in _CONTEXT_TOKENS:  # 'Lưu: VT, TH.': the word before a comma in a list
        listed = re.search(r"([\wÀ-ỹ]+)[ \t]*,[ \t]*$", ctx.before(m, 24))
        prev = listed.group(1) if listed else ""
    storm = re.search(r"(?:\bbão(?: số \d{1,2})?|tên quốc tế(?: là)?)[ \t]*$", ctx.before(m, 24), re.I)
    if storm and token not in ctx.lex and token.replace("-", "").isalpha():
        return token.capitalize()  # 'bão số 12 FENGSHEN', 'tên quốc tế là YAGI': the storm's name, said as a word
    value = roman_to_int(token) if set(token) <= set("IVX") else None
    word_like = token in ("VI", "XI", "DI", "LI", "MI", "CI") and not re.match(r"[ \t]*(?:[,.;:)]|$)", ctx.after(m))
    if value and len(token) >= 2 and token not in ctx.lex and not ctx.line(m).caps and not word_like:
        return read_int(value)  # 'báo động III', 'Đại hội XIII': a Roman numeral standing alone
    return said_once(_read_abbr(m.group(), ctx, prev), m, ctx)


_SYLLABLE = re.compile(
    r"(?:NGH|NG|NH|CH|GH|GI|KH|PH|TH|TR|QU|[BCDĐGHKLMNPRSTVX])?"
    r"[AĂÂEÊIOÔƠUƯYÀ-Ỹ]{1,3}(?:NG|NH|CH|[CMNPTIOUY])?"
)


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def looks_like_acronym(token: str) -> bool:
    """An upper-case run that cannot be one Vietnamese syllable written in capitals."""
    letters = token.replace("-", "").replace("&", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    if not letters.isascii() and _TONE_MARKS.intersection(unicodedata.normalize("NFD", letters)):
        return False  # 'ĐẮK LẮK', 'HUẾ': a tone mark is never written in initials
    if letters.isascii() and len(letters) >= 3 and letters.endswith(("P", "T", "C", "CH")):
        return True  # 'DAP', 'MAT': a syllable closed by p/t/c/ch always carries a tone mark
    if re.search(r"([ĂÂEÊIUƯY])\1", letters):
        return True  # 'SII', 'GII': such a doubled vowel is never one syllable ('NOAA' is said as a word)
    return not _SYLLABLE.fullmatch(letters)


SYMBOLS = {
    "%": " phần trăm",
    "&": " và ",
    "=": " bằng ",
    "@": " a còng ",
    "~": " khoảng ",
    ">": " lớn hơn ",
    "<": " nhỏ hơn ",
    "≥": " từ ",
    "≤": " không quá ",
    "±": " cộng trừ ",
    "…": ". ",
    "²": " vuông",
    "³": " khối",
    "°": " độ",
    "℃": " độ xê",
    "‰": " phần nghìn",
    "$": " đô la ",
    "€": " ơ-rô ",
    "[": ", ",
    "]": ", ",
    "½": " một phần hai ",
    "¼": " một phần tư ",
    "¾": " ba phần tư ",
    "⅓": " một phần ba ",
    "⅔": " hai phần ba ",
}


@rule(
    "abbr_dot",
    "dấu chấm giữa hai chữ viết tắt",
    r"(?<=[A-ZĐ]{2})\.(?=[A-ZĐ]{2})|(?<=[a-zà-ỹđ])\.(?=v\.v)"
    r"|(?:(?<=TS)|(?<=BS)|(?<=GS)|(?<=KS)|(?<=ThS)|(?<=CK\d)|(?<=CKI)|(?<=CKII))\.(?=[ \t]+[A-ZĐ])"
    r"|(?:(?<=\bTT)|(?<=\bVP))\.(?=[ \t]+[A-ZĐ])",
    priority=97,
    anywhere=True,
)
def _abbr_dot(m: re.Match[str], ctx: Ctx) -> str:
    """'TTVH.HTCĐ', 'P.CT.UBND': two abbreviations joined by a dot are read one after the other;
    'dân tộc.v.v.' trails off a list."""
    return ", " if ctx.after(m, 1) == "v" else " "


@rule(
    "symbol",
    "ký hiệu",
    r"\(\*\)|[ \t](?:\|+|>{2,3}|\*{2,8}|={2,12}|=>|->|(?<=[ \t])\*(?=[ \t]))[ \t]?"  # (speed: the blank taken first)
    r"|(?:\|+|>{2,3}|\*{2,8}|={2,12}|=>|->|(?<=[ \t])\*(?=[ \t]))[ \t]?|[%&*+/=@#~_<>§°\\^\[\]{}≥≤±²³℃‰$€½¼¾⅓⅔]|\.{3,8}|…",
    priority=99,
    anywhere=True,
)
def _symbol(m: re.Match[str], ctx: Ctx) -> str:
    """A symbol's name; '|' between table cells, a '>>' bullet and a '*****' row only separate, a pause."""
    core = m.group().strip()
    if core in ("*", "(*)") and re.search(r"\bdấu[ \t]*\(?$", ctx.before(m, 8)):
        return " sao "  # 'các ô có gắn dấu (*)': the asterisk is named
    if core == "(*)":
        return " "  # a footnote's mark
    if core.startswith(("|", ">>", "*", "==", "=>", "->")) and (core != "*" or m.group() != "*"):
        return ", " if re.match(r"[ \t]*[^\s|]", ctx.after(m)) else " "  # a cell closing the line: nothing
    if m.group() == "+" and ctx.before(m, 1) == " " and ctx.after(m, 1) == " ":
        return ", "  # 'uốn ván + bại liệt + Hib': parts listed, a short pause between them
    if m.group() == "+" and ctx.before(m, 1).isalpha() and not ctx.after(m, 1).isalnum():
        # 'Google+', 'VTV+': the plus is part of the name; 'VietNam+' is the agency's 'Vietnam Plus'
        return " Plus" if ctx.before(m, 7).lower() == "vietnam" else " cộng"
    if m.group().startswith("..") or m.group() == "…":
        # '…' ends a sentence; before a lower-case word or a closing bracket it only trails off a list
        # ('tin nhắn… hướng dẫn', '(rượu, bia,…) khi').
        return ", " if re.match(r"[ \t]*(?:[;,]?[ \t]*[a-zà-ỹđ]|[)\],;])", ctx.after(m)) else ". "
    if (
        m.group() == "~"
        and re.search(r"\d(?:[ \t]*[\w%]+){0,2}[ \t]*$", ctx.before(m, 20))
        and not re.search(r"(?:tăng|giảm|đạt|là|còn|mức)[ \t]*$", ctx.before(m, 8))  # 'tăng ~11,7%': about
        and re.match(r"[ \t]*\d", ctx.after(m, 3))
    ):
        return " đến "  # '25 triệu đồng ~ 30 triệu đồng': between two amounts, a range
    if (
        m.group() == ">"
        and re.search(r"(?:[^\W\d]|[)\]])[ \t]$", ctx.before(m, 2))
        and re.match(r"[ \t][^\W\d]", ctx.after(m, 2))
    ):
        return ", "  # 'Đăng nhập VNeID > nhấn vào …': the next step of a menu
    if m.group() == "½" and not ctx.before(m, 1).isdigit():
        return " nửa "  # 'Đại hội tiến hành ½ ngày': half a day
    if m.group() == "≥" and re.search(r"\btừ[ \t]*$", ctx.before(m, 6)):
        return " "  # 'người dân từ ≥ 40 tuổi': 'từ' is already said
    if m.group() in "<>" and re.match(r"[ \t]?\d", ctx.after(m, 3)):
        return " dưới " if m.group() == "<" else " trên "  # 'trẻ < 1 tuổi': under one year old
    return SYMBOLS.get(m.group(), " ")


@rule("lower_abbr", "chữ viết tắt viết thường", r"\b[bcdđghklmnpqrstvxy]{3,7}\b|\bvv(?=[.…])", priority=94)
def _lower_abbr(m: re.Match[str], ctx: Ctx) -> str:
    """'đóng bhxh 15 năm', 'ubnd xã': a known abbreviation typed in small letters (no Vietnamese
    word is all consonants); 'Đình Cao, vv….' trails off a list."""
    if m.group() == "vv":
        return "vân vân"
    token = m.group().upper()
    reading = ctx.lex.get(token)
    return reading if reading and looks_like_acronym(token) else m.group()
