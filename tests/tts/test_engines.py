"""Engines at their boundaries: real espeak-ng, gTTS and edge-tts against local fake endpoints."""

from __future__ import annotations

import time

import pytest

from broadcast.errors import EngineError
from broadcast.tts.chain import EngineChain, SentenceCache
from broadcast.tts.edge import EdgeEngine
from broadcast.tts.espeak import EspeakEngine
from broadcast.tts.fake import FakeEngine
from broadcast.tts.gtts_engine import GTTSEngine
from tests.fakes.google import fake_google
from tests.fakes.server import closed_port_url, silent_server


@pytest.mark.parametrize("voice", EspeakEngine.voices)
def test_espeak_speaks_every_vietnamese_voice(voice: str) -> None:
    clip = EspeakEngine().synthesize("Xin chào bà con.", voice=voice, rate=145)
    assert clip.fmt == "wav" and clip.audio[:4] == b"RIFF" and len(clip.audio) > 10_000


def test_espeak_rate_changes_length() -> None:
    engine = EspeakEngine()
    slow = engine.synthesize("Ủy ban nhân dân xã thông báo lịch họp.", voice="vi", rate=120)
    fast = engine.synthesize("Ủy ban nhân dân xã thông báo lịch họp.", voice="vi", rate=200)
    assert len(slow.audio) > len(fast.audio) * 1.3


def test_gtts_against_fake_endpoint() -> None:
    with fake_google() as google:
        engine = GTTSEngine(base_url=google["url"], timeout=2)
        assert engine.available()
        clip = engine.synthesize("Xin chào bà con.", voice="vi", rate=145)
    assert clip.fmt == "mp3" and clip.audio == google["audio"]
    assert "Xin" in google["requests"][0] and "vi" in google["requests"][0]


def test_gtts_retries_transient_errors_with_backoff() -> None:
    with fake_google(statuses=[500, 503]) as google:
        clip = GTTSEngine(base_url=google["url"], timeout=2, backoff=0.01).synthesize("Chào.", voice="vi", rate=145)
    assert clip.audio == google["audio"] and len(google["requests"]) == 3


def test_gtts_does_not_retry_client_errors() -> None:
    with fake_google(statuses=[400, 400, 400]) as google, pytest.raises(EngineError):
        GTTSEngine(base_url=google["url"], timeout=2, backoff=0.01).synthesize("Chào.", voice="vi", rate=145)
    assert len(google["requests"]) == 1


def test_gtts_hanging_server_times_out() -> None:
    with silent_server() as url:
        engine = GTTSEngine(base_url=url, timeout=0.5, retries=1)
        t0 = time.monotonic()
        with pytest.raises(EngineError):
            engine.synthesize("Chào.", voice="vi", rate=145)
    assert time.monotonic() - t0 < 3


def test_edge_is_bounded_by_wait_for_even_when_the_endpoint_hangs() -> None:
    with silent_server() as proxy:
        engine = EdgeEngine(timeout=1.0, proxy=proxy)
        assert engine.available()
        t0 = time.monotonic()
        with pytest.raises(EngineError):
            engine.synthesize("Xin chào.", voice="vi-VN-HoaiMyNeural", rate=145)
    assert time.monotonic() - t0 < 2.5


@pytest.mark.parametrize("url", [closed_port_url(), "https://translate.google.invalid"])
def test_unreachable_online_engines_fall_through_within_a_second(url: str, tmp_path) -> None:
    chain = EngineChain(
        [GTTSEngine(base_url=url), EdgeEngine(url=url), EspeakEngine()],
        voice_for=lambda e: e.default_voice,
        rate=145,
        cache=SentenceCache(tmp_path),
    )
    t0 = time.monotonic()
    ready = chain.ready_engines()
    assert time.monotonic() - t0 < 1.0
    assert [e.name for e in ready] == ["espeak"] and chain.skipped == ["gtts", "edge"]


def test_chain_uses_gtts_when_reachable(tmp_path) -> None:
    with fake_google() as google:
        chain = EngineChain(
            [GTTSEngine(base_url=google["url"], timeout=2), EspeakEngine()],
            voice_for=lambda e: e.default_voice,
            rate=145,
            cache=SentenceCache(tmp_path),
        )
        clips = chain.speak_all(["Câu một.", "Câu hai."])
    assert [c.engine for c in clips] == ["gtts", "gtts"]


def test_failing_engine_hands_the_sentence_to_the_next(tmp_path) -> None:
    broken, backup = FakeEngine(fail_on="hai"), EspeakEngine()
    chain = EngineChain([broken, backup], voice_for=lambda e: e.default_voice, rate=145, cache=SentenceCache(tmp_path))
    clips = chain.speak_all(["Câu một.", "Câu hai.", "Câu ba."])
    assert [c.engine for c in clips] == ["fake", "espeak", "fake"]


def test_cache_resynthesises_only_changed_sentences(tmp_path) -> None:
    fake = FakeEngine()

    def chain() -> EngineChain:
        return EngineChain([fake], voice_for=lambda e: "fake", rate=145, cache=SentenceCache(tmp_path), workers=2)

    chain().speak_all(["Một.", "Hai.", "Ba."])
    fake.calls.clear()
    clips = chain().speak_all(["Một.", "Hai sửa.", "Ba."])
    assert fake.calls == ["Hai sửa."]
    assert [c.cached for c in clips] == [True, False, True]
    fake.calls.clear()
    EngineChain([fake], voice_for=lambda e: "fake", rate=160, cache=SentenceCache(tmp_path)).speak_all(["Một."])
    assert fake.calls == ["Một."]  # another rate is another clip


def test_no_engine_at_all_is_a_clear_error(tmp_path) -> None:
    chain = EngineChain([FakeEngine(up=False)], voice_for=lambda e: "fake", rate=145, cache=SentenceCache(tmp_path))
    with pytest.raises(EngineError) as info:
        chain.ready_engines()
    assert "espeak-ng" in info.value.message


def test_voice_download_without_internet_says_so(tmp_path) -> None:
    from broadcast.tts.voices import download_piper_voice

    with pytest.raises(EngineError) as info:
        download_piper_voice("vi_VN-vais1000-medium", tmp_path, base_url=closed_port_url(), timeout=2)
    assert "Internet" in info.value.message and not list(tmp_path.iterdir())
