"""Issue 13: the commune's list style reaches what the voice reads for a render."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.services import communes
from broadcast.services import scripts as svc
from broadcast.services.speech import paragraph_previews, speech_for
from broadcast.text.classes.structure import LIST_STYLES

TEXT = "KẾ HOẠCH RA QUÂN VỆ SINH MÔI TRƯỜNG\n1. Thời gian: sáng Chủ nhật.\n2. Địa điểm: nhà văn hóa thôn 3."


@pytest.mark.parametrize(
    "style, first, second",
    [("mot_la", "Một là,", "Hai là,"), ("thu_nhat", "Thứ nhất,", "Thứ hai,"), ("so", "Một,", "Hai,")],
)
def test_render_text_follows_the_commune_list_style(
    session: Session, settings: Settings, style: str, first: str, second: str
) -> None:
    commune = communes.create_commune(session, name="xã Tân Lập")
    communes.set_list_style(session, commune_id=commune.id, list_style=style)
    script, _ = svc.add_script_text(session, settings, commune_id=commune.id, text=TEXT, meta=svc.ScriptMeta())
    spoken = speech_for(session, script_id=script.id).text
    assert f"{first} Thời gian" in spoken and f"{second} Địa điểm" in spoken
    previews, _ = paragraph_previews(session, script=script)
    assert any(p.reading.spoken.startswith(first) for p in previews)


def test_list_style_is_checked_and_matches_the_normaliser(session: Session) -> None:
    commune = communes.create_commune(session, name="xã Tân Lập")
    assert commune.list_style == "mot_la"
    with pytest.raises(InputError):
        communes.set_list_style(session, commune_id=commune.id, list_style="thu_hai")
    assert set(communes.LIST_STYLE_NAMES) == set(LIST_STYLES)
