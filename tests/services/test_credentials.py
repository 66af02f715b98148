"""A commune's API keys: stored, replaced, cleared; its own key wins over the deployment's."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from sqlmodel import Session

from broadcast.config import get_settings
from broadcast.errors import InputError, NotFoundError
from broadcast.services import communes, credentials


def test_commune_key_wins_over_the_deployment_key(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    communes.create_commune(session, name="xã Tân Lập")
    monkeypatch.setenv("BROADCAST_FPT_API_KEY", "deployment-key")
    get_settings.cache_clear()
    settings = get_settings()
    assert credentials.keys_for(session, settings, commune_id=1)["fpt"].get_secret_value() == "deployment-key"
    credentials.set_key(session, commune_id=1, engine="fpt", api_key="  commune-key  ")
    keys = credentials.keys_for(session, settings, commune_id=1)
    assert isinstance(keys["fpt"], SecretStr) and keys["fpt"].get_secret_value() == "commune-key"
    assert "commune-key" not in repr(keys)
    credentials.set_key(session, commune_id=1, engine="fpt", api_key="newer-key")
    assert credentials.keys_for(session, settings, commune_id=1)["fpt"].get_secret_value() == "newer-key"
    credentials.set_key(session, commune_id=1, engine="fpt", api_key=None)
    assert credentials.keys_for(session, settings, commune_id=1)["fpt"].get_secret_value() == "deployment-key"
    assert credentials.status(session, settings, commune_id=1) == {
        "fpt": "đã cài",
        "viettel": "chưa cài",
        "zalo": "chưa cài",
    }


def test_bad_input_is_refused(session: Session) -> None:
    communes.create_commune(session, name="xã Tân Lập")
    with pytest.raises(InputError):
        credentials.set_key(session, commune_id=1, engine="gtts", api_key="x")
    with pytest.raises(InputError):
        credentials.set_key(session, commune_id=1, engine="zalo", api_key="two words")
    with pytest.raises(NotFoundError):
        credentials.set_key(session, commune_id=9, engine="zalo", api_key="k")
