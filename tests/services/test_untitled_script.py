"""A script uploaded without a title is listed under its first words, but the voice and the
leader's preview start with the body itself, not with a cut-off copy of it."""

from __future__ import annotations

from sqlmodel import Session

from broadcast.config import Settings
from broadcast.services import communes
from broadcast.services import scripts as svc
from broadcast.services.speech import paragraph_previews, speech_for

TEXT = (
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2025 của UBND xã về cải cách hành chính năm 2025, "
    "UBND xã thông báo đến toàn thể Nhân dân được biết."
)


def test_an_untitled_script_is_read_from_its_first_word_once(session: Session, settings: Settings) -> None:
    commune = communes.create_commune(session, name="xã Tân Lập")
    script, _ = svc.add_script_text(session, settings, commune_id=commune.id, text=TEXT, meta=svc.ScriptMeta())
    assert script.title.endswith("…")  # listed under its first words
    spoken = speech_for(session, script_id=script.id).text
    assert spoken.count("Thực hiện kế hoạch") + spoken.count("Thực hiện Kế hoạch") == 1
    previews, _ = paragraph_previews(session, script=script)
    assert [p.written for p in previews] == [script.body]
