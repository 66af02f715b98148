"""A word typed twice by mistake ('các các văn bản', 'Cục Cục Cảnh sát', 'nhiệm kỳ nhiệm kỳ 2021-2026').

An announcer reads it once. Only words that never double in Vietnamese are taken: reduplication is
part of the language ('ngày ngày' every day, 'từ từ' slowly, 'đều đều' steadily), so 'ngày' counts
as doubled only before a date ('Ngày ngày 24/12').
"""

from __future__ import annotations

import re

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
