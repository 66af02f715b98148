"""Jingles: the project's own generated chime, communes' uploads, and loudness matching."""

from __future__ import annotations

import hashlib
from pathlib import Path

from broadcast.audio import ffmpeg
from broadcast.errors import AudioError
from broadcast.fsutil import atomic_write_bytes, temp_path_for, unique_token

SAMPLE_RATE = 22050  # speech programmes are produced at this rate (horns stop near 7 kHz)
MIN_SECONDS, MAX_SECONDS = 0.3, 30.0

# A three-note rising chime (C6, E6, G6) with soft decays: synthesised, no third-party music.
_CHIME = (
    "0.30*sin(2*PI*1046.5*t)*exp(-3.5*t)"
    "+0.26*sin(2*PI*1318.5*t)*exp(-3.5*(t-0.28))*gte(t\\,0.28)"
    "+0.24*sin(2*PI*1568.0*t)*exp(-3.0*(t-0.56))*gte(t\\,0.56)"
    "+0.08*sin(2*PI*2093.0*t)*exp(-5*(t-0.56))*gte(t\\,0.56)"
)


def default_chime(path: Path, *, seconds: float = 2.0) -> Path:
    """Write the default chime as WAV to path (atomically)."""
    tmp = temp_path_for(path)
    ffmpeg.run(
        [
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"aevalsrc={_CHIME}:s={SAMPLE_RATE}:d={seconds}",
            "-af",
            f"afade=t=out:st={seconds - 0.4}:d=0.4",
            "-ac",
            "1",
            str(tmp),
        ]
    )
    tmp.replace(path)
    return path


def validate_jingle(path: Path, *, max_seconds: float = MAX_SECONDS) -> float:
    """Check an uploaded jingle decodes and has a sensible length; return its duration."""
    info = ffmpeg.probe(path)
    streams = [s for s in info.get("streams", []) if s.get("codec_type") == "audio"]
    if not streams:
        raise AudioError(f"Tệp «{path.name}» không có âm thanh. Hãy chọn tệp nhạc hiệu WAV hoặc MP3.", path=str(path))
    duration = float(info.get("format", {}).get("duration") or streams[0].get("duration") or 0)
    if not MIN_SECONDS <= duration <= max_seconds:
        raise AudioError(
            f"Nhạc «{path.name}» dài {duration:.1f} giây; cần từ {MIN_SECONDS:g} đến {max_seconds:g} giây.",
            path=str(path),
            seconds=duration,
        )
    return duration


def import_jingle(data: bytes, filename: str, folder: Path, *, max_seconds: float = MAX_SECONDS) -> Path:
    """Validate an uploaded WAV/MP3 and keep it as WAV under folder; the original name is kept ASCII."""
    from broadcast.text.folding import slugify

    if Path(filename).suffix.lower() not in (".wav", ".mp3"):
        raise AudioError(f"Nhạc hiệu «{filename}» phải là tệp WAV hoặc MP3.", path=filename)
    raw = atomic_write_bytes(folder / f".upload-{unique_token()}{Path(filename).suffix.lower()}", data)
    try:
        validate_jingle(raw, max_seconds=max_seconds)
        out = folder / f"{slugify(Path(filename).stem, max_length=40)}.wav"
        tmp = temp_path_for(out)
        ffmpeg.run(["-y", "-i", str(raw), "-ac", "1", "-ar", str(SAMPLE_RATE), str(tmp)])
        tmp.replace(out)
        return out
    finally:
        raw.unlink(missing_ok=True)


def matched(source: Path | None, *, target: float, cache_dir: Path) -> Path:
    """source (or the default chime) brought to target LUFS, cached by content and target."""
    if source is None:
        source = cache_dir / "chime.wav"
        if not source.is_file():
            default_chime(source)
    if not source.is_file():
        raise AudioError(
            f"Không tìm thấy tệp nhạc hiệu «{source}». Hãy tải lại nhạc hiệu trong phần cài đặt.", path=str(source)
        )
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    out = cache_dir / f"{source.stem}-{digest}-{target:+.1f}.wav"
    if out.is_file():
        return out
    level = ffmpeg.measure(source)
    gain = target - level.integrated if level.integrated != float("-inf") else 0.0
    tmp = temp_path_for(out)
    ffmpeg.run(
        [
            "-y",
            "-i",
            str(source),
            "-af",
            f"volume={gain:.2f}dB,alimiter=limit=0.79:level=disabled,aresample={SAMPLE_RATE}",
            "-ac",
            "1",
            str(tmp),
        ]
    )
    tmp.replace(out)
    return out
