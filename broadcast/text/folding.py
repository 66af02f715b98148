"""ASCII folding for file names and slugs ('Phúc Lộc' -> 'phuc-loc')."""

from __future__ import annotations

import re
import unicodedata


def ascii_fold(text: str) -> str:
    """Remove Vietnamese diacritics: 'Đài truyền thanh' -> 'Dai truyen thanh'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def slugify(text: str, *, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by '-', cut at a word boundary; never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "khong-ten"
