"""Communes and their category lists."""

from __future__ import annotations

from sqlmodel import Session, select

from broadcast.errors import InputError, NotFoundError
from broadcast.models import DEFAULT_CATEGORIES, Category, Commune
from broadcast.text.folding import slugify

DEMO_COMMUNE = "xã Phúc Lộc"


def default_don_vi(name: str) -> str:
    """'xã Phúc Lộc' -> 'Ủy ban nhân dân xã Phúc Lộc' (the name spoken in opening/closing)."""
    return f"Ủy ban nhân dân {name}"


def create_commune(session: Session, *, name: str, don_vi: str | None = None) -> Commune:
    """Register a commune with the default templates and categories."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Tên xã không được để trống. Ví dụ: «xã Phúc Lộc».")
    slug = slugify(name)
    if session.exec(select(Commune).where(Commune.slug == slug)).first():
        raise InputError(f"Đã có xã «{name}» (mã «{slug}»). Dùng «communes list» để xem mã số của xã.")
    commune = Commune(name=name, slug=slug, don_vi=(don_vi or default_don_vi(name)).strip())
    session.add(commune)
    session.flush()
    for code, label in DEFAULT_CATEGORIES:
        session.add(Category(commune_id=commune.id, code=code, label=label))
    session.flush()
    return commune


def list_communes(session: Session) -> list[Commune]:
    return list(session.exec(select(Commune).order_by(Commune.id)))


def get_commune(session: Session, *, commune_id: int) -> Commune:
    commune = session.get(Commune, commune_id)
    if commune is None:
        raise NotFoundError(f"Không có xã mã số {commune_id}. Dùng «communes list» để xem danh sách xã.")
    return commune


def categories(session: Session, *, commune_id: int) -> list[Category]:
    return list(session.exec(select(Category).where(Category.commune_id == commune_id).order_by(Category.id)))


def ensure_demo(session: Session) -> Commune:
    """The demo commune for `make run`: created once, found afterwards."""
    existing = session.exec(select(Commune).where(Commune.slug == slugify(DEMO_COMMUNE))).first()
    return existing or create_commune(session, name=DEMO_COMMUNE)
