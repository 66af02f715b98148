"""A word typed twice by mistake ('các các văn bản', 'Cục Cục Cảnh sát', 'nhiệm kỳ nhiệm kỳ 2021-2026').

An announcer reads it once. Only words that never double in Vietnamese are taken: reduplication is
part of the language ('ngày ngày' every day, 'từ từ' slowly, 'đều đều' steadily), so 'ngày' counts
as doubled only before a date ('Ngày ngày 24/12').
"""

from __future__ import annotations

import itertools
import operator
import re
from functools import lru_cache
from pathlib import Path

from broadcast.text.tagging import Ctx, rule

# 'Phòng' is not among them: 'Phòng Phòng chống ma túy' is a department and its name.
_NEVER_DOUBLED = (
    *("các", "của", "và", "được", "đã", "đang", "sẽ", "cho", "với", "những", "theo", "tại", "về", "để"),
    *("đến", "bị", "do", "khi", "thì", "mà", "nhưng", "hoặc", "cũng", "vào", "trên", "dưới", "sau", "trước"),
    *("cấp", "số", "cục", "sở", "bộ", "ban", "huyện", "tỉnh", "xã", "phường", "ngày"),
    *("nhiệm kỳ", "đại hội", "ủy ban", "uỷ ban", "nhân dân", "tổ chức"),
)


def _pairs(words: tuple[str, ...]) -> str:
    """Each word as written ('các', 'Các', 'CÁC') when the same word follows, or the same word in
    small letters; grouped by first letter. Speed: 'của các', 'và các' are not even taken."""
    forms = sorted({f for w in words for f in (w, w[:1].upper() + w[1:], w.title(), w.upper())}, key=len, reverse=True)
    by_first: dict[str, list[str]] = {}
    for form in forms:
        follow = "|".join(dict.fromkeys((re.escape(form), re.escape(form.lower()))))
        by_first.setdefault(form[0], []).append(rf"{re.escape(form[1:])}(?=[ \t]+(?:{follow})\b)")
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in sorted(by_first.items()))


@rule("doubled_word", "từ gõ lặp", rf"\b(?:{_pairs(_NEVER_DOUBLED)})", priority=85)
def _doubled_word(m: re.Match[str], ctx: Ctx) -> str:
    """The first of two same words ('các các', 'Đại hội Đại hội') is left out."""
    word = m.group()
    after = ctx.after(m, len(word) + 8)
    # the same word as written ('Bộ Bộ'); only a sentence's first word may differ in case ('Tại tại')
    same = re.match(rf"[ \t]+{re.escape(word)}\b", after) or (
        ctx.at_line_start(m) and re.match(rf"[ \t]+{re.escape(word.lower())}\b", after)
    )
    if not same:
        return word
    if word.lower() == "ngày" and not re.match(r"[ \t]+ngày[ \t]+\d", after, re.I):
        return word  # 'Ngày ngày, bà con…': every day
    return ""


# Any other word in small letters typed twice ('có có hiệu lực', 'về việc việc thành lập', 'kéo dài tới
# tới 29.8', 'đại biểu đại biểu HĐND') is read once, unless the doubling is the language's own: a whole
# reduplicated word ('tê tê', 'đời đời'), a direction ('tây tây bắc'), or two words overlapping ('hành vi
# vi phạm', 'phân công công chức', 'giao thông thông suốt'): the syllable makes a word with the one before
# and with the one after. A rarer syllable ('tri ân ân đức') needs a word on one side only. Which pairs are
# words, and which syllables are frequent, comes from the development corpora (word_pairs.txt, built by
# tests/fixtures/corpus/build_word_pairs.py): no library on PyPI says it for Vietnamese.
_TWICE = re.compile(r"\b([^\W\d_]{1,7}(?: [^\W\d_]{1,7})?)[ \t]+\1\b")
PAIRS_FILE = Path(__file__).resolve().parents[1] / "word_pairs.txt"
_DIRECTIONS = frozenset({"đông", "tây", "nam", "bắc", "trung"})
_REDUPLICATED = frozenset(
    {
        *("tê tê", "bìm bìm", "cào cào", "ting ting", "ròng ròng", "chuồn chuồn", "ba ba", "đời đời", "song song"),
        *("từ từ", "người người", "nhà nhà", "ngày ngày", "đêm đêm", "đều đều", "đâu đâu", "xa xa", "xanh xanh"),
        *("vừa vừa", "năm năm", "tháng tháng", "lần lần", "dần dần", "hoài hoài", "mãi mãi", "luôn luôn"),
        *("thường thường", "thôi thôi", "ầm ầm", "rầm rầm", "ào ào", "đùng đùng", "lăm lăm", "khăng khăng"),
        *("sờ sờ", "chằm chằm", "rưng rưng", "phăng phăng", "rì rì", "ùn ùn", "rần rần", "rào rào", "ì ì"),
        *("ai ai", "nơi nơi", "ngành ngành", "kiếp kiếp", "lớp lớp", "đoàn đoàn", "tầng tầng", "muôn muôn"),
        *("bừng bừng", "oang oang", "ong ong", "vo vo", "khư khư", "bon bon", "tít tít", "gần gần", "lâu lâu"),
        *("hay hay", "xinh xinh", "đỏ đỏ", "vàng vàng", "trắng trắng", "nhỏ nhỏ", "to to", "cao cao"),
        *("chiều chiều", "sáng sáng", "tối tối", "trưa trưa", "mỗi mỗi", "chút chút", "thoang thoảng", "hè hè"),
    }
)


@lru_cache(maxsize=1)
def word_pairs() -> frozenset[str]:
    with PAIRS_FILE.open(encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if not line.startswith("#"))


@lru_cache(maxsize=4)
def plain_words(text: str) -> tuple[str, ...]:
    """The text's words, the punctuation round them set apart; found once for the passes that need them."""
    for mark in ',.;:()/"“”':
        text = text.replace(mark, " ")
    return tuple(text.split())


def typed_twice(text: str) -> list[tuple[int, int]]:
    """Spans (the first copy and the blank after it) of words in small letters typed twice by mistake."""
    # Speed: most texts have no word equal to the next (or two words equal to the next two); for
    # them the search is skipped. Punctuation after a word is set apart first ('tới tới,').
    words = plain_words(text)
    if not any(map(operator.eq, words, words[1:])) and not (
        any(map(operator.eq, words, words[2:]))
        and any(map(operator.eq, itertools.pairwise(words), itertools.pairwise(words[2:])))
    ):
        return []
    spans = []
    for m in _TWICE.finditer(text):
        word = m.group(1)
        if not word.islower() or word in _DIRECTIONS or f"{word} {word}" in _REDUPLICATED:
            continue
        pairs = word_pairs()
        if " " in word:
            if word in pairs:  # 'đại biểu đại biểu'
                spans.append((m.start(), m.end() - len(word)))
            continue
        if f"{word} {word}" in pairs:
            continue
        before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, m.start() - 12) : m.start()])
        after = re.match(r"[ \t]+([^\W\d_]+)", text[m.end() : m.end() + 12])
        left = before is not None and f"{before.group(1).lower()} {word}" in pairs
        right = after is not None and f"{word} {after.group(1).lower()}" in pairs
        if not (left and right if word in pairs else left or right):
            spans.append((m.start(), m.end() - len(word)))
    return spans
