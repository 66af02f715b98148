"""Web-address labels typed without tone marks are said as their words, from a table built
from the development corpora (tests/fixtures/corpus/build_domain_words.py)."""

from __future__ import annotations

from broadcast.text.classes import electronic
from tests.text.corpus_builders import load


def test_the_table_is_what_the_builder_makes_from_the_corpora() -> None:
    builder = load("build_domain_words")
    assert builder.build() == electronic._phrases()  # rebuild with the script after the corpora grow


def test_a_label_splits_into_known_phrases_or_is_left_alone() -> None:
    assert electronic.toneless_words("bocongan") == "bộ công an"
    assert electronic.toneless_words("sotuphapquangngai") == "sở tư pháp quảng ngãi"
    assert electronic.toneless_words("quanlyvbdh") == "quản lý vê bê dê hát"  # then initials
    assert electronic.toneless_words("vnexpress") is None
    assert electronic.toneless_words("zzzzzz") is None
