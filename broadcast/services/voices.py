"""Choosing a commune's voices: every voice with whether it works now, short samples to
listen to, and the main voice with its fallbacks.

A sample is looked up by engine and voice names that must both be known (never a file
path from a request), made once and kept in the data folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import SecretStr
from sqlmodel import Session

from broadcast.audio import ffmpeg
from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.fsutil import temp_path_for
from broadcast.models import Commune
from broadcast.services import communes, credentials
from broadcast.text.folding import slugify
from broadcast.tts.catalogue import Voice, list_voices
from broadcast.tts.chain import ENGINE_NAMES, build_engine, parse_entry

MAX_FALLBACKS = 3  # voices tried after the main one, before espeak-ng


def commune_voices(session: Session, settings: Settings, *, commune_id: int) -> list[Voice]:
    """Every voice, with whether it works now for this commune (its own keys or the deployment's)."""
    return list_voices(settings, credentials.keys_for(session, settings, commune_id=commune_id))


def choose(session: Session, *, commune_id: int, main: str, fallbacks: Sequence[str] = ()) -> Commune:
    """Set a commune's main voice and its fallbacks in order ("viettel:hue-maingoc", …).

    espeak-ng works without network or key, so it always ends the chain as the last resort."""
    if not main.strip():
        raise InputError("Hãy chọn giọng chính của xã.")
    tail = [f.strip() for f in fallbacks if f.strip()]
    if len(tail) > MAX_FALLBACKS:
        raise InputError(f"Chọn nhiều nhất {MAX_FALLBACKS} giọng dự phòng (espeak-ng luôn là giọng cuối cùng).")
    chain = list(dict.fromkeys([main.strip(), *tail]))
    if not any(parse_entry(e)[0] == "espeak" for e in chain):
        chain.append("espeak")
    changes = communes.AudioSettings(engine_chain=chain)
    return communes.configure(session, commune_id=commune_id, changes=changes)


SAMPLE_TEXT = "Kính thưa bà con, đây là giọng đọc của đài truyền thanh xã."


def voice_sample(settings: Settings, *, engine: str, voice: str, keys: Mapping[str, SecretStr] | None = None) -> Path:
    """The MP3 sample of engine/voice, synthesised on first use (with the commune's keys, if any)."""
    if engine not in ENGINE_NAMES:
        raise InputError(f"Không có giọng đọc «{engine[:40]}». Chọn một trong: {', '.join(ENGINE_NAMES)}.")
    engine_obj = build_engine(engine, settings, keys)
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
