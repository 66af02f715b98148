"""Choosing a voice on the settings page: every voice with its state and a labelled sample,
the main voice and its fallbacks, API keys shown only as "đã cài"/"chưa cài", and the
script page saying plainly when a fallback voice spoke."""

from __future__ import annotations

import logging
import time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from broadcast import db, production
from broadcast.config import get_settings
from broadcast.services import communes, credentials, renders
from broadcast.tts.catalogue import list_voices
from tests.fakes.providers import KEY, fake_viettel
from tests.fakes.server import closed_port_url
from tests.web.conftest import login


class SettingsPage(HTMLParser):
    """The parts of the voice block a person sees and uses."""

    def __init__(self) -> None:
        super().__init__()
        self.players: dict[str, str] = {}  # aria-label -> src
        self.rows: list[list[str]] = []  # the voice table's cells, row by row
        self.options: dict[str, list[tuple[str, bool]]] = {}  # select name -> [(value, selected)]
        self.key_fields: list[dict[str, str | None]] = []
        self._cell: list[str] | None = None
        self._select: str | None = None
        self._in_voices = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and "voices" in (a.get("class") or ""):
            self._in_voices = True
        elif tag == "tr" and self._in_voices and a.get("class") == "voice":
            self.rows.append([])
        elif tag == "td" and self._in_voices and self.rows:
            self._cell = []
        elif tag == "audio":
            self.players[a.get("aria-label") or ""] = a.get("src") or ""
        elif tag == "select":
            self._select = a.get("name")
            self.options[self._select or ""] = []
        elif tag == "option" and self._select is not None:
            self.options[self._select].append((a.get("value") or "", "selected" in a))
        elif tag == "input" and a.get("name") == "api_key":
            self.key_fields.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_voices = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> SettingsPage:
    parser = SettingsPage()
    parser.feed(html)
    return parser


def test_every_voice_is_listed_with_region_gender_state_and_a_labelled_sample(site, client: TestClient) -> None:
    login(client, "quantri")
    page = parse(client.get("/settings").text)
    voices = list_voices(get_settings())
    assert len(voices) >= 20 and len(page.rows) == len(voices)
    for voice, row in zip(voices, page.rows, strict=True):
        assert row[:5] == [voice.name, voice.provider, voice.region, voice.gender, voice.state]
        src = page.players[f"Nghe thử {voice.label}"]
        assert parse_qs(urlsplit(src).query) == {"engine": [voice.engine], "voice": [voice.voice]}
    states = {(v.engine, row[4]) for v, row in zip(voices, page.rows, strict=True)}
    assert ("espeak", "sẵn sàng") in states  # works on this machine
    assert ("viettel", "chưa cài khóa") in states and ("gtts", "không kết nối được") in states
    assert [v for v, _ in page.options["main"]] == [v.entry for v in voices]
    # the commune's chain (gtts, espeak) shows as the main voice and the first fallback
    assert [v for v, chosen in page.options["main"] if chosen] == ["gtts:vi"]
    assert [v for v, chosen in page.options["fallback1"] if chosen] == ["espeak:vi"]
    assert [v for v, chosen in page.options["fallback2"] if chosen] == [""]


def test_a_listed_sample_plays_and_a_made_up_voice_is_refused(site, client: TestClient) -> None:
    login(client, "xem")
    page = parse(client.get("/settings").text)
    src = page.players["Nghe thử Giọng nam miền Trung – espeak-ng (espeak-ng miền Trung)"]
    first = client.get(src)
    assert first.status_code == 200 and first.headers["content-type"] == "audio/mpeg"
    assert first.content[:3] == b"ID3" or first.content[0] == 0xFF
    samples = get_settings().data_dir / "samples"
    made = sorted(samples.iterdir())
    assert client.get(src).content == first.content and sorted(samples.iterdir()) == made  # made once, kept
    for engine, voice in (("espeak", "../../etc/passwd"), ("viettel", "khong-co"), ("shell", "vi")):
        refused = client.get("/voices/sample", params={"engine": engine, "voice": voice})
        assert refused.status_code == 422 and "không có" in refused.text.lower(), (engine, voice)
    assert sorted(samples.iterdir()) == made


def test_a_key_shows_only_as_installed_and_is_never_sent_back(
    site, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "viettel-commune-secret-27182818"
    csrf = login(client, "quantri")
    saved = client.post("/settings/keys/viettel", data={"api_key": secret, "csrf": csrf}, follow_redirects=True)
    assert saved.status_code == 200 and "Đã cài khóa API của Viettel AI." in saved.text
    assert "Viettel AI: <strong>đã cài</strong>" in saved.text and "FPT.AI: <strong>chưa cài</strong>" in saved.text
    page = parse(saved.text)
    assert {f.get("type") for f in page.key_fields} == {"password"} and all(not f.get("value") for f in page.key_fields)
    assert {row[4] for row in page.rows if row[1] == "Viettel AI"} == {"không kết nối được"}  # a key, no network
    with db.session_scope() as session:
        keys = credentials.keys_for(session, get_settings(), commune_id=site["ids"]["commune"])
        assert keys["viettel"].get_secret_value() == secret
    # a key refused by the check comes back as an error without the typed key in the page
    typo = "viettel key with spaces 5772156649"
    back_to = {"referer": "http://testserver/settings"}
    refused = client.post(
        "/settings/keys/viettel", data={"api_key": typo, "csrf": csrf}, headers=back_to, follow_redirects=True
    )
    assert "Khóa API không hợp lệ" in refused.text and "5772156649" not in refused.text
    bearer = {"Authorization": f"Bearer {site['tokens']['quantri']}"}
    responses = [saved, refused, client.get("/settings"), client.get(f"/scripts/{site['ids']['approved']}")]
    responses += [client.get("/api/v1/communes", headers=bearer), client.get("/openapi.json")]
    responses.append(client.get(f"/api/v1/scripts/{site['ids']['approved']}/renders", headers=bearer))
    for response in responses:
        assert secret not in response.text and "5772156649" not in response.text
        assert secret not in str(response.headers) and "5772156649" not in str(response.headers)
    assert secret not in caplog.text and "5772156649" not in caplog.text
    removed = client.post("/settings/keys/viettel/remove", data={"csrf": csrf}, follow_redirects=True)
    assert "Đã xóa khóa API của Viettel AI." in removed.text and "Viettel AI: <strong>chưa cài</strong>" in removed.text


def test_only_those_who_may_change_settings_choose_voices_or_keys(site, client: TestClient) -> None:
    csrf = login(client, "truongdai")
    page = client.get("/settings").text
    assert "Lưu giọng đọc" not in page and 'name="api_key"' not in page and "Xóa khóa" not in page
    data = {"main": "espeak:vi-vn-x-south", "csrf": csrf}
    assert client.post("/settings/voices", data=data, follow_redirects=False).status_code == 403
    data = {"api_key": "stolen-key-1234567890", "csrf": csrf}
    assert client.post("/settings/keys/fpt", data=data, follow_redirects=False).status_code == 403
    with db.session_scope() as session:
        commune = communes.get_commune(session, commune_id=site["ids"]["commune"])
        assert commune.engine_chain == ["gtts", "espeak"]
        assert credentials.status(session, get_settings(), commune_id=commune.id)["fpt"] == "chưa cài"


def test_choosing_a_main_voice_and_fallbacks_keeps_espeak_as_last_resort(site, client: TestClient) -> None:
    csrf = login(client, "quantri")
    data = {"main": "viettel:hue-maingoc", "fallback1": "fpt:myan", "fallback2": "", "fallback3": "", "csrf": csrf}
    done = client.post("/settings/voices", data=data, follow_redirects=True)
    assert "Đã lưu giọng chính và các giọng dự phòng." in done.text
    with db.session_scope() as session:
        chain = communes.get_commune(session, commune_id=site["ids"]["commune"]).engine_chain
    assert chain == ["viettel:hue-maingoc", "fpt:myan", "espeak"]
    page = parse(done.text)
    assert [v for v, chosen in page.options["main"] if chosen] == ["viettel:hue-maingoc"]
    assert [v for v, chosen in page.options["fallback2"] if chosen] == ["espeak:vi"]
    bad = client.post("/settings/voices", data={**data, "main": "zalo:9"}, follow_redirects=True)
    assert "Zalo AI không có giọng «9»" in bad.text


@pytest.mark.slow
@pytest.mark.parametrize("trouble", ["down", "refused"])
def test_the_chosen_chain_drives_a_render_and_the_page_says_the_fallback_spoke(
    site, client: TestClient, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    """The main voice (Viettel AI) unreachable, or refusing the key: espeak-ng reads instead, and
    the script page and the API say so plainly."""
    with fake_viettel() as fake:
        monkeypatch.setenv("BROADCAST_VIETTEL_URL", closed_port_url() if trouble == "down" else fake.url)
        get_settings.cache_clear()
        csrf = login(client, "quantri")
        key = KEY + "-but-wrong" if trouble == "refused" else KEY
        client.post("/settings/keys/viettel", data={"api_key": key, "csrf": csrf})
        data = {"main": "viettel:hue-maingoc", "fallback1": "espeak:vi-vn-x-central", "csrf": csrf}
        client.post("/settings/voices", data=data)
        script_id = site["ids"]["approved"]
        with db.session_scope() as session:
            render = production.render(session, get_settings(), script_id=script_id).render
            render_id, spoken = render.id, render.engines
    assert {(e["engine"], e["voice"], e["fallback"]) for e in spoken} == {("espeak", "vi-vn-x-central", True)}
    why = "không kết nối được" if trouble == "down" else "không nhận khóa API"
    notice = f"Lưu ý: {len(spoken)}/{len(spoken)} câu được đọc bằng giọng dự phòng (espeak-ng) vì Viettel AI {why}."
    page = client.get(f"/scripts/{script_id}", params={"rendered": render_id}).text
    assert page.count(notice) == 2  # on the fresh render's message and on the render itself
    bearer = {"Authorization": f"Bearer {site['tokens']['truongdai']}"}
    listed = client.get(f"/api/v1/scripts/{script_id}/renders", headers=bearer).json()
    assert listed[0]["id"] == render_id and listed[0]["fallback_notice"] == notice
    assert KEY not in page and KEY not in str(listed)


@pytest.mark.slow
def test_no_notice_when_the_main_voice_reads_everything(
    site, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_viettel() as fake:
        monkeypatch.setenv("BROADCAST_VIETTEL_URL", fake.url)
        get_settings.cache_clear()
        with db.session_scope() as session:
            credentials.set_key(session, commune_id=site["ids"]["commune"], engine="viettel", api_key=KEY)
            communes.configure(
                session,
                commune_id=site["ids"]["commune"],
                changes=communes.AudioSettings(engine_chain=["viettel:hue-maingoc", "espeak"]),
            )
            render = production.render(session, get_settings(), script_id=site["ids"]["approved"]).render
            spoken = render.engines
    assert {(e["engine"], e["fallback"]) for e in spoken} == {("viettel", False)}
    login(client, "truongdai")
    page = client.get(f"/scripts/{site['ids']['approved']}").text
    assert page.count("câu được đọc bằng giọng dự phòng") == 1  # only the older render from the site's set-up


@pytest.mark.slow
def test_a_render_job_reports_the_fallback_as_it_finishes(site, client: TestClient) -> None:
    """The live progress of the script page (and any API caller) hears of the fallback at once."""
    bearer = {"Authorization": f"Bearer {site['tokens']['truongdai']}"}
    script_id = site["ids"]["approved"]
    started = client.post(f"/api/v1/scripts/{script_id}/renders", json={"profile": "loa-keo"}, headers=bearer)
    assert started.status_code == 202, started.text
    deadline = time.monotonic() + 120
    while (job := client.get(f"/api/v1/render-jobs/{started.json()['job']}", headers=bearer).json())["status"] in (
        "queued",
        "running",
    ):
        assert time.monotonic() < deadline, job
        time.sleep(0.3)
    assert job["status"] == "done", job
    with db.session_scope() as session:
        spoken = renders.get_render(session, render_id=job["render_id"]).engines
    n = len(spoken)
    assert n and job["fallback_notice"] == (
        f"Lưu ý: {n}/{n} câu được đọc bằng giọng dự phòng (espeak-ng) vì Google không kết nối được."
    )
