"""A syllable ending in p, t, c or ch typed without its tone: 'Về viêc tạm dừng', 'sạt lở đât',
'Quyêt định', 'khu vưc', 'Luât Nghĩa vụ quân sự'; and 'huyên'/'tinh' before a place's name.

In Vietnamese such a syllable only ever carries the rising tone (sắc) or the heavy one (nặng), so
'viêc' is no word: the typist left the tone mark out, and a voice reading it as written says a
sound no listener knows. Of its two possible spellings the one the development corpora know is put
back: the one that makes a word with a neighbour ('truy cập', not 'truy cấp'), else the one seen
far more often ('việc', not 'viếc'); when neither tells, it is left alone. Written without any Vietnamese letter ('chat',
'robot', 'Internet') it is a foreign word, never touched. How often each syllable is seen comes
from stop_syllables.txt, built from the development corpora by
tests/fixtures/corpus/build_word_pairs.py; no library on PyPI spells Vietnamese back.

The fix keeps the text's length (one letter for one), so every span of the rules still holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from broadcast.text.classes.doubled import plain_words, word_pairs
from broadcast.text.folding import ascii_fold

STOPS_FILE = Path(__file__).resolve().parent / "stop_syllables.txt"
_RISING, _HEAVY = "\u0301", "\u0323"
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")  # grave, acute, hook, tilde, dot below
_VOWELS = frozenset("aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ")
# The vowels in a form a stop-final syllable never has: level, falling, asking or broken tone.
_WRONG = "".join(
    sorted(
        {
            unicodedata.normalize("NFC", v + mark)
            for v in "aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ"
            for mark in ("", "\u0300", "\u0309", "\u0303")
        }
    )
)
_CONSONANTS = "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"
_UNTONED_WORD = re.compile(rf"[{_CONSONANTS}]{{0,3}}[{_WRONG}]{{1,3}}(?:[ptcPTC]|ch|CH)")
_UNTONED = re.compile(rf"(?<![\w]){_UNTONED_WORD.pattern}(?![\w])")
# Most texts hold none: a quick look for a stop at a word's end after a vowel in a wrong form past ASCII,
# or after any vowel and 'đ', before the search proper. (Speed: the stop's letters first, which the
# engine finds by a quick scan; what stands before them is looked behind for only there.)
_NON_ASCII_WRONG = "".join(c for c in _WRONG if not c.isascii())
_HINT = re.compile(
    rf"[ptchPTCH](?![\w])(?:(?<=[{_NON_ASCII_WRONG}].)|(?<=[{_NON_ASCII_WRONG}][cC][hH])|(?<=[đĐ][{_WRONG}].)|(?<=[đĐ][{_WRONG}][cC][hH]))"
)


def stop_tone(syllable: str) -> bool:
    """Whether a syllable carries one of the two tones a stop-final syllable may have."""
    return any(c in (_RISING, _HEAVY) for c in unicodedata.normalize("NFD", syllable))


@lru_cache(maxsize=1)
def _seen() -> dict[str, int]:
    with STOPS_FILE.open(encoding="utf-8") as f:
        return {w: int(n) for w, n in (line.split() for line in f if not line.startswith("#"))}


def _spellings(word: str) -> list[str]:
    """The word with its rising tone and with its heavy tone, on the last vowel before the stop."""
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONES))
    last = max(i for i, c in enumerate(bare) if c in _VOWELS or unicodedata.normalize("NFD", c)[0] in _VOWELS)
    return [
        bare[:last] + unicodedata.normalize("NFC", bare[last] + tone) + bare[last + 1 :] for tone in (_RISING, _HEAVY)
    ]


def _choose(word: str, text: str, start: int, end: int) -> str | None:
    """The spelling that makes a word with a neighbour ('truy cập'); else the one seen far more often."""
    spellings = _spellings(word)
    fits = [s for s in spellings if _makes_word(s, text, start, end)]
    if len(fits) == 1:
        return fits[0]
    seen = _seen()
    (best, most), (_, other) = sorted(((s, seen.get(s.lower(), 0)) for s in spellings), key=lambda kv: -kv[1])
    return best if most >= 3 and other * 4 <= most else None


# 'UBND huyên Lạc Sơn', 'của tinh Ninh Bình': the word for a district or a province typed without its
# tone before the place's name (a name in capitals after it: never 'tinh hoa', 'huyên náo').
_PLACE_KIND = re.compile(r"\b(?:huyên|huyen|tinh)(?= [A-ZĐ][a-zà-ỹđ])")
_PLACE_KINDS = {"huyên": "huyện", "huyen": "huyện", "tinh": "tỉnh"}


def retoned(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the word spelled right) for each stop-final syllable typed without its tone, each
    word for a district or province typed so before its name, and each word no Vietnamese syllable
    that one with other marks would make a word with its neighbour ('khó khan', 'tổ quóc')."""
    fixes = []
    if "huy" in text or "tinh" in text:
        fixes = [(m.start(), m.end(), _PLACE_KINDS[m.group()]) for m in _PLACE_KIND.finditer(text)]
    known = _known_any_case()
    if known:  # Speed: the words no syllable, found by one set difference, hold every candidate
        odd = set(plain_words(text)).difference(known)
        untoned = [w for w in odd if not w.isascii() and _UNTONED_WORD.fullmatch(w)]
        found: Iterator[re.Match[str]] = (m for w in untoned for m in _occurrences(w, text))
    else:
        odd = set()
        found = _UNTONED.finditer(text) if _HINT.search(text) else iter(())
    for m in found:
        word = m.group()
        if word.isascii() or unicodedata.normalize("NFC", word) != word:
            continue  # a foreign word; or a decomposed one, whose length the fix would change
        choice = _choose(word, text, m.start(), m.end())
        if choice is not None and len(choice) == len(word):
            fixes.append((m.start(), m.end(), choice))
    fixes += remarked(text, odd, {start for start, _, _ in fixes})
    return sorted(fixes)


# A word that is no Vietnamese syllable ('quóc', 'dịnh', 'thơng', 'đợn'): its marks were mistyped. Which
# syllables exist comes from LibreOffice's Vietnamese spelling list (Debian's hunspell-vi, installed by
# the Makefile); which spelling was meant, from the words the corpora know ('tổ quốc', 'quyết định').
# Without the list nothing is changed.
SPELLING_LIST = Path("/usr/share/hunspell/vi_VN.dic")
# Words of other languages written in Vietnamese text, whose letters a syllable with marks shares ('gắn chip')
_FOREIGN = frozenset({"chip", "app", "top", "tag", "hot", "chat", "hack", "mod", "set"})


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The list's syllables, each also with its tone mark on its other vowels: the list writes 'hoá',
    'uỷ', 'khoẻ', the texts mostly 'hóa', 'ủy', 'khỏe' (the same syllable, the mark placed otherwise)."""
    if not SPELLING_LIST.exists():
        return frozenset()
    with SPELLING_LIST.open(encoding="utf-8") as f:
        next(f, None)  # the count of entries
        listed = {unicodedata.normalize("NFC", line.strip()).lower() for line in f if line.strip()}
    return frozenset(placed for syllable in listed for placed in _tone_placements(syllable))


def _tone_placements(syllable: str) -> set[str]:
    letters = [unicodedata.normalize("NFD", c) for c in syllable]
    tone = next((m for c in letters for m in c[1:] if m in _TONES), None)
    if tone is None:
        return {syllable}
    bare = ["".join(m for m in c if m != tone) for c in letters]
    vowels = [i for i, c in enumerate(bare) if c[0] in "aeiouy"]
    return {syllable} | {
        unicodedata.normalize("NFC", "".join(c + tone if i == v else c for i, c in enumerate(bare))) for v in vowels
    }


@lru_cache(maxsize=1)
def _known_any_case() -> frozenset[str]:
    """The syllables in small letters, with a capital and in capitals ('việc', 'Việc', 'VIỆC')."""
    known = syllables()
    return known | {w.capitalize() for w in known} | {w.upper() for w in known}


def _occurrences(word: str, text: str) -> Iterator[re.Match[str]]:
    """The places the text holds the word whole."""
    return re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", text)


@lru_cache(maxsize=1)
def _same_letters() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for syllable in syllables():
        out.setdefault(ascii_fold(syllable), []).append(syllable)
    return {bare: tuple(sorted(found)) for bare, found in out.items()}


def remarked(text: str, odd: set[str], taken: set[int]) -> list[tuple[int, int, str]]:
    """(start, end, the word meant) for each small word of `odd` (the text's words no syllable) one
    spelling of whose letters with other marks, and only one, makes a word with the word before or after."""
    fixes = []
    for word in odd:
        if len(word) > 7 or not word.islower() or not word.isalpha() or word in _FOREIGN:
            continue
        spellings = [s for s in _same_letters().get(ascii_fold(word), ()) if s != word and len(s) == len(word)]
        for m in _occurrences(word, text) if spellings else ():
            if m.start() in taken:
                continue
            fits = [s for s in spellings if _makes_word(s, text, m.start(), m.end())]
            if len(fits) == 1:
                fixes.append((m.start(), m.end(), fits[0]))
    return fixes


def _makes_word(syllable: str, text: str, start: int, end: int) -> bool:
    """Whether the syllable, put at text[start:end], makes a word the corpora know with its neighbour."""
    pairs = word_pairs()
    syllable = syllable.lower()
    before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, start - 12) : start])
    after = re.match(r"[ \t]+([^\W\d_]+)", text[end : end + 12])
    return bool(
        (before and f"{before.group(1).lower()} {syllable}" in pairs)
        or (after and f"{syllable} {after.group(1).lower()}" in pairs)
    )
