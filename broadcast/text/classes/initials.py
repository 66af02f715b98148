"""Initials: the letter a word counts as in an abbreviation, and codes a text spells out in words.

'Xí nghiệp môi trường Liên Chiểu … Phương án số 37/PA-MTLC': a unit's own code that no
dictionary holds is read as the words the text itself gives for it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from broadcast.text.tagging import Ctx, class_body


def initial_of(letter: str) -> str:
    """'Ở' -> 'O' (Đ stays Đ): initials are compared without tone and vowel marks."""
    if letter in "Đđ":
        return "Đ"
    return unicodedata.normalize("NFD", letter)[0].upper()


def _initial_chars() -> dict[str, str]:
    """Every letter under the initial it counts as ('ở', 'Ơ', 'o' under 'O'; 'đ' under 'Đ')."""
    table: dict[str, list[str]] = {}
    for c in map(chr, range(0x41, 0x1EFA)):
        if c.isalpha():
            table.setdefault(initial_of(c), []).append(c)
    return {k: class_body(v) for k, v in table.items()}


_INITIAL_CHARS = _initial_chars()


@lru_cache(maxsize=256)
def _initials_pattern(letters: tuple[str, ...]) -> re.Pattern[str]:
    """Words whose initials are these letters, one space apart, 'và'/'của' skipped between them."""
    words = [f"[{_INITIAL_CHARS.get(c, c)}][^\\W\\d_]*" for c in letters]
    return re.compile(r"(?<![^\W\d_])" + r"[ \t](?:(?:và|của)[ \t])?".join(words) + r"(?![^\W\d_])")


def defined_in_text(code: str, ctx: Ctx) -> str:
    """'Phương án số 37/PA-MTLC' of the 'Xí nghiệp môi trường Liên Chiểu': an unknown code of three
    letters or more whose letters are the initials of words the text says elsewhere (joined by
    spaces, 'và'/'của' skipped) is read as those words instead of spelled. The nearest such words
    before the code win, else the first after it; '' when the text never says them. Only Vietnamese
    words count: 'IPV (Inactivated Polio Vaccine)' is said by its letters, as announcers do."""
    letters = ["U" if c == "W" else initial_of(c) for c in code if c.isalpha()]  # 'TW' trung ương
    if len(letters) < 3 or not all(c.isupper() for c in code if c.isalpha()):
        return ""
    if code in ctx.learned:
        return ctx.learned[code]
    at = ctx.text.find(code)
    found = ""  # the words that define a code stand near it, not pages away
    for m in _initials_pattern(tuple(letters)).finditer(ctx.text, max(0, at - 1200), at + 400):
        words = m.group().split()
        if m.group().isascii() or any(w.isupper() and len(w) > 1 for w in words):
            continue  # an English name's letters are said ('IPV'); a run of capitals is no name
        if found and m.start() > at:
            break
        found = m.group()
        if m.start() > at:
            break
    if found:
        ctx.learned[code] = found
    return found


# Codes with a second sense the text itself names: 'Công văn số 54/BCH-SNNMT … của Ban chỉ huy
# Phòng thủ dân sự' is the command (ban chỉ huy), not the Party's executive (ban chấp hành).
_OTHER_SENSES = {"BCH": "ban chỉ huy"}


def sense_in_text(code: str, reading: str, ctx: Ctx) -> str:
    """The code's other sense when the text says it in words and never says the usual one."""
    other = _OTHER_SENSES.get(code)
    if not other:
        return reading
    text = ctx.text.lower()
    return other if other in text and reading.lower() not in text else reading
