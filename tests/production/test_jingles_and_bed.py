"""Communes' own jingles and music bed: validated, loudness-matched, heard where they belong."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from broadcast import db, production
from broadcast.audio import ffmpeg
from broadcast.config import Settings
from broadcast.errors import AudioError, InputError
from broadcast.services import communes
from tests.production.conftest import SHORT_SCRIPT, approve_new
from tests.production.test_render import _band_level

pytestmark = pytest.mark.slow


def _tone(path: Path, freq: int, seconds: float, volume: float = 0.9, fmt: str = "wav") -> Path:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"sine=f={freq}:d={seconds}",
            "-af",
            f"volume={volume}",
            str(path.with_suffix(f".{fmt}")),
        ],
        check=True,
    )
    return path.with_suffix(f".{fmt}")


def test_uploaded_jingles_are_used_and_matched(offline: Settings, tmp_path: Path) -> None:
    intro = _tone(tmp_path / "intro", 700, 2.0, volume=0.05)  # very quiet on purpose
    outro = _tone(tmp_path / "outro", 900, 2.0, fmt="mp3")
    with db.session_scope() as session:
        sid = approve_new(session, offline, SHORT_SCRIPT)
        communes.set_jingle(
            session, offline, commune_id=1, slot="intro", data=intro.read_bytes(), filename="Nhạc hiệu.wav"
        )
        communes.set_jingle(session, offline, commune_id=1, slot="outro", data=outro.read_bytes(), filename="ket.mp3")
    with db.session_scope() as session:
        render = production.render(session, offline, script_id=sid).render
    path, duration = Path(render.path), render.duration_s
    assert _band_level(path, 0.3, 1.2, 700) > _band_level(path, duration / 2, 1.2, 700) + 10
    assert _band_level(path, duration - 1.6, 1.2, 900) > _band_level(path, duration / 2, 1.2, 900) + 10
    # the quiet intro was brought up to the programme's loudness, not left 26 dB down
    intro_level = ffmpeg.measure(_cut(path, 0.0, 1.8, tmp_path / "head.wav")).integrated
    assert abs(intro_level - (-16.0)) < 3


def _cut(path: Path, start: float, length: float, out: Path) -> Path:
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-ss", str(start), "-t", str(length), "-i", str(path), str(out)], check=True
    )
    return out


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("hong.wav", b"RIFF0000WAVEjunk", "hỏng"),
        ("nhac.ogg", b"OggS", "WAV hoặc MP3"),
    ],
)
def test_bad_jingle_uploads_are_refused(offline: Settings, name: str, data: bytes, words: str) -> None:
    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
    with pytest.raises(AudioError) as info, db.session_scope() as session:
        communes.set_jingle(session, offline, commune_id=1, slot="intro", data=data, filename=name)
    assert words in info.value.message
    assert not list((offline.jingle_dir).rglob("*.wav"))


def test_too_long_jingle_is_refused(offline: Settings, tmp_path: Path) -> None:
    long = _tone(tmp_path / "dai", 500, 31)
    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
        with pytest.raises(AudioError) as info:
            communes.set_jingle(
                session, offline, commune_id=1, slot="outro", data=long.read_bytes(), filename="dai.wav"
            )
    assert "30 giây" in info.value.message


def test_music_bed_is_ducked_under_speech(offline: Settings, tmp_path: Path) -> None:
    bed = _tone(tmp_path / "bed", 330, 20)
    with db.session_scope() as session:
        sid = approve_new(session, offline, SHORT_SCRIPT)
        communes.set_jingle(session, offline, commune_id=1, slot="bed", data=bed.read_bytes(), filename="nen.wav")
    with db.session_scope() as session:
        render = production.render(session, offline, script_id=sid).render
    measured = ffmpeg.measure(Path(render.path))
    assert abs(measured.integrated + 16) <= 1 and measured.true_peak <= -1
    assert _band_level(Path(render.path), render.duration_s / 2, 2.0, 330) > -70  # the bed is there, under the voice


def test_settings_are_validated(offline: Settings) -> None:
    with db.session_scope() as session:
        communes.create_commune(session, name="xã Tân Lập")
        for bad in (
            communes.AudioSettings(engine_chain=["google"]),
            communes.AudioSettings(speech_rate=20),
            communes.AudioSettings(loudness_target=0),
            communes.AudioSettings(espeak_voice="en"),
            communes.AudioSettings(opening_template="  "),
        ):
            with pytest.raises(InputError):
                communes.configure(session, commune_id=1, changes=bad)
        c = communes.configure(
            session,
            commune_id=1,
            changes=communes.AudioSettings(
                engine_chain=["edge", "espeak"], speech_rate=130, loudness_target=-18, espeak_voice="vi-vn-x-south"
            ),
        )
        assert c.engine_chain == ["edge", "espeak"] and c.speech_rate == 130


def test_other_target_and_voice_are_honoured(offline: Settings) -> None:
    with db.session_scope() as session:
        sid = approve_new(session, offline, SHORT_SCRIPT)
        communes.configure(
            session,
            commune_id=1,
            changes=communes.AudioSettings(loudness_target=-20, espeak_voice="vi-vn-x-south", horn_profile=False),
        )
    with db.session_scope() as session:
        render = production.render(session, offline, script_id=sid, profile=production.Profile.LOA_KEO).render
    assert abs(ffmpeg.measure(Path(render.path)).integrated + 20) <= 1
    assert {e["voice"] for e in render.engines} == {"vi-vn-x-south"}
