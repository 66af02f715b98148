"""From an approved script to the spoken text: wrap in the commune's lines, normalise, split.

The opening and closing are spoken exactly once: the script's own lines when it had them,
the commune's templates otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from broadcast.text.normalize import Replacement, normalize

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
MAX_SENTENCE = 220  # characters; longer sentences are cut at a clause boundary


def fill_template(template: str, don_vi: str) -> str:
    """'… của {don_vi}.' with the unit's spoken name (other braces are left as written)."""
    return template.replace("{don_vi}", don_vi)


def wrap(*, title: str, body: str, opening: str, closing: str) -> list[str]:
    """Paragraphs in broadcast order: opening, title, body paragraphs, closing.

    A title that is only the body's first words (a script uploaded without a title is
    listed under its first twelve words and '…') is not spoken: the voice would read a
    cut-off fragment and then the same words again."""
    if title_is_body_start(body, title):
        title = ""
    paragraphs = [opening, title, *body.split("\n"), closing]
    return [p.strip() for p in paragraphs if p and p.strip()]


def title_is_body_start(body: str, title: str) -> bool:
    """True when the title is only the body's first words (then it is not spoken)."""
    words = title.removesuffix("…").split()
    return bool(words) and body.split()[: len(words)] == words


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; an over-long one is cut at ';' or ',' near its middle."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph.strip()):
        out.extend(_cut(sentence.strip()))
    return [s for s in out if re.search(r"\w", s)]


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    middle = len(sentence) // 2
    cuts = [m.end() for m in re.finditer(r"[;,:]\s", sentence)]
    if not cuts:
        return [sentence]
    at = min(cuts, key=lambda c: abs(c - middle))
    return _cut(sentence[:at].strip()) + _cut(sentence[at:].strip())


@dataclass
class SpeechText:
    """The spoken form: paragraphs of sentences, plus what the normaliser changed."""

    paragraphs: list[list[str]]
    replacements: list[list[Replacement]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(p) for p in self.paragraphs)


def build_speech(
    written_paragraphs: list[str], *, lexicon: Mapping[str, str] | None = None, list_style: str = "mot_la"
) -> SpeechText:
    """Normalise each written paragraph and split it into spoken sentences."""
    speech = SpeechText(paragraphs=[])
    for paragraph in written_paragraphs:
        result = normalize(paragraph, lexicon_overrides=lexicon, list_style=list_style)
        sentences = split_sentences(result.spoken)
        if sentences:
            speech.paragraphs.append(sentences)
            speech.replacements.append(result.replacements)
        speech.unknown.extend(u for u in result.unknown if u not in speech.unknown)
    return speech
