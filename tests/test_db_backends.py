"""The same code on SQLite and PostgreSQL: migrations, the approval cycle, the CLI."""

from __future__ import annotations

import json

from sqlalchemy import inspect

from broadcast import db
from broadcast.services import communes
from broadcast.services import scripts as svc
from tests.conftest import EXAMPLE_SCRIPT


def test_schema_is_migrated(any_db: str) -> None:
    engine = db.get_engine()
    assert engine.dialect.name == ("postgresql" if any_db == "postgres" else "sqlite")
    tables = set(inspect(engine).get_table_names())
    assert {"commune", "category", "script", "approval", "scriptevent", "alembic_version"} <= tables


def test_approval_cycle(any_db: str) -> None:
    from broadcast.config import get_settings

    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Phúc Lộc")
        script, _ = svc.add_script_text(session, get_settings(), commune_id=commune.id, text=EXAMPLE_SCRIPT)
        sid = script.id
    with db.session_scope() as session:
        svc.submit(session, script_id=sid)
        svc.approve(
            session,
            script_id=sid,
            text_hash=svc.fingerprint(session, script_id=sid),
            by="Nông Văn Nhượng",
            chuc_vu="Chủ tịch UBND xã",
        )
    with db.session_scope() as session:
        script, _text, _digest = svc.approved_text(session, script_id=sid)
        assert script.channels == ["dai", "loa-keo"]
        assert svc.approvals(session, script_id=sid)[0].approved_at.tzinfo is not None


def test_failed_transaction_leaves_nothing(any_db: str) -> None:
    from broadcast.config import get_settings
    from broadcast.errors import InputError

    with db.session_scope() as session:
        commune_id = communes.create_commune(session, name="xã Phúc Lộc").id
    try:
        with db.session_scope() as session:
            svc.add_script_text(session, get_settings(), commune_id=commune_id, text=EXAMPLE_SCRIPT)
            raise InputError("giả lập lỗi sau khi đã ghi")
    except InputError:
        pass
    with db.session_scope() as session:
        assert svc.list_scripts(session) == []


def test_cli_on_backend(any_db: str, cli) -> None:
    assert cli("communes", "add", "xã Tân Lập").stdout.strip() == "1"
    assert json.loads(cli("communes", "list", "--json").stdout)[0]["name"] == "xã Tân Lập"


def test_failed_transaction_removes_stored_file(settings) -> None:
    from broadcast.errors import InputError

    with db.session_scope() as session:
        commune_id = communes.create_commune(session, name="xã Phúc Lộc").id
    try:
        with db.session_scope() as session:
            svc.add_script_text(session, settings, commune_id=commune_id, text=EXAMPLE_SCRIPT)
            raise InputError("giả lập lỗi sau khi đã ghi tệp")
    except InputError:
        pass
    folder = settings.scripts_dir / "xa-phuc-loc"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_upgrade_keeps_existing_data(tmp_path) -> None:
    """A station that used the first release upgrades without losing communes or scripts."""
    from alembic import command
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(db.alembic_config(url), "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO commune (id, name, don_vi, opening_template, closing_template, slug, created_at)"
                " VALUES (1, 'xã Cũ', 'UBND xã Cũ', 'mở', 'kết', 'xa-cu', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO script (id, commune_id, title, category, priority, channels, body,"
                " opening_present, closing_present, status, source_encoding, created_at, updated_at)"
                " VALUES (1, 1, 'Bài cũ', 'cchc', 'THONG_THUONG', '[\"dai\"]', 'Nội dung.', 0, 0, 'NHAP',"
                " 'utf-8', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
    db.upgrade(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT engine_chain, speech_rate FROM commune")).one() == ('["gtts", "espeak"]', 145)
        assert conn.execute(text("SELECT title FROM script")).scalar() == "Bài cũ"
    engine.dispose()
