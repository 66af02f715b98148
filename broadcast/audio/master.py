"""The sound of one piece of a programme: the horn profile, loudness, jingles, music bed
and MP3 encoding. Used by the chunked mastering in `chunks.py`, the only mastering path.

Two ffmpeg passes per piece: (1) horn EQ and compression while measuring the speech's
integrated loudness; (2) gain to the target, the intro/outro jingles and the music bed that
belong to this piece, a true-peak-safe limiter and the MP3 encoder, measuring the true peak
on the way. Speech is produced at 22.05 kHz mono: outdoor horns stop near 7 kHz, and it
halves the work of every filter; the encoder resamples to the profile's rate.
"""

from __future__ import annotations

import math
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
    """What goes around the speech of one piece: the jingles it opens or closes with, and
    the music bed under it, `bed_offset_s` seconds into the (looped) bed."""

    intro: Path | None = None
    outro: Path | None = None
    bed: Path | None = None
    bed_offset_s: float = 0.0
    crossfade_s: float = 0.0
    bed_level_db: float = -22.0


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


def _graph(gain_db: float, plan: MixPlan) -> tuple[list[str], list[str]]:
    """ffmpeg inputs and filter graph: speech with gain, bed ducked under it, jingles around
    it (joined with a short gap or crossfaded), then the limiter; output label [prog]."""
    inputs = ["-f", "wav", "-i", "pipe:0"]
    graph = [f"[0:a]volume={gain_db:.2f}dB[sp0]"]
    n = 1
    if plan.bed:
        inputs += ["-stream_loop", "-1", "-i", str(plan.bed)]
        graph += [
            f"[{n}:a]aresample={SAMPLE_RATE},aformat=channel_layouts=mono,"
            f"atrim=start={plan.bed_offset_s:.3f},asetpts=PTS-STARTPTS,volume={plan.bed_level_db}dB[bed]",
            "[sp0]asplit[sp1][key]",
            "[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked]",
            "[sp1][ducked]amix=inputs=2:duration=first:normalize=0[sp]",
        ]
        n += 1
    else:
        graph.append("[sp0]anull[sp]")
    seq: list[str] = []
    for label, path in (("intro", plan.intro), ("outro", plan.outro)):
        if path:
            inputs += ["-i", str(path)]
            # jingles arrive matched to the target; they get the codec's offset like speech
            graph.append(
                f"[{n}:a]aresample={SAMPLE_RATE},aformat=channel_layouts=mono,volume={CODEC_LOUDNESS_OFFSET}dB[{label}]"
            )
            n += 1
    gap = f"aevalsrc=0:s={SAMPLE_RATE}:d={JINGLE_GAP_S}"
    if plan.intro:
        graph.append(f"{gap}[g1]")
        seq += ["intro", "g1"]
    seq.append("sp")
    if plan.outro:
        graph.append(f"{gap}[g2]")
        seq += ["g2", "outro"]
    if plan.crossfade_s > 0 and len(seq) > 1:
        current = seq[0]
        for i, nxt in enumerate(seq[1:], 1):
            graph.append(f"[{current}][{nxt}]acrossfade=d={plan.crossfade_s}:c1=tri:c2=tri[x{i}]")
            current = f"x{i}"
        joined = current
    else:
        graph.append("".join(f"[{s}]" for s in seq) + f"concat=n={len(seq)}:v=0:a=1[joined]")
        joined = "joined"
    graph.append(f"[{joined}]alimiter=limit={LIMIT_LINEAR}:level=disabled:attack=3:release=60[prog]")
    return inputs, graph


def mix_and_encode(speech_wav: bytes, *, gain_db: float, plan: MixPlan, profile: Profile, out: Path) -> float:
    """Pass 2: gain, jingles, bed, limiter and the profile's MP3 encoder, written atomically
    to out as bare MP3 frames (no Xing or ID3 header, so pieces join into one stream).
    Returns the true peak (dBTP, 4x oversampled) measured before encoding."""
    spec = PROFILES[profile]
    inputs, graph = _graph(gain_db, plan)
    graph.append("[prog]asplit[enc][meter];[meter]ebur128=peak=true:framelog=verbose[measured]")
    tmp = temp_path_for(out)
    try:
        proc = ffmpeg.run(
            [
                "-v",
                "info",
                "-y",
                *inputs,
                "-filter_complex",
                ";".join(graph),
                "-map",
                "[enc]",
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
                "-write_xing",
                "0",
                "-id3v2_version",
                "0",
                "-f",
                "mp3",
                str(tmp),
                "-map",
                "[measured]",
                "-f",
                "null",
                "-",
            ],
            input=speech_wav,
        )
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise AudioError("Mã hóa MP3 không tạo ra tệp nào.", path=str(out))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    peak = ffmpeg.parse_ebur128(proc.stderr.decode("utf-8", "replace")).true_peak
    return peak if peak is not None and math.isfinite(peak) else -120.0
