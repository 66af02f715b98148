"""The plain sentence a render's per-sentence record gives when fallback voices spoke."""

from __future__ import annotations

from broadcast.services.renders import fallback_summary


def _said(engine: str, fallback: bool, **why: str) -> dict:
    return {"sentence": "Câu.", "engine": engine, "voice": "v", "cached": False, "fallback": fallback, **why}


def test_no_notice_when_the_main_voice_read_everything() -> None:
    assert fallback_summary([_said("viettel", False)] * 4) is None
    assert fallback_summary([]) is None


def test_counts_sentences_names_the_fallback_voices_and_each_reason_once() -> None:
    spoken = (
        [_said("viettel", False)] * 9
        + [_said("espeak", True, main="viettel", why="không kết nối được")] * 2
        + [_said("fpt", True, main="viettel", why="đã hết hạn mức")]
    )
    assert fallback_summary(spoken) == (
        "Lưu ý: 3/12 câu được đọc bằng giọng dự phòng (espeak-ng, FPT.AI) "
        "vì Viettel AI không kết nối được; Viettel AI đã hết hạn mức."
    )


def test_a_render_recorded_before_reasons_were_kept_still_says_a_fallback_spoke() -> None:
    assert fallback_summary([_said("gtts", False), _said("espeak", True)]) == (
        "Lưu ý: 1/2 câu được đọc bằng giọng dự phòng (espeak-ng) vì giọng chính không đọc được."
    )
