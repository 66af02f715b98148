"""A commune's pronunciation lexicon: the station head's own readings, over the built-in ones."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from broadcast.errors import InputError, NotFoundError
from broadcast.models import LexiconEntry
from broadcast.services.communes import get_commune


def entries(session: Session, *, commune_id: int) -> list[LexiconEntry]:
    query = select(LexiconEntry).where(LexiconEntry.commune_id == commune_id).order_by(LexiconEntry.written)
    return list(session.exec(query))


def mapping(session: Session, *, commune_id: int) -> dict[str, str]:
    """written -> spoken, for the normaliser."""
    return {e.written: e.spoken for e in entries(session, commune_id=commune_id)}


def set_entry(session: Session, *, commune_id: int, written: str, spoken: str, note: str | None = None) -> LexiconEntry:
    """Add or change how `written` is read in this commune."""
    get_commune(session, commune_id=commune_id)
    written, spoken = " ".join(written.split()), " ".join(spoken.split())
    if not written or not spoken:
        raise InputError("Cần ghi cả chữ viết và cách đọc, ví dụ: «HTX» đọc là «hợp tác xã».")
    if re.search(r"\d", spoken):
        raise InputError(f"Cách đọc «{spoken}» còn chữ số: hãy viết bằng chữ (ví dụ «hai mươi» thay cho «20»).")
    existing = session.exec(
        select(LexiconEntry).where(LexiconEntry.commune_id == commune_id, LexiconEntry.written == written)
    ).first()
    entry = existing or LexiconEntry(commune_id=commune_id, written=written, spoken=spoken)
    entry.spoken, entry.note = spoken, note
    session.add(entry)
    session.flush()
    return entry


def remove_entry(session: Session, *, commune_id: int, written: str) -> None:
    entry = session.exec(
        select(LexiconEntry).where(LexiconEntry.commune_id == commune_id, LexiconEntry.written == written.strip())
    ).first()
    if entry is None:
        raise NotFoundError(f"Từ điển của xã không có «{written}».")
    session.delete(entry)
    session.flush()
