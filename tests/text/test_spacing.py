"""Typing slips in real sentences: the voice reads them as it reads the clean sentence.

A generator puts one kind of slip into real sentences of the development corpus (spaces
doubled as Word leaves them, a spaced slash in a date, a word typed against its number or a
number against the next word) and compares the words spoken with those of the clean sentence.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest

from broadcast.text.normalize import normalize
from broadcast.text.spacing import squeeze_spaces

FRESH = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "fresh_2026-12-02.tsv"
_MARKED = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
SLIPS = {
    "double_space": (re.compile(r" "), "  ", 0),
    "spaced_slash": (re.compile(r"(?<=\d)/(?=\d)"), " / ", 1),
    "word_against_number": (re.compile(rf"(?:(?<=[{_MARKED}])|(?<=[a-z]{{3}})) (?=\d)"), "", 1),
    "number_against_word": (re.compile(rf"(?<=\d) (?=[a-z{_MARKED}]*[{_MARKED}][a-z{_MARKED}]*[ ,.])"), "", 1),
}


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", text.lower()).split()


def _sample(n: int) -> list[str]:
    with FRESH.open(encoding="utf-8") as f:
        rows = [r["sentence"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return random.Random(12).sample(rows, n)


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_a_typing_slip_is_read_as_the_clean_sentence(slip: str) -> None:
    pattern, replacement, count = SLIPS[slip]
    tried, differ = 0, []
    for sentence in _sample(700):
        slipped = pattern.sub(replacement, sentence, count=count)
        if slipped == sentence:
            continue
        tried += 1
        if _words(normalize(slipped).spoken) != _words(normalize(sentence).spoken):
            differ.append(slipped)
    assert tried > 100
    assert len(differ) <= tried // 50, differ[:5]


def test_replacements_still_point_into_the_original_text() -> None:
    text = "Sáng  nay (20 / 7),  UBND xã  thu 0,5  ha đất theo Quyết định số123/QĐ-UBND ngày 1 - 7 - 2025."
    result = normalize(text)
    assert "ngày hai mươi tháng bảy" in result.spoken and "héc-ta" in result.spoken
    for r in result.replacements:
        assert text[r.start : r.end] == r.source
    assert {r.source for r in result.replacements} >= {"20 / 7", "0,5  ha", "1 - 7 - 2025"}


def test_squeezing_keeps_indentation_tabs_and_telephone_pairs() -> None:
    text = "  a)\tHà Nội:  06921919/ 0438489703"
    squeezed, origin = squeeze_spaces(text)
    assert squeezed == "  a)\tHà Nội: 06921919/ 0438489703"
    assert all(squeezed[i] == text[origin[i]] for i in range(len(squeezed)))
