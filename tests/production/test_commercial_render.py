"""Renders through each online voice's local fake: correct MP3 at the commune's loudness,
who spoke each sentence, fallbacks reported, and API keys never shown anywhere."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session

from broadcast import db, production
from broadcast.audio import ffmpeg
from broadcast.config import Settings, get_settings
from broadcast.services import communes, credentials
from tests.fakes.edge import fake_edge
from tests.fakes.google import fake_google
from tests.fakes.providers import KEY, fake_fpt, fake_viettel, fake_zalo
from tests.fakes.server import closed_port_url
from tests.production.conftest import SHORT_SCRIPT, approve_new

pytestmark = pytest.mark.slow


@pytest.fixture
def online(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """Every online voice pointed at its local fake; Google away; Zalo's key for the whole deployment."""
    with ExitStack() as stack:
        fakes = {
            "fpt": stack.enter_context(fake_fpt()),
            "viettel": stack.enter_context(fake_viettel()),
            "zalo": stack.enter_context(fake_zalo()),
            "edge": stack.enter_context(fake_edge()),
        }
        for name, fake in fakes.items():
            monkeypatch.setenv(f"BROADCAST_{name.upper()}_URL", fake.url)
        monkeypatch.setenv("BROADCAST_GTTS_URL", closed_port_url())
        monkeypatch.setenv("BROADCAST_ZALO_API_KEY", KEY)
        monkeypatch.setenv("BROADCAST_TTS_HTTP_TIMEOUT", "10")
        get_settings.cache_clear()
        yield fakes
        get_settings.cache_clear()


def _commune_with(session: Session, chain: list[str], *, keys: dict[str, str] | None = None) -> int:
    sid = approve_new(session, get_settings(), SHORT_SCRIPT)
    communes.configure(session, commune_id=1, changes=communes.AudioSettings(engine_chain=chain))
    for engine, key in (keys or {}).items():
        credentials.set_key(session, commune_id=1, engine=engine, api_key=key)
    return sid


def _render(script_id: int) -> production.RenderJob:
    with db.session_scope() as session:
        return production.render(session, get_settings(), script_id=script_id)


@pytest.mark.parametrize(
    "entry", ["fpt:myan", "viettel:hue-maingoc", "zalo:3", "edge:vi-VN-HoaiMyNeural"], ids=lambda e: e.split(":")[0]
)
def test_render_through_each_online_voice_is_a_correct_mp3_at_the_commune_loudness(online: dict, entry: str) -> None:
    engine, voice = entry.split(":")
    with db.session_scope() as session:
        sid = _commune_with(session, [entry, "espeak"], keys={"fpt": KEY, "viettel": KEY})
        communes.configure(session, commune_id=1, changes=communes.AudioSettings(loudness_target=-18))
    job = _render(sid)
    path = Path(job.render.path)
    info = ffmpeg.probe(path)
    assert info["streams"][0]["codec_name"] == "mp3" and int(info["streams"][0]["sample_rate"]) == 44100
    measured = ffmpeg.measure(path)
    print(f"loudness {engine}: {measured.integrated:.2f} LUFS, true peak {measured.true_peak:.2f} dBTP")
    assert abs(measured.integrated - (-18.0)) <= 1.0 and measured.true_peak <= -1.0
    assert {(e["engine"], e["voice"], e["fallback"]) for e in job.render.engines} == {(engine, voice, False)}
    assert len(online[engine].texts) == len(job.render.engines)  # one request per sentence
    assert production.fallback_notice(job) is None


@pytest.mark.parametrize("entry", ["gtts:vi", "espeak:vi-vn-x-south"], ids=lambda e: e.split(":")[0])
def test_render_through_google_and_espeak_is_at_the_commune_loudness(
    online: dict, monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    """The two other voices a commune may choose, measured the same way (Google through its fake)."""
    engine, voice = entry.split(":")
    with fake_google() as google:
        monkeypatch.setenv("BROADCAST_GTTS_URL", google["url"])
        get_settings.cache_clear()
        with db.session_scope() as session:
            sid = _commune_with(session, [entry, "espeak"])
            communes.configure(session, commune_id=1, changes=communes.AudioSettings(loudness_target=-18))
        job = _render(sid)
    path = Path(job.render.path)
    assert ffmpeg.probe(path)["streams"][0]["codec_name"] == "mp3"
    measured = ffmpeg.measure(path)
    print(f"loudness {engine}: {measured.integrated:.2f} LUFS, true peak {measured.true_peak:.2f} dBTP")
    assert abs(measured.integrated - (-18.0)) <= 1.0 and measured.true_peak <= -1.0
    assert {(e["engine"], e["voice"], e["fallback"]) for e in job.render.engines} == {(engine, voice, False)}
    assert bool(google["requests"]) == (engine == "gtts")


def test_a_refused_key_hands_every_sentence_to_the_fallback_voice_and_says_so(online: dict) -> None:
    wrong = "wrong-key-5566778899"
    with db.session_scope() as session:
        sid = _commune_with(session, ["viettel:hue-maingoc", "espeak:vi-vn-x-central"], keys={"viettel": wrong})
    job = _render(sid)
    assert {(e["engine"], e["voice"], e["fallback"]) for e in job.render.engines} == {
        ("espeak", "vi-vn-x-central", True)
    }
    notice = production.fallback_notice(job)
    assert notice and "Giọng nữ miền Trung – Viettel AI (Mai Ngọc)" in notice
    assert "Giọng nam miền Trung – espeak-ng" in notice
    assert "khóa API" in notice and wrong not in notice


def test_an_unreachable_main_voice_falls_back_at_once(online: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROADCAST_FPT_URL", closed_port_url())
    get_settings.cache_clear()
    with db.session_scope() as session:
        sid = _commune_with(session, ["fpt:giahuy", "zalo:1"], keys={"fpt": KEY})
    job = _render(sid)
    assert job.skipped_engines == ["fpt"]
    assert {(e["engine"], e["fallback"]) for e in job.render.engines} == {("zalo", True)}
    assert "Giọng nữ miền Nam – Zalo AI" in production.fallback_notice(job)


def test_keys_are_never_shown_logged_exported_or_stored_outside_their_table(
    online: dict, cli, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    commune_key = "commune-secret-FPT-31415926"
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    set_key = cli("voices", "key", "fpt", "--commune", "1", input=commune_key + "\n")
    assert set_key.exit_code == 0 and "đã cài" in set_key.stdout
    with db.session_scope() as session:
        sid = approve_new(session, get_settings(), SHORT_SCRIPT)
    assert cli("communes", "configure", "1", "--main-voice", "fpt:lannhi", "--fallback", "espeak").exit_code == 0
    outputs = [set_key]
    # the fake accepts only its own KEY: the commune key is refused, the render falls back and says so
    outputs.append(cli("render", str(sid), "--json"))
    rendered = json.loads(outputs[-1].stdout)
    assert rendered["fallback_sentences"] == rendered["sentences"] and rendered["fallback_notice"]
    for args in (
        ("voices", "list", "--json", "--commune", "1"),
        ("voices", "list", "--commune", "1"),
        ("voices", "keys", "--commune", "1", "--json"),
        ("communes", "show", "1", "--json"),
        ("communes", "list", "--json"),
        ("scripts", "show", str(sid), "--json"),
    ):
        outputs.append(cli(*args))
        assert outputs[-1].exit_code == 0, outputs[-1].stderr
    assert json.loads(outputs[-4].stdout) == {"fpt": "đã cài", "viettel": "chưa cài", "zalo": "đã cài"}
    for out in outputs:
        assert commune_key not in out.stdout + out.stderr and KEY not in out.stdout + out.stderr
    assert commune_key not in caplog.text and KEY not in caplog.text
    # the key reached the provider, and only there
    assert online["fpt"].requests[0].headers["api-key"] == commune_key
    # nowhere in the database except its own table (renders, as-run log, audit, …)
    engine = db.get_engine()
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            dump = repr(rows)
            if table == "enginecredential":
                assert commune_key in dump
            else:
                assert commune_key not in dump and KEY not in dump, table
    # nor in any file the product wrote (audio, tags, caches, logs)
    settings = get_settings()
    for folder in (settings.data_dir, settings.audio_dir, settings.schedule_dir):
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("broadcast.db"):  # the database: checked above
                data = path.read_bytes()
                assert commune_key.encode() not in data and KEY.encode() not in data, path
                assert commune_key not in str(path)


def test_configure_main_voice_and_fallbacks_from_the_cli(cli) -> None:
    assert cli("communes", "add", "xã Tân Lập").exit_code == 0
    done = cli("communes", "configure", "1", "--main-voice", "viettel:hue-maingoc", "--json")
    assert done.exit_code == 0
    assert json.loads(done.stdout)["engine_chain"] == ["viettel:hue-maingoc", "gtts", "espeak"]
    done = cli("communes", "configure", "1", "--fallback", "fpt:myan,espeak:vi-vn-x-central", "--json")
    assert json.loads(done.stdout)["engine_chain"] == ["viettel:hue-maingoc", "fpt:myan", "espeak:vi-vn-x-central"]
    bad = cli("communes", "configure", "1", "--main-voice", "zalo:9")
    assert bad.exit_code == 2 and "Zalo AI không có giọng «9»" in bad.stderr
