"""`broadcast render` prints the path, or the measurements with --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadcast import db
from tests.production.conftest import SHORT_SCRIPT, approve_new

pytestmark = pytest.mark.slow


def test_render_json(cli, offline) -> None:
    with db.session_scope() as session:
        sid = approve_new(session, offline, SHORT_SCRIPT)
    result = cli("render", str(sid), "--profile", "loa-keo", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert Path(data["path"]).is_file() and data["profile"] == "loa-keo"
    assert abs(data["lufs"] + 16) <= 1 and data["true_peak"] <= -1
    assert data["duration_s"] > 5 and len(data["text_hash"]) == 64
    assert data["engines_used"] == [{"engine": "espeak", "voice": "vi"}]
    assert "espeak-ng" in data["offline_notice"]

    plain = cli("render", str(sid))
    assert plain.exit_code == 0 and plain.stdout.splitlines()[0].endswith(".mp3")
    assert "ngoại tuyến" in plain.stdout


def test_render_refuses_unapproved(cli, offline) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    sid = cli("scripts", "add", "-", "-c", "1", input=SHORT_SCRIPT).stdout.strip()
    result = cli("render", sid)
    assert result.exit_code == 3 and "chưa được lãnh đạo duyệt" in result.stderr
