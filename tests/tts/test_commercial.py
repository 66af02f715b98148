"""FPT.AI, Viettel AI and Zalo AI clients against local fakes of their documented APIs."""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest
from pydantic import SecretStr

from broadcast.errors import EngineError, EngineKeyError, EngineQuotaError, EngineRefusedError, EngineTimeoutError
from broadcast.tts.chain import EngineChain, SentenceCache
from broadcast.tts.espeak import EspeakEngine
from broadcast.tts.fpt import FptEngine
from broadcast.tts.http_engine import HttpEngine
from broadcast.tts.viettel import ViettelEngine
from broadcast.tts.zalo import ZaloEngine
from tests.fakes.audio import mp3_seconds
from tests.fakes.providers import KEY, fake_fpt, fake_viettel, fake_zalo
from tests.fakes.server import closed_port_url, silent_server

PROVIDERS = {"fpt": (FptEngine, fake_fpt), "viettel": (ViettelEngine, fake_viettel), "zalo": (ZaloEngine, fake_zalo)}
SENTENCE = "Ủy ban nhân dân xã thông báo lịch tiêm phòng cho đàn gia súc và gia cầm."


def make(cls: type[HttpEngine], url: str, key: str = KEY, **kw: float) -> HttpEngine:
    options = {"timeout": 3.0, "backoff": 0.01, "poll_interval": 0.05, "poll_timeout": 5.0, **kw}
    return cls(base_url=url, api_key=SecretStr(key), **options)  # type: ignore[arg-type]


def synth_requests(fake) -> list:
    return [r for r in fake.requests if r.method == "POST"]


@pytest.mark.parametrize("name", PROVIDERS)
def test_normal_synthesis_gives_decodable_speech(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server() as fake:
        engine = make(cls, fake.url)
        assert engine.available()
        voice = next(v for v, (region, _, _) in cls.catalogue.items() if region == "Nam")
        clip = engine.synthesize(SENTENCE, voice=voice, rate=145)
    assert fake.texts == [SENTENCE]
    assert clip.fmt in ("mp3", "wav") and mp3_seconds(clip.audio) > 2.0
    request = synth_requests(fake)[0]
    if name == "fpt":
        assert request.path == "/hmi/tts/v5" and request.body.decode() == SENTENCE
        assert request.headers["api-key"] == KEY and request.headers["voice"] == voice
        assert request.headers["speed"] == "-1" and request.headers["format"] == "mp3"
    elif name == "viettel":
        body = json.loads(request.body)
        assert request.headers["token"] == KEY and request.headers["content-type"] == "application/json"
        assert body["voice"] == voice and body["speed"] == 0.8 and body["tts_return_option"] == 3
        assert body["without_filter"] is False and body["id"]
    else:
        form = urllib.parse.parse_qs(request.body.decode())
        assert request.headers["apikey"] == KEY
        assert form["speaker_id"] == [voice] and form["encode_type"] == ["1"] and form["speed"] == ["0.8"]


@pytest.mark.parametrize("name", PROVIDERS)
def test_long_text_is_split_at_sentences_under_the_documented_limit(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    sentences = [f"Câu thứ {i}: {SENTENCE}" for i in range(cls.max_chars // len(SENTENCE) + 3)]
    text = " ".join(sentences)
    assert len(text) > cls.max_chars
    with fake_server() as fake:
        clip = make(cls, fake.url, timeout=10, poll_timeout=60).synthesize(text, voice=cls.voices_default(), rate=175)
    assert len(fake.texts) >= 2
    assert all(len(t) <= cls.max_chars and t.endswith(".") for t in fake.texts)
    assert " ".join(fake.texts) == text  # nothing lost, nothing cut inside a sentence
    short = mp3_seconds(clip.audio)
    assert short > len(sentences) * 2  # all of it was spoken


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_bad_key_is_a_clear_error_without_retry_and_without_the_key(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    wrong = "wrong-key-0123456789"
    with fake_server() as fake, pytest.raises(EngineKeyError) as info:
        make(cls, fake.url, key=wrong).synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert "khóa" in info.value.message and wrong not in info.value.message
    assert len(synth_requests(fake)) == 1


@pytest.mark.parametrize("name", PROVIDERS)
def test_no_key_means_not_available_and_a_clear_error(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server() as fake:
        engine = cls(base_url=fake.url, api_key=None)
        assert not engine.available()
        with pytest.raises(EngineKeyError) as info:
            engine.synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert "Chưa cài khóa API" in info.value.message and not fake.requests


@pytest.mark.parametrize("name", PROVIDERS)
def test_exhausted_quota_is_reported_as_such(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server(["quota"] * 5) as fake, pytest.raises(EngineQuotaError) as info:
        make(cls, fake.url).synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert "hạn mức" in info.value.message


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_refused_text_is_reported_as_such(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    engine_limit = 10**6
    text = " ".join([SENTENCE] * 80)  # over FPT's 5,000 and Zalo's 2,000 characters
    with fake_server([400] if name == "viettel" else []) as fake:
        engine = make(cls, fake.url)
        engine.max_chars = engine_limit  # send it whole: the provider must refuse it
        with pytest.raises(EngineRefusedError) as info:
            engine.synthesize(text, voice=cls.voices_default(), rate=145)
    assert "không" in info.value.message and not fake.texts


@pytest.mark.parametrize("name", PROVIDERS)
@pytest.mark.parametrize("first", [[429], [500, 503]])
def test_rate_limit_and_server_errors_are_retried_with_backoff(name: str, first: list[int]) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server(first) as fake:
        clip = make(cls, fake.url).synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert mp3_seconds(clip.audio) > 2.0
    assert len(synth_requests(fake)) == len(first) + 1 and fake.texts == [SENTENCE]


@pytest.mark.parametrize("name", PROVIDERS)
def test_retries_are_bounded(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server([500] * 10) as fake, pytest.raises(EngineError) as info:
        make(cls, fake.url, retries=3).synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert len(synth_requests(fake)) == 3 and "500" in info.value.message


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_hanging_provider_is_bounded_by_the_timeout(name: str) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server(["hang"]) as fake:
        engine = make(cls, fake.url, timeout=0.5)
        t0 = time.monotonic()
        with pytest.raises(EngineTimeoutError):
            engine.synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
        elapsed = time.monotonic() - t0
    assert elapsed < 2.0


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_silent_endpoint_is_bounded_by_the_timeout(name: str) -> None:
    cls, _ = PROVIDERS[name]
    with silent_server() as url:
        engine = make(cls, url, timeout=0.5)
        t0 = time.monotonic()
        with pytest.raises(EngineTimeoutError):
            engine.synthesize(SENTENCE, voice=cls.voices_default(), rate=145)
    assert time.monotonic() - t0 < 2.0


@pytest.mark.parametrize("name", PROVIDERS)
@pytest.mark.parametrize("url", [closed_port_url(), "https://api.provider.invalid"])
def test_unreachable_provider_falls_through_to_the_next_engine_within_a_second(name: str, url: str, tmp_path) -> None:
    cls, _ = PROVIDERS[name]
    chain = EngineChain(
        [make(cls, url), EspeakEngine()], voice_for=lambda e: e.default_voice, rate=145, cache=SentenceCache(tmp_path)
    )
    t0 = time.monotonic()
    clip = chain.speak(SENTENCE)
    assert time.monotonic() - t0 < 1.0
    assert chain.skipped == [name] and clip.engine == "espeak" and clip.fallback


def test_fpt_polls_the_async_url_until_the_audio_is_there() -> None:
    with fake_fpt(polls_before_ready=3) as fake:
        clip = make(FptEngine, fake.url).synthesize(SENTENCE, voice="banmai", rate=145)
    gets = [r for r in fake.requests if r.method == "GET"]
    assert len(gets) == 4 and mp3_seconds(clip.audio) > 2.0


def test_fpt_gives_up_polling_after_the_bounded_wait() -> None:
    with fake_fpt() as fake:
        fake.never_ready = True
        engine = make(FptEngine, fake.url, poll_timeout=0.6)
        t0 = time.monotonic()
        with pytest.raises(EngineTimeoutError) as info:
            engine.synthesize(SENTENCE, voice="banmai", rate=145)
    assert time.monotonic() - t0 < 1.5 and "chưa làm xong" in info.value.message


def test_zalo_internal_error_code_is_retried() -> None:
    with fake_zalo(["code500"]) as fake:
        clip = make(ZaloEngine, fake.url).synthesize(SENTENCE, voice="2", rate=145)
    assert len(synth_requests(fake)) == 2 and mp3_seconds(clip.audio) > 2.0


def test_zalo_gets_paragraph_and_list_pauses_in_its_own_syntax() -> None:
    with fake_zalo() as fake:
        make(ZaloEngine, fake.url).synthesize("Thông báo.\n- Một là họp thôn.\nXin cảm ơn.", voice="4", rate=145)
    assert fake.texts == ["Thông báo. <<<sil#500>>> - Một là họp thôn. <<<sil#900>>> Xin cảm ơn."]


def test_engines_without_pause_syntax_get_silence_between_paragraphs() -> None:
    with fake_viettel() as fake:
        together = make(ViettelEngine, fake.url).synthesize("Thông báo.\nXin cảm ơn.", voice="hue-maingoc", rate=145)
        apart = [
            make(ViettelEngine, fake.url).synthesize(t, voice="hue-maingoc", rate=145)
            for t in ("Thông báo.", "Xin cảm ơn.")
        ]
    assert fake.texts == ["Thông báo.", "Xin cảm ơn.", "Thông báo.", "Xin cảm ơn."]
    gap = mp3_seconds(together.audio) - sum(mp3_seconds(c.audio) for c in apart)
    assert gap == pytest.approx(0.9, abs=0.1)


def test_the_key_is_never_in_repr_or_messages() -> None:
    engine = make(FptEngine, closed_port_url())
    assert KEY not in repr(engine) and "đã cài" in repr(engine)
    assert engine.scrub(f"echo {KEY} back") == "echo *** back"


@pytest.mark.parametrize("name", PROVIDERS)
def test_a_refused_key_is_asked_once_per_render_not_once_per_sentence(name: str, tmp_path) -> None:
    cls, fake_server = PROVIDERS[name]
    with fake_server() as fake:
        chain = EngineChain(
            [make(cls, fake.url, key="wrong-key-000111"), EspeakEngine()],
            voice_for=lambda e: e.default_voice,
            rate=145,
            cache=SentenceCache(tmp_path),
            workers=1,
        )
        clips = chain.speak_all(["Câu một.", "Câu hai.", "Câu ba."])
    assert [c.engine for c in clips] == ["espeak"] * 3 and all(c.fallback for c in clips)
    assert len(synth_requests(fake)) == 1 and chain.dropped == [name]
    assert any("khóa API" in f for f in chain.failures)
