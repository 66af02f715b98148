"""The quality gate refuses toneless, garbled and non-Vietnamese text with one helpful
message, and passes real scripts with their names, acronyms, numbers and loanwords."""

from __future__ import annotations

import random

import pytest

from broadcast.errors import MissingToneMarksError
from broadcast.intake.quality import check_tone_marks, refusal_reason, syllable_stats
from tests.conftest import EXAMPLE_SCRIPT, SAMPLES
from tests.intake.degrade import garble_like_eng_ocr, passages, strip_tones

GARBLED_OCR = (
    "Két qua thue hién cong tic tuyén truyén cai cach hinh chinh nim 2023 cüa UBND xa. "
    "Thue hién Ké hoach so 05/KH-UBND, UBND xa di trién khai cong tic tuyén truyén dén cic thon."
)
TONELESS_OCR = "Bao cao ket qua thuc hien cong tac tuyen truyen cai cach hanh chinh nam 2023 cua UBND xa."


@pytest.mark.parametrize(
    "text",
    [
        GARBLED_OCR,
        TONELESS_OCR,
        "UBND xa Tan Lap thong bao lich tiem phong cho dan",
        "Hello world, this is English text only.",
        "12345 67890",
    ],
)
def test_bad_text_is_refused_with_one_message(text: str) -> None:
    with pytest.raises(MissingToneMarksError) as info:
        check_tone_marks(text)
    message = info.value.message
    assert "tiếng Việt có dấu" in message and "OCR" in message and "tải lên lại" in message


def test_garbled_text_with_marks_is_refused_by_its_syllables() -> None:
    stats = syllable_stats(GARBLED_OCR)
    assert stats.marked_share > 0.2  # the old mark-counting gate let this through
    assert stats.valid_share < 0.7
    assert {"thue", "hién", "tic"} <= set(stats.invalid_examples)


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo kết quả thực hiện công tác tuyên truyền CCHC năm 2023",
        "UBND xã Tân Lập thông báo",
        "Xin chào",
        "UBND, HĐND, MTTQ, TTHC, CCHC: 15/15 thôn đã hoàn thành kế hoạch năm 2024.",
        # proper names of the highlands, units glued to numbers, Roman numerals
        "Mưa 100mm ở Kon Tum, Đắk Lắk và Gia Lai; phần II, mục IV của kế hoạch.",
        # loanwords and addresses in a small share
        "Bà con có thể nộp hồ sơ online qua Zalo hoặc trang dichvucong.gov.vn, "
        "mọi thắc mắc xin liên hệ cán bộ một cửa của xã để được hướng dẫn tận tình.",
        EXAMPLE_SCRIPT,
    ],
)
def test_vietnamese_text_passes(text: str) -> None:
    check_tone_marks(text)


def test_samples_pass_and_their_ocr_failures_are_refused() -> None:
    """Every passage of the sample scripts passes; every toneless copy is refused and at
    least 95% of garbled copies (a garbled passage can by chance keep its syllables)."""
    real = garbled_refused = garbled = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        for passage in passages(path.read_text(encoding="utf-8")):
            real += 1
            assert refusal_reason(syllable_stats(passage)) is None, passage
            assert refusal_reason(syllable_stats(strip_tones(passage))) is not None, passage
            for seed in range(3):
                garbled += 1
                text = garble_like_eng_ocr(passage, random.Random(seed))
                garbled_refused += refusal_reason(syllable_stats(text)) is not None
    assert real >= 40
    assert garbled_refused >= 0.95 * garbled


def test_whole_documents_garbled_or_toneless_are_all_refused() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        check_tone_marks(text)
        for bad in [strip_tones(text), *(garble_like_eng_ocr(text, random.Random(s)) for s in range(5))]:
            with pytest.raises(MissingToneMarksError):
                check_tone_marks(bad)
