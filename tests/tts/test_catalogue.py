"""The voice catalogue and `broadcast voices …`: every voice with region, gender and whether it works now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadcast.config import get_settings
from tests.fakes.audio import mp3_seconds
from tests.fakes.providers import KEY, fake_viettel


@pytest.fixture
def viettel_online(settings, monkeypatch: pytest.MonkeyPatch):
    from tests.fakes.server import closed_port_url

    with fake_viettel() as fake:
        for name in ("gtts", "edge", "fpt", "zalo"):
            monkeypatch.setenv(f"BROADCAST_{name.upper()}_URL", closed_port_url())
        monkeypatch.setenv("BROADCAST_VIETTEL_URL", fake.url)
        get_settings.cache_clear()
        yield fake
        get_settings.cache_clear()


def test_voices_list_json_shows_every_voice_with_region_gender_and_state(cli, viettel_online, monkeypatch) -> None:
    rows = json.loads(cli("voices", "list", "--json").stdout)
    assert {r["engine"] for r in rows} == {"gtts", "edge", "fpt", "viettel", "zalo", "piper", "espeak"}
    assert all(r["region"] in ("Bắc", "Trung", "Nam") and r["gender"] in ("nữ", "nam") for r in rows)
    regions = {(r["engine"], r["region"]) for r in rows}
    for engine in ("fpt", "viettel", "espeak"):
        assert {(engine, region) for region in ("Bắc", "Trung", "Nam")} <= regions  # all three accents
    hue = next(r for r in rows if r["entry"] == "viettel:hue-maingoc")
    assert hue["label"] == "Giọng nữ miền Trung – Viettel AI (Mai Ngọc)"
    assert "giọng nữ miền Trung của Viettel AI" in hue["sample_text"]
    # no key anywhere yet: the commercial voices do not work, espeak does
    assert hue["key"] == "chưa cài" and hue["available"] is False
    assert all(r["available"] for r in rows if r["engine"] == "espeak")
    # a deployment key and a reachable endpoint: Viettel works now; FPT has no key, Zalo's endpoint is away
    monkeypatch.setenv("BROADCAST_VIETTEL_API_KEY", KEY)
    get_settings.cache_clear()
    rows = json.loads(cli("voices", "list", "--json").stdout)
    state = {r["engine"]: (r["key"], r["available"]) for r in rows}
    assert state["viettel"] == ("đã cài", True) and state["fpt"] == ("chưa cài", False)
    assert KEY not in cli("voices", "list").stdout + cli("voices", "list", "--json").stdout


def test_a_commune_key_makes_its_voices_work_for_that_commune_only(cli, viettel_online) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    assert cli("communes", "add", "xã Phúc Lộc").exit_code == 0
    assert cli("voices", "key", "viettel", "--commune", "1", input=KEY + "\n").exit_code == 0
    mine = json.loads(cli("voices", "list", "--json", "--commune", "1").stdout)
    theirs = json.loads(cli("voices", "list", "--json", "--commune", "2").stdout)
    assert all(r["available"] for r in mine if r["engine"] == "viettel")
    assert not any(r["available"] for r in theirs if r["engine"] == "viettel")
    assert json.loads(cli("voices", "keys", "--commune", "1", "--json").stdout)["viettel"] == "đã cài"
    assert cli("voices", "key", "viettel", "--commune", "1", "--clear").exit_code == 0
    assert json.loads(cli("voices", "keys", "--commune", "1", "--json").stdout)["viettel"] == "chưa cài"
    assert cli("voices", "key", "espeak", "--commune", "1", input="x\n").exit_code == 2


def test_voices_sample_writes_a_playable_labelled_sample(cli, viettel_online, tmp_path: Path) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    assert cli("voices", "key", "viettel", "--commune", "1", input=KEY + "\n").exit_code == 0
    out = cli("voices", "sample", "viettel:hue-baoquoc", "--out", str(tmp_path / "mau"), "--commune", "1")
    assert out.exit_code == 0 and "Giọng nam miền Trung – Viettel AI" in out.stdout
    written = next(tmp_path.glob("mau.*"))
    assert mp3_seconds(written.read_bytes()) > 3.0
    assert "giọng nam miền Trung của Viettel AI" in viettel_online.texts[0]
    espeak = cli("voices", "sample", "espeak:vi-vn-x-south", "--out", str(tmp_path / "nam"))
    assert espeak.exit_code == 0 and (tmp_path / "nam.wav").is_file()
