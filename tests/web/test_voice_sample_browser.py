"""In real headless Chromium: the station head opens the settings page and a voice sample plays."""

from __future__ import annotations

import pytest

from broadcast import db
from broadcast.services import communes
from tests.web.test_e2e import _login, _new_page, browser, check, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def test_a_voice_sample_on_the_settings_page_loads_audio(server: str, browser) -> None:  # noqa: F811
    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
    page, errors = _new_page(browser)
    _login(page, server, "admin")
    page.goto(f"{server}/settings#voices")
    check(page, "cai-dat-giong-doc")  # fits a phone, no internal codes on screen, accessible
    player = page.get_by_label("Nghe thử Giọng nam miền Nam – espeak-ng (espeak-ng miền Nam)")
    assert player.count() == 1
    player.evaluate("audio => audio.load()")
    page.wait_for_function(
        "audio => audio.readyState >= 1 || audio.error !== null", arg=player.element_handle(), timeout=30_000
    )
    state = player.evaluate("audio => ({error: audio.error && audio.error.code, duration: audio.duration})")
    assert state["error"] is None and 1.0 < state["duration"] < 30.0
    rows = page.locator("table.voices tr.voice")
    assert rows.count() >= 20 and page.locator("table.voices").get_by_text("sẵn sàng").count() >= 3
    assert not errors
