"""The syllable rules: what Vietnamese spelling allows, one rule per row."""

from __future__ import annotations

import pytest

from broadcast.intake.syllables import has_syllable_shape, is_syllable, rhymes


@pytest.mark.parametrize(
    "word",
    [
        # onsets, including the spelling pairs c/k, g/gh, ng/ngh and qu, gi
        "cá",
        "kể",
        "kìa",
        "kiếm",
        "gà",
        "ghế",
        "ghi",
        "ngà",
        "nghe",
        "nghiêng",
        "quốc",
        "quyết",
        "quý",
        "qua",
        "gì",
        "gìn",
        "giếng",
        "giữa",
        "gieo",
        "đường",
        "tr\u01b0\u1edbc",
        "phải",
        # glides, diphthongs and their open spellings
        "hoà",
        "hòa",
        "khoẻ",
        "xoăn",
        "tuần",
        "thuế",
        "huy",
        "khuya",
        "khuyên",
        "thuở",
        "uy",
        "mía",
        "yêu",
        "yên",
        "của",
        "mưa",
        "người",
        "rượu",
        "tuổi",
        "xoong",
        # stop codas with sắc or nặng
        "tác",
        "thực",
        "kết",
        "hiệp",
        "sách",
        "lịch",
        "huých",
        # upper case and decomposed input
        "CỘNG",
        "HÒA",
        "Việt",
        "vie\u0323\u0302t",
    ],
)
def test_valid_syllables(word: str) -> None:
    assert is_syllable(word), word


@pytest.mark.parametrize(
    "word, rule",
    [
        ("ket", "a stop coda needs sắc or nặng"),
        ("thuc", "a stop coda needs sắc or nặng"),
        ("lâp", "a stop coda needs sắc or nặng"),
        ("hién", "iê needs its circumflex"),
        ("tuyén", "yê needs its circumflex"),
        ("thue", "the glide before e is written o"),
        ("tic", "i takes no c coda"),
        ("ca\u0301\u0300", "two tone marks"),
        ("kà", "k only before e, ê, i"),
        ("cé", "c never before e"),
        ("ghà", "gh only before e, ê, i"),
        ("ngi", "ngh before i"),
        ("ăo", "ă needs a coda"),
        ("quu", "qu carries the glide"),
        ("boa", "no glide after a labial"),
        ("iên", "without an onset iê is written yê"),
        ("zalo", "z is no Vietnamese letter"),
        ("online", "not a syllable"),
        ("ç", "a mark Vietnamese does not use"),
    ],
)
def test_invalid_syllables(word: str, rule: str) -> None:
    assert not is_syllable(word), rule


def test_shape_tells_broken_vietnamese_from_foreign_words() -> None:
    assert all(has_syllable_shape(w) for w in ["thuc", "hién", "tic", "thue", "ket", "Két"])
    assert not any(has_syllable_shape(w) for w in ["online", "Zalo", "UBND", "km", "website", "English"])


def test_rhyme_inventory_is_built_from_rules() -> None:
    table = rhymes()
    # a few hundred written rhymes, every one ending in an allowed coda
    assert 150 < len(table) < 300
    assert {"anh", "ương", "uyên", "oăng", "iêu", "ươu"} <= set(table)
    assert not {"ă", "â", "ie", "uo", "ic", "ơc"} & set(table)
