"""Fixtures for production tests: an approved script in a commune whose online voice is away."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from broadcast import db
from broadcast.config import Settings
from broadcast.services import communes
from broadcast.services import scripts as svc

SHORT_SCRIPT = """BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH THÁNG 7/2024
Kính thưa bà con và các bạn, sau đây là nội dung tuyên truyền của UBND xã Tân Lập.
Từ ngày 01/7/2024, người dân có thể nộp hồ sơ TTHC trực tuyến tại cổng dichvucong.gov.vn.
Mọi thắc mắc xin gọi đường dây nóng 0987.654.321.
Bài tuyên truyền của UBND xã Tân Lập đến đây là hết, xin cảm ơn bà con và các bạn đã chú ý lắng nghe!
"""

BARE_SCRIPT = """THÔNG BÁO LỊCH TIÊM PHÒNG
Ngày 15/8, trạm y tế xã tiêm phòng dại cho chó mèo tại nhà văn hóa các thôn.
Bà con mang theo sổ theo dõi và giữ vật nuôi cẩn thận.
"""


def approve_new(
    session: Session, settings: Settings, text: str, *, commune_name: str = "xã Tân Lập", category: str = "cchc"
) -> int:
    commune = (
        communes.ensure_demo(session)
        if commune_name == "xã Phúc Lộc"
        else (
            communes.list_communes(session)[0]
            if communes.list_communes(session)
            else communes.create_commune(session, name=commune_name)
        )
    )
    script, _ = svc.add_script_text(
        session, settings, commune_id=commune.id, text=text, meta=svc.ScriptMeta(category=category, month="2024-07")
    )
    svc.submit(session, script_id=script.id)
    svc.approve(
        session,
        script_id=script.id,
        text_hash=svc.fingerprint(session, script_id=script.id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    return script.id


@pytest.fixture
def approved(offline: Settings) -> int:
    with db.session_scope() as session:
        script_id = approve_new(session, offline, SHORT_SCRIPT)
    return script_id
