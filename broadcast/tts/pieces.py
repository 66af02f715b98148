"""Cutting a text into requests a provider accepts, and joining their audio again.

A provider limits the characters per request. Text is cut at paragraph, then sentence,
then clause boundaries, and only as a last resort between words — never inside a word.
Paragraph and list pauses survive the cut: an engine with its own pause syntax gets them
as marks inside the text (`pause_mark`), any other engine gets them as silence between
the pieces' audio.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from broadcast.errors import EngineRefusedError
from broadcast.tts.base import Clip

PARAGRAPH_PAUSE_MS = 900  # as between paragraphs in the mastered programme
LIST_PAUSE_MS = 500  # before a list item: shorter than a paragraph, longer than a sentence

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[;,:])\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-+•*]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s)")


@dataclass
class Piece:
    """One request's text and the pause that follows its audio (milliseconds)."""

    text: str
    pause_after_ms: int = 0


def _pack(parts: Sequence[str], limit: int, sep: str = " ") -> list[str]:
    """Greedy: consecutive parts joined while the result stays within limit."""
    out: list[str] = []
    for part in parts:
        if out and len(out[-1]) + len(sep) + len(part) <= limit:
            out[-1] = out[-1] + sep + part
        else:
            out.append(part)
    return out


def _fit(text: str, limit: int) -> list[str]:
    """text as pieces of at most limit characters, cut at the gentlest boundary that works."""
    if len(text) <= limit:
        return [text]
    for splitter in (_SENTENCE_END, _CLAUSE_END):
        parts = [p for p in splitter.split(text) if p.strip()]
        if len(parts) > 1:
            return [piece for part in _pack(parts, limit) for piece in _fit(part, limit)]
    words = text.split()
    if any(len(w) > limit for w in words):
        raise EngineRefusedError(
            f"Có một từ dài hơn {limit} ký tự, giọng đọc không nhận được. Hãy sửa lại văn bản (thêm khoảng trắng)."
        )
    return _pack(words, limit)


def plan(text: str, limit: int, pause_mark: Callable[[int], str] | None = None) -> list[Piece]:
    """The pieces to request for text, each at most limit characters long.

    Lines are paragraphs; a line that starts like a list item gets the shorter list pause
    before it. With pause_mark, pieces of consecutive paragraphs share a request where
    they fit, the pause written inside the text in the engine's own syntax.
    """
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    pieces: list[Piece] = []
    for i, paragraph in enumerate(paragraphs):
        for part in _fit(paragraph, limit):
            pieces.append(Piece(part))
        if i + 1 < len(paragraphs):
            pieces[-1].pause_after_ms = LIST_PAUSE_MS if _LIST_ITEM.match(paragraphs[i + 1]) else PARAGRAPH_PAUSE_MS
    if pause_mark is None or not pieces:
        return pieces
    merged = [pieces[0]]
    for piece in pieces[1:]:
        last = merged[-1]
        glue = pause_mark(last.pause_after_ms) if last.pause_after_ms else " "
        if len(last.text) + len(glue) + len(piece.text) <= limit:
            merged[-1] = Piece(last.text + glue + piece.text, piece.pause_after_ms)
        else:
            merged.append(piece)
    return merged


def join(clips: Sequence[Clip], pieces: Sequence[Piece]) -> Clip:
    """One clip from the pieces' clips, with each piece's pause after it.

    A single clip without a pause is returned as it came (no re-encoding); otherwise the
    audio is decoded and joined into one WAV.
    """
    if len(clips) == 1 and not pieces[0].pause_after_ms:
        return clips[0]
    from pydub import AudioSegment

    total = AudioSegment.empty()
    for clip, piece in zip(clips, pieces, strict=True):
        segment = AudioSegment.from_file(io.BytesIO(clip.audio), format=clip.fmt)
        total += segment
        if piece.pause_after_ms:
            total += AudioSegment.silent(duration=piece.pause_after_ms, frame_rate=segment.frame_rate)
    buf = io.BytesIO()
    total.export(buf, format="wav")
    return Clip(buf.getvalue(), "wav")
