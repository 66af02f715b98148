"""Table-driven normaliser cases from real administrative language (tests/fixtures/normalizer_cases.tsv).

Each row was read and corrected by hand; a change in any spoken form fails here so that
it is looked at by a person before it airs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broadcast.text.normalize import normalize

CASES = [
    tuple(line.split("\t", 1))
    for line in (Path(__file__).resolve().parents[1] / "fixtures" / "normalizer_cases.tsv")
    .read_text("utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


def test_there_are_at_least_200_distinct_cases() -> None:
    assert len({written for written, _ in CASES}) >= 200


@pytest.mark.parametrize("written, spoken", CASES, ids=[c[0][:40] for c in CASES])
def test_case(written: str, spoken: str) -> None:
    assert normalize(written).spoken == spoken
