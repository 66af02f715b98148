"""Quality gate: refuse text that is not Vietnamese a voice can read.

Two ways OCR ruins Vietnamese: without the Vietnamese language data every tone mark is
lost ("Bao cao ket qua thuc hien"); with only the English model the marks are garbled
("Két qua thue hién cong tic"). Both leave words that are spelled like Vietnamese
syllables but are not ones (a stop coda without sắc or nặng, "ie" without its
circumflex, "uê" written "ue"). The gate counts, among the words spelled like syllables,
the share that are valid syllables (broadcast.intake.syllables); real scripts score
above 0.98, such OCR output below 0.8. Acronyms, units glued to numbers, web addresses
and loanwords are not spelled like syllables and do not count against a text, unless
they make up most of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from broadcast.errors import MissingToneMarksError
from broadcast.intake.syllables import has_syllable_shape, is_syllable

_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile("[IVXLC]+")
_ADDRESS = re.compile(r"\S*(?:@|://|www\.|\.(?:vn|com|net|org|gov)\b)\S*", re.I)

# Share of syllable-shaped words that must be real syllables.
MIN_VALID_SHARE = 0.93
# Running Vietnamese has about two words in three with a mark; toneless text has none.
MIN_MARKED_SHARE = 0.2
# More words than this share that are not Vietnamese at all: not a Vietnamese text.
MAX_FOREIGN_SHARE = 0.5
MIN_WORDS = 4


@dataclass
class SyllableStats:
    """What the gate saw: words counted, how many look like and are syllables, marks."""

    words: int = 0
    shaped: int = 0
    valid: int = 0
    marked: int = 0
    invalid_examples: list[str] = field(default_factory=list)

    @property
    def valid_share(self) -> float:
        return self.valid / self.shaped if self.shaped else 0.0

    @property
    def foreign_share(self) -> float:
        return 1 - self.shaped / self.words if self.words else 1.0

    @property
    def marked_share(self) -> float:
        return self.marked / self.shaped if self.shaped else 0.0


def _words(text: str) -> list[str]:
    text = _ADDRESS.sub(" ", text)
    words = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if len(word) < 2:
            continue  # list letters a), b); initials
        if (start and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
            continue  # units and codes glued to numbers: 15h30, 100mm, BC15
        words.append(word)
    return words


def syllable_stats(text: str) -> SyllableStats:
    """Count the words of text by what the syllable rules say of them."""
    stats = SyllableStats()
    for word in _words(text):
        valid = is_syllable(word, name=word[0].isupper() and not word.isupper())
        shaped = valid or has_syllable_shape(word)
        if word.isupper() and not valid and (not shaped or _ROMAN.fullmatch(word)):
            continue  # an acronym (UBND, CCHC, HĐND) or a Roman numeral (II, IV)
        stats.words += 1
        if not shaped:
            continue
        stats.shaped += 1
        if _MARKED.search(word.lower()):
            stats.marked += 1
        if valid:
            stats.valid += 1
        elif len(stats.invalid_examples) < 8 and word not in stats.invalid_examples:
            stats.invalid_examples.append(word)
    return stats


def refusal_reason(stats: SyllableStats) -> str | None:
    """Why the text must be refused (Vietnamese, for the message), or None when it passes."""
    if stats.shaped == 0:
        return "không có từ tiếng Việt nào"
    if stats.words >= MIN_WORDS and stats.foreign_share > MAX_FOREIGN_SHARE:
        return f"{stats.foreign_share:.0%} số từ không phải tiếng Việt"
    if stats.shaped >= MIN_WORDS and stats.valid_share < MIN_VALID_SHARE:
        return f"chỉ {stats.valid_share:.0%} số từ là âm tiết tiếng Việt đúng"
    if (stats.shaped >= MIN_WORDS and stats.marked_share < MIN_MARKED_SHARE) or stats.marked == 0:
        return f"chỉ {stats.marked_share:.0%} số từ có dấu"
    return None


def check_tone_marks(text: str, *, source: str = "bài viết") -> None:
    """Raise MissingToneMarksError when text is not Vietnamese written with its tone marks:
    toneless, garbled by OCR, or not Vietnamese at all."""
    stats = syllable_stats(text)
    reason = refusal_reason(stats)
    if reason is None:
        return
    examples = stats.invalid_examples or _WORD.findall(text)[:8]
    sample = " ".join(examples[:8])
    raise MissingToneMarksError(
        f"Nội dung «{source}» không phải tiếng Việt có dấu đúng ({reason}; ví dụ: «{sample}»). "
        "Giọng đọc không thể đọc đúng chữ mất dấu hay chữ nhận dạng sai. Hãy gõ lại bằng tiếng Việt có dấu, "
        "hoặc quét (OCR) lại với ngôn ngữ tiếng Việt, rồi tải lên lại.",
        valid_share=stats.valid_share,
        marked_share=stats.marked_share,
    )
