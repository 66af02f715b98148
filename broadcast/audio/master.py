"""Assembling sentences into speech, the horn profile, loudness, jingles and MP3 encoding.

Three ffmpeg passes per render: (1) horn EQ and compression while measuring the speech's
integrated loudness; (2) gain to the target, jingles, optional music bed and a
true-peak-safe limiter, measuring the programme (repeated once if the limiter moved it
off target, which costs far less than encoding twice); (3) encoding to the profile, after
which the finished file's integrated loudness is read back.
The programme is produced at 22.05 kHz mono: outdoor horns stop near 7 kHz, and it halves
the work of every filter; the encoder resamples to the profile's rate.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from broadcast.audio import ffmpeg
from broadcast.audio.ffmpeg import Loudness
from broadcast.audio.jingle import SAMPLE_RATE
from broadcast.errors import AudioError
from broadcast.fsutil import temp_path_for
from broadcast.models import Profile

SENTENCE_GAP_MS = 400
PARAGRAPH_GAP_MS = 900
JINGLE_GAP_S = 0.6
LIMIT_LINEAR = 0.79  # -2 dBFS sample ceiling keeps the encoded true peak under -1 dBTP
# MP3 encoding and the peak limiter leave speech about 0.8 LU quieter under EBU R128 than
# the gain alone predicts (measured with ffmpeg's ebur128 on espeak-ng and gTTS speech), so
# the gain aims that much higher; the finished audio is measured either way.
CODEC_LOUDNESS_OFFSET = 0.8
# Speech intelligibility on outdoor horns: cut the lows the horn cannot play, the highs it
# only hisses, and even out the level gently.
HORN_FILTERS = ("highpass=f=150", "lowpass=f=7000", "acompressor=threshold=0.1:ratio=3:attack=10:release=200:makeup=2")


@dataclass(frozen=True)
class ProfileSpec:
    sample_rate: int
    channels: int
    bitrate: str


PROFILES = {
    Profile.STATION: ProfileSpec(44100, 2, "128k"),
    Profile.LOA_KEO: ProfileSpec(44100, 1, "128k"),
    Profile.IP_SPEAKER: ProfileSpec(24000, 1, "48k"),
}


@dataclass(frozen=True)
class MixPlan:
    """What goes around the speech in the finished programme."""

    intro: Path | None
    outro: Path | None
    bed: Path | None = None
    crossfade_s: float = 0.0
    bed_level_db: float = -22.0


def assemble_frames(frames: Sequence[bytes], paragraph_sizes: Sequence[int]) -> bytes:
    """Sentence clips (raw 16-bit mono frames) joined with short pauses, longer ones between
    paragraphs; WAV bytes. Joined once: adding segments one by one would copy the growing
    programme at every step."""
    width = 2
    sentence_gap = b"\0" * (SAMPLE_RATE * SENTENCE_GAP_MS // 1000 * width)
    paragraph_gap = b"\0" * (SAMPLE_RATE * PARAGRAPH_GAP_MS // 1000 * width)
    parts: list[bytes] = []
    index = 0
    for p, size in enumerate(paragraph_sizes):
        for s in range(size):
            parts.append(frames[index])
            index += 1
            if s < size - 1:
                parts.append(sentence_gap)
        if p < len(paragraph_sizes) - 1:
            parts.append(paragraph_gap)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(width)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(b"".join(parts))
    return buf.getvalue()


def process_speech(wav: bytes, *, horn_profile: bool) -> tuple[bytes, Loudness]:
    """Pass 1: the horn-intelligibility profile, measuring integrated loudness on the way."""
    chain = [*HORN_FILTERS] if horn_profile else []
    chain.append("ebur128=framelog=verbose")
    proc = ffmpeg.run(
        [
            "-v",
            "info",
            "-f",
            "wav",
            "-i",
            "pipe:0",
            "-af",
            ",".join(chain),
            "-ac",
            "1",
            "-ar",
            str(SAMPLE_RATE),
            "-f",
            "wav",
            "pipe:1",
        ],
        input=wav,
    )
    return proc.stdout, ffmpeg.parse_ebur128(proc.stderr.decode("utf-8", "replace"))


def mix(speech_wav: bytes, *, gain_db: float, plan: MixPlan) -> tuple[bytes, Loudness]:
    """Pass 2: gain, jingles, bed and the true-peak-safe limiter; the programme as WAV bytes
    with its loudness and true peak (4x oversampled) measured on the way out."""
    inputs = ["-f", "wav", "-i", "pipe:0"]
    graph = [f"[0:a]volume={gain_db:.2f}dB[sp0]"]
    n = 1
    if plan.bed:
        inputs += ["-stream_loop", "-1", "-i", str(plan.bed)]
        graph += [
            f"[{n}:a]aresample={SAMPLE_RATE},aformat=channel_layouts=mono,volume={plan.bed_level_db}dB[bed]",
            "[sp0]asplit[sp1][key]",
            "[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked]",
            "[sp1][ducked]amix=inputs=2:duration=first:normalize=0[sp]",
        ]
        n += 1
    else:
        graph.append("[sp0]anull[sp]")
    parts = []
    for label, path in (("intro", plan.intro), ("outro", plan.outro)):
        if path:
            inputs += ["-i", str(path)]
            graph.append(f"[{n}:a]aresample={SAMPLE_RATE},aformat=channel_layouts=mono[{label}]")
            parts.append(label)
            n += 1
    gap = f"aevalsrc=0:s={SAMPLE_RATE}:d={JINGLE_GAP_S}"
    seq: list[str] = []
    if "intro" in parts:
        graph.append(f"{gap}[g1]")
        seq += ["intro", "g1"]
    seq.append("sp")
    if "outro" in parts:
        graph.append(f"{gap}[g2]")
        seq += ["g2", "outro"]
    if plan.crossfade_s > 0 and len(seq) > 1:
        current = seq[0]
        for i, nxt in enumerate(seq[1:], 1):
            graph.append(f"[{current}][{nxt}]acrossfade=d={plan.crossfade_s}:c1=tri:c2=tri[x{i}]")
            current = f"x{i}"
        joined = current
    else:
        graph.append("".join(f"[{s}]" for s in seq) + f"concat=n={len(seq)}:v=0:a=1[prog]")
        joined = "prog"
    graph.append(
        f"[{joined}]alimiter=limit={LIMIT_LINEAR}:level=disabled:attack=3:release=60,"
        "ebur128=peak=true:framelog=verbose[out]"
    )
    proc = ffmpeg.run(
        [
            "-v",
            "info",
            *inputs,
            "-filter_complex",
            ";".join(graph),
            "-map",
            "[out]",
            "-ar",
            str(SAMPLE_RATE),
            "-ac",
            "1",
            "-f",
            "wav",
            "pipe:1",
        ],
        input=speech_wav,
    )
    return proc.stdout, ffmpeg.parse_ebur128(proc.stderr.decode("utf-8", "replace"))


def encode(programme_wav: bytes, *, profile: Profile, out: Path) -> Loudness:
    """Pass 3: encode to the profile's MP3, atomically; return the finished file's integrated loudness."""
    spec = PROFILES[profile]
    tmp = temp_path_for(out)
    try:
        ffmpeg.run(
            [
                "-y",
                "-f",
                "wav",
                "-i",
                "pipe:0",
                "-ar",
                str(spec.sample_rate),
                "-ac",
                str(spec.channels),
                "-c:a",
                "libmp3lame",
                "-b:a",
                spec.bitrate,
                "-compression_level",
                "7",
                "-id3v2_version",
                "3",
                "-f",
                "mp3",
                str(tmp),
            ],
            input=programme_wav,
        )
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise AudioError("Mã hóa MP3 không tạo ra tệp nào.")
        in_file = ffmpeg.measure(tmp, true_peak=False)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return in_file
