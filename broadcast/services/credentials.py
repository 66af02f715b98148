"""A commune's API keys for the commercial voices: set, clear, use — never show.

The deployment's keys (Settings: BROADCAST_FPT_API_KEY, …) serve every commune; a key
stored for a commune wins. Nothing here returns a key to a face: `status` says only
"đã cài" or "chưa cài"; `keys_for` hands SecretStr values to the engines.
"""

from __future__ import annotations

from pydantic import SecretStr
from sqlmodel import Session, select

from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.models import EngineCredential, utcnow
from broadcast.services.communes import get_commune
from broadcast.tts.chain import KEYED_ENGINES

SET, UNSET = "đã cài", "chưa cài"


def _check_engine(engine: str) -> None:
    if engine not in KEYED_ENGINES:
        raise InputError(f"Giọng «{engine}» không cần khóa API. Các giọng cần khóa: {', '.join(KEYED_ENGINES)}.")


def set_key(session: Session, *, commune_id: int, engine: str, api_key: str | None) -> None:
    """Store (or, with None or an empty key, remove) a commune's key for engine."""
    _check_engine(engine)
    get_commune(session, commune_id=commune_id)
    row = session.exec(
        select(EngineCredential).where(EngineCredential.commune_id == commune_id, EngineCredential.engine == engine)
    ).first()
    key = (api_key or "").strip()
    if not key:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    if any(c.isspace() for c in key) or len(key) > 500:
        raise InputError("Khóa API không hợp lệ (có khoảng trắng hoặc quá dài). Hãy chép lại đúng khóa.")
    row = row or EngineCredential(commune_id=commune_id, engine=engine, api_key=key)
    row.api_key, row.updated_at = key, utcnow()
    session.add(row)
    session.flush()


def keys_for(session: Session, settings: Settings, *, commune_id: int) -> dict[str, SecretStr]:
    """The keys the commune's engines use: its own where set, else the deployment's."""
    keys: dict[str, SecretStr] = {}
    for engine in KEYED_ENGINES:
        deployment = getattr(settings, f"{engine}_api_key")
        if deployment is not None and deployment.get_secret_value().strip():
            keys[engine] = deployment
    rows = session.exec(select(EngineCredential).where(EngineCredential.commune_id == commune_id))
    for row in rows:
        keys[row.engine] = SecretStr(row.api_key)
    return keys


def status(session: Session, settings: Settings, *, commune_id: int) -> dict[str, str]:
    """{engine: "đã cài" | "chưa cài"} for every engine that needs a key."""
    keys = keys_for(session, settings, commune_id=commune_id)
    return {engine: SET if engine in keys else UNSET for engine in KEYED_ENGINES}
