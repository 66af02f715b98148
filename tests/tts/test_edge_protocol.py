"""edge-tts for real: the library speaks its WebSocket protocol to a local fake of Edge."""

from __future__ import annotations

import subprocess
import time

import pytest

from broadcast.errors import EngineTimeoutError
from broadcast.tts.chain import EngineChain, SentenceCache
from broadcast.tts.edge import EdgeEngine, wss_url
from broadcast.tts.espeak import EspeakEngine
from tests.fakes.audio import mp3_seconds
from tests.fakes.edge import PATH, fake_edge


def test_wss_url_keeps_the_library_path_and_query() -> None:
    library = "wss://speech.platform.bing.com/consumer/speech/synthesize/readaloud/edge/v1?TrustedClientToken=ABC"
    assert wss_url("ws://127.0.0.1:8123", library) == f"ws://127.0.0.1:8123{PATH}?TrustedClientToken=ABC"
    assert wss_url("wss://proxy.example/edge/", library) == f"wss://proxy.example/edge{PATH}?TrustedClientToken=ABC"


def test_synthesis_through_the_configured_endpoint_gives_a_decodable_mp3() -> None:
    with fake_edge() as edge:
        engine = EdgeEngine(url=edge.url, timeout=10)
        assert engine.available()
        clip = engine.synthesize("Xin chào bà con & các bạn.", voice="vi-VN-NamMinhNeural", rate=145)
    assert clip.fmt == "mp3" and mp3_seconds(clip.audio) > 1.0
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", "-"],
        input=clip.audio,
        capture_output=True,
        check=True,
        text=False,
    ).stdout.decode()
    assert probe.strip() == "mp3,24000,1"
    # the protocol as edge-tts speaks it: token and ids in the query, config then SSML
    assert edge.queries[0]["TrustedClientToken"] and edge.queries[0]["ConnectionId"] and edge.queries[0]["Sec-MS-GEC"]
    assert '"outputFormat":"audio-24khz-48kbitrate-mono-mp3"' in edge.configs[0]
    assert "NamMinhNeural" in edge.ssml[0] and "rate='-17%'" in edge.ssml[0]
    assert edge.texts == ["Xin chào bà con & các bạn."]  # escaped in the SSML, read back whole


def test_a_hanging_edge_is_bounded_by_the_timeout() -> None:
    with fake_edge(hang=True) as edge:
        engine = EdgeEngine(url=edge.url, timeout=1.0)
        t0 = time.monotonic()
        with pytest.raises(EngineTimeoutError):
            engine.synthesize("Xin chào.", voice="vi-VN-HoaiMyNeural", rate=145)
    assert time.monotonic() - t0 < 2.5 and edge.ssml  # it did reach the fake and wait there


def test_the_chain_speaks_with_edge_when_its_endpoint_answers(tmp_path) -> None:
    with fake_edge() as edge:
        chain = EngineChain(
            [EdgeEngine(url=edge.url, timeout=10), EspeakEngine()],
            voice_for=lambda e: e.default_voice,
            rate=145,
            cache=SentenceCache(tmp_path),
        )
        clips = chain.speak_all(["Câu một.", "Câu hai."])
    assert [(c.engine, c.fallback) for c in clips] == [("edge", False), ("edge", False)]
    assert sorted(edge.texts) == ["Câu hai.", "Câu một."]
