"""One table per semiotic class (tests/text/cases/<class>.tsv: input<TAB>spoken).

The rows are real sentences from the development split of the corpus, read and checked by
hand; a newcomer fixing dates opens dates.tsv and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broadcast.text.normalize import normalize

CASES_DIR = Path(__file__).parent / "cases"
CASES = [
    (path.stem, *line.split("\t", 1))
    for path in sorted(CASES_DIR.glob("*.tsv"))
    for line in path.read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


def test_every_class_has_a_table() -> None:
    classes = {name for name, _, _ in CASES}
    assert {"dates", "measures", "slash", "telephone", "abbreviations", "structure", "roman"} <= classes


@pytest.mark.parametrize("cls, written, spoken", CASES, ids=[f"{c}:{w[:30]}" for c, w, _ in CASES])
def test_class_case(cls: str, written: str, spoken: str) -> None:
    assert normalize(written).spoken == spoken


def test_pictographs_are_removed_and_reported() -> None:
    """From the corpus: '✅ Từ ngày 16 đến ngày 20/11 …' pasted from a social page."""
    result = normalize("✅ Từ ngày 16 đến ngày 20/11, có khả năng xuất hiện 01 đợt lũ. ⚠️")
    assert result.removed == ["✅", "⚠️"]
    assert "✅" not in result.spoken and result.spoken.startswith("Từ ngày mười sáu")
    assert any(r.rule == "biểu tượng, không đọc" for r in result.replacements)


def test_numbered_point_style_is_a_setting() -> None:
    """'2. Thông qua kế hoạch …' (sample minutes): 'Hai là, …' or 'Thứ hai, …', never a bare number."""
    text = "2. Thông qua kế hoạch tuyên truyền CCHC năm 2022"
    assert normalize(text).spoken.startswith("Hai là, ")
    assert normalize(text, list_style="thu_nhat").spoken.startswith("Thứ hai, ")
    with pytest.raises(ValueError):
        normalize(text, list_style="khac")


def test_abbreviation_defined_in_brackets_is_learned_for_the_rest_of_the_text() -> None:
    text = "Thành lập Ban chỉ đạo bầu cử (BCĐBC) các cấp. BCĐBC họp ngày 2/3."
    result = normalize(text)
    assert result.spoken == "Thành lập Ban chỉ đạo bầu cử các cấp. ban chỉ đạo bầu cử họp ngày hai tháng ba."
    assert result.unknown == []


def test_commune_lexicon_wins_over_context_entries() -> None:
    assert normalize("Hội ND xã").spoken == "Hội nông dân xã"
    assert normalize("Hội ND xã", lexicon_overrides={"ND": "người dân"}).spoken == "Hội người dân xã"
