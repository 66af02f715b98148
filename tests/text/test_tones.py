"""A stop-final syllable typed without its tone ('viêc', 'đât', 'khu vưc'), or a word that is no
Vietnamese syllable ('tổ quóc', 'Quyết dịnh'), is read as the word meant.

Real slips from the corpora and the held-out rounds, and a generator: in the held-out rows of the
corpus (never used to build stop_syllables.txt or word_pairs.txt) one syllable ending in p, t, c or
ch loses its tone mark, and the words spoken must be those of the clean sentence.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

import pytest

from broadcast.text.normalize import normalize
from broadcast.text.tones import retoned
from tests.text.mending import assert_mended

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "sentences.tsv"
_STOP_TONED = re.compile(r"(?<![\w])[^\W\d_]*(?:ch|[ptc])(?![\w])")


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # fresh_2026-12-02 ke003 (a held-out round): a notice's title
        ("Về viêc tạm dừng tiếp công dân", "Về việc tạm dừng tiếp công dân"),
        ("cảnh báo MƯA LỚN DIỆN RỘNG, LŨ QUÉT, SẠT LỞ ĐÂT và", "SẠT LỞ ĐẤT"),  # ka173
        ("Quyêt định số 922/QĐ-TTg", "Quyết định số"),  # ka226
        ("tình hình nắng nóng, khô hạn có khả năng xảy ra tại nhiều khu vưc", "khu vực"),  # fresh i0163
        ("Văc xin Bại liệt uống OPV là văc xin sống giảm độc lực.", "Vắc xin Bại liệt"),  # fresh o0120
        ("UBND huyện Băc Hà ban hành thông báo", "huyện Bắc Hà"),  # fresh v0047
        ("Truy câp hôm nay nhiều người", "Truy cập"),  # a word with its neighbour decides: not 'cấp'
        # a word no Vietnamese syllable, its marks mistyped (burned held-out rounds kt, kk, ka, kr; sentences 1273)
        ("hướng dẫn mặt trận tổ quóc Việt Nam các cấp", "mặt trận tổ quốc Việt Nam"),  # kt099
        ("Trao Huy hiệu Đảng và Quyết dịnh khen thưởng", "Quyết định khen thưởng"),  # kt138
        ("sáp nhập các đợn vị hành chính", "các đơn vị hành chính"),  # kk141
        ("Ngày phản biện thơng qua: 01/08/2022", "phản biện thông qua"),  # ka143
        ("phối hợp cùng với Đội tổ chức hoat động tuyên truyền", "tổ chức hoạt động"),  # kr156
        ("Hội đồng nghĩa vụ quân sữ xã tổ chức sơ khám", "nghĩa vụ quân sự xã"),  # sentences 1273
        # fresh n0027, zc0188: the word for a district or a province before its name
        ("Theo báo cáo nhanh của UBND huyên Lạc Sơn (tỉnh Hòa Bình)", "huyện Lạc Sơn"),
        ("Đây là huyện cuối cùng của tinh Ninh Bình được Thủ tướng", "của tỉnh Ninh Bình"),
    ],
)
def test_a_missing_tone_is_put_back(text: str, spoken: str) -> None:
    assert_mended(text, spoken, "dấu gõ sai")


@pytest.mark.parametrize(
    "text",
    [
        "chat với robot qua Internet",
        "NSƯT Hải Điệp",
        "Bosch, Intel",
        "Tết đến rồi",
        "tinh hoa, huyên náo",
        "CCCD gắn chip",
    ],
)
def test_foreign_words_unknown_syllables_and_right_ones_are_left_alone(text: str) -> None:
    assert retoned(text) == []
    assert all(r.rule != "dấu gõ sai" for r in normalize(text).replacements)


def _strip_tone(word: str) -> str:
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in "\u0301\u0323")
    )


def _heldout() -> list[str]:
    with CORPUS.open(encoding="utf-8") as f:
        return [
            r["sentence"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["split"] == "heldout"
        ]


def test_on_unseen_sentences_most_slips_are_mended_and_right_text_is_never_touched() -> None:
    rng = random.Random(7)
    rows = _heldout()
    # the held-out text as written: its one real slip is mended ('1-Mục đich:'), nothing else is touched
    assert [(s[a:b], word) for s in rows for a, b, word in retoned(s)] == [("đich", "đích")]
    tried = mended = 0
    for sentence in rows:
        # a Vietnamese syllable whose tone, taken out, leaves a Vietnamese letter ('việc' -> 'viêc')
        words = [m for m in _STOP_TONED.finditer(sentence) if not _strip_tone(m.group()).isascii()]
        words = [m for m in words if _strip_tone(m.group()) != m.group()]
        if not words:
            continue
        m = rng.choice(words)
        slipped = sentence[: m.start()] + _strip_tone(m.group()) + sentence[m.end() :]
        tried += 1
        mended += normalize(slipped).spoken == normalize(sentence).spoken
    assert tried > 300
    assert mended >= tried * 0.9, (mended, tried)  # 0.956 measured (697 of 729)
