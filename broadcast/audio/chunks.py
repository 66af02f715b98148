"""Chunked mastering, the one mastering path: the programme is cut at paragraph pauses into
chunks of about half a minute, each processed, levelled to the target, mixed with the
jingles and the stretch of music bed that belong to it, encoded and measured on its own,
in parallel, and cached by content. A one-sentence edit re-does only its chunk.

MP3 frames from separately encoded chunks of one profile join into one valid stream (no
Xing or ID3 header inside); each junction gains the encoder's few milliseconds of delay,
placed inside a paragraph pause where nobody hears it. The programme's integrated loudness
is computed from the momentary (400 ms, 100 ms hop) loudness of every decoded chunk,
pooled and gated as ITU-R BS.1770 prescribes, so it is measured on the encoded audio.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydub import AudioSegment

from broadcast.audio import ffmpeg
from broadcast.audio.jingle import SAMPLE_RATE
from broadcast.audio.master import (
    CODEC_LOUDNESS_OFFSET,
    PARAGRAPH_GAP_MS,
    SENTENCE_GAP_MS,
    MixPlan,
    mix_and_encode,
    process_speech,
)
from broadcast.audio.mp3 import join_mp3
from broadcast.fsutil import atomic_write_bytes
from broadcast.models import Profile

VERSION = "chunk-v2"  # part of every cache key: change it when processing changes
MIN_CHUNK_S, MAX_CHUNK_S = 20.0, 60.0
_WIDTH = 2


@dataclass(frozen=True)
class Chunk:
    """One encoded piece of a programme and its measurements."""

    mp3: Path
    seconds: float
    true_peak: float
    momentary: tuple[float, ...]


def frames_of(path: Path) -> bytes:
    """A clip as raw 16-bit mono frames at the programme rate."""
    if path.suffix.lower() == ".wav":
        segment = AudioSegment.from_file(path)
    else:  # decoded by our ffmpeg wrapper (the same command pydub runs), so it dies with us
        wav = ffmpeg.run(["-y", "-i", str(path), "-acodec", "pcm_s16le", "-vn", "-f", "wav", "-"]).stdout
        segment = AudioSegment.from_file(io.BytesIO(wav), format="wav")
    return segment.set_channels(1).set_sample_width(_WIDTH).set_frame_rate(SAMPLE_RATE).raw_data


def _silence(ms: int) -> bytes:
    return b"\0" * (SAMPLE_RATE * ms // 1000 * _WIDTH)


def _wav(frames: bytes) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(_WIDTH)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)
    return buf.getvalue()


def plan(paragraph_texts: Sequence[str], paragraph_seconds: Sequence[float]) -> list[list[int]]:
    """Group paragraph indices into chunks, cutting only where the content says so.

    A chunk ends after a paragraph once it holds MIN_CHUNK_S of speech and that paragraph's
    text hashes even (or it reached MAX_CHUNK_S), so an edit moves at most the boundary
    next to it and the other chunks stay identical — and cached.
    """
    groups: list[list[int]] = [[]]
    length = 0.0
    for i, (text, seconds) in enumerate(zip(paragraph_texts, paragraph_seconds, strict=True)):
        groups[-1].append(i)
        length += seconds
        even = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 2 == 0
        if i < len(paragraph_texts) - 1 and (length >= MAX_CHUNK_S or (length >= MIN_CHUNK_S and even)):
            groups.append([])
            length = 0.0
    return groups


def seconds_of(frames: bytes) -> float:
    return len(frames) / (SAMPLE_RATE * _WIDTH)


def speech_pcm(paragraph_clips: Sequence[Sequence[bytes]], *, last: bool) -> bytes:
    """Raw frames of some paragraphs with sentence and paragraph pauses (a trailing pause
    unless this is the programme's last chunk)."""
    parts: list[bytes] = []
    for p, clips in enumerate(paragraph_clips):
        for s, clip in enumerate(clips):
            parts.append(clip)
            if s < len(clips) - 1:
                parts.append(_silence(SENTENCE_GAP_MS))
        if p < len(paragraph_clips) - 1 or not last:
            parts.append(_silence(PARAGRAPH_GAP_MS))
    return b"".join(parts)


@dataclass(frozen=True)
class Piece:
    """The speech of one chunk (raw frames) and what is mixed around and under it."""

    frames: bytes
    plan: MixPlan = field(default_factory=MixPlan)


def _file_digest(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else "-"


class ChunkMaster:
    """Processes, encodes and measures chunks for one profile, with an on-disk cache."""

    def __init__(self, *, cache_dir: Path, profile: Profile, target: float, horn: bool, workers: int = 2) -> None:
        self.cache_dir, self.profile, self.target, self.horn = cache_dir, profile, target, horn
        self.workers = max(1, workers)

    def _key(self, piece: Piece) -> str:
        plan = piece.plan
        h = hashlib.sha256(
            "|".join(
                [
                    VERSION,
                    self.profile.value,
                    str(self.target),
                    str(self.horn),
                    _file_digest(plan.intro),
                    _file_digest(plan.outro),
                    _file_digest(plan.bed),
                    f"{plan.bed_offset_s:.3f}",
                    str(plan.crossfade_s),
                    str(plan.bed_level_db),
                ]
            ).encode()
        )
        h.update(piece.frames)
        return h.hexdigest()

    def master_all(self, pieces: Sequence[Piece]) -> list[tuple[Chunk, bool]]:
        """Pieces -> (chunk, came from cache), in order, in parallel."""
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(self.master, pieces))

    def master(self, piece: Piece) -> tuple[Chunk, bool]:
        key = self._key(piece)
        folder = self.cache_dir / self.profile.value / key[:2]
        mp3, meta = folder / f"{key}.mp3", folder / f"{key}.json"
        if mp3.is_file() and meta.is_file():
            data = json.loads(meta.read_text())
            return Chunk(mp3, data["seconds"], data["true_peak"], tuple(data["momentary"])), True
        folder.mkdir(parents=True, exist_ok=True)
        wav, level = process_speech(_wav(piece.frames), horn_profile=self.horn)
        gain = self.target - level.integrated + CODEC_LOUDNESS_OFFSET if math.isfinite(level.integrated) else 0.0
        true_peak = mix_and_encode(wav, gain_db=gain, plan=piece.plan, profile=self.profile, out=mp3)
        momentary = self._momentary(mp3)
        seconds = len(momentary) * 0.1  # ebur128 logs one momentary value every 100 ms
        atomic_write_bytes(
            meta, json.dumps({"seconds": seconds, "true_peak": true_peak, "momentary": momentary}).encode()
        )
        return Chunk(mp3, seconds, true_peak, tuple(momentary)), False

    def _momentary(self, mp3: Path) -> list[float]:
        proc = ffmpeg.run(["-v", "info", "-i", str(mp3), "-af", "ebur128=framelog=info", "-f", "null", "-"])
        values = re.findall(r"\bM:\s*(-?[\d.]+|-?inf|nan)", proc.stderr.decode("utf-8", "replace"))
        return [float(v) if v not in ("nan", "inf", "-inf") else -120.0 for v in values]


def integrated(momentary: Sequence[float]) -> float:
    """BS.1770 integrated loudness from momentary (400 ms) values: absolute gate at −70 LUFS,
    relative gate 10 LU under the mean of the blocks that pass it."""

    def power(lufs: float) -> float:
        return 10 ** ((lufs + 0.691) / 10)

    def lufs(p: float) -> float:
        return -0.691 + 10 * math.log10(p)

    blocks = [power(m) for m in momentary if m > -70]
    if not blocks:
        return -70.0
    relative = lufs(sum(blocks) / len(blocks)) - 10
    gated = [b for b in blocks if b > power(relative)]
    return lufs(sum(gated) / len(gated))


def join(chunks: Sequence[Chunk], out: Path) -> None:
    """The chunks' MP3 frames as one stream in out, atomically."""
    join_mp3([c.mp3 for c in chunks], out)
