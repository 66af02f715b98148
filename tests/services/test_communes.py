"""Communes: names, spoken unit, default templates and categories."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from broadcast.errors import InputError, NotFoundError
from broadcast.models import DEFAULT_CLOSING, DEFAULT_OPENING
from broadcast.services import communes


def test_create_with_defaults(session: Session) -> None:
    c = communes.create_commune(session, name="  xã   Phúc Lộc ")
    assert c.name == "xã Phúc Lộc" and c.slug == "xa-phuc-loc"
    assert c.don_vi == "Ủy ban nhân dân xã Phúc Lộc"
    assert c.opening_template == DEFAULT_OPENING and c.closing_template == DEFAULT_CLOSING
    codes = [cat.code for cat in communes.categories(session, commune_id=c.id)]
    assert codes[0] == "cchc" and "khac" in codes and len(codes) == 9


def test_duplicate_and_missing(session: Session) -> None:
    communes.create_commune(session, name="xã Tân Lập", don_vi="UBND xã Tân Lập")
    with pytest.raises(InputError):
        communes.create_commune(session, name="Xã Tân Lập")
    with pytest.raises(NotFoundError):
        communes.get_commune(session, commune_id=999)


def test_demo_is_idempotent(session: Session) -> None:
    assert communes.ensure_demo(session).id == communes.ensure_demo(session).id
    assert len(communes.list_communes(session)) == 1


def test_categories_are_editable(session: Session) -> None:
    c = communes.create_commune(session, name="xã Phúc Lộc")
    communes.set_category(session, commune_id=c.id, code="Giao thông", label="Giao thông nông thôn")
    communes.set_category(session, commune_id=c.id, code="khac", label="Thông tin khác")
    labels = {cat.code: cat.label for cat in communes.categories(session, commune_id=c.id)}
    assert labels["giao-thong"] == "Giao thông nông thôn" and labels["khac"] == "Thông tin khác"
    with pytest.raises(InputError):
        communes.set_category(session, commune_id=c.id, code="x", label=" ")
