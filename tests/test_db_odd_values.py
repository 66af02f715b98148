"""Values a database refuses in its own words (NUL on PostgreSQL, ids past its integer)
become a clear InputError on both backends, for writes and for lookups."""

from __future__ import annotations

import pytest

from broadcast import db
from broadcast.errors import AuthError, InputError
from broadcast.services import communes, lexicon
from broadcast.services import users as users_svc


def test_nul_is_refused_with_a_message_on_every_backend(any_db: str) -> None:
    with pytest.raises(InputError, match="NUL"), db.session_scope() as session:
        communes.create_commune(session, name="xã Phúc\x00Lộc")
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Phúc Lộc")
        with pytest.raises(InputError, match="NUL"):
            lexicon.set_entry(session, commune_id=commune.id, written="HTX\x00", spoken="hợp tác xã")
    with db.session_scope() as session, pytest.raises(AuthError):
        users_svc.authenticate(session, username="admin\x00", password="mat-khau-dai-8")
    with db.session_scope() as session:
        assert [c.name for c in communes.list_communes(session)] == ["xã Phúc Lộc"]
