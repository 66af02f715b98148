"""Joining MP3 files of one profile into one stream, the only way MP3s are joined here.

Files of the same sample rate, channel count and bitrate join frame to frame into a valid
stream. What must not appear in the middle of a stream is removed from each part: an ID3v2
tag at the start, an ID3v1 tag at the end, and a Xing/Info header frame (which would tell a
player the whole file is as long as that one part). Written by hand because pydub would
decode and re-encode everything, and ffmpeg's concat demuxer needs a list file and a
second process for what is a byte copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from broadcast.errors import AudioError
from broadcast.fsutil import temp_path_for

_BITRATES_V1_L3 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_V2_L3 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _skip_id3v2(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


def _frame_length(header: bytes) -> int:
    """Length in bytes of the MPEG audio layer III frame starting with header (0 if none)."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return 0
    version = (header[1] >> 3) & 0x3  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    layer = (header[1] >> 1) & 0x3  # 1 = layer III
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0x3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return 0
    table = _BITRATES_V1_L3 if version == 3 else _BITRATES_V2_L3
    rate = _RATES[version][rate_index]
    padding = (header[2] >> 1) & 0x1
    coefficient = 144 if version == 3 else 72
    return coefficient * table[bitrate_index] * 1000 // rate + padding


def audio_frames(data: bytes) -> bytes:
    """The MPEG frames of one MP3 file, without tags and without a Xing/Info frame."""
    start = _skip_id3v2(data)
    end = len(data) - 128 if data[-128:-125] == b"TAG" else len(data)
    first = _frame_length(data[start : start + 4])
    if first and any(tag in data[start : start + min(first, 200)] for tag in (b"Xing", b"Info")):
        start += first
    return data[start:end]


def join_mp3(parts: Sequence[Path], out: Path) -> Path:
    """Write the parts' frames one after another into out, atomically."""
    tmp = temp_path_for(out)
    try:
        with tmp.open("wb") as fh:
            for part in parts:
                fh.write(audio_frames(part.read_bytes()))
        if tmp.stat().st_size == 0:
            raise AudioError("Không ghép được các đoạn âm thanh thành tệp MP3.", path=str(out))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
