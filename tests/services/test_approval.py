"""Approval rules: the leader approves one exact text; any later edit needs a new approval."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.errors import InputError, IntegrityError, StateError
from broadcast.models import ScriptStatus
from broadcast.services import communes
from broadcast.services import scripts as svc
from tests.conftest import EXAMPLE_SCRIPT


@pytest.fixture
def script_id(session: Session, settings: Settings) -> int:
    commune = communes.create_commune(session, name="xã Tân Lập")
    script, _ = svc.add_script_text(
        session, settings, commune_id=commune.id, text=EXAMPLE_SCRIPT, meta=svc.ScriptMeta(category="thien-tai")
    )
    return script.id


def test_full_cycle_records_who_when_and_hash(session: Session, script_id: int) -> None:
    assert svc.get_script(session, script_id=script_id).status == ScriptStatus.NHAP
    svc.submit(session, script_id=script_id, actor="trưởng đài")
    approval = svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    script, text, digest = svc.approved_text(session, script_id=script_id)
    assert script.status == ScriptStatus.DA_DUYET
    assert approval.text == text and approval.text_hash == digest
    assert approval.approved_by == "Ma Thịnh Giáp" and approval.chuc_vu == "Chủ tịch UBND xã"
    assert approval.approved_at is not None
    import hashlib

    assert digest == hashlib.sha256(text.encode()).hexdigest()
    assert [e.action for e in svc.events(session, script_id=script_id)] == ["tao", "gui-duyet", "duyet"]


def test_edit_after_approval_needs_new_approval(session: Session, settings: Settings, script_id: int) -> None:
    svc.submit(session, script_id=script_id)
    first = svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    svc.edit_script_text(
        session, settings, script_id=script_id, text=EXAMPLE_SCRIPT.replace("mưa to đến rất to", "mưa rất to")
    )
    script = svc.get_script(session, script_id=script_id)
    assert script.status == ScriptStatus.CHO_DUYET
    with pytest.raises(StateError):
        svc.approved_text(session, script_id=script_id)
    second = svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Nông Văn Nhượng",
        chuc_vu="Phó Chủ tịch UBND xã",
    )
    history = svc.approvals(session, script_id=script_id)
    assert [a.id for a in history] == [first.id, second.id]
    assert history[0].superseded_at is not None and history[1].superseded_at is None
    assert history[0].text_hash != history[1].text_hash
    assert "mưa to đến rất to" in history[0].text  # the old approved text is kept as it was
    _, text, _ = svc.approved_text(session, script_id=script_id)
    assert "mưa rất to" in text


def test_unchanged_edit_keeps_approval(session: Session, settings: Settings, script_id: int) -> None:
    svc.submit(session, script_id=script_id)
    svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    svc.edit_script_text(session, settings, script_id=script_id, text=EXAMPLE_SCRIPT)
    assert svc.get_script(session, script_id=script_id).status == ScriptStatus.DA_DUYET
    svc.approved_text(session, script_id=script_id)


def test_text_changed_behind_the_back_is_caught(session: Session, script_id: int) -> None:
    svc.submit(session, script_id=script_id)
    svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    script = svc.get_script(session, script_id=script_id)
    script.body += " Thêm một câu chưa duyệt."  # e.g. a direct database edit
    session.add(script)
    session.flush()
    with pytest.raises(IntegrityError):
        svc.approved_text(session, script_id=script_id)


def test_reject_needs_reason_and_resubmit(session: Session, script_id: int) -> None:
    svc.submit(session, script_id=script_id)
    with pytest.raises(InputError):
        svc.reject(session, script_id=script_id, reason="  ")
    svc.reject(session, script_id=script_id, reason="Sai ngày tháng", by="Ma Thịnh Giáp")
    script = svc.get_script(session, script_id=script_id)
    assert script.status == ScriptStatus.TRA_LAI
    assert svc.events(session, script_id=script_id)[-1].detail == "Sai ngày tháng"
    svc.submit(session, script_id=script_id)
    assert svc.get_script(session, script_id=script_id).status == ScriptStatus.CHO_DUYET


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_leader_acts_only_on_waiting_scripts(session: Session, script_id: int, action: str) -> None:
    with pytest.raises(StateError):
        if action == "approve":
            svc.approve(
                session,
                script_id=script_id,
                text_hash=svc.fingerprint(session, script_id=script_id),
                by="A",
                chuc_vu="Chủ tịch",
            )
        else:
            svc.reject(session, script_id=script_id, reason="x")


def test_unapproved_script_has_no_approved_text(session: Session, script_id: int) -> None:
    with pytest.raises(StateError) as info:
        svc.approved_text(session, script_id=script_id)
    assert "chưa được lãnh đạo duyệt" in info.value.message


def test_every_change_is_audited(session: Session, settings: Settings, script_id: int) -> None:
    svc.submit(session, script_id=script_id)
    svc.reject(session, script_id=script_id, reason="Bổ sung số điện thoại")
    svc.edit_script_text(
        session,
        settings,
        script_id=script_id,
        text=EXAMPLE_SCRIPT.replace("khi nước lên.", "khi nước lên. Thêm một câu."),
    )
    svc.submit(session, script_id=script_id)
    svc.approve(
        session,
        script_id=script_id,
        text_hash=svc.fingerprint(session, script_id=script_id),
        by="Ma Thịnh Giáp",
        chuc_vu="Chủ tịch UBND xã",
    )
    log = svc.events(session, script_id=script_id)
    assert [(e.action, e.from_status, e.to_status) for e in log] == [
        ("tao", None, "nhap"),
        ("gui-duyet", "nhap", "cho-duyet"),
        ("tra-lai", "cho-duyet", "tra-lai"),
        ("sua", "tra-lai", "tra-lai"),
        ("gui-duyet", "tra-lai", "cho-duyet"),
        ("duyet", "cho-duyet", "da-duyet"),
    ]
    assert log[2].text_hash == log[1].text_hash != log[3].text_hash


def test_category_is_validated_and_guessed(session: Session, settings: Settings) -> None:
    commune = communes.create_commune(session, name="xã Phúc Lộc")
    with pytest.raises(InputError) as info:
        svc.add_script_text(
            session, settings, commune_id=commune.id, text=EXAMPLE_SCRIPT, meta=svc.ScriptMeta(category="the-thao")
        )
    assert "cchc" in info.value.message
    script, _ = svc.add_script_text(
        session,
        settings,
        commune_id=commune.id,
        text="BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH\nNgười dân nộp hồ sơ trực tuyến.",
    )
    assert script.category == "cchc"
