"""Secrets and user data are owner-only: the session key, the database (and its -wal/-shm),
the uploads; a key or database made with the usual permissions by an older version is fixed."""

from __future__ import annotations

import stat

from fastapi.testclient import TestClient

from broadcast import db
from broadcast.config import get_settings
from tests.web.hostile import build, login


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_key_database_and_uploads_are_owner_only(settings) -> None:
    from broadcast.api.app import create_app

    build(settings)
    with TestClient(create_app()) as client:
        csrf = login(client, "truongdai")
        response = client.post(
            "/scripts",
            data={"csrf": csrf},
            files={
                "file": ("bai.txt", "BÀI VỀ NƯỚC SẠCH\nBà con đun sôi nước trước khi uống.\n".encode(), "text/plain")
            },
            follow_redirects=False,
        )
        assert response.status_code == 303
    assert _mode(settings.data_dir / "secret_key") == 0o600
    assert _mode(settings.data_dir) == 0o700
    database = settings.data_dir / "broadcast.db"
    for f in (database, database.with_name("broadcast.db-wal"), database.with_name("broadcast.db-shm")):
        if f.exists():
            assert _mode(f) == 0o600, f
    assert _mode(settings.scripts_dir) == 0o700
    uploads = [p for p in settings.scripts_dir.rglob("*") if p.is_file()]
    assert uploads and all(_mode(p) == 0o600 for p in uploads)


def test_files_of_an_older_version_are_made_private(settings) -> None:
    key = settings.data_dir / "secret_key"
    key.write_text("khoa-cu")
    key.chmod(0o644)
    database = settings.data_dir / "broadcast.db"
    database.chmod(0o644)
    db.get_engine.cache_clear()
    get_settings.cache_clear()
    assert get_settings().session_secret() == "khoa-cu"
    db.make_engine(get_settings().db_url).dispose()
    assert _mode(key) == 0o600 and _mode(database) == 0o600
