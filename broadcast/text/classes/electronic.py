"""Web and e-mail addresses: read by their parts, 'chấm' between them, numbers said."""

from __future__ import annotations

import re

from broadcast.text.numbers import read_digits, read_int
from broadcast.text.tagging import Ctx, rule, spell

DOMAIN_WORDS = {
    "gov": "gờ-o-vê",
    "vn": "vê-nờ",
    "com": "com",
    "www": "vê kép vê kép vê kép",
    "org": "o-rờ-gờ",
    "net": "nét",
    "edu": "e-đu",
    "info": "in-phô",
    "dichvucong": "dịch vụ công",
    "zalo": "da-lô",
    "facebook": "phây-búc",
    "email": "i-meo",
    "gmail": "gờ-meo",
    "youtube": "du-túp",
    "vneid": "vê nờ e ai đi",
    "covid": "cô vít",
}
_LABEL = r"[A-Za-z0-9][A-Za-z0-9-]{0,62}"


def _part(part: str) -> str:
    """One label of an address: a known word, a pronounceable word, numbers, or letters."""
    if part in DOMAIN_WORDS:
        return DOMAIN_WORDS[part]
    out = []
    for piece in re.findall(r"[a-z]+|\d+", part.lower()):
        if piece.isdigit():
            out.append(read_int(int(piece)) if len(piece) <= 2 else read_digits(piece))
        elif piece in DOMAIN_WORDS:
            out.append(DOMAIN_WORDS[piece])
        else:
            # 'moh', 'vtv', 'hcm': a short label is initials; a longer one with vowels is said as a word.
            out.append(piece if len(piece) > 3 and re.search(r"[aeiouy]", piece) else spell(piece.upper()))
    return " ".join(out)


@rule(
    "url",
    "địa chỉ web",
    rf"(?:https?://)?(?:www\.)?{_LABEL}(?:\.{_LABEL}){{0,6}}\.(?:gov|vn|com|org|net|edu|info)(?:\.vn)?"
    r"(?![\w-])(?:/[\w./?=&%#-]{0,200}(?<![.,]))?",
    priority=20,
)
def _url(m: re.Match[str], ctx: Ctx) -> str:
    host = re.sub(r"^https?://", "", m.group()).rstrip("/").split("/")[0].lower()
    return " chấm ".join(_part(p) for p in host.split(".") if p)


@rule("email", "địa chỉ thư điện tử", r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}", priority=21)
def _email(m: re.Match[str], ctx: Ctx) -> str:
    user, host = m.group().split("@", 1)
    user_spoken = " chấm ".join(_part(p) for p in re.split(r"[._+-]", user) if p)
    return f"{user_spoken} a còng {' chấm '.join(_part(p) for p in host.split('.') if p)}"
