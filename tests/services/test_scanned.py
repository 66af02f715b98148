"""Scripts read from images: marked, kept with their OCR words and page images, never sent
for approval before a person confirms them; the review a page shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.errors import MissingToneMarksError, StateError
from broadcast.models import ScriptStatus
from broadcast.services import communes
from broadcast.services import scripts as svc
from tests.conftest import EXAMPLE_SCRIPT
from tests.intake.scan_pages import fake_scan_intake


@pytest.fixture
def commune_id(session: Session) -> int:
    return communes.create_commune(session, name="xã Tân Lập").id


def _add(session: Session, settings: Settings, commune_id: int, **kw: object) -> int:
    result = fake_scan_intake(EXAMPLE_SCRIPT, **kw)  # type: ignore[arg-type]
    script, _ = svc.add_script_file(
        session, settings, commune_id=commune_id, data=b"\xff\xd8photo", filename="trang.jpg", intake=result
    )
    return script.id


def test_image_draft_is_marked_and_keeps_its_ocr(session: Session, settings: Settings, commune_id: int) -> None:
    sid = _add(session, settings, commune_id, doubtful=frozenset({"ngầm"}))
    script = svc.get_script(session, script_id=sid)
    assert script.read_from_image and script.ocr_confirmed_at is None
    assert script.ocr_confidence is not None and 90 < script.ocr_confidence < 96
    assert script.ocr_data is not None and script.ocr_data["summary"]["low_confidence_words"] == 1
    page = script.ocr_data["pages"][0]
    assert Path(page["image"]).is_file() and Path(page["image"]).parent == Path(script.stored_path).parent
    public = svc.to_public(session, script)
    assert public.read_from_image and public.ocr_confidence == script.ocr_confidence
    assert "Đọc từ ảnh" in (svc.events(session, script_id=sid)[0].detail or "")


def test_image_draft_cannot_be_submitted_before_confirmation(
    session: Session, settings: Settings, commune_id: int
) -> None:
    sid = _add(session, settings, commune_id)
    with pytest.raises(StateError, match="confirm-ocr"):
        svc.submit(session, script_id=sid)
    svc.confirm_ocr(session, settings, script_id=sid, actor="Lò Văn Bình")
    assert svc.submit(session, script_id=sid).status == ScriptStatus.CHO_DUYET
    assert [e.action for e in svc.events(session, script_id=sid)] == ["tao", "xac-nhan-ocr", "gui-duyet"]
    with pytest.raises(StateError):
        svc.confirm_ocr(session, settings, script_id=sid)  # waiting for the leader now


def test_confirming_with_a_correction_replaces_the_text(session: Session, settings: Settings, commune_id: int) -> None:
    sid = _add(session, settings, commune_id)
    corrected = EXAMPLE_SCRIPT.replace("gia cố nhà cửa", "gia cố nhà cửa, chằng chống mái tôn")
    script = svc.confirm_ocr(session, settings, script_id=sid, actor="Lò Văn Bình", text=corrected)
    assert "chằng chống mái tôn" in script.body and script.ocr_confirmed_by == "Lò Văn Bình"
    with pytest.raises(MissingToneMarksError):  # the correction passes the same gate
        svc.confirm_ocr(session, settings, script_id=sid, text="Bao cao ket qua thuc hien cong tac tuyen truyen")


def test_typed_script_needs_no_ocr_confirmation(session: Session, settings: Settings, commune_id: int) -> None:
    script, _ = svc.add_script_text(session, settings, commune_id=commune_id, text=EXAMPLE_SCRIPT)
    assert not script.read_from_image
    with pytest.raises(StateError, match="không đọc từ ảnh"):
        svc.confirm_ocr(session, settings, script_id=script.id)
    assert svc.ocr_review(session, settings, script_id=script.id) is None
    svc.submit(session, script_id=script.id)


def test_review_places_words_in_the_text_and_flags_doubtful_ones(
    session: Session, settings: Settings, commune_id: int
) -> None:
    sid = _add(session, settings, commune_id, doubtful=frozenset({"ngầm", "Giáp"}))
    review = svc.ocr_review(session, settings, script_id=sid)
    assert review is not None and review.needs_confirmation
    placed = [w for w in review.words if w.start is not None]
    assert all(review.text[w.start : w.end].lower() == w.text.lower() for w in placed)  # type: ignore[index]
    assert len(placed) == len(review.text.split())  # every word of the read text is found
    low = {w.text: w for w in review.low_words}
    assert set(low) == {"ngầm", "Giáp"}
    assert low["ngầm"].start is not None  # in the text that is read aloud
    assert low["Giáp"].start is None  # the signer: not part of the read text
    assert review.pages[0]["number"] == 1 and review.summary["threshold"] == settings.ocr_low_confidence
