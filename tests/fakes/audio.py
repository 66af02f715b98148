"""Real MP3s for the fakes to serve: a tone, or speech made by espeak-ng and ffmpeg."""

from __future__ import annotations

import subprocess
from functools import lru_cache


def _mp3(source: list[str], *, rate: int = 24000, bitrate: str = "48k", input: bytes | None = None) -> bytes:
    return subprocess.run(
        ["ffmpeg", "-v", "error", *source, "-ar", str(rate), "-ac", "1", "-b:a", bitrate, "-f", "mp3", "pipe:1"],
        input=input,
        capture_output=True,
        check=True,
    ).stdout


def tone_mp3(seconds: float = 0.6, freq: int = 440) -> bytes:
    """A real MP3 made by ffmpeg, standing in for Google's voice."""
    return _mp3(["-f", "lavfi", "-i", f"sine=f={freq}:d={seconds}:r=24000"], bitrate="32k")


@lru_cache(maxsize=512)
def speech_mp3(text: str, voice: str = "vi") -> bytes:
    """text spoken by espeak-ng, as a 24 kHz mono 48 kbps MP3 (what Edge and the Vietnamese
    providers send); its length follows the text, so a test can tell long from short."""
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "--stdout", "-b", "1"], input=text.encode(), capture_output=True, check=True
    ).stdout
    return _mp3(["-f", "wav", "-i", "pipe:0"], input=wav)


def mp3_seconds(data: bytes) -> float:
    """Duration of an MP3 (or WAV) held in memory, decoded by ffmpeg."""
    import io

    from pydub import AudioSegment

    return len(AudioSegment.from_file(io.BytesIO(data))) / 1000
