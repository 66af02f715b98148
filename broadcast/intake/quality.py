"""Quality gate: refuse Vietnamese that lost its tone marks (for example OCR without the
Vietnamese language pack), because no voice can read it correctly."""

from __future__ import annotations

import re

from broadcast.errors import MissingToneMarksError

_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")
_WORD = re.compile(r"[^\W\d_]+")
# In running Vietnamese about two syllables in three carry a mark; text far below that
# ratio has lost its marks.
MIN_MARKED_RATIO = 0.2


def marked_ratio(text: str) -> tuple[int, float]:
    """(words considered, share of them with a Vietnamese diacritic); acronyms are ignored."""
    words = [w for w in _WORD.findall(text) if not w.isupper()]
    if not words:
        return 0, 0.0
    marked = sum(1 for w in words if _MARKED.search(w.lower()))
    return len(words), marked / len(words)


def check_tone_marks(text: str, *, source: str = "bài viết") -> None:
    """Raise MissingToneMarksError when text is not Vietnamese written with its tone marks."""
    count, ratio = marked_ratio(text)
    if count == 0 or (count >= 4 and ratio < MIN_MARKED_RATIO) or (count < 4 and ratio == 0):
        sample = " ".join(_WORD.findall(text)[:8])
        raise MissingToneMarksError(
            f"Nội dung «{source}» không phải tiếng Việt có dấu (chỉ {ratio:.0%} số từ có dấu; "
            f"ví dụ: «{sample}»). Giọng đọc không thể đọc đúng chữ mất dấu. Hãy gõ lại bằng tiếng Việt "
            "có dấu, hoặc quét (OCR) lại với ngôn ngữ tiếng Việt, rồi tải lên lại."
        )
