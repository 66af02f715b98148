"""Does a reading only repeat what the text says around it?

An abbreviation in brackets right after its own name ('cải cách hành chính (CCHC)') is not read
twice; an expansion whose head the words before already say ('người NCT') or whose tail the words
after say ('GRDP trên địa bàn tỉnh') is shortened. These helpers compare words, not letters: the
abbreviation rules in `classes/abbreviations.py` decide when to ask.
"""

from __future__ import annotations

import re

from broadcast.text.tagging import Ctx

_WORD = re.compile(r"[\wÀ-ỹ]+")


def said_near(reading: str, words: list[str]) -> bool:
    """Three words or more of the expansion ('bất hợp pháp' of IUU, 'giám sát hành trình' of VMS)
    were said together among the last words before the bracket: it only names what was said."""
    runs = _three_word_runs(reading)
    said = [w.lower() for w in words[-10:]]
    return any(tuple(said[i : i + 3]) in runs for i in range(max(0, len(said) - 7), len(said) - 2))


def glossed_after(reading: str, after: str) -> bool:
    """The bracket right after the abbreviation spells it out: three words of its reading together."""
    gloss = re.match(r"[ \t\"”]*\(([^()]{8,100})\)", after)
    if gloss is None or re.match(r"[ \t]*(?:nay|trước đây|trước|cũ|sau này)\b", gloss.group(1)):
        return False  # 'Bộ NN-PTNT (nay là Bộ Nông nghiệp và Môi trường)': a new name, not a gloss
    runs = _three_word_runs(reading)
    said = re.findall(r"[\wÀ-ỹ]+", gloss.group(1).lower())
    return any(tuple(said[i : i + 3]) in runs for i in range(len(said) - 2))


def _three_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[\wÀ-ỹ]+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def said_just_before(reading: str, before: str) -> bool:
    """'Điện lực Việt Nam (EVN)', 'Chỉ số cải cách hành chính (PAR Index)': the words just before the
    bracket already end the way the expansion ends (three words or more, or all but its first
    word), so the bracket only repeats the name."""
    said = re.findall(r"[\wÀ-ỹ]+", before.lower())
    words = re.findall(r"[\wÀ-ỹ]+", reading.lower())
    if not words or not re.search(r"[\wÀ-ỹ][ \t,”\"']{0,4}$", before):
        return False
    if said and said[-1] in _PLACE_TAILS and words[-1] != said[-1]:
        said = said[:-1]  # 'tổng sản phẩm trên địa bàn tỉnh (GRDP)': the place word ends the name
    k = 0
    while k < min(len(said), len(words)) and said[-1 - k] == words[-1 - k]:
        k += 1
    return k == len(words) or k >= 3 or (k >= 2 and k >= len(words) - 1)


_PLACE_TAILS = {"tỉnh", "huyện", "xã", "phường", "quận", "thành", "phố"}


def said_once(reading: str, m: re.Match[str], ctx: Ctx) -> str:
    """'khai thác IUU', 'người NCT': the words just before already say the head of the expansion,
    so it is not said twice ('khai thác bất hợp pháp…', 'người cao tuổi')."""
    words = reading.split()
    if len(words) < 2:
        return reading  # speed: a one-word reading has no head to drop (the common case)
    before = [w.lower() for w in re.findall(r"[\wÀ-ỹ]+", ctx.before(m, 40))]
    # 'Lễ hội pháo hoa quốc tế Đà Nẵng – DIFF 2025': the name, a dash, then its abbreviation
    dashed = re.search(r"[\wÀ-ỹ][ \t]{0,3}[-–][ \t]{0,3}$", ctx.before(m, 8)) is not None
    if not dashed and not re.search(r"[\wÀ-ỹ][ \t]{1,3}$", ctx.before(m, 4)):
        return reading  # the abbreviation is not right after a word
    lowered = [w.lower() for w in words]
    if before[-len(words) :] == lowered:
        return ""  # 'tàu kiểm ngư KN 364': the whole expansion was just said
    if dashed:
        return reading
    if re.search(r"\b(?:Phòng|Ban|Sở|Cục|Đội|Trung tâm)[ \t]{1,3}$", ctx.before(m, 14)):
        return reading  # 'Phòng PCCC-CNCH': the office's own name, not the head of its expansion
    for k in range(min(3, len(words) - 1, len(before)), 0, -1):
        if k == 1 and before[-1] in _COMPOUND_TAILS:
            continue  # 'Xã hội HND', 'nội thành TPHCM', 'cắt điện ĐL': the word ends another, it is no head
        if before[-k:] == lowered[:k]:
            return " ".join(words[k:])
    return repeated_after(reading, ctx.after(m, 60))


_COMPOUND_TAILS = {"hội", "thành", "dân", "nhân", "quốc", "gia", "xã", "tộc", "phố", "sản", "vi", "ủy", "điện"}


def paraphrased_before(reading: str, before: str) -> bool:
    """'vốn đầu tư nước ngoài (FDI)', 'Chỉ số hài lòng của người dân đối với sự phục vụ… (SIPAS)':
    the clause the bracket closes already says the expansion, whole somewhere in it, or in other
    words ending the same way (its last two words last, two thirds of its words among the last few)."""
    words = _WORD.findall(reading.lower())
    if len(words) < 3:
        return False
    clause = re.split(r"[;.!?()\n:]", before)[-1]
    said = _WORD.findall(clause.lower())[-30:]
    n = len(words)
    if any(said[i : i + n] == words for i in range(len(said) - n + 1)):
        return True
    if said[-2:] != words[-2:]:
        return False
    recent = said[-n - 2 :]
    return 3 * sum(w in recent for w in words) >= 2 * n


def repeated_after(reading: str, after: str) -> str:
    """'GRDP trên địa bàn tỉnh': the words after the abbreviation repeat the end of its expansion
    ('tổng sản phẩm trên địa bàn'), so the expansion stops before them (two words or more)."""
    words = reading.split()
    first = re.match(r"[ \t]+([\wÀ-ỹ]+)", after)
    lowered = [w.lower() for w in words]
    if first is None or first.group(1).lower() not in lowered[1:]:
        return reading  # speed: the next word is not one of the expansion's (the common case)
    nxt = _WORD.findall(after.lower())[: len(words)]
    for k in range(min(len(words) - 1, len(nxt)), 1, -1):
        if lowered[-k:] == nxt[:k]:
            return " ".join(words[:-k])
    return reading
