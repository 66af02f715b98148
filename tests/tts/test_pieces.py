"""Cutting text under a provider's limit: at sentence, then clause, then word boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadcast.errors import EngineRefusedError
from broadcast.tts.pieces import LIST_PAUSE_MS, PARAGRAPH_PAUSE_MS, plan
from broadcast.tts.zalo import zalo_pause

SENTENCES = [
    "Ủy ban nhân dân xã thông báo lịch tiêm phòng cho đàn gia súc.",
    "Bà con mang theo sổ theo dõi và giữ vật nuôi cẩn thận.",
    "Mọi thắc mắc xin liên hệ trạm y tế xã trong giờ hành chính.",
]


def test_short_text_is_one_piece() -> None:
    assert [p.text for p in plan(SENTENCES[0], 500)] == [SENTENCES[0]]


def test_long_text_is_cut_at_sentence_ends_under_the_limit() -> None:
    text = " ".join(SENTENCES * 4)
    pieces = plan(text, 130)
    assert all(len(p.text) <= 130 for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)  # every cut is at a sentence end
    assert " ".join(p.text for p in pieces) == text


def test_a_sentence_longer_than_the_limit_is_cut_at_commas_then_words() -> None:
    sentence = "Đề nghị bà con " + ", ".join(f"thôn số {i} chuẩn bị chu đáo" for i in range(30)) + "."
    pieces = plan(sentence, 100)
    assert all(len(p.text) <= 100 for p in pieces)
    assert " ".join(p.text for p in pieces).split() == sentence.split()  # no word lost or broken


def test_a_word_longer_than_the_limit_is_refused_not_cut() -> None:
    with pytest.raises(EngineRefusedError):
        plan("x" * 50, 20)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ", min_size=1, max_size=12), min_size=1),
    limit=st.integers(min_value=13, max_value=200),  # a word is at most 12 letters and its full stop
)
def test_never_cuts_inside_a_word(words: list[str], limit: int) -> None:
    text = " ".join(w + ("." if i % 5 == 4 else "") for i, w in enumerate(words))
    pieces = plan(text, limit)
    assert all(len(p.text) <= limit for p in pieces)
    assert [w for p in pieces for w in p.text.split()] == text.split()


def test_paragraph_and_list_pauses_follow_the_pieces() -> None:
    pieces = plan("Mở đầu.\nCác việc cần làm:\n- Một là dọn vệ sinh.\n- Hai là phun thuốc.\nKết thúc.", 500)
    assert [p.pause_after_ms for p in pieces] == [
        PARAGRAPH_PAUSE_MS,
        LIST_PAUSE_MS,
        LIST_PAUSE_MS,
        PARAGRAPH_PAUSE_MS,
        0,
    ]


def test_an_engine_with_pause_syntax_gets_the_pauses_written_in_the_text() -> None:
    pieces = plan("Mở đầu.\n- Một là dọn vệ sinh.\nKết thúc.", 500, zalo_pause)
    assert [p.text for p in pieces] == ["Mở đầu. <<<sil#500>>> - Một là dọn vệ sinh. <<<sil#900>>> Kết thúc."]
