"""The detailed error log: owner-only, and no password or token ever written into it."""

from __future__ import annotations

import stat

from broadcast.services import users as users_svc

SECRET = "Sieu-Bi-Mat-2025"


def _everything_under(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_failed_users_add_leaves_no_password_anywhere(cli, settings, monkeypatch) -> None:
    def broken(session, **kwargs):
        raise RuntimeError(f"hỏng khi tạo {kwargs['username']} với {kwargs['password']}")

    monkeypatch.setattr(users_svc, "create_user", broken)
    token = "bc_" + "x" * 40
    result = cli("users", "add", "truongdai", "--name", "Người A", "--role", "quan-tri", "--password", SECRET)
    again = cli("users", "add", "lanhdao", "--name", token, "--role", "quan-tri", f"--password={SECRET}")
    assert result.exit_code == 1 and again.exit_code == 1
    log = settings.data_dir / "loi-chi-tiet.log"
    text = log.read_text("utf-8")
    assert "users add truongdai" in text and "RuntimeError" in text  # still useful to support
    assert "***" in text
    everything = _everything_under(settings.data_dir) + _everything_under(settings.scripts_dir)
    assert SECRET.encode() not in everything and token.encode() not in everything
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700
