"""A commune with a month of approved, rendered scripts (real espeak-ng and ffmpeg)."""

from __future__ import annotations

import pytest

from broadcast import db, production
from broadcast.config import Settings
from broadcast.services import communes
from broadcast.services import scripts as svc

CCHC = (
    "BÀI TUYÊN TRUYỀN CCHC SỐ {n}\nNgười dân nộp hồ sơ thủ tục hành chính trực tuyến, bài số {n}.\n"
    "Ghi chú: phát trên đài truyền thanh và loa kéo\n"
)
HEALTH = "THÔNG BÁO TIÊM PHÒNG\nTrạm y tế xã tiêm phòng cho trẻ em vào ngày 15/9.\n"


def make_script(
    session,
    settings: Settings,
    text: str,
    *,
    category: str,
    month: str = "2025-09",
    priority: str | None = None,
    render: bool = True,
    commune_id: int = 1,
) -> int:
    script, _ = svc.add_script_text(
        session,
        settings,
        commune_id=commune_id,
        text=text,
        meta=svc.ScriptMeta(category=category, month=month, priority=priority),
    )
    svc.submit(session, script_id=script.id)
    svc.approve(
        session,
        script_id=script.id,
        text_hash=svc.fingerprint(session, script_id=script.id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    if render:
        production.render(session, settings, script_id=script.id)
    return script.id


@pytest.fixture
def september(offline: Settings) -> dict:
    """xã Tân Lập with 3 CCHC pieces (đài + loa kéo) and 1 priority health notice for 9/2025."""
    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
        ids = [make_script(session, offline, CCHC.format(n=n), category="cchc") for n in (1, 2, 3)]
        ids.append(make_script(session, offline, HEALTH, category="y-te", priority="uu-tien"))
    return {"settings": offline, "cchc": ids[:3], "health": ids[3]}
