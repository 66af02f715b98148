"""Generators of the two ways OCR ruins Vietnamese, for testing the quality gate.

- strip_tones: Tesseract run without the Vietnamese data on a clean page, or a text typed
  without a Vietnamese keyboard: every diacritic gone ("Bao cao ket qua thuc hien").
- garble_like_eng_ocr: Tesseract with only its English model on a Vietnamese page. Its
  alphabet knows the Latin-1 accented vowels (á é ó â ê ô à ã …) but not ă ơ ư đ nor the
  hook and the dot below, so each Vietnamese vowel comes out as its bare letter or as a
  Latin-1 look-alike keeping one of its two marks, and narrow letters are confused
  (c/e, a/i, n/u): "Kết quả thực hiện công tác" -> "Két qua thue hién cong tic".
"""

from __future__ import annotations

import random
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LATIN1 = set("aàáâãeèéêiìíoòóôõuùúyý")
_CONFUSIONS = {"c": "e", "e": "c", "a": "i", "n": "u", "u": "n", "i": "l", "t": "l", "h": "b", "o": "c"}


def strip_tones(text: str) -> str:
    """Every diacritic removed, đ written d."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain.replace("đ", "d").replace("Đ", "D"))


def _vowel_options(ch: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(m for m in marks if m in _TONES)
    quality = "".join(m for m in marks if m not in _TONES)
    options = [base]
    for mark in (quality, tone):
        if mark:
            candidate = unicodedata.normalize("NFC", base + mark)
            if candidate in _LATIN1:
                options.append(candidate)
    return options


def garble_like_eng_ocr(text: str, rng: random.Random, *, confusion: float = 0.12) -> str:
    """What an English-only OCR model makes of a Vietnamese text (see module docstring)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if low == "đ":
            new = "d"
        elif low in _LATIN1 and unicodedata.normalize("NFD", low)[0] == low:
            new = low  # a plain vowel stays
        elif unicodedata.normalize("NFD", low)[0] in "aeiouy" and len(unicodedata.normalize("NFD", low)) > 1:
            new = rng.choice(_vowel_options(low))
        else:
            new = low
        if new in _CONFUSIONS and rng.random() < confusion:
            new = _CONFUSIONS[new]
        out.append(new.upper() if ch.isupper() else new)
    return "".join(out)


def passages(text: str, words: int = 40) -> list[str]:
    """Cut text into passages of about `words` words (whole lines)."""
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        current.append(line)
        if sum(len(x.split()) for x in current) >= words:
            out.append("\n".join(current))
            current = []
    if current and sum(len(x.split()) for x in current) >= words // 2:
        out.append("\n".join(current))
    return out
