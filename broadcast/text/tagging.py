"""The tagger's shared parts: the rule registry, the span context, and small readers.

A rule is one semiotic class's pattern (a date, a telephone number, an abbreviation…) and
its verbaliser. Rules live in `broadcast/text/classes/`, one module per class; each says
its priority, and the normaliser joins them into one compiled alternation. Context that
decides a reading (a signature block, an upper-case title, a list start, the word before)
is asked of the span's `Ctx`, never guessed inside a verbaliser from raw offsets.

Every pattern here is bounded (no unbounded repetition that can rescan the rest of a
line from each start), so one pass over the text stays linear in its length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from broadcast.text.numbers import read_decimal, read_number_string

UPPER = "A-ZĐÀ-Ỹ"


def class_body(letters: Iterable[str]) -> str:
    """Letters as a character-class body of ranges ('à-ã…'), in code-point order: a class listing
    hundreds of single letters costs the regex compiler far more. Letters only: no escaping needed."""
    runs: list[list[int]] = []
    for c in sorted(map(ord, letters)):
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        elif not runs or c != runs[-1][1]:
            runs.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


# Capitals only (UPPER's range À-Ỹ takes in small letters too).
CAPITAL = "A-ZĐ" + class_body(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())


DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:1[89]\d\d|2\d\d\d)"
NUM = r"\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?"
SEP = r"[ \t]{0,3}[-–—−][ \t]{0,3}"
WORD_END = r"(?![\wÀ-ỹ])"
# Words after which 'N/2025' is a document's number and year, not a ratio or a month.
DOC_BEFORE = re.compile(
    r"(?:nghị định|thông tư|quyết định|luật|nghị quyết|chỉ thị|công văn|kế hoạch|thông báo|công điện|hướng dẫn|NĐ|QĐ|NQ|"
    r"báo cáo|tờ trình|văn bản|đề án|số)[ \t]*$",
    re.I,
)
# A named day of the year just before a date ('Quốc khánh 2/9', 'Quốc tế Phụ nữ 8-3'): the date is said
# as a day and a month, never as a fraction or a range, and without another 'ngày'.
HOLIDAY_BEFORE = re.compile(
    r"(?:Quốc khánh|(?:Tết |ngày )?Độc lập|Phụ nữ(?: Việt Nam)?|Nhà giáo(?: Việt Nam)?|Thầy thuốc(?: Việt Nam)?|Thương binh,?[ \t]liệt sĩ"
    r"|Giải phóng(?: hoàn toàn)? miền Nam(?:, thống nhất đất nước)?|Quốc tế Lao động|Quốc tế Thiếu nhi"
    r"|Gia đình Việt Nam|Quân đội nhân dân Việt Nam|Biên phòng(?: toàn dân)?|Báo chí(?: Cách mạng)? Việt Nam"
    r"|Doanh nhân Việt Nam|Đại đoàn kết(?: toàn dân tộc)?|Chiến thắng Điện Biên Phủ|Thành lập Đảng(?: Cộng sản Việt Nam)?"
    r"|Thành lập Đoàn(?: TNCS Hồ Chí Minh)?|Người cao tuổi(?: Việt Nam)?|Quốc phòng toàn dân|Thể thao Việt Nam"
    r"|Dân số Việt Nam|Pháp luật Việt Nam|Chuyển đổi số quốc gia)[ \t]*\(?$",
    re.I,
)
# After these words 'N.M' and 'N.M.K' number a section, a table or an indicator ('bảng 2.21', 'chỉ số 3.1.9').
SECTION_BEFORE = re.compile(
    r"(?:mục|điều|khoản|điểm|tiết|phần|chương|phụ lục|bảng|hình|biểu|biểu đồ|sơ đồ|chỉ số|tiêu chí|bước)[ \t]*$", re.I
)

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


def spell(token: str) -> str:
    """Letter by letter, as an announcer spells an unknown code."""
    return " ".join(LETTER_NAMES.get(c.upper(), c.lower()) for c in token if c.isalnum())


def read_num(token: str) -> str:
    """'2.350' -> thousands grouping; '3,75' -> decimal; '02' -> 'hai'."""
    if "," in token:
        integer, fraction = token.split(",", 1)
        return read_decimal(integer.replace(".", ""), fraction)
    return read_number_string(token.replace(".", ""))


@dataclass(frozen=True)
class Line:
    """The line a span stands in, as the tagger sees it."""

    start: int
    end: int
    caps: bool  # a title written all in capitals
    signature: bool  # a signature line (TM., KT., Q., TL., TUQ. …)


_PREV_WORD_BACKWARDS = re.compile(r"\n?[ \t]{1,3}([\wÀ-ỹ]+)")
_SIGNATURE_LINE = re.compile(r"[ \t]*(?:TM|KT|TL|TUQ|Q|Thay mặt|Ký thay)\s?\.?\s", re.I)


@dataclass
class Ctx:
    """What a verbaliser may ask about its span: the text around it, its line, the lexicon."""

    text: str
    lex: Mapping[str, str]
    phrases: Mapping[str, str]
    context: Mapping[tuple[str, str], str]
    list_style: str = "mot_la"
    unknown: list[str] = field(default_factory=list)
    spelled: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    learned: dict[str, str] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _lines: dict[int, Line] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def before(self, m: re.Match[str], n: int = 12) -> str:
        return self.text[max(0, m.start() - n) : m.start()]

    def after(self, m: re.Match[str], n: int = 16) -> str:
        return self.text[m.end() : m.end() + n]

    def prev_word(self, m: re.Match[str]) -> str:
        """The word just before the span on its line ('' at a line start)."""
        # Speed: matched backwards from the span, the same as searching r"([\wÀ-ỹ]+)[ \t]{1,3}$"
        # in the 24 characters before it but without trying each of them as a start.
        found = _PREV_WORD_BACKWARDS.match(self.before(m, 24)[::-1])
        return found.group(1)[::-1] if found else ""

    def cell_pause(self, m: re.Match[str]) -> str:
        """',' when another figure follows after a blank: the next cell of a table's row ('68544 61827')."""
        after = self.after(m, 4)
        return "," if after[:1] in (" ", "\t") and after.lstrip()[:1].isdigit() else ""

    def line(self, m: re.Match[str]) -> Line:
        i = bisect.bisect_right(self._starts, m.start()) - 1
        if i not in self._lines:
            start = self._starts[i]
            end = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else len(self.text)
            text = self.text[start:end]
            caps = not any(c.islower() for c in text) and sum(c.isalpha() for c in text) >= 8
            self._lines[i] = Line(start, end, caps, bool(_SIGNATURE_LINE.match(text)))
        return self._lines[i]

    def at_line_start(self, m: re.Match[str]) -> bool:
        return not self.text[self.line(m).start : m.start()].strip()


Handler = Callable[[re.Match[str], Ctx], str]


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    pattern: str
    handler: Handler
    priority: int
    anywhere: bool


RULES: list[Rule] = []


def rule(name: str, label: str, pattern: str, *, priority: int, anywhere: bool = False) -> Callable[[Handler], Handler]:
    """Register a rule. Lower priority numbers are tried first. Most rules can only start
    where a word starts; `anywhere` rules (symbols, digits glued to letters) are tried at
    every position."""

    def register(fn: Handler) -> Handler:
        assert all(r.name != name for r in RULES), f"two rules named {name}"
        RULES.append(Rule(name, label, pattern, fn, priority, anywhere))
        return fn

    return register


def trie_pattern(keys: list[str]) -> str:
    """One regex alternation for many literal keys, factored by common prefix so the engine
    tries a handful of branches at each position instead of every key."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def cased_words(words: Iterable[str]) -> str:
    """The words as written in running text, at a sentence's start, in a title and in capitals, as
    one trie: faster than a case-insensitive alternation, which folds the case of every letter it
    tries (slow past ASCII) at every word of the text."""
    forms = {f for w in words for f in (w, w[:1].upper() + w[1:], w.title(), w.upper())}
    return trie_pattern(sorted(forms, key=len, reverse=True))
