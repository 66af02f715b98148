"""A word typed twice by mistake is read once; the language's own doublings are read as written.

Sentences from the development corpus (fresh_2026-12-02.tsv and the case tables)."""

from __future__ import annotations

import pytest

from broadcast.text import tones
from broadcast.text.classes import doubled
from broadcast.text.normalize import normalize
from tests.text.corpus_builders import load
from tests.text.mending import assert_mended


def test_the_pairs_are_what_the_builder_makes_from_the_corpora() -> None:
    builder = load("build_word_pairs")
    pairs, stops = builder.build()
    assert frozenset(pairs) == doubled.word_pairs()  # rebuild with the script after the corpora grow
    assert {line.split()[0]: int(line.split()[1]) for line in stops} == tones._seen()


@pytest.mark.parametrize(
    "written, spoken",
    [
        # fresh zb0177, zc0195, dk150: typed twice
        ("Sở TNMT đã có tờ trình trình UBND TP xem xét, ban hành quyết định", "có tờ trình ủy ban"),
        ("100% các xã thuộc huyện Yên Khánh đạt đạt chuẩn NTM.", "Yên Khánh đạt chuẩn"),
        ("VinaPhone 150.000 thuê bao thuê bao, MobiFone 47.919", "nghìn thuê bao, MobiFone"),
    ],
)
def test_a_word_typed_twice_is_read_once(written: str, spoken: str) -> None:
    assert_mended(written, spoken, "từ gõ lặp")


@pytest.mark.parametrize(
    "written",
    [
        "phát hiện các hành vi vi phạm, năm 2021",  # two words overlapping
        "bão di chuyển theo hướng Tây Tây Bắc với tốc độ khoảng 10 km/h",  # a direction
        "1 con tê tê bò vào vườn nhà",  # a reduplicated word
        "tưởng nhớ và tri ân ân đức của Đấng Từ phụ",  # a rarer syllable, a word on one side
        "đảm bảo giao thông thông suốt trong mọi tình huống",
        "Tết trồng cây đời đời nhớ ơn Bác Hồ",
    ],
)
def test_the_languages_own_doublings_are_kept(written: str) -> None:
    assert not [r for r in normalize(written).replacements if r.rule == "từ gõ lặp"]
