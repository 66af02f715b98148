"""The whole real corpus (tests/fixtures/corpus): nothing crashes, nothing unreadable is left.

Over every sentence, development and held-out alike: no exception, no digit or stray symbol
in what the voice reads, and the share of sentences with an unknown abbreviation (spelled
letter by letter and reported to the station head) stays under what was measured when the
lexicon was grown (see the closing note of issue 13).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broadcast.text.audit import Audit, audit, read_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
# The first corpus (3,956 sentences) and the development half of the fresh set collected on
# 2026-12-02 (its held-out half is kept outside the repository; see fixtures/corpus/README.md).
CORPORA = {"sentences.tsv": 2600, "fresh_2026-12-02.tsv": 2000}
MAX_UNKNOWN_RATE = 0.03  # measured 0.010 and 0.009 on the two files; a regression shows here


@pytest.fixture(scope="module", params=sorted(CORPORA))
def result(request: pytest.FixtureRequest) -> Audit:
    sentences = read_sentences((FIXTURES / request.param).read_text("utf-8"))
    assert len(sentences) >= CORPORA[request.param]
    return audit(sentences)


def test_no_exception(result: Audit) -> None:
    assert result.errors == []


def test_no_digit_or_symbol_is_left_for_the_voice(result: Audit) -> None:
    left = [(s.id, s.spoken, s.leftovers) for s in result.leftovers]
    assert left == []


def test_unknown_abbreviations_stay_rare(result: Audit) -> None:
    summary = result.summary()
    assert isinstance(summary["unknown_rate"], float)
    assert summary["unknown_rate"] < MAX_UNKNOWN_RATE, result.unknown.most_common(20)
