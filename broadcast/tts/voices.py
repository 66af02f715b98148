"""Fetching a piper voice once, where Internet exists; a clear message where it does not."""

from __future__ import annotations

from pathlib import Path

import httpx

from broadcast.errors import EngineError, InputError
from broadcast.fsutil import atomic_write_bytes
from broadcast.tts.piper import KNOWN_VOICES, VOICE_BASE_URL


def download_piper_voice(name: str, folder: Path, *, base_url: str = VOICE_BASE_URL, timeout: float = 30.0) -> Path:
    """Download NAME.onnx and NAME.onnx.json into folder; returns the .onnx path."""
    if name not in KNOWN_VOICES:
        raise InputError(f"Không có giọng piper «{name}». Các giọng tiếng Việt: {', '.join(KNOWN_VOICES)}.")
    files = {}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            for suffix in (".onnx", ".onnx.json"):
                url = f"{base_url}/{KNOWN_VOICES[name]}/{name}{suffix}"
                response = client.get(url)
                response.raise_for_status()
                files[suffix] = response.content
    except httpx.HTTPError as exc:
        raise EngineError(
            f"Không tải được giọng «{name}»: máy không kết nối được Internet hoặc máy chủ giọng đọc "
            f"({type(exc).__name__}). Hãy tải trên máy có Internet rồi chép tệp .onnx và .onnx.json "
            f"vào {folder}."
        ) from exc
    for suffix, data in files.items():
        atomic_write_bytes(folder / f"{name}{suffix}", data)
    return folder / f"{name}.onnx"
