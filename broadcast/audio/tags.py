"""ID3v2.3 tags (mutagen): title, commune, category, date and the approved text hash."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, ID3NoHeaderError

HASH_DESC = "approved-text-sha256"


def write_tags(path: Path, *, title: str, commune: str, category: str, date: str, text_hash: str) -> None:
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        tags = ID3()
    tags.delete(path)
    tags = ID3()
    tags.add(TIT2(encoding=1, text=title))
    tags.add(TPE1(encoding=1, text=commune))
    tags.add(TALB(encoding=1, text=f"Đài truyền thanh {commune}"))
    tags.add(TCON(encoding=1, text=category))
    tags.add(TDRC(encoding=0, text=date))
    tags.add(COMM(encoding=1, lang="vie", desc=HASH_DESC, text=text_hash))
    tags.save(path, v2_version=3)


def read_text_hash(path: Path) -> str | None:
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        return None
    frames = tags.getall(f"COMM:{HASH_DESC}:vie")
    return str(frames[0].text[0]) if frames else None
