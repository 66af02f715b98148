"""Audit of the normaliser over a corpus: what a listener would still hear wrong.

Counts and lists, over any set of sentences: sentences with a token spelled letter by
letter, digits or symbols left for the voice, unknown abbreviations by frequency,
letter–digit tokens (1A, F0, 5G…) and how they were read, and the sentences changed by
each rule. Pure: the command line only prints what `audit()` returns.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from broadcast.text.normalize import normalize

# What may remain in a spoken sentence: letters, spaces, pauses and the hyphen of loanwords.
LEFTOVER = re.compile(r"[^\w\s,.;:!?\-]|\d|_")
LETTER_DIGIT = re.compile(r"(?<![\w/.-])(?=[\w/.-]*\d)(?=[\w/.-]*[^\W\d_])[\w/.-]{2,40}(?![\w/-])")
_DATE_LIKE = re.compile(r"^[\d/.-]+$")


@dataclass
class SentenceAudit:
    id: str
    written: str
    spoken: str
    spelled: list[str]
    leftovers: list[str]
    unknown: list[str]
    letter_digit: list[str]
    rules: list[str]


@dataclass
class Audit:
    sentences: list[SentenceAudit] = field(default_factory=list)
    unknown: Counter[str] = field(default_factory=Counter)
    letter_digit: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (id, message): an exception, never expected

    @property
    def spelled(self) -> list[SentenceAudit]:
        return [s for s in self.sentences if s.spelled]

    @property
    def leftovers(self) -> list[SentenceAudit]:
        return [s for s in self.sentences if s.leftovers]

    def summary(self) -> dict[str, object]:
        n = len(self.sentences) or 1
        with_unknown = sum(1 for s in self.sentences if s.unknown)
        return {
            "sentences": len(self.sentences),
            "spelled_letter_by_letter": len(self.spelled),
            "digits_or_symbols_left": len(self.leftovers),
            "unknown_abbreviations": sum(self.unknown.values()),
            "distinct_unknown_abbreviations": len(self.unknown),
            "sentences_with_unknown": with_unknown,
            "unknown_rate": round(with_unknown / n, 4),
            "letter_digit_tokens": sum(self.letter_digit.values()),
            "errors": len(self.errors),
            "sentences_changed_by_rule": dict(self.rules.most_common()),
        }


def read_sentences(text: str) -> list[tuple[str, str]]:
    """(id, sentence) pairs: a TSV with a `sentence` column (and `id` if present), or plain lines."""
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    if "sentence" in header:
        reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (row.get("id") or str(i), row["sentence"] or "")
            for i, row in enumerate(reader, 1)
            if (row.get("sentence") or "").strip()
        ]
    return [(str(i), line) for i, line in enumerate(lines, 1) if line.strip()]


def audit_sentence(sid: str, written: str, lexicon_overrides: Mapping[str, str] | None = None) -> SentenceAudit:
    result = normalize(written, lexicon_overrides=lexicon_overrides)
    letter_digit = [t for t in LETTER_DIGIT.findall(written) if not _DATE_LIKE.match(t)]
    return SentenceAudit(
        id=sid,
        written=written,
        spoken=result.spoken,
        spelled=result.spelled,
        leftovers=LEFTOVER.findall(result.spoken),
        unknown=result.unknown,
        letter_digit=letter_digit,
        rules=sorted({r.rule for r in result.replacements}),
    )


def audit(sentences: Iterable[tuple[str, str]], *, lexicon_overrides: Mapping[str, str] | None = None) -> Audit:
    """Normalise every sentence and gather what a listener would still hear wrong."""
    out = Audit()
    for sid, written in sentences:
        try:
            item = audit_sentence(sid, written, lexicon_overrides)
        except Exception as exc:  # noqa: BLE001 - an audit reports a crash, it does not stop at the first one
            out.errors.append((sid, f"{type(exc).__name__}: {exc}"))
            continue
        out.sentences.append(item)
        out.unknown.update(item.unknown)
        out.letter_digit.update(item.letter_digit)
        out.rules.update(item.rules)
    return out
