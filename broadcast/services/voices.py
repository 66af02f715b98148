"""Short labelled samples of each voice, for the station head to listen to before choosing.

A sample is looked up by engine and voice names that must both be known (never a file
path from a request), made once and kept in the data folder."""

from __future__ import annotations

from pathlib import Path

from broadcast.audio import ffmpeg
from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.fsutil import temp_path_for
from broadcast.text.folding import slugify
from broadcast.tts.chain import ENGINE_NAMES, build_engine

SAMPLE_TEXT = "Kính thưa bà con, đây là giọng đọc của đài truyền thanh xã."


def voice_sample(settings: Settings, *, engine: str, voice: str) -> Path:
    """The MP3 sample of engine/voice, synthesised on first use."""
    if engine not in ENGINE_NAMES:
        raise InputError(f"Không có giọng đọc «{engine[:40]}». Chọn một trong: {', '.join(ENGINE_NAMES)}.")
    engine_obj = build_engine(engine, settings)
    if voice not in engine_obj.voices:
        raise InputError(f"Giọng «{voice[:40]}» không có trong {engine}. Chọn: {', '.join(engine_obj.voices)}.")
    target = settings.data_dir / "samples" / f"{engine}-{slugify(voice, max_length=60)}.mp3"
    if target.is_file():
        return target
    if not engine_obj.available():
        raise InputError(f"Giọng «{engine}/{voice}» không dùng được lúc này (chưa có mạng hoặc chưa cài).")
    clip = engine_obj.synthesize(SAMPLE_TEXT, voice=voice, rate=145)
    raw = temp_path_for(target.with_suffix(f".{clip.fmt}"))
    tmp = temp_path_for(target)
    try:
        raw.write_bytes(clip.audio)
        ffmpeg.run(["-y", "-i", str(raw), "-ac", "1", "-b:a", "64k", "-f", "mp3", str(tmp)])
        tmp.replace(target)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return target
