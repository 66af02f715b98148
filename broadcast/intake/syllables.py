"""Is a word a well-formed Vietnamese syllable?

Built from the phonotactics and the spelling of the language, not from a word list:

    syllable = onset? + glide? + nucleus + coda? + tone

- **Onsets**: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x, or none.
  Spelling: k, gh, ngh before e, ê, i/y, iê; c, g, ng elsewhere; q only as "qu", which
  carries the glide itself; no glide after the labials b, m, p, ph, v.
- **Glide** /w/: written o before a, ă, e and u before â, ê, y, ơ.
- **Nuclei** with the codas each one takes (ă and â never stand open; the diphthongs
  iê/yê, uô, ươ need a coda and are written ia/ya, ua, ưa when open; iê after an onset,
  yê without one or after the glide).
- **Codas**: c ch m n ng nh p t, and the off-glides i/y, o/u.
- **Tone**: one of six, at most one mark; a syllable closed by a stop (p, t, c, ch) takes
  only sắc or nặng.

Tone-mark placement (hoà/hòa) is not judged: both spellings are in use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Combining tone marks (NFD) and the tones they write.
_TONE_MARKS = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
# Combining marks that make the letters ă â ê ô ơ ư (kept in the toneless spelling).
_QUALITY_MARKS = {"\u0302", "\u0306", "\u031b"}
_LETTERS = set("abcdeghiklmnopqrstuvxyđăâêôơư")

ONSETS = (
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "qu",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
    "",
)
STOP_CODAS = ("p", "t", "c", "ch")
_STOP_TONES = {"sac", "nang"}

# Nucleus -> the codas it takes ("" = open syllable).
_NUCLEI: dict[str, tuple[str, ...]] = {
    "a": ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "m", "n", "ng", "p", "t", "o"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "i": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "y": ("",),
    "o": ("", "c", "m", "n", "ng", "p", "t", "i"),
    "oo": ("c", "ng"),
    "ô": ("", "c", "m", "n", "ng", "p", "t", "i"),
    "ơ": ("", "m", "n", "p", "t", "i"),
    "u": ("", "c", "m", "n", "ng", "p", "t", "i"),
    "ư": ("", "c", "m", "n", "ng", "t", "i", "u"),
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("c", "m", "n", "ng", "p", "t", "u"),
    "ia": ("",),
    "ya": ("",),
    "uô": ("c", "m", "n", "ng", "t", "i"),
    "ua": ("",),
    "ươ": ("c", "m", "n", "ng", "p", "t", "i", "u"),
    "ưa": ("",),
}
# Glide + nucleus -> codas. o before a, ă, e; u before â, ê, y, ơ, yê, ya.
_GLIDED: dict[str, tuple[str, ...]] = {
    "oa": ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "y"),
    "oă": ("c", "m", "n", "ng", "t"),
    "oe": ("", "n", "t", "o"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "n", "nh"),
    "uy": ("", "ch", "n", "nh", "p", "t", "u"),
    "uơ": ("",),
    "uyê": ("n", "t"),
    "uya": ("",),
}
_FRONT = ("e", "ê", "i", "y")  # letters that take k, gh, ngh instead of c, g, ng
_LABIALS = {"b", "m", "p", "ph", "v"}
# After "qu" the glide is already written: only these nuclei follow.
_AFTER_QU = ("a", "ă", "â", "e", "ê", "i", "y", "ơ", "ô", "yê", "ya")


@dataclass(frozen=True)
class Rhyme:
    glided: bool
    nucleus: str
    coda: str

    @property
    def stop(self) -> bool:
        return self.coda in STOP_CODAS


@lru_cache(maxsize=1)
def rhymes() -> dict[str, Rhyme]:
    """Every written rhyme (vần) the rules allow, without its tone."""
    table: dict[str, Rhyme] = {}
    for nucleus, codas in _NUCLEI.items():
        for coda in codas:
            table[nucleus + coda] = Rhyme(False, nucleus, coda)
    for nucleus, codas in _GLIDED.items():
        for coda in codas:
            table[nucleus + coda] = Rhyme(True, nucleus[1:], coda)
    return table


def split_tone(word: str) -> tuple[str, str] | None:
    """(toneless lower-case spelling, tone) or None if the word has more than one tone mark
    or a mark Vietnamese does not use."""
    tone = "ngang"
    kept: list[str] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_MARKS:
            if tone != "ngang":
                return None
            tone = _TONE_MARKS[ch]
        elif unicodedata.combining(ch):
            if ch not in _QUALITY_MARKS:
                return None
            kept.append(ch)
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _onset_fits(onset: str, rhyme_text: str, rhyme: Rhyme, *, name: bool) -> bool:
    first = rhyme_text[0]
    front = first in _FRONT
    if name and onset in ("k", "gh", "ngh", "c", "g", "ng"):
        return True  # names from minority languages keep their own spelling: Kon Tum
    if onset in ("k", "gh", "ngh"):
        return front and not rhyme.glided
    if onset in ("c", "g", "ng") and front:
        return False
    if onset == "c" and rhyme.glided:
        return False
    if onset == "qu":
        return not rhyme.glided and rhyme.nucleus in _AFTER_QU
    if rhyme.glided and onset in _LABIALS:
        return False
    if rhyme.nucleus in ("yê", "ya") and not rhyme.glided:
        return onset == ""  # yên, yêu; after an onset the spelling is iê, ia
    if rhyme.nucleus == "iê":
        return onset != ""  # no onset: written yê
    return True


def _fits(onset: str, rest: str, tone: str, name: bool) -> bool:
    rhyme = rhymes().get(rest)
    if rhyme is None:
        return False
    if rhyme.stop and tone not in _STOP_TONES:
        return False
    return onset == "gi" or _onset_fits(onset, rest, rhyme, name=name)


@lru_cache(maxsize=65536)
def is_syllable(word: str, *, name: bool = False) -> bool:
    """True when word (any case, NFC or NFD) is a well-formed Vietnamese syllable.

    name=True relaxes the c/k, g/gh, ng/ngh spelling pairs, which place names from the
    minority languages do not follow (Kon Tum, Kông Chro); nothing else is relaxed."""
    split = split_tone(word)
    if split is None:
        return False
    plain, tone = split
    if not plain or not set(plain) <= _LETTERS:
        return False
    for onset in ONSETS:
        if not plain.startswith(onset):
            continue
        rest = plain[len(onset) :]
        if onset == "gi":
            # gi + rhyme (gia, giữa) or g + i-rhyme written once (gì, gìn, giếng).
            if (rest and rest[0] != "i" and _fits("gi", rest, tone, name)) or _fits("gi", "i" + rest, tone, name):
                return True
            continue
        if rest and _fits(onset, rest, tone, name):
            return True
    return False


_VOWELS = set("aăâeêioôơuưy")
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")


@lru_cache(maxsize=65536)
def has_syllable_shape(word: str) -> bool:
    """True when word is spelled like a Vietnamese syllable (an onset, a run of one to three
    vowels, a coda), whether or not the combination is a real one: "thuc", "hién", "tic"
    have the shape; "online", "Zalo", "UBND", "km" do not (loanwords, acronyms, units)."""
    split = split_tone(word)
    if split is None:
        return False
    plain = split[0]
    for onset in ONSETS:
        if not plain.startswith(onset):
            continue
        rest = plain[len(onset) :]
        run = 0
        while run < len(rest) and rest[run] in _VOWELS:
            run += 1
        if 1 <= run <= 3 and rest[run:] in _CODAS:
            return True
    return False
