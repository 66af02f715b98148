"""An approved script becomes a correct MP3: real espeak-ng and ffmpeg, decoded and measured."""

from __future__ import annotations

import hashlib
import re
import subprocess
import time
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from broadcast import db, production
from broadcast.audio import ffmpeg
from broadcast.config import Settings
from broadcast.errors import IntegrityError, StateError
from broadcast.models import Profile, Render
from broadcast.services import renders
from broadcast.services import scripts as svc
from broadcast.services.communes import get_commune
from tests.production.conftest import BARE_SCRIPT, SHORT_SCRIPT, approve_new

pytestmark = pytest.mark.slow

EXPECTED = {  # profile: (sample rate, channels, bit rate)
    Profile.STATION: (44100, 2, 128000),
    Profile.LOA_KEO: (44100, 1, 128000),
    Profile.IP_SPEAKER: (24000, 1, 48000),
}


def _render(settings: Settings, script_id: int, profile: Profile = Profile.STATION) -> production.RenderJob:
    with db.session_scope() as session:
        return production.render(session, settings, script_id=script_id, profile=profile)


@pytest.mark.parametrize("profile", list(Profile))
def test_mp3_decodes_with_profile_format_loudness_and_tags(offline: Settings, approved: int, profile: Profile) -> None:
    job = _render(offline, approved, profile)
    path = Path(job.render.path)
    assert path.is_file() and path.stat().st_size > 10_000
    assert path.parent == offline.audio_dir / "xa-tan-lap" / "2024-07"
    assert re.fullmatch(r"[a-z0-9-]+\.mp3", path.name) and f"-{approved}" in path.name

    info = ffmpeg.probe(path)
    stream = info["streams"][0]
    rate, channels, bitrate = EXPECTED[profile]
    assert stream["codec_name"] == "mp3"
    assert int(stream["sample_rate"]) == rate and stream["channels"] == channels
    assert int(stream["bit_rate"]) == bitrate
    assert float(info["format"]["duration"]) == pytest.approx(job.render.duration_s, abs=0.1)

    measured = ffmpeg.measure(path)  # independent measurement of the file on disk
    assert abs(measured.integrated - (-16.0)) <= 1.0
    assert measured.true_peak <= -1.0
    assert job.render.lufs == pytest.approx(measured.integrated, abs=0.2)  # pooled chunk blocks vs full decode

    tags = ID3(path)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Bài tuyên truyền về cải cách hành chính tháng 7/2024"
    assert str(tags["TPE1"]) == "xã Tân Lập"
    assert str(tags["TCON"]) == "Cải cách hành chính"
    with db.session_scope() as session:
        _, text, digest = svc.approved_text(session, script_id=approved)
    assert (
        tags.getall("COMM:approved-text-sha256:vie")[0].text[0] == digest == hashlib.sha256(text.encode()).hexdigest()
    )
    assert not list(path.parent.glob(".*part*"))  # no temp files left


def _band_level(path: Path, start: float, length: float, freq: float) -> float:
    """Mean level (dB) of a narrow band around freq in [start, start+length)."""
    out = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-ss",
            str(start),
            "-t",
            str(length),
            "-i",
            str(path),
            "-af",
            f"bandpass=f={freq}:width_type=h:w=40,volumedetect",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    ).stderr
    return float(re.search(r"mean_volume: (-?[\d.]+) dB", out).group(1))


def test_jingles_at_start_and_end(offline: Settings, approved: int) -> None:
    job = _render(offline, approved)
    path, duration = Path(job.render.path), job.render.duration_s
    chime = 1568.0  # the default chime's third note
    start = _band_level(path, 0.5, 1.2, chime)
    end = _band_level(path, duration - 1.5, 1.2, chime)
    middle = _band_level(path, duration / 2 - 0.6, 1.2, chime)
    assert start > middle + 10 and end > middle + 10


@pytest.mark.parametrize("text, own_lines", [(SHORT_SCRIPT, True), (BARE_SCRIPT, False)])
def test_opening_and_closing_spoken_exactly_once(offline: Settings, text: str, own_lines: bool) -> None:
    with db.session_scope() as session:
        sid = approve_new(session, offline, text)
    job = _render(offline, sid)
    spoken = job.render.spoken_text.lower()
    assert (job.script.opening_text is not None) == own_lines  # the script's own line, or the commune template
    assert spoken.count("kính thưa bà con") == 1
    assert spoken.count("đến đây là hết") == 1
    assert spoken.index("kính thưa") < spoken.index("đến đây là hết")
    assert not re.search(r"\d", spoken)


def test_offline_fallback_is_quick_and_reported(offline: Settings, approved: int) -> None:
    t0 = time.monotonic()
    with db.session_scope() as session:
        chain = production._chain(
            production.RenderJob(
                script_id=approved, profile=Profile.STATION, commune=get_commune(session, commune_id=1)
            ),
            offline,
        )
        ready = chain.ready_engines()
    assert time.monotonic() - t0 < 1.0
    assert [e.name for e in ready] == ["espeak"] and chain.skipped == ["gtts"]
    job = _render(offline, approved)
    assert {e["engine"] for e in job.render.engines} == {"espeak"}
    assert job.render.offline_voice is True
    assert "espeak-ng" in production.offline_notice(job)


def test_unapproved_script_cannot_be_rendered(offline: Settings) -> None:
    with db.session_scope() as session:
        from broadcast.services import communes

        commune = communes.create_commune(session, name="xã Tân Lập")
        script, _ = svc.add_script_text(session, offline, commune_id=commune.id, text=SHORT_SCRIPT)
        sid = script.id
    with pytest.raises(StateError):
        _render(offline, sid)
    assert not any(offline.audio_dir.rglob("*.mp3"))


def test_edit_makes_render_stale_and_cache_resynthesises_one_sentence(offline: Settings, approved: int) -> None:
    first = _render(offline, approved)
    assert not any(e["cached"] for e in first.render.engines)
    with db.session_scope() as session:
        assert renders.current_render(session, script_id=approved).id == first.render.id
        svc.edit_script_text(
            session, offline, script_id=approved, text=SHORT_SCRIPT.replace("0987.654.321", "0912.345.678")
        )
    with db.session_scope() as session:
        stale = session.get(Render, first.render.id)
        assert renders.is_stale(session, stale)
        with pytest.raises(IntegrityError):
            renders.current_render(session, script_id=approved)
        with pytest.raises(StateError):  # back to chờ duyệt: cannot be rendered either
            production.render(session, offline, script_id=approved)
        svc.approve(
            session,
            script_id=approved,
            text_hash=svc.fingerprint(session, script_id=approved),
            by="Ma Thịnh Giáp",
            chuc_vu="Chủ tịch UBND xã",
        )
    second = _render(offline, approved)
    fresh = [e["sentence"] for e in second.render.engines if not e["cached"]]
    assert len(fresh) == 1 and "không chín một hai" in fresh[0]
    with db.session_scope() as session:
        assert renders.current_render(session, script_id=approved).id == second.render.id
