"""Web and e-mail addresses: read by their parts, 'chấm' between them, numbers said."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

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
_LABEL = r"[A-Za-z0-9][A-Za-z0-9-]{0,62}+"  # possessive: a label never gives back to the dot after it
PHRASES_FILE = Path(__file__).resolve().parents[1] / "domain_words.tsv"


@lru_cache(maxsize=1)
def _phrases() -> dict[str, str]:
    """Toneless phrase -> its words ('bocongan' -> 'bộ công an'), built from the corpora by
    tests/fixtures/corpus/build_domain_words.py; read once, on the first unknown label."""
    with PHRASES_FILE.open(encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if not line.startswith("#"))


# One-syllable words that head many sites' names ('baochinhphu', 'sotuphap', 'xaphuloc').
HEAD_WORDS = {
    "bao": "báo",
    "so": "sở",
    "bo": "bộ",
    "xa": "xã",
    "cong": "cổng",
    "tinh": "tỉnh",
    "huyen": "huyện",
    "ban": "ban",
}
# Short words that join two phrases inside a label ('kinhtevadoisong': kinh tế và đời sống).
_JOINS = {"va": "và", "cua": "của"}


def toneless_words(label: str) -> str | None:
    """A label typed without tone marks read as its words when it splits wholly into known
    phrases ('dancuquocgia' -> 'dân cư quốc gia'), with the fewest pieces; a tail of
    consonants only is initials ('quanlyskcd' -> 'quản lý ét ca xê đê'); None otherwise.

    Written here because no library restores Vietnamese tones offline; the table of
    phrases seen in real text stands in for a language model."""
    table = _phrases()
    best = _splits(label, table, heads=True)
    if best[-1]:
        return " ".join(best[-1])
    for cut in range(len(label) - 2, 3, -1):  # words, then initials
        if best[cut] and not re.search(r"[aeiouy]", label[cut:]):
            return " ".join([*(best[cut] or []), spell(label[cut:].upper())])
    consonants = len(re.match(r"[^aeiouy]*", label).group())  # type: ignore[union-attr]
    for cut in range(min(consonants, 6), 2, -1):  # 'hdndnamgiang': initials, then words ('th' is an onset)
        rest = _splits(label[cut:], table, heads=False)[-1] if len(label) - cut >= 4 else None
        if rest:
            return f"{spell(label[:cut].upper())} {' '.join(rest)}"
    return None


def _splits(label: str, table: dict[str, str], *, heads: bool) -> list[list[str] | None]:
    """For each prefix of label, its fewest known phrases (None when it does not split); with
    heads, the label may also begin with a one-syllable head word ('bao', 'so')."""
    best: list[list[str] | None] = [[]] + [None] * len(label)
    for end in range(2, len(label) + 1):
        for start in range(end - 2, -1, -1):
            piece, done = label[start:end], best[start]
            words = table.get(piece) if len(piece) >= 4 else None
            if heads and start == 0:
                words = words or HEAD_WORDS.get(piece)
            elif start and end < len(label):
                words = words or _JOINS.get(piece)
            if done is not None and words is not None and (best[end] is None or len(done) + 1 < len(best[end] or [])):
                best[end] = [*done, words]
    return best


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
        elif len(piece) >= 5 and (words := toneless_words(piece)):
            out.append(words)  # 'bocongan', 'soyte', 'thanhphohaiphong': Vietnamese words without tones
        else:
            # 'moh', 'vtv', 'hcm': a short label is initials; a longer one with vowels is said as a word.
            # 'antv', 'evnspc': a run of consonants at the end is initials, not a word ('forms' is).
            tail = len(re.search(r"[^aeiouy]*$", piece).group())  # type: ignore[union-attr]
            word_like = len(piece) > 3 and re.search(r"[aeiouy]", piece) and tail < (3 if len(piece) <= 4 else 4)
            out.append(piece if word_like else spell(piece.upper()))
    return " ".join(out)


@rule(
    "url",
    "địa chỉ web",
    rf"(?:(?:https?://|www\.)(?:{_LABEL}\.){{1,6}}[A-Za-z]{{2,6}}|"  # 'https://www.eps.go.kr': any ending after a scheme
    rf"(?:https?://)?(?:www\.)?{_LABEL}(?:\.{_LABEL}){{0,6}}\.(?:gov|vn|com|org|net|edu|info)(?:\.vn)?)"
    r"(?![\w-])(?:/[\w./?=&%#-]{0,200}(?<![.,]))?",
    priority=20,
)
def _url(m: re.Match[str], ctx: Ctx) -> str:
    host = re.sub(r"^https?://", "", m.group()).rstrip("/").split("/")[0].lower()
    return " chấm ".join(_part(p) for p in host.split(".") if p)


# Speed: possessive ('{1,64}+'): at a word that is no address the engine fails at once, instead of
# giving back its letters one by one to look for an '@' they never hold.
@rule("email", "địa chỉ thư điện tử", r"[\w.+-]{1,64}+@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}", priority=21)
def _email(m: re.Match[str], ctx: Ctx) -> str:
    user, host = m.group().split("@", 1)
    user_spoken = " chấm ".join(_part(p) for p in re.split(r"[._+-]", user) if p)
    return f"{user_spoken} a còng {' chấm '.join(_part(p) for p in host.split('.') if p)}"
