"""Text that lost its tone marks is refused with a message that says what to do."""

from __future__ import annotations

import pytest

from broadcast.errors import MissingToneMarksError
from broadcast.intake.quality import check_tone_marks


@pytest.mark.parametrize(
    "text",
    [
        "Bao cao ket qua thuc hien cong tac tuyen truyen CCHC nam 2023",
        "UBND xa Tan Lap thong bao lich tiem phong cho dan",
        "Hello world, this is English text only.",
        "12345 67890",
    ],
)
def test_unmarked_text_is_refused(text: str) -> None:
    with pytest.raises(MissingToneMarksError) as info:
        check_tone_marks(text)
    assert "tiếng Việt có dấu" in info.value.message and "OCR" in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo kết quả thực hiện công tác tuyên truyền CCHC năm 2023",
        "UBND xã Tân Lập thông báo",
        "Xin chào",
        # acronyms and numbers do not count against a real Vietnamese sentence
        "UBND, HĐND, MTTQ, TTHC, CCHC: 15/15 thôn đã hoàn thành kế hoạch năm 2024.",
    ],
)
def test_vietnamese_text_passes(text: str) -> None:
    check_tone_marks(text)
