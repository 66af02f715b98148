"""The one mastering path and the one way MP3s are joined, on real ffmpeg output."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import ID3, TIT2

from broadcast.audio import chunks, ffmpeg
from broadcast.audio.master import MixPlan
from broadcast.audio.mp3 import audio_frames, join_mp3
from broadcast.models import Profile

pytestmark = pytest.mark.slow


def _mp3(path: Path, freq: int, seconds: float, *, stereo: bool = True) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=f={freq}:d={seconds}:sample_rate=44100",
         "-ac", "2" if stereo else "1", "-c:a", "libmp3lame", "-b:a", "128k", str(path)],
        check=True,
    )  # fmt: skip
    return path


def _duration(path: Path) -> float:
    return float(ffmpeg.probe(path)["format"]["duration"])


def test_joined_tagged_files_make_one_stream_of_the_summed_length(tmp_path: Path) -> None:
    parts = [_mp3(tmp_path / f"{n}.mp3", 300 + 100 * n, 2.0 + n) for n in range(3)]
    for part in parts:  # ID3v2 at the start and a Xing frame from ffmpeg: neither may stay inside
        tags = ID3()
        tags.add(TIT2(encoding=3, text=part.stem))
        tags.save(part)
    out = join_mp3(parts, tmp_path / "all.mp3")
    data = out.read_bytes()
    assert b"ID3" not in data and b"Xing" not in data and b"Info" not in data[:2000]
    assert _duration(out) == pytest.approx(sum(_duration(p) for p in parts), abs=0.15)
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(out), "-f", "null", "-"], capture_output=True, check=True
    )
    assert decoded.stderr == b""
    assert audio_frames(parts[0].read_bytes())[:2] == b"\xff\xfb"


def _speech_like(seconds: float) -> bytes:
    proc = subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}:sample_rate=22050",
         "-af", "volume=0.3", "-ac", "1", "-f", "s16le", "-"],
        capture_output=True, check=True,
    )  # fmt: skip
    return proc.stdout


@pytest.mark.parametrize("crossfade", [0.0, 0.4])
def test_chunks_carry_jingles_bed_and_crossfade_at_the_target(tmp_path: Path, crossfade: float) -> None:
    intro = _mp3(tmp_path / "intro.mp3", 700, 1.5, stereo=False)
    outro = _mp3(tmp_path / "outro.mp3", 900, 1.5, stereo=False)
    bed = _mp3(tmp_path / "bed.mp3", 200, 4.0, stereo=False)
    master = chunks.ChunkMaster(cache_dir=tmp_path / "cache", profile=Profile.LOA_KEO, target=-16.0, horn=True)
    pieces = [
        chunks.Piece(_speech_like(6), MixPlan(intro=intro, bed=bed, crossfade_s=crossfade)),
        chunks.Piece(_speech_like(6), MixPlan(outro=outro, bed=bed, bed_offset_s=6.0, crossfade_s=crossfade)),
    ]
    results = master.master_all(pieces)
    assert [cached for _, cached in results] == [False, False]
    out = tmp_path / "programme.mp3"
    chunks.join([c for c, _ in results], out)
    measured = ffmpeg.measure(out)
    assert measured.integrated == pytest.approx(-16.0, abs=1.0)
    assert measured.true_peak is not None and measured.true_peak <= -1.0
    expected = 12 + 3 + 2 * 0.6 - (4 * crossfade)  # speech + jingles + gaps, less the overlaps
    assert _duration(out) == pytest.approx(expected, abs=0.5)
    again = master.master_all(pieces)  # the same pieces come from the cache
    assert [cached for _, cached in again] == [True, True]
