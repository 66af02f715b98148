"""Vietnamese text normaliser for administrative speech: written form -> what an announcer says.

Hand-written and rule-based because the Vietnamese normalisers on PyPI misread
official-document text (document symbols, "tháng bốn", spelled-out acronyms, ranges).
A tagger finds spans of one semiotic class (the rules of `broadcast/text/classes/`, one
module per class) and each class's verbaliser says it. One pass over the text with a
single compiled alternation of rules, in priority order; every change is recorded with
its source span and rule so the interface can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from broadcast.text import classes, lexicon
from broadcast.text.classes.abbreviations import bracketed_phrase, looks_like_acronym
from broadcast.text.classes.doubled import typed_twice
from broadcast.text.classes.roman import ROMAN_WORDS
from broadcast.text.classes.structure import LIST_STYLES, PICTOGRAPHS
from broadcast.text.dispatch import BLANK, alternation, needs_digit
from broadcast.text.numbers import read_number_string, roman_to_int
from broadcast.text.spacing import original_position, squeeze_spaces, unglue
from broadcast.text.tagging import CAPITAL, RULES, UPPER, Ctx, Handler, Rule, trie_pattern
from broadcast.text.tones import retoned

assert classes.__all__  # the import registers every class's rules


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
    spelled: list[str] = field(default_factory=list)  # tokens read letter by letter
    removed: list[str] = field(default_factory=list)  # pictographs and emoji, never spoken


_ORDERED = sorted(RULES, key=lambda r: r.priority)
_HANDLERS: dict[str, tuple[str, Handler]] = {r.name: (r.label, r.handler) for r in _ORDERED}
_HANDLERS["phrase"] = ("từ điển cách đọc", bracketed_phrase)
# Speed: word-start rules sit behind one look-behind, so inside a word the engine tries
# only the few rules that may start anywhere instead of every alternative; and each
# alternation is grouped by the character a rule can start with (see dispatch.py).
_ALIASES: dict[str, str] = {}
# The rules that may start anywhere with a blank need what follows it: a serial after 'Số khung:', '%0',
# '‰', ' 00' after 'giờ', a slash, a '|', '>>', '**', '==', '->' (tests/text/test_dispatch.py checks it).
_BLANK_NEEDS = r"[ \t][ \t:A-Z0-9/%‰|>*=-]"


def _static(rules: list[Rule]) -> tuple[str, str, str]:
    """(the whole scan, its word-start alternation, its anywhere alternation) for these rules."""
    word_start = alternation(((r.name, r.pattern) for r in rules if not r.anywhere), _ALIASES, word_start=True)
    anywhere = alternation(((r.name, r.pattern) for r in rules if r.anywhere), _ALIASES, guards={BLANK: _BLANK_NEEDS})
    scan = (
        rf"(?<![\w])(?:{word_start})|(?=[\d\s/:%&*+=@#~_<>§°(|\\^\[\]{{}}.…≥≤±²³℃‰$€½¼¾⅓⅔{PICTOGRAPHS}])(?:{anywhere})"
    )
    return scan, word_start, anywhere


_STATIC, _WORD_START, _ANYWHERE = _static(_ORDERED)
# A text with no digit is scanned without the rules that need one (dispatch.needs_digit): same matches.
_STATIC_NO_DIGIT = _static([r for r in _ORDERED if not needs_digit(r.pattern)])[0]
_HANDLERS.update({alias: _HANDLERS[name] for alias, name in _ALIASES.items()})
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(
    rf"[{UPPER}](?=[{UPPER}A-Za-z]*?[{UPPER}]|[{UPPER}A-Za-z]*[-&][{UPPER}])[{UPPER}A-Za-z]*(?:[-&][{UPPER}][{UPPER}A-Za-z]*)*"
)


def _found_by_abbr_rule(key: str) -> bool:
    """Keys the abbreviation rule finds by itself (two capitals or more, with '-' or '&' inside)."""
    return _TOKEN.fullmatch(key) is not None


@lru_cache(maxsize=64)
def _master(phrase_keys: tuple[str, ...], digits: bool = True) -> re.Pattern[str]:
    """The rules (those that need a digit only if `digits`), preceded by whole-word matches of the
    lexicon's phrases (longest first)."""
    static = _STATIC if digits else _STATIC_NO_DIGIT
    if not phrase_keys:
        return re.compile(static, re.MULTILINE)
    alternatives = trie_pattern(list(phrase_keys))
    # 'Tp.Hà Tĩnh': a phrase typed against the next word by a dot is left to the rule for places;
    # 'T/h: Trung tâm DVC xã…' opening a line is a byline, left to the rule for credits.
    return re.compile(
        rf"(?P<phrase>(?<![\wÀ-ỹ])(?!T/[hH][ \t]*:)(?:{alternatives})(?![\wÀ-ỹ]|\.[^\W\d_][a-zà-ỹđ]))|{static}",
        re.MULTILINE,
    )


_BUILTIN_PHRASES = {k: v for k, v in lexicon.BUILTIN.items() if not _found_by_abbr_rule(k)}

Dictionaries = tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str], tuple[str, ...]]


@lru_cache(maxsize=64)
def _dictionaries(overrides: tuple[tuple[str, str], ...]) -> Dictionaries:
    """(lexicon, phrases, context entries, the phrases' keys for `_master`) for one commune lexicon, built once.

    Commune entries are matched as whole words wherever they stand and win over every
    built-in reading, context entries included; built-in keys that the abbreviation rule
    would not find as one token (Tp., v.v., Đ/c, Covid-19…) are phrases too.
    """
    own = {k: v for k, v in overrides if k.strip()}
    phrases = {**_BUILTIN_PHRASES, **own}
    context = {k: v for k, v in lexicon.CONTEXT.items() if k[1] not in own}
    return {**lexicon.BUILTIN, **own}, phrases, context, tuple(sorted(phrases))


_CAPS_WORD = re.compile(r"[\wÀ-ỹ&-]+")
# 'ẢNH: ĐỨC NHẬT', 'BÀI VÀ ẢNH: …': a credit line in capitals keeps them, for the credit rules to find
_CREDIT = re.compile(r"[ \t]*(?:ẢNH|ĐỒ HỌA|THỰC HIỆN|BÀI|TIN)(?:[ \t,]+(?:VÀ[ \t]+)?ẢNH)?[ \t]*:")
_VOWEL = re.compile("[AEIOUYĂÂÊÔƠƯÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĨŨƠƯẠ-Ỹ]")
_ROMAN_BEFORE = re.compile(rf"(?:^|\b(?:{ROMAN_WORDS}|thứ))[ \t]*$", re.I)


def _lower_caps_lines(text: str, lex: Mapping[str, str]) -> str:
    """Lines written all in capitals (titles) are read as ordinary words, acronyms kept.

    'XI MĂNG', 'VI PHẠM', 'DI DỜI' are words; a Roman numeral stays one only after a word
    that counts ('PHẦN IV', 'KHÓA XIII', 'CẤP V') or as the line's own number ('II. …').
    Lower-casing keeps every character's position, so replacement spans stay valid.
    """
    if not any(c.isupper() for c in text):
        return text
    out = []
    for line in text.split("\n"):
        if not any(c.islower() for c in line) and sum(c.isalpha() for c in line) >= 8 and not _CREDIT.match(line):
            line = _CAPS_WORD.sub(lambda w, caps=line: _caps_word(w, caps, lex), line)  # type: ignore[misc]
        out.append(line)
    return "\n".join(out)


def _caps_word(w: re.Match[str], line: str, lex: Mapping[str, str]) -> str:
    word = w.group()
    if len(word) == 1 and word in "BCDĐGHKLMNPQRSTX":
        return word  # an initial stays a capital ('H.TUYẾN - P.MAI', 'T/M BAN …')
    if roman_to_int(word.rstrip("-")):  # 'I-MỤC TIÊU': the word pattern takes the dash too
        head = line[max(0, w.start() - 16) : w.start()]
        after = line[w.end() - word.endswith("-") : w.end() + 2]
        if _ROMAN_BEFORE.search(head) and (head.strip() or after[:1] in ".)" or after.strip()[:1] in ("-", "–")):
            return word
        return word.lower()
    # An acronym stays ('UBND', 'CCHC'); a word that is also one ('TƯ' in 'ĐẦU TƯ') is a word here.
    if word in lex and looks_like_acronym(word):
        return word
    if ("-" in word or "&" in word) and any(p in lex and looks_like_acronym(p) for p in re.split("[-&]", word)):
        return word  # 'KTXH-QPAN', '18-NQ', 'QĐ-TTG': a symbol or joined acronyms
    if word.isalpha() and 1 < len(word) <= 5 and not _VOWEL.search(word):
        return word  # 'CÚP HQ': no vowel, no word; letters to spell
    return word.lower()


def normalize(
    text: str, *, lexicon_overrides: Mapping[str, str] | None = None, list_style: str = "mot_la"
) -> Normalized:
    """Spoken form of text, with every replacement, the unknown abbreviations, the tokens
    spelled letter by letter and the pictographs removed.

    `list_style` says how a numbered point at a paragraph start is announced: "mot_la"
    ('Một là, …'), "thu_nhat" ('Thứ nhất, …') or "so" (the plain number, 'Một, …').
    """
    if list_style not in LIST_STYLES:
        raise ValueError(f"list_style must be one of {LIST_STYLES}")
    lex, phrases, context, phrase_keys = _dictionaries(tuple(sorted((lexicon_overrides or {}).items())))
    squeezed, origin = squeeze_spaces(text)
    unglued, inserted = unglue(squeezed.translate(_LOOKALIKES) if _LOOKALIKE_RE.search(squeezed) else squeezed)
    prepared = _lower_caps_lines(unglued, lex)
    files = _IMAGE_FILE.findall(prepared) if _IMAGE_HINT.search(prepared) else []
    if files:  # blanked to spaces of the same length, so the spans of every replacement still hold
        prepared = _IMAGE_FILE.sub(_blank_file, prepared)
    replacements: list[Replacement] = []
    # Slips mended before the rules read the text, each the same length as what it replaces (a word
    # typed twice becomes blanks), so the spans of the rest still hold.
    retones = retoned(prepared)
    prepared = _mend(prepared, retones, "dấu gõ sai", text, inserted, origin, replacements)
    twice = [(start, end, " " * (end - start)) for start, end in typed_twice(prepared)]
    prepared = _mend(prepared, twice, "từ gõ lặp", text, inserted, origin, replacements)
    ctx = Ctx(prepared, lex, phrases, context, list_style)
    master = _master(phrase_keys, _DIGIT.search(prepared) is not None)
    ctx.removed.extend(files)
    pieces: list[str] = []
    pos = 0
    for m in master.finditer(prepared):
        label, handler = _HANDLERS[m.lastgroup or ""]
        spoken = _scrub(handler(m, ctx))
        if spoken == m.group():
            continue
        # '05suất', '3sạch', '17:10SKĐS': a number typed against a word is still two words.
        if spoken[-1:].isalpha() and prepared[m.end() : m.end() + 1].isalnum():
            spoken += " "
        if spoken[:1].isalpha() and m.start() and prepared[m.start() - 1].isalpha():
            spoken = " " + spoken
        pieces.append(prepared[pos : m.start()])
        pieces.append(spoken)
        start, end = _in_original(m.start(), m.end(), inserted, origin) if inserted or origin else m.span()
        replacements.append(Replacement(start, end, text[start:end], spoken.strip(), label))
        pos = m.end()
    pieces.append(prepared[pos:])
    return Normalized(
        spoken=_tidy("".join(pieces)),
        replacements=sorted(replacements, key=lambda r: r.start) if twice or retones else replacements,
        unknown=list(dict.fromkeys(ctx.unknown)),
        spelled=list(dict.fromkeys(ctx.spelled)),
        removed=list(dict.fromkeys(ctx.removed)),
    )


def _mend(
    prepared: str,
    fixes: list[tuple[int, int, str]],
    label: str,
    text: str,
    inserted: list[int],
    origin: list[int],
    replacements: list[Replacement],
) -> str:
    """`prepared` with each fix put in, each recorded (its spoken form stripped) against the original."""
    for start, end, new in fixes:
        prepared = prepared[:start] + new + prepared[end:]
        o_start, o_end = _in_original(start, end, inserted, origin)
        replacements.append(Replacement(o_start, o_end, text[o_start:o_end], new.strip(), label))
    return prepared


def _in_original(start: int, end: int, inserted: list[int], origin: list[int]) -> tuple[int, int]:
    """A span of the prepared text as a span of the text given."""
    if inserted:
        start, end = original_position(start, inserted), original_position(end, inserted)
    return (origin[start], origin[end]) if origin else (start, end)


# '13888-20251004153521.jpg': a picture's file name copied with the page, never read. Found here, not
# by a rule: a rule that may start at any word would scan every word of every text for it.
_IMAGE_HINT = re.compile(r"\.(?:jp|JP|png|PNG|gif|webp|doc|pdf|xls|ppt|zip|rar)")
_IMAGE_FILE = re.compile(r"\b[\w.()-]{1,120}\.(?:jpe?g|png|gif|webp|JPE?G|PNG|docx?|pdf|xlsx?|pptx?|zip|rar)\b")


def _blank_file(f: re.Match[str]) -> str:
    """A machine-made name goes whole ('bai-tuyen-truyen_25420249.docx'); a name in words keeps them
    ('TK đăng ký khai sinh.doc': only '.doc' goes)."""
    name, _, ext = f.group().rpartition(".")
    if re.search(r"[\d_-]", name) or ext.lower() in ("jpg", "jpeg", "png", "gif", "webp"):
        return " " * len(f.group())
    return name + " " * (len(ext) + 1)


# 'ÐVTN': the Icelandic eth typed for Đ (same look, another letter); one for one, spans stay valid.
# '2020‑2025': a non-breaking hyphen, a figure dash or a minus sign typed for the hyphen or the dash.
# 'đƣợc', 'thƣơng mại': the 'ư' a PDF's old font turns into 'ƣ' (the letter oi) when its text is copied.
# '22⁄6⁄2020': a fraction slash or a division slash typed for the slash.
_LOOKALIKE_CHARS = "Ðð\u2011\u2010\u2012\u2212ƣƢ\u2044\u2215"
_LOOKALIKES = str.maketrans(_LOOKALIKE_CHARS, "Đđ--–-ưƯ//")
_LOOKALIKE_RE = re.compile(f"[{_LOOKALIKE_CHARS}]")
_LEFTOVER = re.compile(r"\d+|[&%/*+]")


def _scrub(spoken: str) -> str:
    """Last guard on a rule's output: no digit or symbol may reach the voice, whatever the input."""
    if not _LEFTOVER.search(spoken):
        return spoken
    names = {"&": " và ", "%": " phần trăm ", "/": " ", "*": " ", "+": " "}
    return _LEFTOVER.sub(lambda m: names.get(m.group()) or f" {read_number_string(m.group())} ", spoken)


def _dash_pause(m: re.Match[str]) -> str:
    """'tháng mười hai-Ngày…', 'Bà Rịa-Vũng Tàu': a dash typed between two names is a pause. A chain
    of syllables ('Phi-li-pin', 'Xin-ga-po') or a short pair ('Wi-Fi') is one word and stays."""
    prev, left, right = m.groups()
    if max(len(left), len(right)) <= 2:
        return m.group()
    if right[0].isupper() or (prev and prev[0].isupper() and left[0].isupper()):
        return f"{prev or ''}{left}, {right}"  # 'huyện Ninh Hải-một trong những…': a place, then the text goes on
    if left.islower() and right in _NUMBER_WORDS and left not in _NUMBER_WORDS:
        return f"{prev or ''}{left}, {right}"  # 'thế nào-4 trường hợp': a number typed against a word
    return m.group()


def _strongest_pause(m: re.Match[str]) -> str:
    """A run of pauses said as its strongest: ';' over ':' over ','."""
    run = m.group()
    return ";" if ";" in run else ":" if ":" in run else ","


_GLUED_QUOTE = r"(?<=\w)[\"“”](?=\w)"
# 'tháng một âm lịch', 'mùng năm tháng một năm Bính Ngọ': the first and last lunar months
_LUNAR = r"\b([Tt])háng (một|mười hai)(?= âm lịch| năm (?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý) )"
_LEVEL_RANGE = r"\b(báo động (?:một|hai|ba)) ?[-–] ?(?=báo động)"


def _lunar_month(m: re.Match[str]) -> str:
    return f"{m.group(1)}háng {'giêng' if m.group(2) == 'một' else 'chạp'}"


# 'Số hiệu: 90/QĐ-TTg Loại văn bản: Quyết định': the fields of a legal text's card, a pause between them.
_FIELDS = ("Loại văn bản", "Ngày ban hành", "Ngày hiệu lực", "Ngày hết hiệu lực", "Cơ quan ban hành", "Người ký")
_FIELD_LABEL = rf" (?=(?:{'|'.join(_FIELDS)})[ \t]?:)(?<=[\wÀ-ỹ] )"
_NAME_DASH = r"(?<![-\w])(\w+ )?(\w\w+)-(\w\w+)(?![-\w])"
# Speed: the patterns below start with a literal character (a look-behind after it), which the
# engine finds by a quick search instead of trying the look-behind at every position.
# 'đoạn từ đường Nguyễn Văn Linh - đường Nguyễn Trãi': a place's kind may come before its name.
_PLACE_KINDS = "đường|phố|cầu|xã|phường|thôn|ấp|bản|tổ|khu|chợ|ngã ba|ngã tư|nút giao|trụ sở"
_PLACE_RANGE = (
    rf"(từ(?<![\w]từ)(?: (?:{_PLACE_KINDS}))?(?: [{CAPITAL}][a-zà-ỹđ]+){{1,4}}) [-–] "
    rf"(?=(?:(?:{_PLACE_KINDS}) )?[{CAPITAL}][a-zà-ỹđ]+\b)"
)
_SENTENCE_GLUED = r"\.(?<=[a-zà-ỹđ]\.)(?=[A-ZĐ][a-zà-ỹđ])"
# after a word with a Vietnamese letter ('gậy.thu'), never a web address's name ('baoxaydung.vn')
_CLAUSE_GLUED = r"\.(?:(?<=[à-ỹđ]\.)|(?<=[à-ỹđ][a-z]\.)|(?<=[à-ỹđ][a-z][a-z]\.))(?=[a-zà-ỹđ])"
_DASHED_NUMBER_WORDS = (
    *("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"),
    *("mươi", "lăm", "mốt", "tư", "trăm", "nghìn", "triệu", "không", "linh"),
)
_NUMBER_WORDS = {*_DASHED_NUMBER_WORDS, "tỷ", "lẻ"}
_NUMBER_DASH = rf"\b({'|'.join(_DASHED_NUMBER_WORDS)})-(?=\w)"
_TIDY: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(p), r)
    for p, r in (
        (r"[ \t]+", " "),
        (r"Thừa Thiên ?[-–] ?Huế", "Thừa Thiên Huế"),  # one province's name, no pause inside
        (r"\bgiờ giờ\b", "giờ"),  # 'lúc 7h giờ', '12-24h giờ tới': the hour said once
        (_LUNAR, _lunar_month),
        (
            _LEVEL_RANGE,
            r"\1 đến ",
        ),  # 'BĐ2-BĐ3': from one flood-warning level to the next  # the first and last lunar months are 'tháng Giêng', 'tháng Chạp'
        (r"\b([Vv])ắc ?[-–] ?xin\b", r"\1ắc-xin"),  # 'vắc–xin' typed with an en dash is one word
        (r"\bhéc ?- ?ta\b", "héc-ta"),  # '50 héc - ta': the unit typed with spaces
        (_GLUED_QUOTE, " "),  # 'Mô hình“Camera an ninh”': a quote mark typed between two words
        (r"[\"“”‘’'`]", ""),
        # 'Việt Nam-ngày hội', 'tháng mười hai-Ngày': a dash typed against a capitalised word is a pause.
        (_PLACE_RANGE, r"\1 đến "),  # 'các tỉnh từ Ninh Bình - Huế': from one place to the other
        (_NAME_DASH, _dash_pause),
        (r"[^\w\s,.;:!?()\-–—]|_", " "),
        (r"[-–—]{2,}", ", "),  # '… nghỉ lễ ----- Tiếp nhận': a rule of dashes between two parts
        (r"\( ?", ", "),
        (r" ?\)", ","),
        (r" ?[-–—] | [-–—] ?", ", "),
        (r"(?<=[^\W\d_])[–—](?=[^\W\d_])", ", "),  # 'Thương binh–Liệt sĩ': an en dash between two words
        # 'RON 95-III' → 'chín mươi lăm-ba': a dash left between a number's words and the next word.
        (_NUMBER_DASH, r"\1 "),
        (_FIELD_LABEL, ", "),
        (r" ([,.;:!?])", r"\1"),
        (r",(?=[^\W\d_])", ", "),  # '(Kỳ Sơn, Nghệ An)đi': a bracket closed against the next word
        (r",[-–]", ", "),  # '(cellulose)-60%': a dash left after a closed bracket
        (r"(?<=[^\W\d_])[-–](?=,)", ""),  # '(… đầy kho-PV)': a dash left before the mark not read
        (_SENTENCE_GLUED, ". "),  # 'Điều hai.Quyết định': a sentence begun without a space
        (r"([,;:])(?: ?[,;:])+", _strongest_pause),  # '(Hải Phòng); Ninh Cơ': the semicolon stays
        (r",(?: ?,)+", ","),
        (r",( ?[.!?])", r"\1"),
        (r"([.!?])(?: ?[.,;:])+", r"\1"),
        (_CLAUSE_GLUED, ", "),  # 'đẩy gậy,….thu hút': a full stop left against the next word
        (r" {2,}", " "),
    )
]
_TRAILING_COMMA = re.compile(r",$")
# Speed: a substitution is skipped on a line holding none of these strings (every match of
# it holds one); most lines have no tab, no double space, no dash, no bracket.
_NEEDS = {
    r"[ \t]+": ("\t", "  "),
    r"\( ?": ("(",),
    r" ?\)": (")",),
    r" ?[-–—] | [-–—] ?": ("-", "–", "—"),
    r" {2,}": ("  ",),
    r"Thừa Thiên ?[-–] ?Huế": ("Thiên",),
    r"\bgiờ giờ\b": ("giờ giờ",),
    r"\bhéc ?- ?ta\b": ("héc",),
    _LUNAR: ("háng một", "háng mười hai"),
    _LEVEL_RANGE: ("báo động",),
    r"\b([Vv])ắc ?[-–] ?xin\b": ("ắc",),
    _GLUED_QUOTE: ('"', "“", "”"),
    _NAME_DASH: ("-",),
    _PLACE_RANGE: (" - ", " – "),
    r"(?<=[^\W\d_])[–—](?=[^\W\d_])": ("–", "—"),
    _NUMBER_DASH: ("-",),
    r"[-–—]{2,}": ("--", "––", "——", "-–", "–-"),
    r"[\"“”‘’'`]": ('"', "“", "”", "‘", "’", "'", "`"),
    _FIELD_LABEL: _FIELDS,
    r" ([,.;:!?])": (" ,", " .", " ;", " :", " !", " ?"),
    r",(?=[^\W\d_])": (",",),
    r",[-–]": (",-", ",–"),
    r"(?<=[^\W\d_])[-–](?=,)": ("-,", "–,"),
    _SENTENCE_GLUED: (".",),
    _CLAUSE_GLUED: (".",),
    r"([,;:])(?: ?[,;:])+": (",", ";", ":"),
    r",(?: ?,)+": (",",),
    r",( ?[.!?])": (",",),
    r"([.!?])(?: ?[.,;:])+": (".", "!", "?"),
}


def _group_one(m: re.Match[str]) -> str:
    # Speed: a template such as r"\1" sends every sub() call through re's template compiler
    # (Python code); a function is called only when there is a match.
    return m.group(1) or ""


_NEEDLES = tuple(sorted({n for needs in _NEEDS.values() for n in needs}))
_TIDY_STEPS = [
    (
        pattern,
        _group_one if repl == r"\1" else repl,
        frozenset(_NEEDS[pattern.pattern]) if pattern.pattern in _NEEDS else None,
    )
    for pattern, repl in _TIDY
]


def _tidy(text: str) -> str:
    """Spacing and punctuation a voice reads well: pauses as commas, no quotes or brackets."""
    lines = []
    for line in text.split("\n"):
        # Speed: which strings the line holds, found once; a step runs only if it holds one of its
        # own. Once a step changed the line, each step looks for its own strings in it.
        present: set[str] | None = {n for n in _NEEDLES if n in line}
        for pattern, repl, needs in _TIDY_STEPS:
            found = needs is None or (
                any(n in line for n in needs) if present is None else not needs.isdisjoint(present)
            )
            if found and (changed := pattern.sub(repl, line)) != line:
                line, present = changed, None  # the steps after look for their own strings in the new line
        lines.append(_TRAILING_COMMA.sub(".", line.strip().lstrip(" ,;:.")))
    return "\n".join(lines)


def normalize_text(text: str, *, lexicon_overrides: Mapping[str, str] | None = None, list_style: str = "mot_la") -> str:
    return normalize(text, lexicon_overrides=lexicon_overrides, list_style=list_style).spoken
