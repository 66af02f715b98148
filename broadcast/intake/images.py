"""Image decoding helpers shared by the intake bounds and the OCR reader."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def register_heif() -> bool:
    """Teach Pillow to open HEIC/HEIF phone photos when pillow-heif is installed."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True
